"""The reader's costs: what it adds to the start, how fast a tap shows a page, and memory over many visitors.

    .venv/bin/python bench/reader.py [--repeats 5] [--warm 20] [--cycles 200]

Offscreen, on the shipped content and its bundled pages; nothing leaves the machine. Every figure is a
median with its spread (min-max) over the repeats. As root (CI), Chromium's sandbox is switched off, as in
the tests; the kiosk itself never does that.

1. Start-up, each in a fresh process: the home screen's first frame with the reader's start-up work in place
   (kiosk:// registered, so QtWebEngineCore is loaded), then what runs after it: importing QtWebEngine's
   widgets and starting Chromium with the first visitor's profile. The real program is measured too.
2. Tap-to-first-paint of a bundled page: from the tap on "Read here" to Chromium's first contentful paint
   (its own clock) and to the reader hearing of it. Cold is the first tap in a fresh kiosk (QtWebEngine
   already started after the first frame, as the kiosk does); warm is every tap after that.
3. Memory: the process's VmRSS before and after many visitors each opening and leaving the reader.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TOPIC = "europe"

# One probe, run in a fresh process for each start-up and cold measurement; it prints one JSON line.
PROBE = r"""
import json, os, sys, time
started = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
import kiosk.application
from kiosk.content import load_content
if sys.argv[1] == "baseline":  # as if there were no reader: QtWebEngine never loaded
    kiosk.application.prepare_web_engine = lambda argv, environ=None: list(argv)
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
    found["webengine_loaded_at_first_frame"] = "PySide6.QtWebEngineCore" in sys.modules
    if sys.argv[1] == "baseline":
        print(json.dumps(found), flush=True)
        app.quit()
        return
    if warm_up:
        before = time.perf_counter()
        import kiosk.reader.engine
        imported = time.perf_counter()
        window.warm_up_reader()
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
    args = parser.parse_args(argv)
    environment = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    if os.geteuid() == 0:
        environment["QTWEBENGINE_DISABLE_SANDBOX"] = "1"  # as in tests/conftest.py: Chromium won't sandbox as root
    os.environ.update(environment)

    print(f"reader benchmark: {args.repeats} fresh processes, {args.warm} warm taps, {args.cycles} visitors\n")
    rows: list[tuple[str, list[float], str]] = []
    probes = [_probe("warm-up", environment) for _ in range(args.repeats)]
    baseline = [_probe("baseline", environment) for _ in range(args.repeats)]
    assert not any(run["webengine_loaded_at_first_frame"] for run in baseline)
    rows.append(("first frame of the home screen (process start to first paint)", _of(probes, "first_frame_ms"), "ms"))
    rows.append(("  the same without any QtWebEngine (baseline)", _of(baseline, "first_frame_ms"), "ms"))
    rows.append(("  of which the QApplication, kiosk:// registered", _of(probes, "application_ms"), "ms"))
    rows.append(("after the first frame: import QtWebEngine's widgets", _of(probes, "import_webengine_ms"), "ms"))
    rows.append(("after the first frame: start Chromium, first profile", _of(probes, "start_chromium_ms"), "ms"))
    rows.append(("tap to first contentful paint, cold (Chromium's clock)", _of(probes, "tap_to_fcp_ms"), "ms"))
    rows.append(("tap to first paint seen by the reader, cold", _of(probes, "tap_to_painted_ms"), "ms"))
    unwarmed = [_probe("no-warm-up", environment) for _ in range(args.repeats)]
    rows.append(("  for comparison, cold without the warm-up", _of(unwarmed, "tap_to_fcp_ms"), "ms"))
    real = [_real_start(environment) for _ in range(args.repeats)]
    rows.append(("the real program: start to first frame painted", [r[0] for r in real], "ms"))
    rows.append(("the real program: start to the reader ready", [r[1] for r in real], "ms"))
    rows += _in_process(args.warm, args.cycles)
    _print(rows)
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


