"""Usage statistics: counts per hour in SQLite, a writer that never holds up the GUI, and faults that only pause it."""

from __future__ import annotations

import io
import logging
import re
import sqlite3
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from conftest import REPO
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kiosk.admin.usage_chart import UsageChart
from kiosk.screens.topic import TopicScreen
from kiosk.usage import store
from kiosk.usage.recorder import UsageRecorder, code_kind
from kiosk.usage.report import format_tables, print_stats
from kiosk.usage.store import DayCount, UsageCounter, UsageSnapshot, database_file, read_counts
from kiosk.window import KioskWindow

NOW = datetime(2026, 11, 27, 10, 15, 42)


class Clock:
    """The hour the counter sees, moved by the test."""

    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_counter(tmp_path: Path, clock: Clock) -> Iterator[Callable[..., UsageCounter]]:
    counters: list[UsageCounter] = []

    def make(database: Path | None = None, **options: object) -> UsageCounter:
        counter = UsageCounter(database or tmp_path / "state" / store.DATABASE_NAME, clock=clock, **options)  # type: ignore[arg-type]
        counters.append(counter)
        return counter

    yield make
    for counter in counters:
        counter.stop()


def rows(database: Path) -> list[tuple[str, str, str, int]]:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT hour, kind, name, count FROM usage ORDER BY hour, kind, name").fetchall()


def warnings_about(caplog: pytest.LogCaptureFixture, text: str) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING and text in r.getMessage()]


def test_counts_add_up_per_hour(make_counter: Callable[..., UsageCounter], clock: Clock) -> None:
    counter = make_counter()
    counter.start()
    for _ in range(3):
        counter.count("screen", "europe")
    clock.now = NOW.replace(minute=59, second=59)
    counter.count("screen", "europe")
    counter.count("language", "en")
    clock.now = NOW.replace(hour=11, minute=0, second=1)
    counter.count("screen", "europe")
    assert counter.flush()
    counter.count("screen", "europe")  # a second transaction adds to the same hour
    assert counter.flush()
    assert rows(counter.database) == [
        ("2026-11-27T10", "language", "en", 1),
        ("2026-11-27T10", "screen", "europe", 4),
        ("2026-11-27T11", "screen", "europe", 2),
    ]


