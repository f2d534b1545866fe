"""The reader's costs: what it adds to the start, how fast a tap shows a page, and memory over many visitors.

    .venv/bin/python bench/reader.py [--repeats 5] [--warm 20] [--cycles 200] [--no-comparisons] [--json PATH]

Offscreen, on the shipped content and its bundled pages; nothing leaves the machine. Every figure is a
median with its spread (min-max) over the repeats. As root (CI), Chromium's sandbox is switched off, as in
the tests; the kiosk itself never does that.

1. Start-up, each in a fresh process: the home screen's first frame with the reader's start-up work in place
   (the kiosk's switches and shared OpenGL contexts; no QtWebEngine library is loaded before the first frame,
   and the probe fails if one is).
2. Tap-to-first-paint of a bundled page: from the tap on "Read here" to Chromium's first contentful paint
   (its own clock) and to the reader hearing of it. The first time is the first tap in a fresh kiosk, which
   starts QtWebEngine as the kiosk does; for comparison, the same had it been started ahead (with what that
   start costs); later is every tap after that.
3. Memory: the process's VmRSS before and after many visitors each opening and leaving the reader.

The budgets (tap to the page seen by the reader: 800 ms the first time, 300 ms later; 20 MB growth over the
visitors) are checked by `make bench` (bench/run.py), which runs this with --no-comparisons: the start-up
comparison (QtWebEngine started ahead) is for this script's own table.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from figures import Figure, figure, report

if TYPE_CHECKING:
    from kiosk.window import KioskWindow

REPO = Path(__file__).resolve().parent.parent
TOPIC = "europe"
SECTION = "reader"
FIRST_TAP_BUDGET_MS = 800
LATER_TAP_BUDGET_MS = 300
GROWTH_BUDGET_MB = 20

# One probe, run in a fresh process for each start-up and cold measurement; it prints one JSON line.
PROBE = r"""
import json, os, sys, time
started = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import kiosk.application
from kiosk.content.loader import load_content
app = kiosk.application.create_application([sys.argv[0]], offscreen=True)
application_ready = time.perf_counter()
from PySide6.QtCore import QTimer
from PySide6.QtTest import QTest
from PySide6.QtCore import Qt
from kiosk.first_frame import FirstFrameWatcher
from kiosk.render import settle
from kiosk.window import KioskWindow
window = KioskWindow(load_content("content.yaml"))
window.resize(1920, 1080)
found = {"application_ms": (application_ready - started) * 1000}
warm_up = sys.argv[1] == "warm-up"

def first_frame():
    found["first_frame_ms"] = (time.perf_counter() - started) * 1000
    if "PySide6.QtWebEngineCore" in sys.modules:
        raise SystemExit("bench: QtWebEngine was loaded before the first frame")
    if warm_up:
        before = time.perf_counter()
        import kiosk.reader.engine
        imported = time.perf_counter()
        window.reader.engine.warm_up()
        found["import_webengine_ms"] = (imported - before) * 1000
        found["start_chromium_ms"] = (time.perf_counter() - imported) * 1000
    QTimer.singleShot(0, tap)

def tap():
    window.open(sys.argv[2])
    settle(app)
    reader = window.reader
    button = window.current_screen().take_along.read_buttons[0]
    state = {}
    def painted():
        state["painted"] = time.perf_counter()
        reader.view.page().runJavaScript(
            "performance.timeOrigin + performance.getEntriesByName('first-contentful-paint')[0].startTime", 1, done
        )
    def done(fcp_epoch_ms):
        found["tap_to_painted_ms"] = (state["painted"] - state["tap"]) * 1000
        found["tap_to_fcp_ms"] = fcp_epoch_ms - state["tap_epoch_ms"]
        print(json.dumps(found), flush=True)
        window.close()
        app.quit()
    reader.painted.connect(painted)
    state["tap_epoch_ms"] = time.time() * 1000
    state["tap"] = time.perf_counter()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)

