"""The soak test: the real kiosk, offscreen, used by a seeded random visitor for many actions in one process.

`make soak` (ACTIONS=100000 by default) or `python tools/soak.py --actions 2000`. It builds the kiosk the way
`python -m kiosk` does (content manager on a copy of the shipped content, shell, window, lobby with sessions,
lockdown and crash containment, reader, usage statistics), then a visitor taps any control, taps anywhere,
swipes and scrolls, switches languages, opens and closes pages in the reader, walks away (the session resets
with shortened idle times), and staff edit the content now and then. Every action runs from the application's
own event loop, so deferred deletions and timers behave as they do in the lobby.

It reports exceptions (must be 0), Qt warnings, and the resident memory at the start, after the warm-up and at
the end; it exits 1 if any exception escaped or memory grew by the limit or more after the warm-up.
"""

from __future__ import annotations

import argparse
import logging
import os
import random
import shutil
import sys
import tempfile
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtGui import QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication

from kiosk.application import create_application
from kiosk.content_source.manager import ContentManager
from kiosk.lobby import Lobby
from kiosk.logs import configure_logging
from kiosk.memory import release_free_memory
from kiosk.reader import engine as reader_engine
from kiosk.screens import READER
from kiosk.session.idle import IdleState
from kiosk.shell import KioskShell
from kiosk.usage.recorder import UsageRecorder
from kiosk.usage.store import SCREEN, UsageCounter, database_file
from kiosk.widgets.scrolling import KineticScrollArea
from kiosk.window import KioskWindow

REPO = Path(__file__).resolve().parent.parent
MB = 1_000_000
# Idle times in the content are in seconds; here a "second" lasts 2 ms: "Still there?" after 180 ms of no
# touch, the reset 40 ms later, the attract loop 60 ms after that.
SECOND_MS = 2
HOLD_MS = 60  # the admin gesture's long press
WAIT_LIMIT_MS = 8000  # the longest any one action waits for the kiosk (a page to appear, a reset, new content)
SIZES = ((1920, 1080), (1080, 1920))

# What the visitor does, and how often (weights).
ACTIONS = {
    "tap a control": 45,
    "tap anywhere": 12,
    "swipe or scroll": 14,
    "switch language": 8,
    "key": 4,
    "read a page": 4,
    "walk away": 2,
    "edit the content": 1,
    "rotate the screen": 1,
    "long press the mark": 1,
    "staff open the panel": 1,
}


@dataclass
class Findings:
    """What the soak saw."""

    actions: Counter[str] = field(default_factory=Counter)
    seconds_by_action: defaultdict[str, float] = field(default_factory=lambda: defaultdict(float))
    exceptions: list[str] = field(default_factory=list)
    qt_warnings: Counter[str] = field(default_factory=Counter)
    kiosk_warnings: Counter[str] = field(default_factory=Counter)
    waits_timed_out: Counter[str] = field(default_factory=Counter)
    screens_opened: int = 0
    rss_start: int = 0
    rss_warm: int = 0
    rss_end: int = 0
    warm_at: int = 0
    seconds: float = 0.0
    counted_screens: int | None = None


def rss_bytes() -> int:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    return 0


def measured_rss() -> int:
    """RSS as the kiosk stands between visitors: after the release it makes at every session reset (Python's
    garbage collected, the C allocator's free memory handed back), so memory kept for later is not counted as
    growth, whichever moment of a session a reading falls on."""
    release_free_memory()
    return rss_bytes()


class CountingHandler(logging.Handler):
    """Counts warnings and errors: Qt's own (logger qt.*) apart from the kiosk's."""

    def __init__(self, findings: Findings) -> None:
        super().__init__(logging.WARNING)
        self.findings = findings

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage().splitlines()[0][:160] if record.getMessage() else ""
        target = self.findings.qt_warnings if record.name.startswith("qt.") else self.findings.kiosk_warnings
        target[f"{record.levelname} {record.name}: {message}"] += 1