def test_nothing_finer_than_the_hour_and_nothing_about_a_visitor_is_stored(
    make_counter: Callable[..., UsageCounter],
) -> None:
    counter = make_counter()
    counter.start()
    counter.count("screen", "business")
    counter.count("qr", "phone")
    assert counter.flush()
    with sqlite3.connect(counter.database) as connection:
        tables = [name for (name,) in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        columns = [row[1] for row in connection.execute("PRAGMA table_info(usage)")]
        hours = [hour for (hour,) in connection.execute("SELECT hour FROM usage")]
        mode = connection.execute("PRAGMA journal_mode").fetchone()[0]
    assert tables == ["usage"]
    assert columns == ["hour", "kind", "name", "count"]  # no time of day, no session, no order of taps
    assert all(re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d", hour) for hour in hours)
    assert mode == "wal"


def test_what_is_not_a_short_kind_and_name_is_not_counted(
    make_counter: Callable[..., UsageCounter], caplog: pytest.LogCaptureFixture
) -> None:
    counter = make_counter()
    counter.start()
    counter.count("Screen Opened", "europe")
    counter.count("screen", "")
    counter.count("screen", "x" * 201)
    counter.count("screen", "line\nbreak")
    assert counter.flush()
    assert rows(counter.database) == []
    assert len(warnings_about(caplog, "not counted")) == 4


def test_counting_never_waits_when_the_queue_is_full(
    make_counter: Callable[..., UsageCounter], caplog: pytest.LogCaptureFixture
) -> None:
    counter = make_counter(queue_size=5)  # not started: nothing empties the queue
    for _ in range(20):
        counter.count("screen", "europe")
    assert counter.dropped == 15
    assert len(warnings_about(caplog, "counts are being dropped")) == 1


def test_counting_never_waits_for_a_database_that_hangs(make_counter: Callable[..., UsageCounter]) -> None:
    release = threading.Event()
    opening = threading.Event()

    def hanging(path: Path) -> sqlite3.Connection:
        opening.set()
        release.wait(30)  # a disk that does not answer
        return store.connect(path)

    counter = make_counter(connect=hanging, queue_size=100)
    counter.start()
    assert opening.wait(10)
    for _ in range(1000):  # ten times what the queue holds: each call returns at once
        counter.count("screen", "europe")
    assert counter.dropped == 900
    release.set()
    assert counter.flush()
    assert rows(counter.database) == [("2026-11-27T10", "screen", "europe", 100)]


def test_an_unwritable_state_folder_pauses_counting_and_the_kiosk_goes_on(
    make_counter: Callable[..., UsageCounter], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    database = blocker / "state" / store.DATABASE_NAME  # cannot be made, not even by root
    counter = make_counter(database)
    counter.start()
    counter.count("screen", "europe")
    assert counter.flush()
    assert counter.paused
    assert counter.snapshot().paused_because is not None
    warnings = warnings_about(caplog, "usage statistics paused")
    assert len(warnings) == 1
    assert str(database) in warnings[0]


def read_only(path: Path) -> sqlite3.Connection:
    """What a read-only file system or file gives the writer (root ignores file modes, so SQLite is told)."""
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None)


def test_a_read_only_database_pauses_counting_keeps_the_counts_and_resumes(
    make_counter: Callable[..., UsageCounter], qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="kiosk.usage")
    first = make_counter()
    first.start()
    first.count("screen", "europe")
    assert first.flush()
    first.stop()
    writable = threading.Event()

    def sometimes_read_only(path: Path) -> sqlite3.Connection:
        return store.connect(path) if writable.is_set() else read_only(path)

    counter = make_counter(first.database, connect=sometimes_read_only, write_every_s=0.01, retry_every_s=0.05)
    counter.start()
    counter.count("screen", "europe")
    counter.count("screen", "contact")
    assert counter.flush()
    assert counter.paused
    assert rows(counter.database) == [("2026-11-27T10", "screen", "europe", 1)]  # untouched
    assert any("read-only" in text for text in warnings_about(caplog, "usage statistics paused"))
    # The counts wait in memory, and the chart already shows them.
    assert DayCount("2026-11-27", "screen", "contact", 1) in counter.snapshot().days
    writable.set()
    qtbot.waitUntil(lambda: not counter.paused, timeout=5000)
    assert rows(counter.database) == [
        ("2026-11-27T10", "screen", "contact", 1),
        ("2026-11-27T10", "screen", "europe", 2),
    ]
    assert any("usage statistics resumed" in record.getMessage() for record in caplog.records)


def test_a_corrupt_database_pauses_counting_with_advice(
    make_counter: Callable[..., UsageCounter], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    database = tmp_path / "state" / store.DATABASE_NAME
    database.parent.mkdir()
    database.write_bytes(b"this is not a database, it was a power cut\n" * 200)
    counter = make_counter(database)
    counter.start()
    counter.count("screen", "europe")
    assert counter.flush()
    assert counter.paused
    warnings = warnings_about(caplog, "usage statistics paused")
    assert len(warnings) == 1
    assert "file is not a database" in warnings[0]
    assert "move it aside" in warnings[0]
    assert database.read_bytes().startswith(b"this is not a database")  # the evidence stays for IT staff


class FullDisk(sqlite3.Connection):
    """A connection on a disk with no room left for the next write."""

    def executemany(self, sql: str, parameters: object, /) -> sqlite3.Cursor:  # type: ignore[override]
        raise sqlite3.OperationalError("database or disk is full")


def test_a_full_disk_pauses_counting_and_logs_once(
    make_counter: Callable[..., UsageCounter], caplog: pytest.LogCaptureFixture
) -> None:
    def full(path: Path) -> sqlite3.Connection:
        path.parent.mkdir(parents=True, exist_ok=True)
        return sqlite3.connect(path, isolation_level=None, factory=FullDisk)

    counter = make_counter(connect=full, retry_every_s=0.0)
    counter.start()
    for _ in range(3):
        counter.count("qr", "phone")
        assert counter.flush()
    assert counter.paused
    warnings = warnings_about(caplog, "usage statistics paused")
    assert len(warnings) == 1  # the same problem again is not news
    assert "the disk is full" in warnings[0]
    assert DayCount("2026-11-27", "qr", "phone", 3) in counter.snapshot().days


def test_the_snapshot_holds_the_last_30_days_per_day(make_counter: Callable[..., UsageCounter], clock: Clock) -> None:
    counter = make_counter()
    counter.start()
    clock.now = NOW - timedelta(days=30)
    counter.count("screen", "europe")  # too old for the chart
    clock.now = NOW - timedelta(days=29)
    counter.count("screen", "europe")
    clock.now = NOW
    counter.count("screen", "europe")
    counter.count("screen", "europe")
    assert counter.flush()
    assert counter.snapshot() == UsageSnapshot(
        days=(
            DayCount("2026-10-29", "screen", "europe", 1),
            DayCount("2026-11-27", "screen", "europe", 2),
        )
    )


@pytest.fixture
def two_days(make_counter: Callable[..., UsageCounter], clock: Clock) -> Path:
    counter = make_counter()
    counter.start()
    clock.now = NOW - timedelta(days=1)
    for kind, name, times in [("screen", "europe", 3), ("screen", "contact", 1), ("language", "en", 2)]:
        for _ in range(times):
            counter.count(kind, name)
    clock.now = NOW
    for kind, name, times in [("screen", "europe", 1), ("qr", "e-mail", 4), ("reader", "https://www.utrecht.nl/", 1)]:
        for _ in range(times):
            counter.count(kind, name)
    assert counter.flush()
    counter.stop()
    return counter.database


def test_the_stats_csv_has_one_line_per_day_kind_and_name(two_days: Path) -> None:
    out = io.StringIO()
    assert print_stats(two_days, as_csv=True, out=out) == 0
    assert out.getvalue().splitlines() == [
        "day,kind,name,count",
        "2026-11-26,screen,europe,3",
        "2026-11-26,screen,contact,1",
        "2026-11-27,screen,europe,1",
        "2026-11-27,qr,e-mail,4",
        "2026-11-27,reader,https://www.utrecht.nl/,1",
        "2026-11-26,language,en,2",
    ]


def test_the_stats_tables_per_kind_with_totals_and_since(two_days: Path) -> None:
    text = format_tables(read_counts(two_days), two_days)
    assert "Screens opened (screen)" in text
    assert re.search(r"2026-11-26\s+europe\s+3\n", text)
    assert re.search(r"total per name\n\s+europe\s+4\n\s+contact\s+1\n", text)
    assert "Languages chosen (language)" in text
    since = format_tables(read_counts(two_days, date(2026, 11, 27)), two_days, date(2026, 11, 27))
    assert "since 2026-11-27" in since
    assert "2026-11-26" not in since
    assert "Languages chosen" not in since


def test_the_stats_command_reads_without_writing(two_days: Path) -> None:
    before = two_days.read_bytes()
    state = two_days.parent
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "stats", "--state-dir", str(state), "--since", "2026-11-27", "--csv"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1:] == [
        "2026-11-27,screen,europe,1",
        "2026-11-27,qr,e-mail,4",
        "2026-11-27,reader,https://www.utrecht.nl/,1",
    ]
    assert two_days.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [(None, "does not exist yet"), (b"garbage" * 500, "file is not a database")],
)
def test_the_stats_command_explains_what_it_cannot_read(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes | None, message: str
) -> None:
    database = database_file(tmp_path)
    if content is not None:
        database.write_bytes(content)
    assert print_stats(database) == 1
    assert message in capsys.readouterr().err


def test_the_stats_command_refuses_a_day_it_cannot_read() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "stats", "--since", "27-11-2026"],
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
    )
    assert result.returncode == 2
    assert "give a day as YYYY-MM-DD" in result.stderr