FirstFrameWatcher(window, first_frame)
window.show()
app.exec()
"""


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=5, help="fresh processes per start-up figure")
    parser.add_argument("--warm", type=int, default=20, help="warm taps measured in one process")
    parser.add_argument("--cycles", type=int, default=200, help="visitors opening and leaving the reader")
    parser.add_argument(
        "--no-comparisons",
        action="store_true",
        help="leave out the first tap had QtWebEngine been started ahead",
    )
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    environment.pop("QTWEBENGINE_CHROMIUM_FLAGS", None)  # set, it would replace the reader's own switches
    if os.geteuid() == 0:
        environment["QTWEBENGINE_DISABLE_SANDBOX"] = "1"  # as in tests/conftest.py: Chromium won't sandbox as root
    os.environ.update(environment)

    print(f"reader benchmark: {args.repeats} fresh processes, {args.warm} warm taps, {args.cycles} visitors\n")
    rows: list[Figure] = []
    # As the kiosk runs: QtWebEngine starts at the first tap on Read here.
    probes = [_probe("no-warm-up", environment) for _ in range(args.repeats)]
    rows.append(
        figure(
            SECTION,
            "tap Read here to the page, first time (starts QtWebEngine)",
            "ms",
            _of(probes, "tap_to_painted_ms"),
            FIRST_TAP_BUDGET_MS,
        )
    )
    rows.append(
        figure(SECTION, "  the same by Chromium's clock (first contentful paint)", "ms", _of(probes, "tap_to_fcp_ms"))
    )
    if not args.no_comparisons:
        warmed = [_probe("warm-up", environment) for _ in range(args.repeats)]
        rows.append(
            figure(
                SECTION,
                "  for comparison, first time had QtWebEngine been started ahead",
                "ms",
                _of(warmed, "tap_to_painted_ms"),
            )
        )
        rows.append(
            figure(SECTION, "    of which: import QtWebEngine's widgets", "ms", _of(warmed, "import_webengine_ms"))
        )
        rows.append(
            figure(SECTION, "    of which: start Chromium, first profile", "ms", _of(warmed, "start_chromium_ms"))
        )
    rows.append(
        figure(
            SECTION,
            "first frame of the home screen (process start to first paint)",
            "ms",
            _of(probes, "first_frame_ms"),
        )
    )
    rows.append(figure(SECTION, "  of which imports and the QApplication", "ms", _of(probes, "application_ms")))
    rows += _in_process(args.warm, args.cycles)
    report(rows, args.json)
    return 0


def _probe(mode: str, environment: dict[str, str]) -> dict[str, float]:
    result = subprocess.run(  # noqa: S603 - this interpreter, with the probe above
        [sys.executable, "-c", PROBE, mode, TOPIC],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=environment,
        timeout=180,
        check=False,
    )
    lines = [line for line in result.stdout.splitlines() if line.startswith("{")]
    if result.returncode != 0 or not lines:
        raise SystemExit(f"the probe failed ({result.returncode}):\n{result.stderr}")
    found: dict[str, float] = json.loads(lines[-1])
    return found


def _in_process(warm: int, cycles: int) -> list[Figure]:
    """Warm taps, then many visitors, in this process: one kiosk window at 1920x1080."""
    from kiosk.application import create_application  # noqa: PLC0415 - Qt only once the probes have run
    from kiosk.content.loader import load_content  # noqa: PLC0415
    from kiosk.reader.engine import ReaderPage, ReaderProfile, ReaderView  # noqa: PLC0415
    from kiosk.render import settle  # noqa: PLC0415
    from kiosk.window import KioskWindow  # noqa: PLC0415

    app = create_application([sys.argv[0]], offscreen=True)
    window = KioskWindow(load_content(REPO / "content.yaml"))
    window.resize(1920, 1080)
    window.show()
    settle(app)
    reader = window.reader
    # The next visitor's profile is made half a second after the last one left (ReaderEngine.RENEW_DELAY_MS):
    # a real next visitor comes later than that, so the warm taps do too.
    renewed_s = reader.engine.RENEW_DELAY_MS / 1000 + 0.2
    _visit(window, renewed_s)  # the first tap (QtWebEngine's start) is measured by the probes
    warm_taps = [_visit(window, renewed_s) for _ in range(warm)]
    _settle_for(app, 1.0)
    before = _rss_mb()
    for _ in range(cycles):
        _visit(window)
    _settle_for(app, 2.0)  # renderers exit and the next visitor's profile is made
    after = _rss_mb()
    left = [len(reader.findChildren(kind)) for kind in (ReaderView, ReaderPage, ReaderProfile)]
    window.close()
    return [
        figure(
            SECTION,
            "tap Read here to the page, later (seen by the reader)",
            "ms",
            [painted for _, painted in warm_taps],
            LATER_TAP_BUDGET_MS,
        ),
        figure(SECTION, "  the same by Chromium's clock (first contentful paint)", "ms", [fcp for fcp, _ in warm_taps]),
        figure(
            SECTION,
            f"memory growth over {cycles} visitors opening and leaving it",
            "MB",
            [after - before],
            GROWTH_BUDGET_MB,
        ),
        figure(SECTION, f"  VmRSS before the {cycles} visitors", "MB", [before]),
        figure(SECTION, "  views, pages, profiles left after them (the next one's profile)", "", [sum(left)]),
    ]


def _visit(window: KioskWindow, then_wait_s: float = 0.0) -> tuple[float, float]:
    """One visitor: tap "Read here", see the page, leave; from the tap to what Chromium first painted, by its
    clock, and to the reader hearing of it."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: PLC0415 - Qt only once the probes have run
    from PySide6.QtTest import QTest  # noqa: PLC0415
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415

    from kiosk.render import settle  # noqa: PLC0415

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    reader = window.reader
    window.open(TOPIC)
    settle(app)
    button = window.current_screen().take_along.read_buttons[0]  # type: ignore[attr-defined]
    loop, seen = QEventLoop(), set[str]()
    heard: list[float] = []

    def arrived(what: str) -> None:
        seen.add(what)
        if what == "painted":
            heard.append(time.perf_counter())
        if len(seen) == 2:
            loop.quit()

    reader.loaded.connect(lambda _url: arrived("loaded"))
    reader.painted.connect(lambda: arrived("painted"))
    QTimer.singleShot(30_000, loop.quit)
    tapped = time.time() * 1000
    tapped_here = time.perf_counter()
    QTest.mouseClick(button, Qt.MouseButton.LeftButton)
    loop.exec()
    reader.loaded.disconnect()
    reader.painted.disconnect()
    if not heard:
        raise SystemExit("the reader did not show the page in 30 s")
    answer: list[float] = []
    assert reader.view is not None
    reader.view.page().runJavaScript(
        "performance.timeOrigin + performance.getEntriesByName('first-contentful-paint')[0].startTime",
        1,
        answer.append,
    )
    _spin_until(lambda: bool(answer))
    window.go_home()
    _spin_until(lambda: reader.view is None)
    _settle_for(app, then_wait_s)
    return answer[0] - tapped, (heard[0] - tapped_here) * 1000


def _spin_until(done: Callable[[], bool], timeout_s: float = 30.0) -> None:
    from PySide6.QtCore import QCoreApplication  # noqa: PLC0415

    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            raise SystemExit("the reader did not answer in time")
        QCoreApplication.processEvents()
        time.sleep(0.001)


def _settle_for(app: object, seconds: float) -> None:
    """Let the event loop run a while: deferred work (renderers ending, the next profile) happens in it."""
    deadline = time.monotonic() + seconds
    _spin_until(lambda: time.monotonic() > deadline, timeout_s=seconds + 1)


def _rss_mb() -> float:
    """VmRSS once Python's garbage and Qt's deferred deletes are gone."""
    from PySide6.QtCore import QCoreApplication, QEvent  # noqa: PLC0415

    gc.collect()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    gc.collect()
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmRSS in /proc/self/status: Linux only")


def _of(found: list[dict[str, float]], key: str) -> list[float]:
    return [run[key] for run in found]


if __name__ == "__main__":
    raise SystemExit(main())
