"""Between visitors: "Still there?" after the idle time, a visible countdown, one tap to carry on, then a full reset."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import LANDSCAPE, PORTRAIT
from helpers import clipped_texts
from PySide6.QtCore import QPoint, QPointF, QSize, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk import theme
from kiosk.admin.pin import PIN_HASH_VARIABLE, hash_pin
from kiosk.colour import contrast_ratio
from kiosk.content import Content
from kiosk.input_tap import InputTap
from kiosk.lobby import Lobby
from kiosk.session.controller import SessionController
from kiosk.session.idle import IdleState, IdleWatcher, SessionTimings
from kiosk.window import KioskWindow

# A countdown "second" of 5 ms: the full 20-second countdown takes a tenth of a second.
FAST = SessionTimings(idle_ms=50, warning_s=20, attract_ms=60_000, second_ms=5)


@pytest.fixture
def start_session(window: KioskWindow) -> Iterator[Callable[[], SessionController]]:
    """Start watching once the test has put the visitor where it wants: building a screen takes longer than 50 ms."""
    started: list[SessionController] = []

    def start() -> SessionController:
        controller = SessionController(window, FAST, fade_ms=0)
        controller.start()
        started.append(controller)
        return controller

    yield start
    for controller in started:
        controller.stop()


@pytest.fixture
def session(start_session: Callable[[], SessionController]) -> SessionController:
    return start_session()


def tap_at(qtbot: QtBot, window: QWidget, widget: QWidget) -> None:
    """A tap where widget is on screen, delivered like a finger's: to whatever the window shows at that point."""
    handle = window.windowHandle()
    assert handle is not None
    point = widget.mapTo(window, widget.rect().center())
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)


def test_the_shipped_timings_give_at_least_20_seconds_to_answer(content: Content) -> None:
    timings = SessionTimings.from_settings(content.settings)
    assert timings.warning_s >= 20
    assert timings.second_ms == 1000
    assert timings.idle_ms == content.settings.idle_timeout_s * 1000


def test_the_question_appears_after_the_idle_time_and_counts_down(qtbot: QtBot, session: SessionController) -> None:
    overlay = session.still_there
    with qtbot.waitSignal(session.watcher.warning) as warned:
        pass
    assert warned.args == [20]
    assert overlay.isVisible()
    assert overlay.question.text() == "Bent u er nog?"
    assert overlay.ring.left == 20
    with qtbot.waitSignal(session.watcher.countdown) as tick:
        pass
    assert tick.args == [19]
    assert overlay.ring.left == 19


def test_the_question_is_asked_in_the_visitors_language(
    qtbot: QtBot, window: KioskWindow, start_session: Callable[[], SessionController]
) -> None:
    tap_at(qtbot, window, window.bar.languages["en"])
    session = start_session()
    with qtbot.waitSignal(session.watcher.warning):
        pass
    assert session.still_there.question.text() == "Are you still there?"
    assert session.still_there.button.text() == "I'm still here"


def test_one_tap_anywhere_answers_and_does_nothing_else(
    qtbot: QtBot, window: KioskWindow, session: SessionController
) -> None:
    with qtbot.waitSignal(session.watcher.warning):
        pass
    # The tap lands where the Europe tile is, under the question: it must not open Europe.
    tap_at(qtbot, window, window.home_screen.tiles["europe"])
    assert not session.still_there.isVisible()
    assert window.current == "home"
    assert session.state is IdleState.ACTIVE
    assert session.watcher.time_to_warning_ms > 0


def test_the_answer_button_carries_on_too(
    qtbot: QtBot, window: KioskWindow, start_session: Callable[[], SessionController]
) -> None:
    tap_at(qtbot, window, window.home_screen.tiles["business"])
    session = start_session()
    with qtbot.waitSignal(session.watcher.warning):
        pass
    tap_at(qtbot, window, session.still_there.button)
    assert not session.still_there.isVisible()
    assert window.current == "business"
    assert session.state is IdleState.ACTIVE