@dataclass(frozen=True)
class Options:
    """How long and how the visitor goes on."""

    actions: int
    seed: int
    warm_up_percent: float
    progress_percent: int
    log_level: str
    web_engine: bool


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--actions", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--warm-up", type=float, default=5.0, metavar="PERCENT", help="of the actions (default 5)")
    parser.add_argument("--max-growth-mb", type=float, default=5.0, help="RSS growth after warm-up that fails")
    parser.add_argument("--progress", type=int, default=10, metavar="PERCENT", help="a progress line every so often")
    parser.add_argument("--log-level", default="WARNING", choices=["DEBUG", "INFO", "WARNING", "ERROR"])
    parser.add_argument(
        "--no-web-engine",
        action="store_true",
        help="the reader shows its 'page unavailable' panel, as when QtWebEngine cannot start (no Chromium)",
    )
    args = parser.parse_args(argv)
    options = Options(args.actions, args.seed, args.warm_up, args.progress, args.log_level, not args.no_web_engine)
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    if os.geteuid() == 0:
        # Chromium's sandbox does not run as root (CI); the kiosk itself never runs as root in the lobby.
        os.environ.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
    with tempfile.TemporaryDirectory(prefix="kiosk-soak-") as folder:
        findings = soak(Path(folder), options)
    return report(findings, options, args.max_growth_mb)


@dataclass
class Kiosk:
    """The running kiosk, built the way `python -m kiosk` builds it."""

    app: QApplication
    manager: ContentManager
    usage: UsageCounter
    lobby: Lobby
    window: KioskWindow
    content_file: Path


def build_kiosk(folder: Path, web_engine: bool) -> Kiosk:
    share, state = folder / "share", folder / "state"
    shutil.copytree(REPO / "resources", share / "resources")
    shutil.copy(REPO / "content.yaml", share / "content.yaml")
    app = create_application([sys.argv[0]], offscreen=True)
    manager = ContentManager(str(share / "content.yaml"), state, debounce_ms=20, parent=app)
    if manager.start() is None:
        raise SystemExit("soak: the shipped content does not load")
    usage = UsageCounter(database_file(state), write_every_s=0.5)
    usage.start()
    shell = KioskShell(manager, windowed=True)
    lobby = Lobby(app, manager, state_dir=state, kiosk_mode=True, second_ms=SECOND_MS, hold_ms=HOLD_MS)
    shell.window_created.connect(lambda window: lobby.attach(window, usage.snapshot))
    shell.window_created.connect(lambda window: UsageRecorder(window, usage.count))
    manager.content_changed.connect(lobby.content_changed)
    shell.show()
    window = shell.window
    assert window is not None
    assert lobby.session is not None
    window.resize(*SIZES[0])
    if not web_engine:
        # What every ReaderEngine decides when Chromium cannot start here: the reader shows its own panel.
        # (setattr: the module re-exports the function from kiosk.reader.startup, which mypy keeps private.)
        setattr(reader_engine, "engine_may_start", lambda *_args: False)  # noqa: B010
    return Kiosk(app, manager, usage, lobby, window, share / "content.yaml")


