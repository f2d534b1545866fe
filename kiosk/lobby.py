"""Everything around the kiosk window in the lobby: sessions, the admin panel, lockdown, crash containment.

Sessions, the admin gesture and the lockdown all listen to input through the one input tap (kiosk/input_tap.py),
at the kiosk's windows: nothing here installs an event filter on the application.

Crash containment and the lockdown are in place before the first frame; sessions, read-aloud and the admin panel
are attached after it (`python -m kiosk` calls attach() once the home screen is painted), and their modules are
loaded then: loading and attaching them takes about 50 ms that the first frame no longer waits for.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.admin.gesture import HOLD_MS
from kiosk.crash_guard import CrashGuard
from kiosk.input_tap import InputTap
from kiosk.lockdown import Lockdown, allow_developer_exit
from kiosk.memory import MemoryCeiling, release_free_memory

if TYPE_CHECKING:
    from kiosk.accessibility.features import AccessibilityFeatures
    from kiosk.admin.access import AdminAccess
    from kiosk.admin.panel import ContentStatusView
    from kiosk.admin.pin import PinLock
    from kiosk.content import Content
    from kiosk.session.controller import SessionController
    from kiosk.session.idle import SessionTimings
    from kiosk.usage.store import UsageSnapshot
    from kiosk.window import KioskWindow

log = logging.getLogger(__name__)


class ContentStatusLike(Protocol):
    """The content manager's status, as far as the admin panel reads it."""

    @property
    def source(self) -> str: ...
    @property
    def version(self) -> str | None: ...
    @property
    def loaded_at(self) -> str | None: ...
    @property
    def rejected_version(self) -> str | None: ...
    @property
    def rejected_problems(self) -> tuple[str, ...]: ...
    @property
    def last_error(self) -> str | None: ...


class ContentOwner(Protocol):
    """Whoever owns the content on screen: it knows its status and can look for a new version now."""

    @property
    def status(self) -> ContentStatusLike: ...

    def reload_now(self) -> None: ...


