"""The real kiosk in this process, built the way `python -m kiosk` builds it, fullscreen on the offscreen lobby screen.

Content manager on the shipped content.yaml, shell, lobby (sessions, admin gesture, lockdown, crash guard,
accessibility), usage statistics, and the screens built after the first frame; only read-aloud's speech engine
is left out (it starts after the first frame in the kiosk too, and would leave a speech-dispatcher behind).
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from kiosk.application import create_application
from kiosk.content_source.manager import ContentManager
from kiosk.first_frame import FirstFrameWatcher
from kiosk.lobby import Lobby
from kiosk.logs import configure_logging
from kiosk.shell import KioskShell
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.store import UsageCounter, database_file
from kiosk.window import KioskWindow

REPO = Path(__file__).resolve().parent.parent
CONTENT = REPO / "content.yaml"


@dataclass
class Kiosk:
    """The running kiosk and what has to be stopped at the end."""

    app: QApplication
    window: KioskWindow
    lobby: Lobby
    usage: UsageCounter

    def stop(self) -> None:
        self.lobby.stop()
        self.usage.stop()


def build(state: Path) -> Kiosk:
    """Start the kiosk and return once its first frame is painted and the other screens are built after it."""
    configure_logging("INFO")  # as the kiosk logs in the lobby: a line per screen opened, on stderr
    app = create_application([sys.argv[0]])
    usage = UsageCounter(database_file(state))
    usage.start()
    manager = ContentManager(str(CONTENT), state, parent=app)
    if manager.start() is None:
        raise SystemExit(f"bench: {CONTENT} does not load; run: python -m kiosk validate")
    shell = KioskShell(manager, windowed=False)
    lobby = Lobby(app, manager, state_dir=state, kiosk_mode=True, speech_engine="none")
    shell.window_created.connect(lambda window: lobby.attach(window, usage.snapshot))
    shell.window_created.connect(lambda window: UsageRecorder(window, usage.count))
    manager.content_changed.connect(lobby.content_changed)
    shell.show()
    window = shell.window
    if window is None:
        raise SystemExit("bench: the kiosk showed no window")
    painted: list[bool] = []
    FirstFrameWatcher(window, lambda: painted.append(True))
    spin_until(app, lambda: bool(painted))
    # What kiosk/cli.py run() does after the first frame; keep the two in step.
    window.prepare_screens()
    spin_until(app, lambda: window.prepared)
    return Kiosk(app, window, lobby, usage)


def spin_until(app: QApplication, done: Callable[[], bool], timeout_s: float = 30.0) -> None:
    """Run the event loop until done() is true, sleeping in it as the kiosk does when nothing happens."""
    deadline = time.monotonic() + timeout_s
    heartbeat = QTimer()  # wakes the loop now and then, so done() is asked even if nothing else happens
    heartbeat.start(10)
    try:
        while not done():
            if time.monotonic() > deadline:
                raise SystemExit("bench: the kiosk did not get there in time")
            app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
    finally:
        heartbeat.stop()


def run_for(app: QApplication, seconds: float) -> None:
    """Let the event loop run a while, as the idle kiosk does: timers, deferred deletes, Chromium's start-up."""
    over: list[bool] = []
    QTimer.singleShot(round(seconds * 1000), lambda: over.append(True))
    spin_until(app, lambda: bool(over), timeout_s=seconds + 30)