def soak(folder: Path, options: Options) -> Findings:
    findings = Findings()
    configure_logging(options.log_level)
    logging.getLogger().addHandler(CountingHandler(findings))
    kiosk = build_kiosk(folder, options.web_engine)
    window = kiosk.window
    window.screen_changed.connect(lambda name: _screen_opened(findings, window, name))
    previous_hook = sys.excepthook

    def count_exception(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        findings.exceptions.append("".join(traceback.format_exception(kind, error, trace)))
        previous_hook(kind, error, trace)  # the crash guard: log, and start over on the home screen

    sys.excepthook = count_exception
    rng = random.Random(options.seed)  # noqa: S311 - a repeatable visitor, not a secret
    visitor = Visitor(kiosk, rng, findings)
    warm_at = max(1, int(options.actions * options.warm_up_percent / 100))
    every = max(1, options.actions * options.progress_percent // 100) if options.progress_percent else 0
    started = time.monotonic()

    def finish() -> None:
        findings.rss_end = measured_rss()
        kiosk.app.quit()

    def step() -> None:
        done = sum(findings.actions.values())
        if done == warm_at:
            findings.rss_warm, findings.warm_at = measured_rss(), done
        if every and done and done % every == 0:
            print(
                f"soak: {done} actions, {time.monotonic() - started:.0f} s, RSS {rss_bytes() / MB:.1f} MB, "
                f"{len(findings.exceptions)} exceptions, {sum(findings.qt_warnings.values())} Qt warnings",
                file=sys.stderr,
                flush=True,
            )
        if done >= options.actions:
            QTimer.singleShot(0, finish)
            return
        try:
            visitor.act(lambda: QTimer.singleShot(0, step))
        except Exception as error:  # the soak's own mistake: counted like the kiosk's, and the soak goes on
            count_exception(type(error), error, error.__traceback__)
            QTimer.singleShot(0, step)

    def begin() -> None:
        findings.rss_start = measured_rss()
        step()

    QTimer.singleShot(200, begin)  # after the first frames
    QTimer.singleShot(0, window.prepare_screens)
    kiosk.app.exec()
    findings.seconds = time.monotonic() - started
    sys.excepthook = previous_hook
    kiosk.usage.flush()
    findings.counted_screens = sum(row.count for row in kiosk.usage.snapshot().days if row.kind == SCREEN)
    kiosk.usage.stop()
    kiosk.lobby.stop()
    return findings


def _screen_opened(findings: Findings, window: KioskWindow, name: str) -> None:
    if name == "contact" or name in {topic.id for topic in window.content.topics}:
        findings.screens_opened += 1


class Visitor:
    """Picks each next action at random (seeded), performs it with real mouse and key events, and waits if needed."""

    def __init__(self, kiosk: Kiosk, rng: random.Random, findings: Findings) -> None:
        window, lobby, manager, content_file = kiosk.window, kiosk.lobby, kiosk.manager, kiosk.content_file
        self.window = window
        self.lobby = lobby
        self.manager = manager
        self.content_file = content_file
        self.original = content_file.read_text(encoding="utf-8")
        self.rng = rng
        self.findings = findings
        self.edits = 0
        self.size = 0
        self.resets = 0
        self.changes = 0
        self._poll = QTimer()
        self._poll.setInterval(5)
        self._poll.timeout.connect(self._check)
        self._until: Callable[[], bool] = lambda: True
        self._then: Callable[[], None] = lambda: None
        self._deadline = 0.0
        self._waiting_for = ""
        assert lobby.session is not None
        lobby.session.session_reset.connect(self._reset_seen)
        manager.content_changed.connect(self._change_seen)
        self._table: dict[str, Callable[[], bool]] = {
            "tap a control": self.tap_control,
            "tap anywhere": self.tap_anywhere,
            "swipe or scroll": self.swipe,
            "switch language": self.switch_language,
            "key": self.key,
            "read a page": self.read_page,
            "walk away": self.walk_away,
            "edit the content": self.edit_content,
            "rotate the screen": self.rotate,
            "long press the mark": self.long_press,
            "staff open the panel": self.staff_panel,
        }
        self._names = list(ACTIONS)
        self._weights = [ACTIONS[name] for name in self._names]

    def _reset_seen(self) -> None:
        self.resets += 1

    def _change_seen(self, _content: object) -> None:
        self.changes += 1

    def act(self, then: Callable[[], None]) -> None:
        """One action; `then` runs once it is over (at once, or when what it waits for has happened)."""
        name = self.rng.choices(self._names, self._weights)[0]
        self.findings.actions[name] += 1
        started = time.monotonic()

        def over() -> None:
            self.findings.seconds_by_action[name] += time.monotonic() - started
            then()

        self._then = over
        if not self._table[name]():
            over()

    def wait(self, what: str, until: Callable[[], bool], limit_ms: int = WAIT_LIMIT_MS) -> bool:
        self._waiting_for, self._until = what, until
        self._deadline = time.monotonic() + limit_ms / 1000
        self._poll.start()
        return True

    def _check(self) -> None:
        timed_out = time.monotonic() > self._deadline
        if self._until() or timed_out:
            if timed_out:
                self.findings.waits_timed_out[self._waiting_for] += 1
            self._poll.stop()
            self._then()

    # -- where a finger lands ----------------------------------------------------------------------------

    def _handle(self) -> QWindow:
        handle = self.window.windowHandle()
        assert handle is not None
        return handle

    def _tap(self, x: int, y: int) -> None:
        QTest.mouseClick(self._handle(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(x, y))

    def _visible_controls(self) -> list[QAbstractButton]:
        panel = self.lobby.admin.panel if self.lobby.admin is not None else None
        never = {panel.exit} if panel is not None else set()  # staff's Exit ends the program, not a visitor's tap
        return [
            button
            for button in self.window.findChildren(QAbstractButton)
            if button.isVisible() and button.isEnabled() and button not in never
        ]

    def tap_control(self) -> bool:
        controls = self._visible_controls()
        if not controls:
            return self.tap_anywhere()
        control = self.rng.choice(controls)
        point = control.mapTo(self.window, QPoint(control.width() // 2, control.height() // 2))
        inside = self.window.rect()
        if inside.contains(point):
            self._tap(point.x(), point.y())
        return self._after_tap()

    def tap_anywhere(self) -> bool:
        self._tap(self.rng.randrange(self.window.width()), self.rng.randrange(self.window.height()))
        return self._after_tap()

    def _after_tap(self) -> bool:
        """A tap that opened the reader waits for the page, as a visitor would."""
        if self.window.current == READER and self.window.reader.view is not None:
            return self._wait_for_page()
        return False

    def swipe(self) -> bool:
        areas = [area for area in self.window.findChildren(KineticScrollArea) if area.isVisible()]
        handle = self._handle()
        if areas:
            area = self.rng.choice(areas)
            viewport = area.viewport()
            start = viewport.mapTo(self.window, viewport.rect().center())
        else:
            start = QPoint(self.window.width() // 2, self.window.height() // 2)
        sideways = self.rng.random() < 0.5
        distance = self.rng.choice((-1, 1)) * self.rng.randrange(60, 400)
        end = start + (QPoint(distance, self.rng.randrange(-20, 20)) if sideways else QPoint(0, distance))
        # A finger stays on the glass: a swipe that would run off the screen stops at its edge.
        end = QPoint(min(max(end.x(), 0), self.window.width() - 1), min(max(end.y(), 0), self.window.height() - 1))
        button, none = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        QTest.mousePress(handle, button, none, start)
        for fraction in (0.25, 0.5, 0.75, 1.0):
            QTest.mouseMove(handle, start + (end - start) * fraction, 4)
        QTest.mouseRelease(handle, button, none, end, 4)
        return False

    def switch_language(self) -> bool:
        buttons = [button for button in self.window.bar.languages.values() if button.isVisible()]
        if buttons:
            button = self.rng.choice(buttons)
            point = button.mapTo(self.window, QPoint(button.width() // 2, button.height() // 2))
            self._tap(point.x(), point.y())
        return False

    def key(self) -> bool:
        keys = (
            Qt.Key.Key_Tab,
            Qt.Key.Key_Backtab,
            Qt.Key.Key_Return,
            Qt.Key.Key_Space,
            Qt.Key.Key_Down,
            Qt.Key.Key_Escape,
        )
        target = self.window.focusWidget() or self.window
        QTest.keyClick(target, self.rng.choice(keys))
        return self._after_tap()

    # -- the reader ----------------------------------------------------------------------------------------

    def read_page(self) -> bool:
        """Open a page from a topic's "Read here", wait for it, then leave by Back or Home."""
        topics = [topic for topic in self.window.content.topics if topic.links]
        if self.window.current == READER or not topics:
            return self.leave_reader()
        topic = self.rng.choice(topics)
        if self.window.current != topic.id:
            self.window.open(topic.id)
        self.window.open_reader(self.rng.choice(topic.links))
        return self._wait_for_page()

    def _wait_for_page(self) -> bool:
        reader = self.window.reader
        painted = [False]
        view = reader.view
        if view is None:
            return False
        view.first_paint.connect(lambda: painted.__setitem__(0, True))

        def over() -> bool:
            # A session reset (the idle times here are milliseconds) takes the visitor home before a slow page
            # paints, and may bring new content, which replaces the reader itself: nothing is left to wait for.
            if self.window.current != READER:
                return True
            return painted[0] or reader.showing_unavailable or reader.view is not view

        return self.wait("a page in the reader", over)

    def leave_reader(self) -> bool:
        if self.window.current == READER:
            if self.rng.random() < 0.5:
                self.window.go_back()
            else:
                self.window.go_home()
        return False

    # -- between visitors and behind the scenes -------------------------------------------------------------

    def walk_away(self) -> bool:
        """Nobody touches the kiosk: "Still there?", the reset, sometimes the attract loop; the next visitor taps."""
        session = self.lobby.session
        assert session is not None
        if session.state is IdleState.ATTRACT:
            return False  # nobody was there: nothing changes
        before = self.resets
        if session.state is IdleState.RESTING:  # already reset for the next visitor: only the attract loop is due
            return self.wait("the attract loop", lambda: session.state is IdleState.ATTRACT)
        wait_for_attract = self.rng.random() < 0.3

        def reset_done() -> bool:
            if self.resets == before:
                return False
            return not wait_for_attract or session.state is IdleState.ATTRACT

        return self.wait("the session reset", reset_done)

    def edit_content(self) -> bool:
        """Staff save content.yaml with a changed title; the kiosk notices the file by itself."""
        self.edits += 1
        title = f"      nl: Utrecht in Europa ({self.edits})\n" if self.edits % 2 else "      nl: Utrecht in Europa\n"
        text = self.original.replace("      nl: Utrecht in Europa\n", title, 1)
        self.content_file.write_text(text, encoding="utf-8")
        before = self.changes
        return self.wait("new content", lambda: self.changes > before)

    def rotate(self) -> bool:
        self.size = 1 - self.size
        self.window.resize(*SIZES[self.size])
        return False

    def long_press(self) -> bool:
        """The admin gesture on the city mark: the PIN pad opens (no PIN is set, so it stays locked)."""
        mark = getattr(getattr(self.window.current_screen(), "header", None), "mark", None)
        if mark is None or not mark.isVisible():
            return False
        point = mark.mapTo(self.window, QPoint(mark.width() // 2, mark.height() // 2))
        handle = self._handle()
        QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
        started = time.monotonic()

        def held() -> bool:
            if time.monotonic() - started < HOLD_MS * 2 / 1000:
                return False
            QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
            return True

        return self.wait("the long press", held)

    def staff_panel(self) -> bool:
        """Staff look at the admin panel (its usage chart included) and close it again."""
        admin = self.lobby.admin
        if admin is None:
            return False
        admin.panel.show_panel()
        admin.panel.refresh()
        admin.panel.close_panel()
        return False


def report(findings: Findings, options: Options, max_growth_mb: float) -> int:
    actions, seed, web_engine = options.actions, options.seed, options.web_engine
    growth = findings.rss_end - findings.rss_warm
    failed = []
    if findings.exceptions:
        failed.append(f"{len(findings.exceptions)} exceptions")
    if growth >= max_growth_mb * MB:
        failed.append(f"RSS grew {growth / MB:.1f} MB after the warm-up (limit {max_growth_mb:g} MB)")
    if findings.counted_screens is not None and findings.counted_screens != findings.screens_opened:
        failed.append(
            f"statistics counted {findings.counted_screens} screens, the visitor opened {findings.screens_opened}"
        )
    rows = [
        ("actions", f"{sum(findings.actions.values())} of {actions} (seed {seed})"),
        ("reader", "QtWebEngine pages" if web_engine else "no QtWebEngine: the 'page unavailable' panel"),
        ("duration", f"{findings.seconds:.0f} s ({findings.seconds / max(1, actions) * 1000:.1f} ms an action)"),
        ("exceptions", str(len(findings.exceptions))),
        ("Qt warnings", str(sum(findings.qt_warnings.values()))),
        ("kiosk warnings/errors", str(sum(findings.kiosk_warnings.values()))),
        ("RSS at start", f"{findings.rss_start / MB:.1f} MB"),
        ("RSS after warm-up", f"{findings.rss_warm / MB:.1f} MB (after {findings.warm_at} actions)"),
        ("RSS at the end", f"{findings.rss_end / MB:.1f} MB"),
        ("growth after warm-up", f"{growth / MB:+.1f} MB (limit {max_growth_mb:g} MB)"),
        ("screens opened", f"{findings.screens_opened} (statistics counted {findings.counted_screens})"),
        ("waits given up", ", ".join(f"{name} {count}" for name, count in findings.waits_timed_out.items()) or "none"),
    ]
    width = max(len(name) for name, _ in rows)
    print("Soak test of the kiosk")
    for name, value in rows:
        print(f"  {name:<{width}}  {value}")
    print("  what the visitor did: " + ", ".join(f"{name} {count}" for name, count in findings.actions.most_common()))
    print(
        "  time it took: "
        + ", ".join(
            f"{name} {seconds:.0f} s"
            for name, seconds in sorted(findings.seconds_by_action.items(), key=lambda item: -item[1])
        )
    )
    for title, counts in (
        ("Qt warnings", findings.qt_warnings),
        ("kiosk warnings and errors", findings.kiosk_warnings),
    ):
        if counts:
            print(f"  {title}:")
            for message, count in counts.most_common(15):
                print(f"    {count:>6} × {message}")
    for text in findings.exceptions[:5]:
        print(text, end="")
    print(f"FAILED: {'; '.join(failed)}" if failed else "PASSED")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
