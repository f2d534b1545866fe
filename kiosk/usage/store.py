"""Counts per hour in SQLite, written by a thread of their own so that the GUI thread never waits on a disk.

The GUI thread only puts (hour, kind, name) on a bounded queue and returns; when the queue is full the count is
dropped (and the drop counted), never waited for. The writer thread owns the one connection, adds the counts up
in memory and writes them in one transaction every few seconds (an SD card or SSD lives longer for it).

A full disk, a read-only file system or a corrupt database never stops the kiosk: the writer logs one warning,
keeps what it has in memory (up to a bound), and tries again every few minutes. Reading for the `stats` command
opens the database read-only.

Privacy: the table has the hour ('YYYY-MM-DDTHH', local time), what was used and how often. No finer time, no
order of events, no session or visitor identifier is ever stored, so no one visitor's taps can be told apart.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import re
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

DATABASE_NAME = "usage.sqlite3"
QUEUE_SIZE = 10_000  # at a visitor's pace the writer empties it at once; full means the writer is stuck
WRITE_EVERY_S = 10.0
RETRY_EVERY_S = 300.0
MAX_PENDING = 5_000  # distinct (hour, kind, name) kept in memory while the database cannot be written
MAX_NAME_LENGTH = 200
CHART_DAYS = 30

# What the kiosk counts, in the order reports show it; each kind's names are listed in the README.
SCREEN = "screen"  # a topic or the contact screen opened; name: its id
QR_CODE = "qr"  # a QR code shown on a screen opened; name: e-mail, phone or web page (never the address)
READER_PAGE = "reader"  # a page opened in the reader from a topic; name: the link's address from content.yaml
LANGUAGE = "language"  # a language chosen on the bottom bar; name: its code
ACCESSIBILITY = "accessibility"  # an accessibility toggle switched on; name: the toggle
KIND_TITLES = {
    SCREEN: "Screens opened",
    QR_CODE: "QR codes shown",
    READER_PAGE: "Reader pages opened",
    LANGUAGE: "Languages chosen",
    ACCESSIBILITY: "Accessibility toggles used",
}

_KIND = re.compile(r"[a-z][a-z0-9-]{0,31}")
_SCHEMA = """
CREATE TABLE IF NOT EXISTS usage (
    hour TEXT NOT NULL,      -- local time as 'YYYY-MM-DDTHH': nothing finer is ever stored
    kind TEXT NOT NULL,      -- screen, qr, reader, language, accessibility
    name TEXT NOT NULL,      -- which one: a topic id, a language code, ...
    count INTEGER NOT NULL,  -- how often in that hour
    PRIMARY KEY (hour, kind, name)
) WITHOUT ROWID;
"""
_UPSERT = (
    "INSERT INTO usage (hour, kind, name, count) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (hour, kind, name) DO UPDATE SET count = count + excluded.count"
)
_BY_DAY = (
    "SELECT substr(hour, 1, 10) AS day, kind, name, SUM(count) FROM usage WHERE hour >= ? "
    "GROUP BY day, kind, name ORDER BY day, kind, SUM(count) DESC, name"
)

Connect = Callable[[Path], sqlite3.Connection]
Key = tuple[str, str, str]  # hour, kind, name


@dataclass(frozen=True, slots=True)
class DayCount:
    """How often one thing was used on one day."""

    day: str  # YYYY-MM-DD
    kind: str
    name: str
    count: int


@dataclass(frozen=True, slots=True)
class UsageSnapshot:
    """What the admin panel shows: the last CHART_DAYS days per day, and whether counting is paused and why."""

    days: tuple[DayCount, ...] = ()
    paused_because: str | None = None
    dropped: int = 0


class UsageReadError(Exception):
    """The statistics cannot be read; the message says why, for IT staff."""


def database_file(state: Path) -> Path:
    return state / DATABASE_NAME


def hour_of(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H")


def connect(path: Path) -> sqlite3.Connection:
    """The writer's connection, with the state folder made if needed (raises OSError or sqlite3.Error)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    # Autocommit mode: the writer says BEGIN and COMMIT itself. check_same_thread stays on: one thread owns it.
    return sqlite3.connect(path, timeout=2.0, isolation_level=None)


class _Flush:
    """Asks the writer to write now; `done` is set once it has tried."""

    def __init__(self) -> None:
        self.done = threading.Event()


_STOP = object()


