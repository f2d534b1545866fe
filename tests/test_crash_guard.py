"""Crash containment: an exception in a slot or an event handler is logged with its traceback; the kiosk goes home."""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import QApplication, QPushButton, QWidget
from pytestqt.qtbot import QtBot

from kiosk.crash_guard import CrashGuard
from kiosk.session.controller import SessionController
from kiosk.session.idle import SessionTimings
from kiosk.window import KioskWindow

LONG = SessionTimings(idle_ms=600_000, warning_s=20, attract_ms=600_000)


class FaultyWidget(QWidget):
    """A widget whose event handler has a bug."""

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.User:
            raise LookupError("a bug in an event handler")
        return super().event(event)


@pytest.fixture
def session(window: KioskWindow, caplog: pytest.LogCaptureFixture) -> Iterator[SessionController]:
    """A visitor on a topic in English."""
    controller = SessionController(window, LONG)
    window.set_language("en")
    window.open("europe")
    caplog.set_level(logging.INFO)
    yield controller
    controller.stop()


@contextmanager
def guarded(qtbot: QtBot, session: SessionController) -> Iterator[list[object]]:
    """The crash guard as the kiosk installs it, inside pytest-qt's own capture, which must see nothing."""
    with qtbot.captureExceptions() as leaked:
        guard = CrashGuard(lambda: session.reset("error"))
        guard.install()
        try:
            with qtbot.waitSignal(session.session_reset):
                yield leaked
        finally:
            guard.uninstall()
    assert leaked == [], "the guard handles every error: none reaches pytest-qt"


def errors_in(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.levelno == logging.ERROR]


def test_an_exception_in_a_slot_is_logged_and_the_kiosk_goes_home(
    qtbot: QtBot, window: KioskWindow, session: SessionController, caplog: pytest.LogCaptureFixture
) -> None:
    button = QPushButton("faulty", window)
    button.clicked.connect(lambda: 1 / 0)
    with guarded(qtbot, session):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert window.current == "home"
    assert window.language == "nl"
    (error,) = errors_in(caplog)
    assert error.exc_info is not None
    assert error.exc_info[0] is ZeroDivisionError
    assert "Traceback (most recent call last)" in caplog.text
    assert "ZeroDivisionError" in caplog.text


def test_an_exception_in_an_event_handler_is_logged_and_the_kiosk_goes_home(
    qtbot: QtBot, window: KioskWindow, session: SessionController, caplog: pytest.LogCaptureFixture
) -> None:
    faulty = FaultyWidget(window)
    with guarded(qtbot, session):
        QApplication.postEvent(faulty, QEvent(QEvent.Type.User))
    assert window.current == "home"
    assert "a bug in an event handler" in caplog.text
    assert "Traceback (most recent call last)" in caplog.text


def test_several_errors_at_once_start_over_only_once(
    qtbot: QtBot, session: SessionController, caplog: pytest.LogCaptureFixture
) -> None:
    resets: list[None] = []
    session.session_reset.connect(lambda: resets.append(None))
    with guarded(qtbot, session):
        for _ in range(3):
            QTimer.singleShot(0, lambda: 1 / 0)
    # The three errors ran before the one recovery they scheduled.
    assert len(errors_in(caplog)) == 3
    assert resets == [None]


def make_guard(gave_up: list[None], now: list[float]) -> CrashGuard:
    return CrashGuard(
        lambda: None, give_up=lambda: gave_up.append(None), max_errors=3, within_s=60, clock=lambda: now[0]
    )


def test_errors_that_keep_coming_stop_the_kiosk_so_it_is_restarted(qapp: QApplication) -> None:
    """When starting over does not help (the home screen itself fails), systemd starts a fresh process."""
    gave_up: list[None] = []
    now = [100.0]
    guard = make_guard(gave_up, now)
    error = RuntimeError("the home screen itself fails")
    for _ in range(2):
        guard.handle(RuntimeError, error, None)
        now[0] += 10
    assert gave_up == []
    guard.handle(RuntimeError, error, None)
    assert gave_up == [None]


def test_errors_far_apart_never_stop_the_kiosk(qapp: QApplication) -> None:
    gave_up: list[None] = []
    now = [100.0]
    guard = make_guard(gave_up, now)
    for _ in range(10):
        guard.handle(RuntimeError, RuntimeError("now and then"), None)
        now[0] += 31
    assert gave_up == []


def test_installing_and_removing_the_guard_restores_the_previous_hook() -> None:
    before: Callable[..., object] = sys.excepthook
    guard = CrashGuard(lambda: None)
    guard.install()
    assert sys.excepthook == guard.handle
    guard.uninstall()
    assert sys.excepthook is before
