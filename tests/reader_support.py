"""The reader's fixtures and helpers: the escape server, a reader that allows only this machine, taps, scripts."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from escape_server import EscapeServer, SilentServer, UntrustedTlsServer
from helpers import decode_qr_codes
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEngineScript
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Content, Link, Translated
from kiosk.reader.policy import ReaderPolicy
from kiosk.render import settle
from kiosk.screens.reader import ReaderScreen

# The tests' allowlist: this machine over plain http (the escape server) or https (the untrusted and silent
# servers), and a name that never resolves (conftest makes every other name fail inside Chromium).
TEST_POLICY = ReaderPolicy(frozenset({"127.0.0.1", "no-such-host.test"}), allow_loopback_http=True)
# How long a wait may take before the test fails; a passing test waits only as long as the page takes.
PAGE_WAIT_MS = 20_000


@pytest.fixture(scope="session")
def escape_server() -> Iterator[EscapeServer]:
    server = EscapeServer()
    yield server
    server.stop()


@pytest.fixture
def untrusted_server() -> Iterator[UntrustedTlsServer]:
    server = UntrustedTlsServer()
    yield server
    server.stop()


@pytest.fixture
def silent_server() -> Iterator[SilentServer]:
    server = SilentServer()
    yield server
    server.stop()


@pytest.fixture
def reader(qtbot: QtBot, content: Content) -> Iterator[ReaderScreen]:
    """The reader screen on its own, at the kiosk's landscape size, allowed nothing but this machine."""
    screen = ReaderScreen(content, TEST_POLICY)
    qtbot.addWidget(screen)
    screen.resize(1920, 1080)
    screen.show()
    qtbot.waitExposed(screen)
    yield screen
    screen.close_page()  # the page, its renderer and its profile are gone before the next test


def link_to(url: str) -> Link:
    return Link(url=url, label=Translated({"nl": "Testpagina", "en": "Test page"}))


def read(qtbot: QtBot, reader: ReaderScreen, url: str, language: str = "en") -> None:
    """Open url in the reader and wait until the visitor sees it: loaded, and painted."""
    with qtbot.waitSignals([reader.loaded, reader.painted], timeout=PAGE_WAIT_MS):
        reader.read(link_to(url), language)


def tap(reader: ReaderScreen, point: QPoint | None = None) -> None:
    """A finger's tap on the page (the middle, unless told), delivered as Qt delivers it to the page."""
    assert reader.view is not None
    target = reader.view.focusProxy()
    QTest.mouseClick(target, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point or target.rect().center())


FRAME_MS = 16  # a touchscreen reports a moving finger once a frame
# Offscreen, Qt's one screen is 800x600 and touches beyond it are never delivered: gestures stay inside it.
OFFSCREEN_SCREEN = QRect(0, 0, 800, 600)
_TOUCHSCREEN = QTest.createTouchDevice()


def touch(widget: QWidget, steps: list[list[QPoint]]) -> None:
    """Fingers on a widget: each step lists where each finger is; the first step presses, the last lifts.

    Chromium reads a finger's speed from the events' times, so the steps come at a finger's pace, a frame
    apart: this plays the gesture, it waits for nothing.
    """
    for step, fingers in enumerate(steps):
        assert all(OFFSCREEN_SCREEN.contains(widget.mapToGlobal(point)) for point in fingers), fingers
        sequence = QTest.touchEvent(widget, _TOUCHSCREEN)
        for finger, point in enumerate(fingers):
            if step == 0:
                sequence.press(finger, point)
            elif step == len(steps) - 1:
                sequence.release(finger, point)
            else:
                sequence.move(finger, point)
        sequence.commit()
        QTest.qWait(FRAME_MS)


def codes_on(widget: QWidget) -> set[str]:
    """Every QR code a phone could scan from the widget's window as it is now, laid out."""
    settle(QApplication.instance())  # type: ignore[arg-type]
    return decode_qr_codes(widget.window().grab().toImage())


def run_js(qtbot: QtBot, reader: ReaderScreen, script: str) -> object:
    """What a script evaluates to in the page on show, run beside the page's own scripts (a bundled page allows
    none of its own): it sees the same document, storage and scroll position."""
    assert reader.view is not None
    answers: list[object] = []
    reader.view.page().runJavaScript(script, QWebEngineScript.ScriptWorldId.ApplicationWorld, answers.append)
    qtbot.waitUntil(lambda: len(answers) == 1, timeout=PAGE_WAIT_MS)
    return answers[0]


def wait_for_title(qtbot: QtBot, reader: ReaderScreen, start: str) -> str:
    """The page's title once it starts with start: how a test page reports what happened to it."""
    assert reader.view is not None
    view = reader.view
    qtbot.waitUntil(lambda: view.title().startswith(start), timeout=PAGE_WAIT_MS)
    return view.title()