class UsageCounter:
    """`count(kind, name)` from the GUI thread; everything else happens on the writer thread."""

    def __init__(
        self,
        database: Path,
        *,
        connect: Connect = connect,
        clock: Callable[[], datetime] = datetime.now,
        queue_size: int = QUEUE_SIZE,
        write_every_s: float = WRITE_EVERY_S,
        retry_every_s: float = RETRY_EVERY_S,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.database = database
        self._connect = connect
        self._clock = clock
        self._monotonic = monotonic
        self._write_every_s = write_every_s
        self._retry_every_s = retry_every_s
        self._queue: queue.Queue[object] = queue.Queue(maxsize=queue_size)
        self._thread: threading.Thread | None = None
        self.dropped = 0  # counts lost to a full queue or a full memory; only the GUI and writer threads add to it
        self._reported_drops = 0
        # The writer thread's own state from here on.
        self._connection: sqlite3.Connection | None = None
        self._pending: dict[Key, int] = {}
        self._write_at: float | None = None
        self._retry_at = 0.0
        self._paused_because: str | None = None
        self._stored: dict[tuple[str, str, str], int] = {}
        self._snapshot = UsageSnapshot()

    # -- the GUI thread ---------------------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="usage-statistics", daemon=True)
            self._thread.start()

    def count(self, kind: str, name: str) -> None:
        """Count one use now, in this hour; returns at once whatever the database is doing, and never raises."""
        if not _KIND.fullmatch(kind) or not 0 < len(name) <= MAX_NAME_LENGTH or not name.isprintable():
            log.warning("not counted: %r is not a usage kind and short name", (kind, name[:40]))
            return
        try:
            self._queue.put_nowait((hour_of(self._clock()), kind, name))
        except queue.Full:
            self._drop()

    @property
    def paused(self) -> bool:
        """True while the database cannot be written (the counts wait in memory)."""
        return self._paused_because is not None

    def snapshot(self) -> UsageSnapshot:
        """Counts per day of the last CHART_DAYS days, as of the writer's last pass; no I/O, for the admin panel."""
        return self._snapshot

    def flush(self, timeout: float = 5.0) -> bool:
        """Write what has been counted so far and wait for it (tests and shutdown, never the GUI's event loop)."""
        if self._thread is None or not self._thread.is_alive():
            return False
        request = _Flush()
        try:
            self._queue.put(request, timeout=timeout)
        except queue.Full:
            return False
        return request.done.wait(timeout)

    def stop(self, timeout: float = 2.0) -> None:
        """Write what is left and end the writer; a database that hangs is given up on after timeout."""
        thread, self._thread = self._thread, None
        if thread is None:
            return
        try:
            self._queue.put(_STOP, timeout=timeout)
        except queue.Full:
            log.warning("usage statistics: the writer is stuck; the last counts are lost")
            return
        thread.join(timeout)
        if thread.is_alive():
            log.warning(
                "usage statistics: %s did not answer within %g s; the last counts may be lost", self.database, timeout
            )

    def _drop(self) -> None:
        self.dropped += 1
        if self.dropped == self._reported_drops + 1:
            log.warning("usage statistics fall behind: counts are being dropped (the kiosk itself is unaffected)")

    # -- the writer thread ------------------------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._write(force=True)  # open (or make) the database now, so a problem is logged at start-up
            while self._serve():
                pass
        except Exception:  # a bug here must never take the kiosk down; the counts simply stop
            log.exception("usage statistics stopped after an unexpected error")
        finally:
            self._close()

    def _serve(self) -> bool:
        """Wait for counts or the next deadline; write when due. False once asked to stop."""
        try:
            first = self._queue.get(timeout=self._wait_s())
        except queue.Empty:
            first = None
        items = [first]
        while True:
            try:
                items.append(self._queue.get_nowait())
            except queue.Empty:
                break
        flushes: list[_Flush] = []
        stopping = False
        for item in items:
            if item is _STOP:
                stopping = True
            elif isinstance(item, _Flush):
                flushes.append(item)
            elif isinstance(item, tuple):
                self._add(item)
        now = self._monotonic()
        if flushes or stopping:
            self._write(force=True)
        elif self._write_at is not None and now >= max(self._write_at, self._retry_at):
            self._write(force=False)
        for request in flushes:
            request.done.set()
        return not stopping

    def _wait_s(self) -> float | None:
        if self._write_at is None:
            return None  # nothing to write: sleep until something is counted
        return max(0.0, max(self._write_at, self._retry_at) - self._monotonic())

    def _add(self, key: Key) -> None:
        if key not in self._pending and len(self._pending) >= MAX_PENDING:
            self._drop()
            return
        self._pending[key] = self._pending.get(key, 0) + 1
        if self._write_at is None:
            self._write_at = self._monotonic() + self._write_every_s

    def _write(self, *, force: bool) -> None:
        if not force and self._monotonic() < self._retry_at:
            return
        rows = [(*key, count) for key, count in self._pending.items()]
        try:
            connection = self._open()
            if rows:
                connection.execute("BEGIN IMMEDIATE")
                try:
                    connection.executemany(_UPSERT, rows)
                    connection.execute("COMMIT")
                except BaseException:
                    if connection.in_transaction:
                        connection.execute("ROLLBACK")
                    raise
            stored = _read_days(connection, _first_chart_day(self._clock()))
        except (sqlite3.Error, OSError) as error:
            self._failed(error)
            self._publish_summary()
            return
        self._pending.clear()
        self._write_at = None
        self._stored = stored
        self._resumed()
        self._publish_summary()

    def _open(self) -> sqlite3.Connection:
        if self._connection is None:
            connection = self._connect(self.database)
            try:
                # WAL: the `stats` command reads while the kiosk writes; NORMAL is durable enough for counts.
                connection.execute("PRAGMA journal_mode=WAL").fetchall()
                connection.execute("PRAGMA synchronous=NORMAL")
                connection.executescript(_SCHEMA)
            except BaseException:
                connection.close()
                raise
            self._connection = connection
        return self._connection

    def _close(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(sqlite3.Error):
                self._connection.close()
            self._connection = None

    def _failed(self, error: Exception) -> None:
        self._close()
        self._retry_at = self._monotonic() + self._retry_every_s
        if self._write_at is not None:
            self._write_at = self._retry_at
        reason = str(error) or type(error).__name__
        if self._paused_because != reason:
            log.warning(
                "usage statistics paused: cannot write %s (%s); %d counts wait in memory, next try in %g s%s",
                self.database,
                reason,
                sum(self._pending.values()),
                self._retry_every_s,
                _advice(error),
            )
        self._paused_because = reason

    def _resumed(self) -> None:
        if self._paused_because is not None:
            log.info("usage statistics resumed: %s is written again", self.database)
            self._paused_because = None
        if self.dropped > self._reported_drops:
            log.warning(
                "usage statistics: %d counts were dropped while they fell behind", self.dropped - self._reported_drops
            )
            self._reported_drops = self.dropped

    def _publish_summary(self) -> None:
        totals = dict(self._stored)
        first = _first_chart_day(self._clock()).isoformat()
        for (hour, kind, name), count in self._pending.items():
            day = hour[:10]
            if day >= first:
                totals[(day, kind, name)] = totals.get((day, kind, name), 0) + count
        days = tuple(DayCount(day, kind, name, count) for (day, kind, name), count in sorted(totals.items()))
        # One assignment: the GUI thread reads either the old snapshot or the new one, never half of one.
        self._snapshot = UsageSnapshot(days, self._paused_because, self.dropped)


def _first_chart_day(now: datetime) -> date:
    return now.date() - timedelta(days=CHART_DAYS - 1)


def _read_days(connection: sqlite3.Connection, since: date) -> dict[tuple[str, str, str], int]:
    return {
        (day, kind, name): int(count) for day, kind, name, count in connection.execute(_BY_DAY, (since.isoformat(),))
    }


def _advice(error: Exception) -> str:
    text = str(error).lower()
    if "not a database" in text or "malformed" in text:
        return "; the file is damaged: stop the kiosk and move it aside, and a new one is made"
    if "full" in text:
        return "; the disk is full"
    if "readonly" in text or "read-only" in text:
        return "; the file or its folder is read-only"
    return ""


def read_counts(database: Path, since: date | None = None) -> list[DayCount]:
    """Every count per day since a date, read-only; raises UsageReadError with a reason IT staff can act on."""
    if not database.is_file():
        raise UsageReadError(f"{database} does not exist yet: the kiosk makes it when it first counts something")
    uri = f"{database.resolve().as_uri()}?mode=ro"
    try:
        connection = sqlite3.connect(uri, uri=True, timeout=2.0)
    except sqlite3.Error as error:
        raise UsageReadError(f"cannot open {database}: {error}") from error
    try:
        rows = connection.execute(_BY_DAY, ((since or date.min).isoformat(),)).fetchall()
    except sqlite3.Error as error:
        raise UsageReadError(f"cannot read {database}: {error}{_advice(error)}") from error
    finally:
        connection.close()
    return [DayCount(str(day), str(kind), str(name), int(count)) for day, kind, name, count in rows]
