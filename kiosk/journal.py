"""Log lines for journald: when stderr is the journal, each line starts with its syslog priority (`<4>`).

systemd sets $JOURNAL_STREAM to the device and inode of the stream it connected to the service's stderr. When
stderr is that stream, journald reads the `<N>` prefix as the line's priority, so `journalctl -p warning` finds
the kiosk's warnings; the time is left out, since journald stamps every line itself. Elsewhere (a terminal, the
tests) the lines stay as they were.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping

JOURNAL_STREAM = "JOURNAL_STREAM"
# syslog(3) priorities by logging level: debug 7, info 6, warning 4, err 3, crit 2.
_PRIORITIES = ((logging.CRITICAL, 2), (logging.ERROR, 3), (logging.WARNING, 4), (logging.INFO, 6))


def stderr_is_journal(environ: Mapping[str, str] | None = None, fd: int = 2) -> bool:
    """True when fd is the stream systemd connected to journald for this service."""
    device, _, inode = (os.environ if environ is None else environ).get(JOURNAL_STREAM, "").partition(":")
    if not (device.isdigit() and inode.isdigit()):
        return False
    try:
        status = os.fstat(fd)
    except OSError:
        return False
    return (status.st_dev, status.st_ino) == (int(device), int(inode))


def priority(level: int) -> int:
    return next((value for threshold, value in _PRIORITIES if level >= threshold), 7)


class JournalFormatter(logging.Formatter):
    """`<4>WARNING kiosk.module: message`; every line of a traceback keeps the priority of its record."""

    def __init__(self) -> None:
        super().__init__("%(levelname)s %(name)s: %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"<{priority(record.levelno)}>"
        return "\n".join(prefix + line for line in super().format(record).split("\n"))
