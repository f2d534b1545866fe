"""Tap to the next frame: home to topic, topic to topic by swipe, a language switch and Back, on the real kiosk.

    .venv/bin/python bench/taps.py [--taps 200] [--pause-ms 30] [--json PATH]

The kiosk is built as `python -m kiosk` builds it (kiosk_build.py), fullscreen at 1920x1080 offscreen, with the
reader warmed up as after the first frame. A finger (finger.py) goes round: tap a home tile, swipe left on the
topic's text, tap the other language in the bottom bar, tap Back. Each figure is the time from the lift to the end
of the frame that shows the result (frame_clock.py); the budget is one frame at 60 Hz for the 95th percentile.

Offscreen, a frame ends when Qt has painted it into the window's backing store in memory; on the lobby's display
the copy to the screen comes on top, so these are lower bounds of what a visitor waits. Below the four, the CPU
time the kiosk's thread used over the same spans (finger.py): what the wall time is made of besides waiting for a
shared CPU.

Every screen is opened once first, and those first visits (the screens are built already, in idle time after the
first frame, as in the kiosk; the first paint of each is still to come) are reported apart; then one
unmeasured round, then `--taps` measured rounds. Between actions the event loop runs for `--pause-ms`, as it would
between a visitor's taps, so what one action set going (timers, animations) is not charged to the next.
"""

from __future__ import annotations

import argparse
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

import kiosk_build
import offscreen
from figures import Figure, figure, report
from finger import Finger
from kiosk_build import Kiosk

SECTION = "tap to the next frame"
FRAME_MS = 16.0  # one frame at 60 Hz, as the budget gives it
SWIPE_PX = -400  # to the left: the next topic


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--taps", type=int, default=200, help="measured rounds, each one of every kind")
    parser.add_argument("--pause-ms", type=int, default=30, help="event loop time between two actions")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    offscreen.use_here()
    with tempfile.TemporaryDirectory(prefix="kiosk-bench-") as state:
        kiosk = kiosk_build.build(Path(state))
        kiosk_build.run_for(kiosk.app, 1.0)  # Chromium's start-up after the first frame is over
        figures = measure(kiosk, args.taps, args.pause_ms / 1000)
        kiosk.stop()
    report(figures, args.json)
    return 0


def measure(kiosk: Kiosk, rounds: int, pause_s: float) -> list[Figure]:
    window, finger = kiosk.window, Finger(kiosk.app, kiosk.window)
    tiles = list(window.home_screen.tiles.values())

    def rest() -> None:
        kiosk_build.run_for(kiosk.app, pause_s)

    first_visits = []
    for tile in tiles:
        first_visits.append(finger.tap(tile))
        rest()
        finger.tap(window.bar.back)
        rest()

    times: dict[str, list[float]] = {"tile": [], "swipe": [], "language": [], "back": []}
    cpu_times: dict[str, list[float]] = {kind: [] for kind in times}

    def one_round(index: int, record: bool) -> None:
        tile = tiles[index % len(tiles)]
        actions: list[tuple[str, Callable[[], float]]] = [
            ("tile", lambda: finger.tap(tile)),
            ("swipe", lambda: finger.swipe(window.current_screen().text_scroll.viewport(), SWIPE_PX)),
            ("language", lambda: finger.tap(window.bar.languages[_other_language(kiosk)])),
            ("back", lambda: finger.tap(window.bar.back)),
        ]
        for kind, act in actions:
            taken = act()
            if record:
                times[kind].append(taken)
                cpu_times[kind].append(finger.last_cpu_ms)
            rest()

    for index in range(len(tiles)):
        one_round(index, record=False)
    for index in range(rounds):
        one_round(index, record=True)
    names = {
        "tile": "home to topic: tap a tile",
        "swipe": "topic to topic: swipe",
        "language": "language switch: tap a language",
        "back": "topic to home: tap Back",
    }
    rows = [figure(SECTION, names[kind], "ms", times[kind], FRAME_MS, statistic="p95") for kind in names]
    rows += [
        figure(SECTION, f"  CPU time of the kiosk's thread, {kind}", "ms", cpu_times[kind], statistic="p95")
        for kind in names
    ]
    rows.append(figure(SECTION, "home to topic, first visit (built after the first frame)", "ms", first_visits))
    return rows


def _other_language(kiosk: Kiosk) -> str:
    codes = kiosk.window.content.language_codes
    return codes[(codes.index(kiosk.window.language) + 1) % len(codes)]


if __name__ == "__main__":
    raise SystemExit(main())
