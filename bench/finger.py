"""A visitor's finger on the kiosk: taps and swipes sent to its window, each timed from the lift to the new frame.

Presses, moves and releases go to the window's QWindow, as the touch screen's (synthesized) mouse events arrive
from the platform: through the input tap, the lobby's listeners, the scroll areas' gesture and swipe filters, to the
control under the finger. Between press and lift the event loop runs, as it does while a finger rests on the glass,
so the pressed look is painted before the clock starts. The clock starts just before the lift (a tap acts on
release) and stops at the end of the first paint pass that painted the screen then current (frame_clock.py), plus
any pass that follows at once without the event loop going idle in between (layout settling); a later pass driven
by a timer (an animation) is not part of the frame.

Beside that wall time, each action notes the CPU time the kiosk's thread used over the same span (`last_cpu_ms`):
the kiosk's own work. Wall time above it is time the thread waited for the CPU, on a shared machine mostly the
machine's other load.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from frame_clock import FrameClock
from kiosk.window import KioskWindow

LEFT = Qt.MouseButton.LeftButton
NO_KEYS = Qt.KeyboardModifier.NoModifier
SWIPE_STEPS = 8
TIMEOUT_S = 20.0


class Finger:
    """Taps and swipes on one kiosk window; each returns the milliseconds from the lift to the new frame."""

    def __init__(self, app: QApplication, window: KioskWindow) -> None:
        self.app = app
        self.window = window
        handle = window.windowHandle()
        if handle is None:
            raise SystemExit("bench: the kiosk window is not shown")
        self.handle: QWindow = handle
        self.clock = FrameClock(window)
        self.last_cpu_ms = 0.0  # the kiosk thread's CPU time over the last tap or swipe, lift to frame

    def tap(self, control: QWidget) -> float:
        point = self._centre(control)
        QTest.mousePress(self.handle, LEFT, NO_KEYS, point)
        self.settle()
        return self._lift(point)

    def swipe(self, area: QWidget, dx: int) -> float:
        """Press in the middle of the area, move sideways by dx in steps, lift."""
        start = self._centre(area)
        QTest.mousePress(self.handle, LEFT, NO_KEYS, start)
        self.settle()
        for step in range(1, SWIPE_STEPS + 1):
            QTest.mouseMove(self.handle, start + QPoint(dx * step // SWIPE_STEPS, 0))
            self.settle()
        return self._lift(start + QPoint(dx, 0))

    def settle(self) -> None:
        """Handle what is waiting, until two rounds of the event loop in a row paint nothing."""
        quiet = 0
        while quiet < 2:
            passes = self.clock.passes
            self.app.processEvents()
            quiet = quiet + 1 if self.clock.passes == passes else 0

    def _lift(self, point: QPoint) -> float:
        self.clock.arm()
        started, started_cpu = time.perf_counter(), time.thread_time()
        # Delivered at once; QTest then runs the event loop itself, so the frame may be painted before this returns.
        QTest.mouseRelease(self.handle, LEFT, NO_KEYS, point)
        deadline = time.monotonic() + TIMEOUT_S
        quiet = 0
        while self.clock.frame_end is None or quiet < 2:
            if time.monotonic() > deadline:
                raise SystemExit(f"bench: no frame showed the {self.window.current} screen within {TIMEOUT_S:.0f} s")
            passes = self.clock.passes
            self.app.processEvents()
            quiet = quiet + 1 if self.clock.passes == passes and self.clock.frame_end is not None else 0
        self.last_cpu_ms = (self.clock.frame_end_cpu - started_cpu) * 1000
        return (self.clock.frame_end - started) * 1000

    def _centre(self, widget: QWidget) -> QPoint:
        point = widget.mapTo(self.window, widget.rect().center())
        if not self.window.rect().contains(point) or widget.visibleRegion().isEmpty():
            raise SystemExit(f"bench: {type(widget).__name__} {widget.objectName()!r} is not where a finger can reach")
        return point
