"""Crash containment: an error in a slot or event handler is logged and the kiosk starts over on the home screen."""

from __future__ import annotations

import logging
import sys
import time
from collections import deque
from collections.abc import Callable
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QTimer

log = logging.getLogger(__name__)

EXIT_CRASHING = 3  # systemd's Restart=on-failure starts a fresh kiosk
MAX_ERRORS = 5
WITHIN_S = 60.0

ExceptHook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class CrashGuard:
    """Replaces sys.excepthook, which Qt for Python calls for an exception escaping a slot or an event handler.

    The error is logged with its traceback, then `recover` runs once the current event has unwound. If
    errors keep coming (MAX_ERRORS within WITHIN_S: the home screen itself is failing), starting over
    cannot help: the guard logs that and ends the event loop with EXIT_CRASHING so systemd restarts the kiosk.
    """

    def __init__(
        self,
        recover: Callable[[], None],
        *,
        give_up: Callable[[], None] | None = None,
        max_errors: int = MAX_ERRORS,
        within_s: float = WITHIN_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._recover = recover
        self._give_up = give_up or (lambda: QCoreApplication.exit(EXIT_CRASHING))
        self._max_errors = max_errors
        self._within_s = within_s
        self._clock = clock
        self._recent: deque[float] = deque(maxlen=max_errors)
        self._recovery_pending = False
        self._previous: ExceptHook | None = None

    def install(self) -> None:
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        if self._previous is not None and sys.excepthook == self.handle:
            sys.excepthook = self._previous
        self._previous = None

    def handle(self, kind: type[BaseException], error: BaseException, traceback: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt | SystemExit):
            (self._previous or sys.__excepthook__)(kind, error, traceback)
            return
        log.error("unexpected error; starting over on the home screen", exc_info=(kind, error, traceback))
        now = self._clock()
        self._recent.append(now)
        if len(self._recent) == self._max_errors and now - self._recent[0] <= self._within_s:
            log.critical(
                "%d errors within %.0f s: starting over does not help; stopping so the kiosk is restarted",
                self._max_errors,
                self._within_s,
            )
            self._give_up()
            return
        if not self._recovery_pending:
            self._recovery_pending = True
            QTimer.singleShot(0, self._run_recovery)

    def _run_recovery(self) -> None:
        self._recovery_pending = False
        self._recover()
