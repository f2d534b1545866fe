"""The attract loop between visitors: calm, every topic, "tap to start" in every language, the first tap goes home."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import LANDSCAPE, PORTRAIT
from helpers import clipped_texts
from PySide6.QtCore import QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.content import Content
from kiosk.screens.attract import FADE_MS, SLIDE_MS, AttractScreen
from kiosk.session.controller import SessionController
from kiosk.session.idle import IdleState, SessionTimings
from kiosk.window import KioskWindow

# No warning of its own during these tests; the attract loop 50 ms after a reset.
TIMINGS = SessionTimings(idle_ms=600_000, warning_s=20, attract_ms=50, second_ms=5)
WCAG_MAX_CHANGES_PER_SECOND = 3


@pytest.fixture
def session(window: KioskWindow) -> Iterator[SessionController]:
    controller = SessionController(window, TIMINGS, slide_ms=60_000, fade_ms=0)
    controller.start()
    yield controller
    controller.stop()


def tap_at(window: QWidget, widget: QWidget) -> None:
    """A tap delivered like a finger's, to whatever the window shows where widget is."""
    handle = window.windowHandle()
    assert handle is not None
    point = widget.mapTo(window, widget.rect().center())
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def start_attract(qtbot: QtBot, session: SessionController) -> AttractScreen:
    with qtbot.waitSignal(session.watcher.attract_due):
        session.reset()
    assert session.attract.isVisible()
    return session.attract


def test_the_loop_starts_a_while_after_a_reset(qtbot: QtBot, window: KioskWindow, session: SessionController) -> None:
    attract = start_attract(qtbot, session)
    assert session.state is IdleState.ATTRACT
    assert attract.geometry() == window.rect()
    assert attract.tap_to_start.text() == "Tik om te beginnen · Tap to start"
    assert attract.slides.count() == len(window.content.topics)


def test_each_slide_shows_a_topic_in_every_language(qtbot: QtBot, session: SessionController, content: Content) -> None:
    attract = start_attract(qtbot, session)
    first = attract.slides.widget(0)
    topic = content.topics[0]
    assert first.title.text() == topic.title["nl"]  # type: ignore[attr-defined]
    assert first.translations.text() == topic.title["en"]  # type: ignore[attr-defined]


def test_a_title_the_same_in_every_language_is_said_once(qtbot: QtBot, session: SessionController) -> None:
    attract = start_attract(qtbot, session)
    goals = attract.slides.widget(3)
    assert goals.title.text() == "Global Goals City"  # type: ignore[attr-defined]
    assert not goals.translations.isVisibleTo(goals)  # type: ignore[attr-defined]


def test_the_loop_is_calm_by_default() -> None:
    """WCAG 2.3.1: no more than three changes a second; here one topic every few seconds."""
    assert SLIDE_MS >= 1000 / WCAG_MAX_CHANGES_PER_SECOND
    assert SLIDE_MS >= 5000
    # The fade's two halves (out, then in) are one gentle change, done long before the next slide.
    assert FADE_MS <= SLIDE_MS / 4


def test_the_loop_goes_round_every_topic(qtbot: QtBot, window: KioskWindow, content: Content) -> None:
    attract = AttractScreen(window, slide_ms=10, fade_ms=0)
    shown: list[int] = []
    attract.slide_changed.connect(shown.append)
    attract.start(content)
    try:
        qtbot.waitUntil(lambda: len(shown) > len(content.topics))
    finally:
        attract.stop()
    assert shown[: len(content.topics) + 1] == [*range(len(content.topics)), 0]


def test_a_cross_fade_changes_the_slide_halfway(qtbot: QtBot, window: KioskWindow, content: Content) -> None:
    attract = AttractScreen(window, slide_ms=60_000, fade_ms=40)
    attract.start(content)
    try:
        with qtbot.waitSignal(attract.slide_changed) as changed:
            attract.advance()
        assert changed.args == [1]
        qtbot.waitUntil(lambda: attract._fade.state() == attract._fade.State.Stopped)
    finally:
        attract.stop()


def test_the_first_tap_lands_on_home_not_under_the_finger(
    qtbot: QtBot, window: KioskWindow, session: SessionController
) -> None:
    start_attract(qtbot, session)
    tap_at(window, window.home_screen.tiles["europe"])
    assert not session.attract.isVisible()
    assert window.current == "home"
    assert window.home_screen.isVisible()
    assert session.state is IdleState.ACTIVE


def test_a_touch_during_the_rest_before_the_loop_cancels_it(window: KioskWindow) -> None:
    session = SessionController(window, SessionTimings(idle_ms=600_000, warning_s=20, attract_ms=600_000))
    session.start()
    try:
        session.reset()
        assert session.state is IdleState.RESTING
        tap_at(window, window.home_screen.tiles["europe"])
        assert window.current == "europe"
        assert session.state is IdleState.ACTIVE
    finally:
        session.stop()


@pytest.mark.parametrize("size", [pytest.param(LANDSCAPE, id="landscape"), pytest.param(PORTRAIT, id="portrait")])
def test_nothing_on_the_loop_is_clipped(make_window: object, size: QSize, content: Content) -> None:
    window: KioskWindow = make_window(size)  # type: ignore[operator]
    attract = AttractScreen(window, fade_ms=0)
    attract.start(content)
    try:
        for _ in range(attract.slides.count()):
            assert clipped_texts(window) == [], attract.index
            attract.advance()
    finally:
        attract.stop()
