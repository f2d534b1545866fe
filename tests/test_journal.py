"""Log lines for journald: the priority prefix when stderr is the journal, and nothing changed elsewhere."""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from kiosk.journal import JournalFormatter, priority, stderr_is_journal


def test_stderr_is_the_journal_only_when_journal_stream_names_it(tmp_path: Path) -> None:
    stream = tmp_path / "stream"
    stream.write_text("", encoding="utf-8")
    with stream.open("w", encoding="utf-8") as file:
        status = os.fstat(file.fileno())
        here = f"{status.st_dev}:{status.st_ino}"
        assert stderr_is_journal({"JOURNAL_STREAM": here}, fd=file.fileno())
        assert not stderr_is_journal({"JOURNAL_STREAM": f"{status.st_dev}:{status.st_ino + 1}"}, fd=file.fileno())
        assert not stderr_is_journal({"JOURNAL_STREAM": "garbage"}, fd=file.fileno())
        assert not stderr_is_journal({}, fd=file.fileno())


def test_each_line_carries_the_syslog_priority_and_no_time() -> None:
    formatter = JournalFormatter()
    record = logging.LogRecord("kiosk.usage.store", logging.WARNING, __file__, 1, "paused: %s", ("disk full",), None)
    assert formatter.format(record) == "<4>WARNING kiosk.usage.store: paused: disk full"
    try:
        raise ValueError("boom")
    except ValueError:
        failed = logging.LogRecord("kiosk", logging.ERROR, __file__, 1, "unexpected error", (), sys.exc_info())
    lines = formatter.format(failed).split("\n")
    assert lines[0] == "<3>ERROR kiosk: unexpected error"
    assert len(lines) > 2
    assert all(line.startswith("<3>") for line in lines)  # a traceback stays at error level, line by line


def test_priorities_follow_syslog() -> None:
    levels = (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL)
    assert [priority(level) for level in levels] == [7, 6, 4, 3, 2]