# -- what the window counts ------------------------------------------------------------------------------------


@pytest.fixture
def counted(window: KioskWindow) -> list[tuple[str, str]]:
    seen: list[tuple[str, str]] = []
    UsageRecorder(window, lambda kind, name: seen.append((kind, name)))
    return seen


def test_a_topic_counts_itself_and_its_codes_by_kind_never_the_address(
    window: KioskWindow, counted: list[tuple[str, str]]
) -> None:
    window.open("business")
    topic = window.content.topic("business")
    assert counted[0] == ("screen", "business")
    codes = sorted(counted[1:])
    assert len(codes) == len(topic.links) + len(topic.contacts)
    assert {kind for kind, _ in codes} == {"qr"}
    assert {name for _, name in codes} <= {"e-mail", "phone", "web page"}
    assert not any("@" in name or "utrecht.nl" in name for _, name in counted)


def test_home_resets_and_the_default_language_at_a_reset_are_not_a_visitors_choice(
    qtbot: QtBot, window: KioskWindow, counted: list[tuple[str, str]]
) -> None:
    qtbot.mouseClick(window.bar.languages["en"], Qt.MouseButton.LeftButton)
    window.open("contact")
    window.reset()  # what the session does by itself: home, in Dutch
    assert [entry for entry in counted if entry[0] != "qr"] == [("language", "en"), ("screen", "contact")]


