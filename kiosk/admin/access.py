"""The way from the hidden gesture to the admin panel: long press on the city mark, then the PIN pad."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from kiosk.admin.gesture import HOLD_MS, LongPress
from kiosk.admin.panel import AdminPanel
from kiosk.admin.pin import PinLock
from kiosk.admin.pin_pad import TICK_MS, PinPad
from kiosk.input_tap import InputTap

log = logging.getLogger(__name__)


class AdminAccess(QObject):
    """Owns the gesture, the PIN pad and the panel of one window; `close()` shuts all of them (session reset)."""

    def __init__(
        self,
        window: QWidget,
        panel: AdminPanel,
        lock: PinLock,
        mark: Callable[[], QWidget | None],
        *,
        hold_ms: int = HOLD_MS,
        tick_ms: int = TICK_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else window)
        self.window = window
        self.panel = panel
        self.pin_pad = PinPad(window, lock, tick_ms=tick_ms)
        self.gesture = LongPress(mark, hold_ms, self)
        self.gesture.triggered.connect(self.ask_pin)
        self.pin_pad.accepted.connect(self.panel.show_panel)
        self.pin_pad.cancelled.connect(lambda: log.info("admin PIN pad cancelled"))

    def install(self, tap: InputTap | None = None) -> None:
        """Listen for the gesture at the window (through the application's input tap if none is given)."""
        tap = tap or InputTap.of()
        tap.watch(self.window)
        self.gesture.install(tap)

    def uninstall(self) -> None:
        self.gesture.uninstall()

    def ask_pin(self) -> None:
        """The step between the gesture and the panel; a test may replace it."""
        if self.panel.isVisible() or self.pin_pad.isVisible():
            return
        log.info("admin gesture recognised; asking for the PIN")
        self.pin_pad.ask()

    def close(self) -> None:
        self.pin_pad.close_pad()
        self.panel.close_panel()
