"""What a visitor sees: every screen in both orientations and languages, with nothing clipped and codes that scan,
in the default look and with high contrast and larger text (up to 200 %)."""

from __future__ import annotations

import dataclasses

import pytest
from conftest import LANDSCAPE, PORTRAIT, REPO
from helpers import ZERO_WIDTH_SPACE, appearance, clipped_texts, controls, decode_qr_codes, expected_codes, out_of_reach
from PySide6.QtCore import QEvent, QObject, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from kiosk import theme
from kiosk.content import Content
from kiosk.content.loader import parse_content
from kiosk.content.model import Translated
from kiosk.render import settle
from kiosk.widgets.qr_card import QrCard
from kiosk.window import KioskWindow

SCREENS = ["home", "healthy-urban-living", "europe", "business", "global-goals", "contact"]
SIZES = [pytest.param(LANDSCAPE, id="landscape"), pytest.param(PORTRAIT, id="portrait")]
# The looks a visitor can choose: the default; high contrast with 150 % text; 200 % text in either palette.
LOOKS = [
    pytest.param(theme.DEFAULT_APPEARANCE, id="default"),
    pytest.param(theme.appearance(high_contrast=True, scale=1.5), id="contrast-150"),
    pytest.param(theme.appearance(scale=2.0), id="text-200"),
    pytest.param(theme.appearance(high_contrast=True, scale=2.0), id="contrast-200"),
]


def show(window: KioskWindow, name: str, language: str) -> None:
    window.set_language(language)
    window.open(name)
    settle(QGuiApplication.instance())  # type: ignore[arg-type]


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_text_is_clipped_on_any_screen(
    make_window: object, size: QSize, language: str, look: theme.Appearance
) -> None:
    with appearance(look):
        window: KioskWindow = make_window(size)  # type: ignore[operator]
        for name in SCREENS:
            show(window, name, language)
            assert clipped_texts(window) == [], f"{name} in {language}"
            assert window.size() == size, f"{name} in {language} forced the window to {window.size()}"


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_code_on_screen_scans_from_a_grab_of_the_window(
    make_window: object, content: Content, size: QSize, language: str
) -> None:
    window: KioskWindow = make_window(size)  # type: ignore[operator]
    for name in SCREENS[1:]:
        show(window, name, language)
        assert decode_qr_codes(window.grab().toImage()) == expected_codes(content, name, language), name


def test_the_address_under_each_code_says_what_it_encodes(window: KioskWindow) -> None:
    for name in SCREENS[1:]:
        show(window, name, "nl")
        for card in window.current_screen().findChildren(QrCard):
            shown = card.address.text().replace(ZERO_WIDTH_SPACE, "")
            assert shown == card.payload.text
            plain = card.payload.uri.removeprefix("mailto:").split("?")[0].removeprefix("tel:").removeprefix("https://")
            assert shown.replace(" ", "").rstrip("/") == plain.rstrip("/")


@pytest.mark.parametrize("size", SIZES)
def test_codes_are_drawn_big_enough_to_scan_at_arms_length(make_window: object, size: QSize) -> None:
    window: KioskWindow = make_window(size)  # type: ignore[operator]
    for name in SCREENS[1:]:
        show(window, name, "nl")
        for card in window.current_screen().findChildren(QrCard):
            assert card.code.width() >= theme.QR_MIN_PX
            assert card.code.module_px >= theme.QR_MIN_MODULE_PX


@pytest.mark.parametrize("size", SIZES)
def test_every_control_is_big_enough_for_a_finger(make_window: object, size: QSize) -> None:
    window: KioskWindow = make_window(size)  # type: ignore[operator]
    screen = QGuiApplication.primaryScreen()
    mm_per_px = 25.4 / screen.physicalDotsPerInch()
    # The smallest screen the kiosk is deployed on: 21.5 inch at 1920x1080, 0.248 mm a pixel.
    nine_mm = max(theme.TOUCH_TARGET_MIN_MM / 0.248, theme.TOUCH_TARGET_MIN_MM / mm_per_px)
    for name in SCREENS:
        show(window, name, "nl")
        for control in controls(window):
            smallest = min(control.width(), control.height())
            assert smallest >= theme.TOUCH_TARGET_MIN_PX, f"{name}: {control.text()!r} is {control.size()}"
            assert smallest >= nine_mm, f"{name}: {control.text()!r} is under 9 mm"


@pytest.mark.parametrize("look", [LOOKS[0], LOOKS[-1]])
@pytest.mark.parametrize("size", SIZES)
def test_every_control_is_within_a_seated_visitors_reach(
    make_window: object, size: QSize, look: theme.Appearance
) -> None:
    """Between 380 and 1220 mm above the floor for the lobby's mounting (EN 301 549 8.3.3; tests/test_reach.py)."""
    with appearance(look):
        window: KioskWindow = make_window(size)  # type: ignore[operator]
        for name in SCREENS:
            show(window, name, "nl")
            assert out_of_reach(window) == [], name


