"""Telling systemd how the kiosk is: READY=1 after the first frame, WATCHDOG=1 from the GUI thread, STOPPING=1.

The notify protocol is one datagram of `NAME=value` lines sent to the AF_UNIX socket named in $NOTIFY_SOCKET
(sd_notify(3)); a name starting with '@' is in the abstract namespace. Outside systemd the variable is unset and
everything here does nothing.

The pings come from a QTimer on the GUI thread, never from a thread of their own: a frozen event loop (a
deadlock, an endless loop in a slot, a driver that hangs a paint) stops them, and systemd then restarts the
kiosk. A worker thread would keep pinging for a kiosk whose screen no longer moves.
"""

from __future__ import annotations

import logging
import os
import socket
from collections.abc import Mapping

from PySide6.QtCore import QObject, Qt, QTimer

log = logging.getLogger(__name__)

NOTIFY_SOCKET = "NOTIFY_SOCKET"
WATCHDOG_USEC = "WATCHDOG_USEC"
WATCHDOG_PID = "WATCHDOG_PID"


class SystemdNotifier:
    """Sends sd_notify messages; a no-op without $NOTIFY_SOCKET, and never raises (a lost ping is logged once)."""

    def __init__(self, environ: Mapping[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        self.address = _socket_address(env.get(NOTIFY_SOCKET, ""))
        self._socket: socket.socket | None = None
        self._failing = False
        self._stopping_sent = False
        if self.address is not None:
            try:
                self._socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC)
            except OSError as error:
                log.warning("cannot talk to systemd (%s): no readiness or watchdog messages", error)

    @property
    def enabled(self) -> bool:
        return self._socket is not None

    def ready(self, status: str = "") -> bool:
        return self.notify("READY=1", f"STATUS={status}" if status else "")

    def ping(self) -> bool:
        return self.notify("WATCHDOG=1")

    def stopping(self) -> bool:
        """STOPPING=1, once: from the SIGTERM handler and again after the event loop ends is one message."""
        if self._stopping_sent:
            return True
        self._stopping_sent = self.notify("STOPPING=1")
        return self._stopping_sent

    def status(self, text: str) -> bool:
        return self.notify(f"STATUS={text}")

    def notify(self, *lines: str) -> bool:
        """Send one message of the given lines; True if systemd's socket took it."""
        if self._socket is None or self.address is None:
            return False
        message = "\n".join(line for line in lines if line).encode()
        try:
            # Non-blocking: the GUI thread never waits on systemd, whose socket buffer may be full.
            self._socket.sendto(message, socket.MSG_DONTWAIT, self.address)
        except OSError as error:
            if not self._failing:
                log.warning("could not notify systemd at %s: %s", os.fsdecode(self.address), error)
                self._failing = True
            return False
        if self._failing:
            log.info("systemd's notify socket takes messages again")
            self._failing = False
        return True

    def close(self) -> None:
        if self._socket is not None:
            self._socket.close()
            self._socket = None


class Watchdog(QObject):
    """Pings systemd at half the interval it asked for ($WATCHDOG_USEC), from the GUI thread's event loop."""

    def __init__(
        self,
        notifier: SystemdNotifier,
        environ: Mapping[str, str] | None = None,
        *,
        pid: int | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.interval_ms = watchdog_interval_ms(os.environ if environ is None else environ, pid or os.getpid())
        self._timer = QTimer(self)
        self._timer.setTimerType(Qt.TimerType.PreciseTimer)
        self._timer.timeout.connect(self.notifier.ping)

    @property
    def active(self) -> bool:
        return self._timer.isActive()

    def start(self) -> None:
        """Start pinging, if systemd asked for it; the first ping goes out at once."""
        if self.interval_ms is None or not self.notifier.enabled:
            return
        self.notifier.ping()
        self._timer.start(self.interval_ms)
        log.info("systemd watchdog on: a ping every %d ms from the GUI thread", self.interval_ms)

    def stop(self) -> None:
        self._timer.stop()


def watchdog_interval_ms(environ: Mapping[str, str], pid: int) -> int | None:
    """Half of $WATCHDOG_USEC in milliseconds (sd_watchdog_enabled(3)), or None when there is no watchdog for us."""
    text = environ.get(WATCHDOG_USEC, "")
    if not text:
        return None
    owner = environ.get(WATCHDOG_PID, "")
    if owner and owner != str(pid):
        return None  # the watchdog is meant for another process (e.g. a wrapper that started us)
    try:
        usec = int(text)
    except ValueError:
        log.warning("ignoring %s=%r: not a number of microseconds", WATCHDOG_USEC, text)
        return None
    if usec <= 0:
        return None
    return max(1, usec // 2000)


def _socket_address(name: str) -> bytes | None:
    """$NOTIFY_SOCKET as a socket address: a path, or '@name' for the abstract namespace; None for anything else."""
    if not name:
        return None
    if name.startswith("@"):
        return b"\0" + os.fsencode(name[1:])
    if name.startswith("/"):
        return os.fsencode(name)
    log.warning("ignoring %s=%r: only AF_UNIX sockets are supported", NOTIFY_SOCKET, name)
    return None
