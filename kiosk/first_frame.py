"""Notices the first time the window is really painted, for the ready log line and start-up benchmarks."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class FirstFrameWatcher(QObject):
    """Calls back once, right after the window's first paint event has been handled."""

    def __init__(self, window: QWidget, on_first_frame: Callable[[], None]) -> None:
        super().__init__(window)
        self._callback: Callable[[], None] | None = on_first_frame
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self._callback is not None:
            callback, self._callback = self._callback, None
            watched.removeEventFilter(self)
            QTimer.singleShot(0, callback)  # after this paint has finished
        return False