def test_any_touch_key_or_wheel_restarts_the_idle_time(qtbot: QtBot, window: KioskWindow) -> None:
    """Each delivered the way the platform delivers it: to the window, which passes it on to the widget under it."""
    tap = InputTap.of()
    tap.watch(window)
    handle = window.windowHandle()
    assert handle is not None
    with qtbot.waitActive(window):  # keys go to the window with the focus
        window.activateWindow()
    centre = window.home_screen.mapTo(window, window.home_screen.rect().center())
    device = QTest.createTouchDevice()

    def touch() -> None:
        QTest.touchEvent(handle, device).press(0, centre, handle).commit()
        QTest.touchEvent(handle, device).release(0, centre, handle).commit()

    def wheel() -> None:
        QApplication.sendEvent(handle, wheel_turn(QPointF(centre), handle.mapToGlobal(QPointF(centre))))

    inputs = {
        "click": lambda: QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre),
        "touch": touch,
        "key": lambda: QTest.keyClick(handle, Qt.Key.Key_Tab),
        "wheel": wheel,
    }
    watcher = IdleWatcher(SessionTimings(idle_ms=600_000, warning_s=20, attract_ms=600_000))
    watcher.install(tap)
    try:
        for name, give in inputs.items():
            watcher.rest()
            assert watcher.state is IdleState.RESTING
            assert watcher.time_to_warning_ms == -1
            give()
            assert watcher.state is IdleState.ACTIVE, name
            assert watcher.time_to_warning_ms > 590_000, name
    finally:
        watcher.uninstall()


def wheel_turn(position: QPointF, global_position: QPointF) -> QWheelEvent:
    return QWheelEvent(
        position,
        global_position,
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )


def test_nobody_answers_and_the_session_is_reset(
    qtbot: QtBot, window: KioskWindow, start_session: Callable[[], SessionController]
) -> None:
    tap_at(qtbot, window, window.bar.languages["en"])
    tap_at(qtbot, window, window.home_screen.tiles["business"])
    session = start_session()
    with qtbot.waitSignal(session.session_reset, timeout=5000):
        pass
    assert window.current == "home"
    assert window.language == "nl"
    assert not session.still_there.isVisible()
    assert session.state is IdleState.RESTING


@pytest.mark.parametrize("size", [pytest.param(LANDSCAPE, id="landscape"), pytest.param(PORTRAIT, id="portrait")])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_question_is_readable_and_not_clipped(make_window: object, size: QSize, language: str) -> None:
    window: KioskWindow = make_window(size)  # type: ignore[operator]
    controller = SessionController(window, FAST)
    controller.still_there.ask(window.content, language, 20)
    assert clipped_texts(window) == []
    button = controller.still_there.button
    assert button.height() >= theme.BUTTON_HEIGHT
    assert QPoint(0, 0) == controller.still_there.pos()
    assert controller.still_there.size() == window.size()
    assert contrast_ratio(theme.PALETTE.text, theme.PALETTE.background) >= 4.5
    assert contrast_ratio(theme.PALETTE.button_text, theme.PALETTE.button) >= 4.5


class FakeContentOwner:
    """The content manager, as far as the admin panel needs it."""

    def __init__(self, window: KioskWindow) -> None:
        from kiosk.admin.panel import ContentStatusView

        self.status = ContentStatusView(source="content.yaml", version="abc123", loaded_at="09:00")
        self.reloads = 0

    def reload_now(self) -> None:
        self.reloads += 1


def test_a_reset_restores_every_piece_of_a_visitors_state(
    qtbot: QtBot, qapp: QApplication, window: KioskWindow, tmp_path: Path
) -> None:
    """The lobby as it runs: a visitor in English on page two of a topic, with the admin panel open."""
    lobby = Lobby(
        qapp,
        FakeContentOwner(window),
        state_dir=tmp_path,
        kiosk_mode=False,
        environ={PIN_HASH_VARIABLE: hash_pin("2468", log2_n=10)},
        second_ms=60_000,  # no reset by itself: this test starts it
    )
    try:
        lobby.attach(window)
        assert lobby.session is not None
        assert lobby.admin is not None
        reader_pages = ["a page"]  # the reader and the accessibility toggles reset themselves on this signal
        lobby.session.session_reset.connect(reader_pages.clear)
        tap_at(qtbot, window, window.bar.languages["en"])
        tap_at(qtbot, window, window.home_screen.tiles["business"])
        scrolled = window.current_screen().text_scroll.verticalScrollBar()
        scrolled.setValue(scrolled.maximum())
        assert scrolled.value() > 0
        lobby.admin.panel.show_panel()
        lobby.session.still_there.ask(window.content, window.language, 20)

        lobby.session.reset()

        assert window.current == "home"
        assert window.language == "nl"
        assert window.home_screen.header.title.text() == "Utrecht internationaal"
        assert window.bar.languages["nl"].isChecked()
        assert scrolled.value() == 0
        assert reader_pages == []
        assert not lobby.admin.panel.isVisible()
        assert not lobby.admin.pin_pad.isVisible()
        assert not lobby.session.still_there.isVisible()
        assert lobby.session.state is IdleState.RESTING
    finally:
        lobby.stop()