def _real_start(environment: dict[str, str]) -> tuple[float, float]:
    """python -m kiosk --windowed: times from the start to its 'first frame' and 'reader is ready' log lines."""
    import tempfile  # noqa: PLC0415 - only here

    with tempfile.TemporaryDirectory() as state:
        started = time.perf_counter()
        process = subprocess.Popen(  # noqa: S603 - the kiosk itself, as IT staff start it
            [sys.executable, "-m", "kiosk", "--windowed", "--state-dir", state],
            cwd=REPO,
            env=environment,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert process.stderr is not None
        first_frame = ready = 0.0
        for line in process.stderr:
            if "first frame painted" in line:
                first_frame = (time.perf_counter() - started) * 1000
            if "the reader is ready" in line:
                ready = (time.perf_counter() - started) * 1000
                break
        process.terminate()
        process.communicate(timeout=60)
    return first_frame, ready


def _in_process(warm: int, cycles: int) -> list[tuple[str, list[float], str]]:
    """Warm taps, then many visitors, in this process: one kiosk window at 1920x1080."""
    from PySide6.QtCore import QEventLoop, Qt, QTimer  # noqa: PLC0415 - Qt only once the probes have run
    from PySide6.QtTest import QTest  # noqa: PLC0415

    from kiosk.application import create_application  # noqa: PLC0415
    from kiosk.content import load_content  # noqa: PLC0415
    from kiosk.render import settle  # noqa: PLC0415
    from kiosk.window import KioskWindow  # noqa: PLC0415

    app = create_application([sys.argv[0]], offscreen=True)
    window = KioskWindow(load_content(REPO / "content.yaml"))
    window.resize(1920, 1080)
    window.show()
    settle(app)
    window.warm_up_reader()
    reader = window.reader

    def wait_for(*signals: object, timeout_ms: int = 30_000) -> None:
        loop, seen = QEventLoop(), set()
        for index, signal in enumerate(signals):
            signal.connect(lambda *_, i=index: (seen.add(i), len(seen) == len(signals) and loop.quit()))  # type: ignore[attr-defined]
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        for signal in signals:
            signal.disconnect()  # type: ignore[attr-defined]

    def visit(then_wait_s: float = 0.0) -> float:
        """One visitor: tap "Read here", see the page, leave; the time from tap to what Chromium first painted."""
        window.open(TOPIC)
        settle(app)
        button = window.current_screen().take_along.read_buttons[0]  # type: ignore[attr-defined]
        tapped = time.time() * 1000
        QTest.mouseClick(button, Qt.MouseButton.LeftButton)
        wait_for(reader.loaded, reader.painted)
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
        return answer[0] - tapped

    # The next visitor's profile is made half a second after the last one left (ReaderEngine.RENEW_DELAY_MS):
    # a real next visitor comes later than that, so the warm taps do too.
    renewed_s = reader.engine.RENEW_DELAY_MS / 1000 + 0.2
    visit(renewed_s)  # the cold tap is measured by the probes
    warm_taps = [visit(renewed_s) for _ in range(warm)]
    _settle_for(app, 1.0)
    before = _rss_mb()
    for _ in range(cycles):
        visit()
    _settle_for(app, 2.0)  # renderers exit and the next visitor's profile is made
    after = _rss_mb()
    from kiosk.reader.engine import ReaderPage, ReaderProfile, ReaderView  # noqa: PLC0415

    left = [len(reader.findChildren(kind)) for kind in (ReaderView, ReaderPage, ReaderProfile)]
    window.close()
    return [
        ("tap to first contentful paint, warm (Chromium's clock)", warm_taps, "ms"),
        (f"VmRSS before {cycles} visitors", [before], "MB"),
        (f"VmRSS after {cycles} visitors", [after], "MB"),
        (f"growth over {cycles} visitors (target: under 20 MB)", [after - before], "MB"),
        (f"views, pages, profiles left after {cycles} visitors (the next one's profile)", [sum(left)], ""),
    ]


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
    for line in Path("/proc/self/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise SystemExit("no VmRSS in /proc/self/status: Linux only")


def _of(found: list[dict[str, float]], key: str) -> list[float]:
    return [run[key] for run in found]


def _print(rows: list[tuple[str, list[float], str]]) -> None:
    width = max(len(name) for name, _, _ in rows)
    print(f"{'':{width}}  {'median':>9}  {'spread (min-max)':>20}  runs")
    for name, values, unit in rows:
        spread = f"{min(values):.1f}-{max(values):.1f}" if len(values) > 1 else ""
        print(f"{name:{width}}  {statistics.median(values):>7.1f}{unit:>2}  {spread:>20}  {len(values):>4}")


if __name__ == "__main__":
    raise SystemExit(main())
