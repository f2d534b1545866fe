"""Notices when nobody has touched the kiosk for a while, counts down the warning, and times the attract loop."""

from __future__ import annotations

import enum
import logging
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QWidget

from kiosk.content.model import Settings
from kiosk.input_tap import INPUT_EVENTS, InputTap

log = logging.getLogger(__name__)

# Every way a visitor (or a keyboard-using visitor, or staff with a mouse) shows they are there.
ACTIVITY_EVENTS = INPUT_EVENTS


@dataclass(frozen=True, slots=True)
class SessionTimings:
    """How long each step between visitors lasts; tests shorten `second_ms` so a countdown takes milliseconds."""

    idle_ms: int
    warning_s: int
    attract_ms: int
    second_ms: int = 1000

    @classmethod
    def from_settings(cls, settings: Settings, second_ms: int = 1000) -> SessionTimings:
        return cls(
            idle_ms=settings.idle_timeout_s * second_ms,
            warning_s=settings.idle_warning_s,
            attract_ms=settings.attract_after_s * second_ms,
            second_ms=second_ms,
        )


class IdleState(enum.Enum):
    ACTIVE = "active"  # someone is using the kiosk, or was until recently
    WARNING = "warning"  # "Still there?" is counting down
    RESTING = "resting"  # reset for the next visitor; the attract loop is due after a while
    ATTRACT = "attract"  # the attract loop is showing


class IdleWatcher(QObject):
    """Every touch, click, key and wheel turn at the kiosk's windows (kiosk/input_tap.py) restarts the idle time.

    While the warning or the attract loop is on screen, input is theirs to handle: the tap that answers
    "Still there?" is swallowed by the overlay, which then calls `restart()`.
    """

    warning = Signal(int)  # the countdown starts: seconds left
    countdown = Signal(int)  # seconds left, once a second, down to 0
    expired = Signal()  # nobody answered: reset the session
    attract_due = Signal()  # rested long enough after a reset: start the attract loop

    def __init__(self, timings: SessionTimings, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.timings = timings
        self.state = IdleState.ACTIVE
        self.seconds_left = timings.warning_s
        self._tap: InputTap | None = None
        self._idle = self._timer(timings.idle_ms, single=True)
        self._idle.timeout.connect(self._start_warning)
        self._tick = self._timer(timings.second_ms, single=False)
        self._tick.timeout.connect(self._count_down)
        self._rest = self._timer(timings.attract_ms, single=True)
        self._rest.timeout.connect(self._start_attract)

    def _timer(self, interval_ms: int, *, single: bool) -> QTimer:
        timer = QTimer(self)
        timer.setSingleShot(single)
        timer.setInterval(interval_ms)
        return timer

    @property
    def time_to_warning_ms(self) -> int:
        """Milliseconds until "Still there?" if nobody touches the kiosk; -1 while that is not counting."""
        return self._idle.remainingTime() if self._idle.isActive() else -1

    def set_timings(self, timings: SessionTimings) -> None:
        """New timings (a new content version); they apply from the next step on."""
        self.timings = timings
        self._idle.setInterval(timings.idle_ms)
        self._tick.setInterval(timings.second_ms)
        self._rest.setInterval(timings.attract_ms)

    def install(self, tap: InputTap | None = None) -> None:
        """Start watching every input event that reaches a window the tap watches (the application's tap if none)."""
        self._tap = tap or InputTap.of()
        self._tap.listen(ACTIVITY_EVENTS, self._input)
        self.restart()

    def uninstall(self) -> None:
        if self._tap is not None:
            self._tap.unlisten(self._input)
            self._tap = None
        for timer in (self._idle, self._tick, self._rest):
            timer.stop()

    def restart(self) -> None:
        """Someone is there: the idle time starts from zero."""
        self._tick.stop()
        self._rest.stop()
        self.state = IdleState.ACTIVE
        self._idle.start()

    def rest(self) -> None:
        """The session was reset: wait for the next visitor, and start the attract loop if none comes."""
        self._idle.stop()
        self._tick.stop()
        self.state = IdleState.RESTING
        self._rest.start()

    def _input(self, _window: QWidget, event: QEvent) -> bool:
        if event.type() in ACTIVITY_EVENTS and self.state in (IdleState.ACTIVE, IdleState.RESTING):
            if self.state is IdleState.RESTING:
                self._rest.stop()
                self.state = IdleState.ACTIVE
            self._idle.start()
        return False

    def _start_warning(self) -> None:
        self.state = IdleState.WARNING
        self.seconds_left = self.timings.warning_s
        idle_s = self.timings.idle_ms // max(1, self.timings.second_ms)
        log.info("no touch for %d s: asking whether the visitor is still there", idle_s)
        self.warning.emit(self.seconds_left)
        self._tick.start()

    def _count_down(self) -> None:
        self.seconds_left -= 1
        self.countdown.emit(self.seconds_left)
        if self.seconds_left <= 0:
            self._tick.stop()
            self.expired.emit()

    def _start_attract(self) -> None:
        self.state = IdleState.ATTRACT
        self.attract_due.emit()
