"""Finding your way: tiles, Back, Home, swipes and arrows, and the language switch, through real events."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QObject, QPoint, QSize, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.render import settle
from kiosk.screens.topic import TopicScreen
from kiosk.window import KioskWindow


def tap(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def swipe(widget: QWidget, dx: int, dy: int = 0) -> None:
    """A finger drag across the widget, as Qt delivers touch to widgets: press, moves, release."""
    start = QPoint(widget.width() // 2, widget.height() // 2)
    QTest.mousePress(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start)
    for step in range(1, 9):
        QTest.mouseMove(widget, start + QPoint(dx * step // 8, dy * step // 8))
    QTest.mouseRelease(widget, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, start + QPoint(dx, dy))


def test_home_has_a_tile_for_every_topic_and_for_contact(window: KioskWindow) -> None:
    assert list(window.home_screen.tiles) == ["healthy-urban-living", "europe", "business", "global-goals", "contact"]
    assert window.home_screen.tiles["europe"].title.text() == "Utrecht in Europa"


def test_tapping_a_tile_opens_its_topic(qtbot: QtBot, window: KioskWindow) -> None:
    with qtbot.waitSignal(window.screen_changed) as opened:
        tap(qtbot, window.home_screen.tiles["global-goals"])
    assert opened.args == ["global-goals"]
    screen = window.current_screen()
    assert isinstance(screen, TopicScreen)
    assert screen.header.title.text() == "Global Goals City"
    assert screen.isVisible()


def test_back_and_home_return_to_the_home_screen(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.home_screen.tiles["europe"])
    assert window.current == "europe"
    tap(qtbot, window.bar.back)
    assert window.current == "home"
    tap(qtbot, window.home_screen.tiles["contact"])
    assert window.current == "contact"
    tap(qtbot, window.bar.home)
    assert window.current == "home"
    assert window.home_screen.isVisible()


def test_home_shows_no_back_or_topic_arrows(qtbot: QtBot, window: KioskWindow) -> None:
    assert not window.bar.back.isVisible()
    assert not window.bar.next.isVisible()
    tap(qtbot, window.home_screen.tiles["europe"])
    assert window.bar.back.isVisible()
    assert window.bar.next.isVisible()


def test_swipe_left_goes_to_the_next_topic_and_right_comes_back(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.home_screen.tiles["europe"])
    viewport = window.current_screen().text_scroll.viewport()
    with qtbot.waitSignal(window.screen_changed):
        swipe(viewport, -400)
    assert window.current == "business"
    viewport = window.current_screen().text_scroll.viewport()
    with qtbot.waitSignal(window.screen_changed):
        swipe(viewport, 400)
    assert window.current == "europe"


def test_swipe_wraps_from_the_last_topic_to_the_first(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.home_screen.tiles["contact"])
    with qtbot.waitSignal(window.screen_changed):
        swipe(window.current_screen().text_scroll.viewport(), -400)
    assert window.current == "healthy-urban-living"


def test_a_short_or_mostly_vertical_drag_is_not_a_swipe(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.home_screen.tiles["europe"])
    viewport = window.current_screen().text_scroll.viewport()
    with qtbot.assertNotEmitted(window.screen_changed):
        swipe(viewport, -60)
        swipe(viewport, -200, 300)
    assert window.current == "europe"


def test_arrow_buttons_step_through_the_topics(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.home_screen.tiles["healthy-urban-living"])
    tap(qtbot, window.bar.next)
    assert window.current == "europe"
    tap(qtbot, window.bar.previous)
    tap(qtbot, window.bar.previous)
    assert window.current == "contact"


def test_language_switch_rerenders_the_current_screen_in_place(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.home_screen.tiles["business"])
    screen = window.current_screen()
    screen.text_scroll.verticalScrollBar().setValue(0)
    assert screen.header.title.text() == "Aantrekkelijk voor bedrijven, bewoners en studenten"
    with qtbot.waitSignal(window.language_changed):
        tap(qtbot, window.bar.languages["en"])
    assert window.current_screen() is screen
    assert screen.header.title.text() == "Attractive for businesses, residents and students"
    assert window.bar.back.text().endswith("Back")
    assert window.bar.languages["en"].isChecked()
    assert not window.bar.languages["nl"].isChecked()
    card = screen.take_along.cards[1]
    assert card.caption.text() == "Scan to e-mail"
    assert "subject=International%20delegation" in card.payload.uri


def test_language_carries_over_to_screens_opened_later(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.bar.languages["en"])
    assert window.home_screen.hint.text() == "Tap a topic."
    tap(qtbot, window.home_screen.tiles["contact"])
    assert window.current_screen().header.title.text() == "Help and contact"


def test_switching_language_keeps_the_scroll_position(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.home_screen.tiles["business"])
    bar = window.current_screen().text_scroll.verticalScrollBar()
    assert bar.maximum() > 0, "the business text should scroll beside its three cards"
    bar.setValue(bar.maximum() // 2)
    kept = bar.value()
    tap(qtbot, window.bar.languages["en"])
    assert bar.value() == kept


def test_opening_a_topic_starts_at_the_top(qtbot: QtBot, window: KioskWindow) -> None:
    tap(qtbot, window.home_screen.tiles["business"])
    bar = window.current_screen().text_scroll.verticalScrollBar()
    bar.setValue(bar.maximum())
    assert bar.value() > 0
    tap(qtbot, window.bar.home)
    tap(qtbot, window.home_screen.tiles["business"])
    assert bar.value() == 0


def test_a_tile_shows_it_is_pressed(qtbot: QtBot, window: KioskWindow) -> None:
    tile = window.home_screen.tiles["europe"]
    before = tile.grab().toImage()
    QTest.mousePress(tile, Qt.MouseButton.LeftButton)
    pressed = tile.grab().toImage()
    QTest.mouseRelease(tile, Qt.MouseButton.LeftButton)
    assert tile.isDown() is False
    corner = QPoint(tile.width() // 2, 6)
    assert pressed.pixelColor(corner) != before.pixelColor(corner)


class EventCounter(QObject):
    """Counts the events of one kind that Qt delivers to some widgets."""

    def __init__(self, kind: QEvent.Type, widgets: list[QWidget]) -> None:
        super().__init__(widgets[0])
        self.kind = kind
        self.count = 0
        for widget in widgets:
            widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == self.kind:
            self.count += 1
        return False


def test_a_tapped_tile_is_not_painted_again_before_its_topic_covers_it(
    qtbot: QtBot, qapp: QApplication, window: KioskWindow
) -> None:
    tile = window.home_screen.tiles["europe"]
    QTest.mousePress(tile, Qt.MouseButton.LeftButton)
    settle(qapp)  # the pressed look is on screen
    paints = EventCounter(QEvent.Type.Paint, [tile])
    with qtbot.waitSignal(window.screen_changed):
        QTest.mouseRelease(tile, Qt.MouseButton.LeftButton)
    assert paints.count == 0, "the released tile was painted, then covered by its topic in the same frame"
    assert window.current == "europe"


def test_a_finger_sliding_off_a_tile_leaves_it_released_on_screen(
    qtbot: QtBot, qapp: QApplication, window: KioskWindow
) -> None:
    tile = window.home_screen.tiles["europe"]
    tile.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # as in the kiosk (kiosk/accessibility/keypad.py): no focus ring
    before = tile.grab().toImage()
    QTest.mousePress(tile, Qt.MouseButton.LeftButton)
    settle(qapp)
    paints = EventCounter(QEvent.Type.Paint, [tile])
    QTest.mouseRelease(tile, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, QPoint(-40, -40))
    qtbot.waitUntil(lambda: paints.count > 0)  # painted in its released look in the next frame
    assert window.current == "home"
    assert not tile.isDown()
    corner = QPoint(tile.width() // 2, 6)
    assert tile.grab().toImage().pixelColor(corner) == before.pixelColor(corner)


@pytest.mark.parametrize("size", [QSize(1920, 1080), QSize(1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("name", ["home", "healthy-urban-living", "global-goals", "contact"])
def test_a_language_switch_is_laid_out_before_its_first_frame(
    make_window: Callable[[QSize], KioskWindow], qapp: QApplication, size: QSize, name: str
) -> None:
    """Nothing is left for the event loop to lay out after the switch, so no frame shows the new words in the old
    layout (and no second frame follows it)."""
    window = make_window(size)
    window.open(name)
    settle(qapp)
    window.set_language("en")
    assert window.language == "en"
    requests = EventCounter(QEvent.Type.LayoutRequest, [window, *window.findChildren(QWidget)])
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
    assert requests.count == 0, f"{requests.count} layout requests were still queued after the switch"
