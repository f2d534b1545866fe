"""Memory of the real kiosk: resident size at idle on the home screen, and growth over many navigations.

    .venv/bin/python bench/memory.py [--navigations 10000] [--warm-up 500] [--json PATH]

The kiosk is built as `python -m kiosk` builds it (kiosk_build.py), fullscreen at 1920x1080 offscreen. At idle:
VmRSS of the kiosk's process on home after its first frame and the screens built after it, as it waits for its first
visitor; then once QtWebEngine is in the process (a first "Read here" starts it, and it stays). Growth: a seeded
random visitor's finger (finger.py) taps tiles, swipes, taps the arrows, the languages, Back and Home; after the
warm-up navigations VmRSS is taken, then again after `--navigations` more. Each reading follows a garbage collection
and the deferred deletes, so what Python or Qt would free at once is not counted as growth.
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent

import kiosk_build
import offscreen
from figures import Figure, figure, report
from finger import Finger
from kiosk.screens import HOME
from kiosk_build import Kiosk

SECTION = "memory"
IDLE_BUDGET_MB = 150
NAVIGATION_BUDGET_MB = 5
IDLE_SAMPLES = 5
SEED = 20261128
SWIPE_PX = 400


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--navigations", type=int, default=10_000, help="measured navigations after the warm-up")
    parser.add_argument("--warm-up", type=int, default=500, help="navigations before the first reading")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    offscreen.use_here()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as state:
        kiosk = kiosk_build.build(Path(state))
        figures = measure(kiosk, args.navigations, args.warm_up)
        kiosk.stop()
    report(figures, args.json)
    return 0


def measure(kiosk: Kiosk, navigations: int, warm_up: int) -> list[Figure]:
    app = kiosk.app
    kiosk_build.run_for(app, 1.0)
    idle = []
    for _ in range(IDLE_SAMPLES):  # as the kiosk waits for its first visitor: QtWebEngine not started
        kiosk_build.run_for(app, 0.5)
        idle.append(settled_rss_mb())
    kiosk.window.reader.engine.warm_up()  # what a first "Read here" starts: Chromium, a visitor's profile
    kiosk_build.run_for(app, 3.0)
    after_reader = settled_rss_mb()
    with_helpers = rss_mb(os.getpid(), with_children=True)

    walk = Walk(kiosk)
    walk.go(warm_up)
    start = settled_rss_mb()
    readings = [start]
    started = time.monotonic()
    step = max(1, navigations // 10)
    for done in range(0, navigations, step):
        walk.go(min(step, navigations - done))
        readings.append(settled_rss_mb())
    seconds = time.monotonic() - started
    growth = figure(
        SECTION,
        f"growth over {navigations} navigations after {warm_up}",
        "MB",
        [readings[-1] - start],
        NAVIGATION_BUDGET_MB,
        extra={"readings_mb": readings, "seconds": seconds, "screens": dict(walk.opened)},
    )
    return [
        figure(SECTION, "RSS at idle on home", "MB", idle, IDLE_BUDGET_MB),
        figure(SECTION, "  the same once a visitor has read a page (QtWebEngine loaded)", "MB", [after_reader]),
        figure(SECTION, "  ... with its Chromium processes", "MB", [with_helpers]),
        growth,
    ]


class Walk:
    """A seeded random visitor: what they tap next depends on the screen they are on."""

    def __init__(self, kiosk: Kiosk) -> None:
        self.kiosk = kiosk
        self.finger = Finger(kiosk.app, kiosk.window)
        self.random = random.Random(SEED)  # noqa: S311 - a repeatable visitor, not a secret
        self.opened: dict[str, int] = {}

    def go(self, navigations: int) -> None:
        window = self.kiosk.window
        for _ in range(navigations):
            action = self.random.choice(self._home() if window.current == HOME else self._topic())
            action()
            self.opened[window.current] = self.opened.get(window.current, 0) + 1

    def _home(self) -> list[Callable[[], float]]:
        window, finger = self.kiosk.window, self.finger
        tiles = [lambda tile=tile: finger.tap(tile) for tile in window.home_screen.tiles.values()]
        return [*tiles, self._language]

    def _topic(self) -> list[Callable[[], float]]:
        window, finger = self.kiosk.window, self.finger
        bar = window.bar

        def swipe(dx: int) -> float:
            return finger.swipe(window.current_screen().text_scroll.viewport(), dx)

        return [
            lambda: swipe(-SWIPE_PX),
            lambda: swipe(SWIPE_PX),
            lambda: finger.tap(bar.next),
            lambda: finger.tap(bar.previous),
            self._language,
            lambda: finger.tap(bar.back),
            lambda: finger.tap(bar.home),
        ]

    def _language(self) -> float:
        window = self.kiosk.window
        others = [code for code in window.content.language_codes if code != window.language]
        return self.finger.tap(window.bar.languages[self.random.choice(others)])


def settled_rss_mb() -> float:
    """VmRSS once Python's garbage and Qt's deferred deletes are gone."""
    app = QCoreApplication.instance()
    for _ in range(2):
        gc.collect()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        if app is not None:
            app.processEvents()
    return statistics.median(rss_mb(os.getpid()) for _ in range(3))


def rss_mb(pid: int, *, with_children: bool = False) -> float:
    """VmRSS of a process in MB (2**20 bytes), and of all its descendants if asked."""
    total = 0.0
    for line in Path(f"/proc/{pid}/status").read_text(encoding="ascii").splitlines():
        if line.startswith("VmRSS:"):
            total = int(line.split()[1]) / 1024
    if with_children:
        for child in _children(pid):
            try:
                total += rss_mb(child, with_children=True)
            except OSError:  # it ended meanwhile
                continue
    return total


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(child) for child in (task / "children").read_text(encoding="ascii").split()]
        except OSError:
            continue
    return found


if __name__ == "__main__":
    raise SystemExit(main())