class Lobby(QObject):
    """Crash containment and (in kiosk mode) lockdown from the start; sessions and admin once the window exists."""

    def __init__(
        self,
        app: QApplication,
        content: ContentOwner,
        *,
        state_dir: Path,
        kiosk_mode: bool,
        environ: Mapping[str, str] | None = None,
        second_ms: int = 1000,
        hold_ms: int = HOLD_MS,
        speech_engine: str | None = None,
        ceiling: MemoryCeiling | None = None,
    ) -> None:
        super().__init__(app)
        # Read aloud's engine: a name, "auto" for the platform's own (speech-dispatcher on Linux), None or "none"
        # for no read-aloud (the tests: the real engine is tested on its own, tests/test_speech.py).
        self._speech_engine = None if speech_engine == "none" else speech_engine
        self.accessibility: AccessibilityFeatures | None = None
        self.app = app
        self.content = content
        self.kiosk_mode = kiosk_mode
        self._second_ms = second_ms
        self._hold_ms = hold_ms
        self.ceiling = ceiling
        self.started_at = time.monotonic()
        self.session: SessionController | None = None
        self.admin: AdminAccess | None = None
        self.crash_guard = CrashGuard(self.recover)
        self.crash_guard.install()
        self.tap = InputTap.of(app)
        self.lockdown: Lockdown | None = None
        if kiosk_mode:
            self.lockdown = Lockdown(self)
            self.lockdown.install(app, self.tap)
        self._state_dir = state_dir
        self._environ = os.environ if environ is None else environ
        self.lock: PinLock | None = None

    def attach(self, window: KioskWindow, usage: Callable[[], UsageSnapshot] | None = None) -> None:
        """Start the visitor sessions and the admin access for the window the kiosk now shows; the admin panel
        shows the usage statistics that `usage` returns."""
        # Loaded here, after the first frame, rather than with the lobby (see the module's docstring).
        from kiosk.accessibility.features import AccessibilityFeatures  # noqa: PLC0415
        from kiosk.admin.access import AdminAccess  # noqa: PLC0415
        from kiosk.admin.panel import AdminPanel  # noqa: PLC0415
        from kiosk.admin.pin import PinLock, settings_file  # noqa: PLC0415
        from kiosk.session.controller import SessionController  # noqa: PLC0415

        if not self.kiosk_mode:
            allow_developer_exit(window)
        self.session = SessionController(window, self._timings(window.content))
        self.session.session_reset.connect(self._between_visitors)
        panel = AdminPanel(
            window,
            content_status=self.content_status,
            reload_content=self.content.reload_now,
            exit_kiosk=self.exit,
            started_at=self.started_at,
            usage=usage,
            memory_ceiling_mb=None if self.ceiling is None else self.ceiling.limit_mb,
        )
        self.lock = PinLock(_pin_hash(settings_file(self._state_dir), self._environ))
        self.admin = AdminAccess(window, panel, self.lock, lambda: _city_mark(window), hold_ms=self._hold_ms)
        self.session.session_reset.connect(self.admin.close)
        self.tap.watch(window)
        self.session.start(self.tap)
        self.admin.install(self.tap)
        self.accessibility = AccessibilityFeatures(window)
        self.accessibility.attach_session(self.session)
        self.accessibility.install(self.tap)
        settings = window.content.settings
        log.info(
            "visitor sessions on: 'Still there?' after %d s, reset %d s later, attract loop %d s after that",
            settings.idle_timeout_s,
            settings.idle_warning_s,
            settings.attract_after_s,
        )
        if self.ceiling is not None:
            log.info("above %g MB the kiosk restarts between visitors (--restart-above)", self.ceiling.limit_mb)

    def _between_visitors(self) -> None:
        # Nobody waits for it: memory goes back to the system, and a kiosk over its ceiling restarts now.
        release_free_memory()
        if self.ceiling is not None:
            self.ceiling.check()

    def start_speech(self) -> None:
        """Give read-aloud its voice. Called after the first frame: speech-dispatcher takes seconds to start."""
        engine = self._speech_engine
        if engine is None or self.accessibility is None:
            return
        from kiosk.accessibility.speech import ReadAloud  # noqa: PLC0415 - QtTextToSpeech, after the first frame

        self.accessibility.set_speech(ReadAloud.start(None if engine == "auto" else engine))

    def content_changed(self, content: Content) -> None:
        """A new content version may bring new timings."""
        if self.session is not None:
            self.session.watcher.set_timings(self._timings(content))

    def _timings(self, content: Content) -> SessionTimings:
        from kiosk.session.idle import SessionTimings  # noqa: PLC0415 - with the sessions, after the first frame

        return SessionTimings.from_settings(content.settings, second_ms=self._second_ms)

    def stop(self) -> None:
        """Undo everything the lobby put in place (tests; the kiosk itself simply exits)."""
        if self.session is not None:
            self.session.stop()
        if self.admin is not None:
            self.admin.uninstall()
            self.admin.close()
        if self.accessibility is not None:
            self.accessibility.uninstall()
            self.accessibility.reset()
        if self.lockdown is not None:
            self.lockdown.uninstall()
        self.crash_guard.uninstall()

    def content_status(self) -> ContentStatusView:
        from kiosk.admin.panel import ContentStatusView  # noqa: PLC0415 - loaded with the panel, in attach()

        status = self.content.status
        return ContentStatusView(
            source=status.source,
            version=status.version,
            loaded_at=status.loaded_at,
            rejected_version=status.rejected_version,
            rejected_problems=tuple(status.rejected_problems),
            last_error=status.last_error,
        )

    def recover(self) -> None:
        """After an unexpected error: start over on the home screen, as for a new visitor."""
        if self.session is not None:
            self.session.reset("error")

    def exit(self) -> None:
        log.info("the kiosk is stopping at the admin panel's request")
        # From the event loop, not from inside the button's click: the window closes at a quiet moment.
        QTimer.singleShot(0, QCoreApplication.quit)


def _city_mark(window: KioskWindow) -> QWidget | None:
    header = getattr(window.current_screen(), "header", None)
    return getattr(header, "mark", None)


def _pin_hash(settings: Path, environ: Mapping[str, str]) -> str | None:
    from kiosk.admin.pin import PinError, load_pin_hash  # noqa: PLC0415 - with the admin panel (attach)

    try:
        pin_hash = load_pin_hash(settings, environ)
    except PinError as error:
        log.error("the admin PIN cannot be used, so the admin panel stays locked: %s", error)
        return None
    if pin_hash is None:
        log.info("no admin PIN is set, so the admin panel stays locked; to set one: python -m kiosk set-pin")
    return pin_hash
