"""One visitor's session from first touch to reset: the idle warning, the reset itself and the attract loop."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal

from kiosk.input_tap import InputTap
from kiosk.screens import HOME
from kiosk.screens.attract import FADE_MS, SLIDE_MS, AttractScreen
from kiosk.session.idle import IdleState, IdleWatcher, SessionTimings
from kiosk.session.still_there import StillThereOverlay
from kiosk.window import KioskWindow

log = logging.getLogger(__name__)


class SessionController(QObject):
    """Owns the reset for the next visitor; anything else that keeps visitor state connects to `session_reset`.

    The window itself goes home, to the default language, with every screen at its top; the admin panel,
    the reader and the accessibility toggles each connect a slot to `session_reset` that drops their own state.
    """

    session_reset = Signal()

    def __init__(
        self,
        window: KioskWindow,
        timings: SessionTimings,
        *,
        slide_ms: int = SLIDE_MS,
        fade_ms: int = FADE_MS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent if parent is not None else window)
        self.window = window
        self.watcher = IdleWatcher(timings, self)
        self.still_there = StillThereOverlay(window)
        self.attract = AttractScreen(window, slide_ms=slide_ms, fade_ms=fade_ms)
        self.watcher.warning.connect(self._warn)
        self.watcher.countdown.connect(self.still_there.set_seconds)
        self.watcher.expired.connect(lambda: self.reset("idle"))
        self.watcher.attract_due.connect(self._attract)
        self.still_there.dismissed.connect(self._still_there)
        self.attract.dismissed.connect(self._visitor_arrived)
        window.content_replaced.connect(self._content_replaced)

    def start(self, tap: InputTap | None = None) -> None:
        """Watch the window's input from now on (through the application's input tap if none is given)."""
        tap = tap or InputTap.of()
        tap.watch(self.window)
        self.watcher.install(tap)

    def stop(self) -> None:
        self.watcher.uninstall()
        self.still_there.hide()
        self.attract.stop()

    def reset(self, reason: str = "idle") -> None:
        """Everything back to how the next visitor should find it; then wait, and start the attract loop."""
        self.still_there.hide()
        self.attract.stop()
        self.window.reset()
        self.session_reset.emit()
        self.watcher.rest()
        log.info("session reset (%s): home screen, %s", reason, self.window.language)

    def _warn(self, seconds: int) -> None:
        self.still_there.ask(self.window.content, self.window.language, seconds)

    def _still_there(self) -> None:
        self.still_there.hide()
        self.watcher.restart()
        log.info("the visitor is still there")

    def _attract(self) -> None:
        log.info("starting the attract loop")
        self.attract.start(self.window.content)

    def _content_replaced(self) -> None:
        if self.attract.isVisible():
            self.attract.start(self.window.content)  # the loop shows the new topics from the next slide

    def _visitor_arrived(self) -> None:
        self.attract.stop()
        if self.window.current != HOME:
            self.window.go_home()
        self.watcher.restart()
        log.info("a visitor tapped the attract loop; showing the home screen")

    @property
    def state(self) -> IdleState:
        return self.watcher.state