def test_content_text_is_never_read_as_markup(make_window: object, content: Content) -> None:
    text = (REPO / "content.yaml").read_text(encoding="utf-8")
    hostile = text.replace(
        "Utrecht wants to be a city where health comes first in everything we do.",
        "<b>bold</b> <img src='file:///etc/passwd'> <a href='https://evil.example'>link</a>",
    ).replace("    en: Tap a topic.", '    en: "<h1>Tap</h1>"')
    window: KioskWindow = make_window(LANDSCAPE, parse_content(hostile.encode(), "content.yaml", REPO))  # type: ignore[operator]
    show(window, "healthy-urban-living", "en")
    labels = window.findChildren(QLabel)
    assert all(label.textFormat() == Qt.TextFormat.PlainText for label in labels)
    assert any(label.text().startswith("<b>bold</b> <img") for label in labels)
    show(window, "home", "en")
    assert window.home_screen.hint.text() == "<h1>Tap</h1>"
    assert all(not label.openExternalLinks() for label in labels)


def test_global_goals_shows_all_17_tiles_in_their_colours(window: KioskWindow, content: Content) -> None:
    show(window, "global-goals", "en")
    tiles = window.current_screen().goals
    assert tiles is not None
    assert [goal.number for goal in tiles.goals] == list(range(1, 18))
    image = tiles.grab().toImage()
    first = image.pixelColor(6, tiles.heightForWidth(tiles.width()) // 4).name()
    assert first.upper() == "#E5243B"


def test_the_bundled_typeface_is_used(window: KioskWindow) -> None:
    assert window.home_screen.header.title.font().family() == "Atkinson Hyperlegible"


def test_kiosk_mode_is_fullscreen_frameless_with_the_pointer_hidden(qtbot: QtBot, content: Content) -> None:
    window = KioskWindow(content)
    qtbot.addWidget(window)
    window.enter_kiosk_mode()
    qtbot.waitUntil(window.isFullScreen)
    assert window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert window.cursor().shape() == Qt.CursorShape.BlankCursor


class SizesSeen(QObject):
    """Every size a widget is given, in order."""

    def __init__(self, watched: QWidget) -> None:
        super().__init__(watched)
        self.sizes: list[QSize] = []
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.sizes.append(QSize(watched.size()))  # type: ignore[attr-defined]
        return False


def test_kiosk_mode_lays_the_window_out_once_at_the_screens_size(qtbot: QtBot, content: Content) -> None:
    # Shown at its default size first and then made fullscreen, every screen would be laid out twice before the
    # first frame, and a label would see a width no visitor sees.
    window = KioskWindow(content)
    qtbot.addWidget(window)
    seen = SizesSeen(window)
    window.enter_kiosk_mode()
    qtbot.waitUntil(window.isFullScreen)
    qtbot.waitExposed(window)
    assert seen.sizes == [window.screen().geometry().size()]


def test_text_scrolls_with_a_finger(window: KioskWindow) -> None:
    from PySide6.QtWidgets import QScroller

    show(window, "business", "nl")
    viewport = window.current_screen().text_scroll.viewport()
    assert QScroller.hasScroller(viewport)
    assert window.current_screen().text_scroll.verticalScrollBar().maximum() > 0


def test_a_smaller_preview_window_is_not_forced_wider(make_window: object) -> None:
    """IT staff's --windowed preview may be smaller than the lobby screen: every screen still fits it."""
    from PySide6.QtCore import QSize

    window: KioskWindow = make_window(LANDSCAPE)  # type: ignore[operator]
    for name in SCREENS:
        show(window, name, "nl")
    window.resize(QSize(1280, 720))
    settle(QGuiApplication.instance())  # type: ignore[arg-type]
    for name in SCREENS:
        show(window, name, "en")
        assert window.width() == 1280, name


def test_a_topic_with_nothing_to_take_along_shows_no_heading_for_it(make_window: object, content: Content) -> None:
    bare = dataclasses.replace(content.topics[1], links=(), contacts=())
    shown = dataclasses.replace(content, topics=(content.topics[0], bare, *content.topics[2:]))
    window: KioskWindow = make_window(LANDSCAPE, shown)  # type: ignore[operator]
    show(window, bare.id, "en")
    screen = window.screen_named(bare.id)
    heading = content.interface.take_along["en"]
    visible = [label.text() for label in screen.findChildren(QLabel) if label.isVisible()]
    assert heading not in visible
    assert heading not in screen.spoken_text()
    show(window, content.topics[0].id, "en")  # and a topic with something to take along keeps it
    assert heading in [label.text() for label in window.screen_named(content.topics[0].id).findChildren(QLabel)]
    assert window.screen_named(content.topics[0].id).take_along.heading.isVisible()


LONG_WORD = "Arbeidsongeschiktheidsverzekeringsmaatschappijvertegenwoordiger"  # 63 letters, a real Dutch word


@pytest.mark.parametrize("size", SIZES)
def test_a_word_too_long_for_any_line_wraps_with_a_hyphen_on_every_screen(
    make_window: object, content: Content, size: QSize
) -> None:
    topic = content.topics[1]
    long = dataclasses.replace(
        topic,
        title=Translated({code: f"{text} {LONG_WORD}" for code, text in topic.title.items()}),
        text=Translated({code: f"{LONG_WORD} {text}" for code, text in topic.text.items()}),
    )
    shown = dataclasses.replace(content, topics=(content.topics[0], long, *content.topics[2:]))
    with appearance(theme.appearance(scale=2.0)):
        window: KioskWindow = make_window(size, shown)  # type: ignore[operator]
        for name in ("home", long.id):
            show(window, name, "nl")
            assert clipped_texts(window) == [], name
            assert window.size() == size, name
