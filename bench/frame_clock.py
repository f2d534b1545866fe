"""Notes when a frame showing a given screen has been painted, by timing the window's own paint passes.

How Qt paints a widget window: an update() anywhere in it marks a region dirty and posts one UpdateRequest event
to the top-level widget; handling that event paints every dirty widget, parents before children, into the
backing store and flushes it to the screen. One UpdateRequest is therefore one frame, and the end of its handling
is the moment the frame is complete.

An event filter sees an event before it is handled, never after. So for UpdateRequest this filter hands the event
to the window's own event() itself, notes the time when that returns, and reports the event as handled: exactly
the work Qt would have done, with a clock around it. A second filter, on the screen the frame is expected to show,
notes whether that screen received a Paint event inside the pass, so a pass that only repainted a pressed button
is not mistaken for the new screen.

Nothing is installed on the application (an application-wide Python event filter crashes PySide 6.9-6.11 with
QtWebEngine, kiosk/input_tap.py): only on the window and on the expected screen.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QWidget

from kiosk.window import KioskWindow


class FrameClock(QObject):
    """Times each paint pass of the kiosk window; once armed, notes the end of the first pass that painted the screen
    current when that pass began, and of every pass after it."""

    def __init__(self, window: KioskWindow) -> None:
        super().__init__(window)
        self._window = window
        self._inside = False
        self._armed = False
        self._watched: QWidget | None = None
        self._watched_painted = False
        self.passes = 0  # paint passes so far
        self.frame_end: float | None = None  # perf_counter() at the end of the awaited frame and the passes after it
        self.frame_end_cpu = 0.0  # thread_time() at that moment: the CPU this thread had used by then
        window.installEventFilter(self)

    def arm(self) -> None:
        """From now on, wait for a pass that paints the current screen (whichever it is by then)."""
        self._armed = True
        self.frame_end = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.UpdateRequest and watched is self._window and not self._inside:
            if self._armed:
                self._watch(self._window.current_screen())
            self._inside = True
            self._watched_painted = False
            try:
                self._window.event(event)
            finally:
                self._inside = False
            end, end_cpu = time.perf_counter(), time.thread_time()
            self.passes += 1
            if self._armed and (self._watched_painted or self.frame_end is not None):
                self.frame_end, self.frame_end_cpu = end, end_cpu
            return True
        if kind == QEvent.Type.Paint and watched is self._watched and self._inside:
            self._watched_painted = True
        return False

    def _watch(self, screen: QWidget) -> None:
        if screen is not self._watched:
            if self._watched is not None:
                self._watched.removeEventFilter(self)
            self._watched = screen
            screen.installEventFilter(self)