def test_read_here_counts_the_page_by_its_link(window: KioskWindow, counted: list[tuple[str, str]]) -> None:
    topic = next(topic for topic in window.content.topics if topic.links)
    window.open(topic.id)
    screen = window.current_screen()
    assert isinstance(screen, TopicScreen)
    screen.read_requested.disconnect(window.open_reader)  # the count is the point here, not Chromium
    screen.take_along.read_buttons[0].click()
    window.open("contact")
    window.open(topic.id)  # opened again: still counted once per tap
    screen.take_along.read_buttons[0].click()
    assert counted.count(("reader", topic.links[0].url)) == 2


@pytest.mark.parametrize(
    ("uri", "kind"),
    [("mailto:a@utrecht.nl?subject=x", "e-mail"), ("tel:14030", "phone"), ("https://utrecht.nl/", "web page")],
)
def test_a_code_is_counted_by_what_it_is_for(uri: str, kind: str) -> None:
    assert code_kind(uri) == kind


# -- the admin panel's chart -----------------------------------------------------------------------------------


def test_the_chart_shows_30_days_stacked_by_screen_and_the_other_counts(qtbot: QtBot, tmp_path: Path) -> None:
    today = date(2026, 11, 27)
    screens = [
        DayCount((today - timedelta(days=back)).isoformat(), "screen", name, count)
        for back in range(0, 40, 3)
        for name, count in (("europe", back % 7 + 1), ("business", 2), ("contact", 1))
    ]
    days = (*screens, DayCount("2026-11-27", "qr", "phone", 5), DayCount("2026-11-20", "language", "en", 7))
    chart = UsageChart(today=lambda: today)
    qtbot.addWidget(chart)
    chart.show_snapshot(UsageSnapshot(days, paused_because="database or disk is full"))
    chart.resize(1200, 600)
    chart.show()
    qtbot.waitExposed(chart)
    bars = chart.bars
    assert len(bars.days) == 30
    assert bars.days[-1] == today
    assert bars.names[0] == "europe"  # the most opened at the bottom of each bar
    assert bars.values[(today, "europe")] == 1
    assert (today - timedelta(days=39), "europe") not in bars.values  # older than 30 days
    assert "QR codes shown: 5 (phone 5)" in chart.totals.text()
    assert "Languages chosen: 7 (en 7)" in chart.totals.text()
    assert "Counting is paused: database or disk is full" in chart.note.text()
    assert chart.grab().save(str(tmp_path / "usage-chart.png"))
