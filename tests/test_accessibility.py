"""Read aloud, high contrast, larger text, names and the keypad, on the kiosk window as a visitor meets them.

Speech goes to Qt's mock engine, which has English voices and no Dutch one: so read-aloud is tested in English,
and in Dutch the speaker button is hidden, as it is wherever a language has no voice. tests/test_speech.py speaks
Dutch through the real engine.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from conftest import PORTRAIT
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible, QColor
from PySide6.QtTest import QTest
from PySide6.QtTextToSpeech import QTextToSpeech
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk import payloads, theme
from kiosk.accessibility.features import AccessibilityFeatures
from kiosk.accessibility.speech import MOCK_ENGINE, ReadAloud
from kiosk.admin.pin import PinLock
from kiosk.admin.pin_pad import PinPad
from kiosk.content import Content
from kiosk.input_tap import InputTap
from kiosk.lockdown import key_allowed
from kiosk.render import settle
from kiosk.screens.attract import AttractScreen
from kiosk.session.controller import SessionController
from kiosk.session.idle import SessionTimings
from kiosk.widgets.code_panel import CodeOverlay
from kiosk.widgets.qr_card import QrCard
from kiosk.window import KioskWindow

Key = Qt.Key
Mod = Qt.KeyboardModifier
SCREENS = ["home", "healthy-urban-living", "europe", "business", "global-goals", "contact"]
# "Still there?" after 50 ms; a countdown second of a minute, so nothing resets while a test looks.
WARN_AT_ONCE = SessionTimings(idle_ms=50, warning_s=20, attract_ms=600_000, second_ms=60_000)


@pytest.fixture
def features(window: KioskWindow, qapp: QApplication) -> Iterator[AccessibilityFeatures]:
    """The window's accessibility features with Qt's mock speech engine, listening at the window like the kiosk."""
    speech = ReadAloud(QTextToSpeech(MOCK_ENGINE))
    speech.engine.setRate(1.0)  # a word every 50 ms
    features = AccessibilityFeatures(window, speech)
    features.install(InputTap.of(qapp))
    yield features
    features.uninstall()
    features.reset()


@pytest.fixture
def english(features: AccessibilityFeatures, window: KioskWindow) -> AccessibilityFeatures:
    window.set_language("en")
    return features


def press(window: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Mod.NoModifier) -> None:
    """A key as a keypad or keyboard sends it: to the window, before any widget."""
    handle = window.windowHandle()
    assert handle is not None
    QTest.keyClick(handle, key, modifiers)
    settle(QApplication.instance())  # type: ignore[arg-type]


def tap(window: QWidget, widget: QWidget) -> None:
    handle = window.windowHandle()
    assert handle is not None
    QTest.mouseClick(handle, Qt.MouseButton.LeftButton, Mod.NoModifier, widget.mapTo(window, widget.rect().center()))
    settle(QApplication.instance())  # type: ignore[arg-type]


def said(qtbot: QtBot, features: AccessibilityFeatures, action: object) -> str:
    """What read-aloud hands to the engine when action runs."""
    assert features.speech is not None
    with qtbot.waitSignal(features.speech.said) as spoken:
        action()  # type: ignore[operator]
    return str(spoken.args[0])


def focused(window: KioskWindow) -> QWidget | None:
    return window.focusWidget()


# Read aloud


def test_without_a_speech_engine_there_is_no_speaker_button(window: KioskWindow, qapp: QApplication) -> None:
    features = AccessibilityFeatures(window)
    try:
        window.set_language("en")
        assert window.bar.read_aloud.isHidden()
        features.toggle_reading()
        assert not features.reading
    finally:
        features.reset()


def test_the_speaker_button_shows_only_in_a_language_with_a_voice(
    features: AccessibilityFeatures, window: KioskWindow
) -> None:
    assert window.language == "nl"
    assert window.bar.read_aloud.isHidden(), "the mock engine has no Dutch voice"
    window.set_language("en")
    assert window.bar.read_aloud.isVisible()
    window.set_language("nl")
    assert window.bar.read_aloud.isHidden()


def test_the_speaker_button_reads_the_screen_and_stops(
    qtbot: QtBot, english: AccessibilityFeatures, window: KioskWindow
) -> None:
    button = window.bar.read_aloud
    text = said(qtbot, english, lambda: tap(window, button))
    assert text == window.home_screen.spoken_text()
    assert text.startswith("Utrecht and the world. Discover what Utrecht does in Europe and the world.")
    assert "Help and contact: Call, e-mail or visit us." in text
    assert button.isChecked()
    assert english.speech is not None
    assert english.speech.speaking
    with qtbot.waitSignal(english.speech.speaking_changed) as stopped:
        tap(window, button)
    assert stopped.args == [False]
    assert not button.isChecked()
    assert not english.reading


def test_a_topic_is_read_with_its_addresses_as_words(
    qtbot: QtBot, english: AccessibilityFeatures, window: KioskWindow
) -> None:
    window.open("europe")
    text = said(qtbot, english, english.toggle_reading)
    assert text.startswith("Utrecht in Europe. Much of the European Union's policy is carried out here, in Utrecht.")
    assert "Take it along on your phone. Scan to read later. Read more about European cooperation (in Dutch)." in text
    assert "www dot utrecht dot nl slash bestuur en organisatie slash internationale zaken slash europa." in text
    assert "Scan to e-mail. Questions about Europe and international affairs. publicaffairs at utrecht dot nl." in text
    assert "https" not in text
    assert "@" not in text


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "nl",
            [
                "Bel de gemeente.",
                "1 4 0 3 0.",
                "publicaffairs apenstaartje utrecht punt nl.",
                "Bezoekadres: Stadsplateau 1",
            ],
        ),
        (
            "en",
            [
                "Call the municipality.",
                "1 4 0 3 0.",
                "publicaffairs at utrecht dot nl.",
                "Visiting address: Stadsplateau 1",
            ],
        ),
    ],
)
def test_the_contact_screen_says_every_way_to_reach_the_city(
    window: KioskWindow, language: str, expected: list[str]
) -> None:
    window.set_language(language)
    window.open("contact")
    text = window.current_screen().spoken_text()
    for part in expected:
        assert part in text


def test_every_screen_says_its_title_first_in_both_languages(window: KioskWindow, content: Content) -> None:
    for language in content.language_codes:
        window.set_language(language)
        for name in SCREENS:
            window.open(name)
            assert window.current_screen().spoken_text().startswith(window.current_screen().header.title.text())


def test_while_reading_every_new_screen_is_read(
    qtbot: QtBot, english: AccessibilityFeatures, window: KioskWindow
) -> None:
    said(qtbot, english, english.toggle_reading)
    text = said(qtbot, english, lambda: tap(window, window.home_screen.tiles["contact"]))
    assert text.startswith("Help and contact. A question about international affairs?")
    text = said(qtbot, english, lambda: tap(window, window.bar.next))
    assert text.startswith("Healthy Urban Living for Everyone.")


def test_while_reading_the_keypad_says_where_it_lands(
    qtbot: QtBot, english: AccessibilityFeatures, window: KioskWindow
) -> None:
    said(qtbot, english, english.toggle_reading)
    text = said(qtbot, english, lambda: press(window, Key.Key_Tab))
    assert text == "Healthy Urban Living for Everyone, button. Health comes first in everything we do."
    for _ in range(4):
        press(window, Key.Key_Tab)
    text = said(qtbot, english, lambda: press(window, Key.Key_Tab))
    assert (
        text
        == "Read aloud, button. Reads this screen aloud, then every screen and button you go to. Press again to stop."
    )


def test_a_code_card_is_a_keypad_stop_that_says_its_address(
    qtbot: QtBot, english: AccessibilityFeatures, window: KioskWindow
) -> None:
    window.open("europe")
    said(qtbot, english, english.toggle_reading)
    stops = english.keypad.stops()
    card = next(stop for stop in stops if isinstance(stop, QrCard) and stop.payload.uri.startswith("mailto:"))
    for _ in range(stops.index(card)):
        press(window, Key.Key_Tab)
    text = said(qtbot, english, lambda: press(window, Key.Key_Tab))
    assert focused(window) is card
    assert text == "Scan to e-mail. Questions about Europe and international affairs. publicaffairs at utrecht dot nl."
    before = card.label.geometry()
    assert card.grab().toImage().pixelColor(2, card.height() // 2) == QColor(theme.PALETTE.focus_edge)
    assert card.label.geometry() == before, "focus changes the edge, not what is inside"


def test_still_there_is_announced_while_reading(
    qtbot: QtBot, english: AccessibilityFeatures, window: KioskWindow
) -> None:
    session = SessionController(window, WARN_AT_ONCE)
    english.attach_session(session)
    said(qtbot, english, english.toggle_reading)
    assert english.speech is not None
    with qtbot.waitSignal(english.speech.said) as spoken:
        session.start()
    session.stop()
    words = window.content.interface
    question, hint, answer = words.still_there["en"], words.still_there_hint["en"], words.still_here["en"]
    assert spoken.args[0] == f"{question} {hint} {answer}, button. {hint}"


def test_the_read_aloud_key_switches_reading_on_and_off(
    qtbot: QtBot, english: AccessibilityFeatures, window: KioskWindow
) -> None:
    said(qtbot, english, lambda: press(window, Key.Key_F1))
    assert english.reading
    press(window, Key.Key_Asterisk, Mod.KeypadModifier)
    assert not english.reading
    press(window, Key.Key_Asterisk)  # a keyboard's star is no keypad key
    assert not english.reading


def test_switching_to_a_language_without_a_voice_stops_reading(
    qtbot: QtBot, english: AccessibilityFeatures, window: KioskWindow
) -> None:
    said(qtbot, english, english.toggle_reading)
    tap(window, window.bar.languages["nl"])
    assert not english.reading
    assert window.bar.read_aloud.isHidden()


# High contrast and larger text


def test_the_contrast_button_switches_the_whole_kiosk(features: AccessibilityFeatures, window: KioskWindow) -> None:
    button = window.bar.contrast
    tap(window, button)
    assert theme.current().palette == theme.HIGH_CONTRAST
    assert button.isChecked()
    image = window.grab().toImage()
    body = window.home_screen.intro.mapTo(window, QPoint(1, 1))
    assert image.pixelColor(body) == QColor(theme.HIGH_CONTRAST.background)
    assert window.home_screen.tiles["europe"].title.palette().windowText().color() == QColor(theme.HIGH_CONTRAST.text)
    tap(window, button)
    assert theme.current().palette == theme.PALETTE
    assert not button.isChecked()


def test_the_text_size_button_steps_through_150_and_200_percent(
    features: AccessibilityFeatures, window: KioskWindow
) -> None:
    title, intro, button = window.home_screen.header.title, window.home_screen.intro, window.bar.text_size
    sizes = [(title.font().pixelSize(), intro.font().pixelSize(), button.text())]
    for _ in range(3):
        tap(window, button)
        sizes.append((title.font().pixelSize(), intro.font().pixelSize(), button.text()))
    assert sizes == [(52, 40, "100 %"), (78, 60, "150 %"), (104, 80, "200 %"), (52, 40, "100 %")]
    assert button.accessibleName() == "Tekstgrootte: 100 %"


def test_the_goal_tiles_and_the_countdown_grow_with_the_text(
    features: AccessibilityFeatures, window: KioskWindow
) -> None:
    window.open("global-goals")
    goals = window.current_screen().goals
    assert goals is not None
    session = SessionController(window, WARN_AT_ONCE)
    ring = session.still_there.ring
    before = (goals.tile_px(), ring.width())
    features.appearance.set_text_scale(2.0)
    settle(QApplication.instance())  # type: ignore[arg-type]
    assert goals.tile_px() == 2 * before[0]
    assert ring.width() > before[1]


def test_a_session_reset_switches_everything_off(
    qtbot: QtBot, english: AccessibilityFeatures, window: KioskWindow
) -> None:
    session = SessionController(window, WARN_AT_ONCE)
    english.attach_session(session)
    said(qtbot, english, english.toggle_reading)
    english.appearance.set_high_contrast(True)
    english.appearance.set_text_scale(2.0)
    press(window, Key.Key_Tab)
    session.reset()
    assert not english.reading
    assert english.speech is not None
    assert not english.speech.speaking
    assert theme.current() == theme.DEFAULT_APPEARANCE
    assert not window.bar.contrast.isChecked()
    assert window.bar.text_size.text() == "100 %"
    assert window.bar.read_aloud.isHidden(), "back in Dutch, which the mock engine has no voice for"
    assert not english.keypad.keyboard_used


# The keypad


def test_tab_goes_through_the_home_screen_in_reading_order(
    features: AccessibilityFeatures, window: KioskWindow
) -> None:
    expected = [
        *window.home_screen.tiles.values(),
        window.bar.contrast,
        window.bar.text_size,
        *window.bar.languages.values(),
    ]
    visited = []
    for _ in expected:
        press(window, Key.Key_Tab)
        visited.append(focused(window))
    assert visited == expected
    press(window, Key.Key_Tab)
    assert focused(window) is expected[0], "round again"
    press(window, Key.Key_Backtab, Mod.ShiftModifier)
    assert focused(window) is expected[-1]
    press(window, Key.Key_Left)
    assert focused(window) is expected[-2]
    press(window, Key.Key_Right)
    assert focused(window) is expected[-1]


def test_the_arrows_move_up_and_down_the_grid(
    features: AccessibilityFeatures, make_window: object, qapp: QApplication
) -> None:
    window: KioskWindow = make_window(PORTRAIT)  # type: ignore[operator]
    portrait = AccessibilityFeatures(window)
    portrait.install(InputTap.of(qapp))
    try:
        tiles = window.home_screen.tiles
        press(window, Key.Key_Tab)
        assert focused(window) is tiles["healthy-urban-living"]
        press(window, Key.Key_Down)
        assert focused(window) is tiles["global-goals"], "the tile below, in a grid of three"
        press(window, Key.Key_Up)
        assert focused(window) is tiles["healthy-urban-living"]
        press(window, Key.Key_Down)
        press(window, Key.Key_Down)
        assert focused(window) in window.bar.toggles + tuple(window.bar.languages.values())
    finally:
        portrait.uninstall()


def test_enter_opens_back_returns_and_focus_follows(features: AccessibilityFeatures, window: KioskWindow) -> None:
    press(window, Key.Key_Tab)
    press(window, Key.Key_Tab)
    assert focused(window) is window.home_screen.tiles["europe"]
    press(window, Key.Key_Return)
    assert window.current == "europe"
    first = focused(window)
    assert first is not None
    assert window.current_screen().isAncestorOf(first), "focus moves into the new screen"
    press(window, Key.Key_Backspace)
    assert window.current == "home"
    window.open("contact")
    press(window, Key.Key_Minus, Mod.KeypadModifier)
    assert window.current == "home"
    window.open("contact")
    press(window, Key.Key_Minus)  # a keyboard's hyphen is no Back key
    assert window.current == "contact"


def test_a_text_that_scrolls_is_a_stop_the_arrows_scroll(features: AccessibilityFeatures, window: KioskWindow) -> None:
    window.open("business")
    area = window.current_screen().text_scroll
    bar = area.verticalScrollBar()
    assert bar.maximum() > 0
    press(window, Key.Key_Tab)
    assert focused(window) is area
    assert area.accessibleName() == "Aantrekkelijk voor bedrijven, bewoners en studenten"
    press(window, Key.Key_Down)
    assert bar.value() > 0
    while bar.value() < bar.maximum():
        press(window, Key.Key_Down)
    press(window, Key.Key_Down)
    assert focused(window) is not area, "at the end of the text, Down moves on"
    press(window, Key.Key_Up)
    assert focused(window) is area


def test_the_focus_is_always_visible(features: AccessibilityFeatures, window: KioskWindow, qapp: QApplication) -> None:
    """A focused button turns the focus colour with a thick edge; a focused tile gets the thick edge."""
    for palette, look in ((theme.PALETTE, False), (theme.HIGH_CONTRAST, True)):
        features.appearance.set_high_contrast(look)
        press(window, Key.Key_Tab)
        tile = window.home_screen.tiles["healthy-urban-living"]
        assert focused(window) is tile
        image = tile.grab().toImage()
        assert image.pixelColor(2, tile.height() // 2) == QColor(palette.focus_edge)
        assert image.pixelColor(theme.FOCUS_EDGE_PX + 2, tile.height() // 2) == QColor(palette.tile_focus)
        button = window.bar.contrast
        button.setFocus(Qt.FocusReason.TabFocusReason)
        settle(qapp)
        image = button.grab().toImage()
        assert image.pixelColor(2, button.height() // 2) == QColor(palette.focus_edge)
        assert image.pixelColor(button.width() // 6, button.height() // 2) == QColor(palette.focus_fill)
        window.setFocus()


def test_a_tap_leaves_no_focus_ring(features: AccessibilityFeatures, window: KioskWindow) -> None:
    tap(window, window.bar.languages["en"])
    assert window.language == "en"
    assert focused(window) is not window.bar.languages["en"]
    tap(window, window.home_screen.tiles["europe"])
    assert window.current == "europe"
    assert not isinstance(focused(window), QAbstractButton)
    text = window.current_screen().text_scroll
    tap(window, text.viewport())
    assert focused(window) is not text
    press(window, Key.Key_Tab)
    assert focused(window) is not None
    assert focused(window) is not window, "the keypad still reaches everything a tap passed over"


def test_over_a_question_the_keys_stay_with_the_question(features: AccessibilityFeatures, window: KioskWindow) -> None:
    session = SessionController(window, WARN_AT_ONCE)
    features.attach_session(session)
    answered = []
    session.still_there.dismissed.connect(lambda: answered.append(True))
    session.still_there.ask(window.content, "nl", 20)
    assert focused(window) is session.still_there.button
    press(window, Key.Key_Tab)
    assert focused(window) is session.still_there.button, "nothing under the question takes focus"
    press(window, Key.Key_Return)
    assert answered == [True]
    session.still_there.ask(window.content, "nl", 20)
    press(window, Key.Key_Backspace)
    assert answered == [True, True], "Back answers too: the visitor carries on"


def test_back_closes_a_code_over_the_screen(features: AccessibilityFeatures, window: KioskWindow) -> None:
    code = CodeOverlay(window)
    code.show_code("", "", payloads.tel("14 030"), "Scan om te bellen", close="Sluiten")
    press(window, Key.Key_Backspace)
    assert not code.isVisible()
    assert window.current == "home"


def test_the_lockdown_lets_the_keypad_keys_through_and_nothing_else() -> None:
    for key in (Key.Key_Backspace, Key.Key_F1, Key.Key_Help, Key.Key_Back):
        assert key_allowed(key, Mod.NoModifier)
    assert key_allowed(Key.Key_Asterisk, Mod.KeypadModifier)
    assert key_allowed(Key.Key_Minus, Mod.KeypadModifier)
    assert not key_allowed(Key.Key_Escape, Mod.NoModifier)
    assert not key_allowed(Key.Key_F1, Mod.AltModifier)
    assert not key_allowed(Key.Key_Backspace, Mod.ControlModifier)


# Names and descriptions


def accessible(widget: QWidget, what: QAccessible.Text) -> str:
    """What assistive technology (AT-SPI on Linux) is told: Qt's accessibility interface for the widget."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None, widget
    return interface.text(what)


def unnamed(root: QWidget) -> list[str]:
    """The controls under root, shown and able to take focus, that lack a name or a description."""
    problems = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or not widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            continue
        if isinstance(widget, QAbstractScrollArea) and widget.verticalScrollBar().maximum() == 0:
            continue  # a text that fits is no keypad stop
        if type(widget).__name__ == "QScrollBar":
            continue
        name = accessible(widget, QAccessible.Text.Name)
        description = accessible(widget, QAccessible.Text.Description)
        if not name or not description:
            problems.append(f"{type(widget).__name__} {name!r}: description {description!r}")
    return problems


@pytest.mark.parametrize("language", ["nl", "en"])
def test_every_control_has_a_name_and_a_description(
    english: AccessibilityFeatures, window: KioskWindow, language: str
) -> None:
    window.set_language(language)
    words = window.content.interface.accessibility
    for name in SCREENS:
        window.open(name)
        settle(QApplication.instance())  # type: ignore[arg-type]
        assert unnamed(window) == [], name
    bar = window.bar
    assert accessible(bar.contrast, QAccessible.Text.Name) == words.high_contrast[language]
    assert accessible(bar.back, QAccessible.Text.Description) == words.back_hint[language]
    assert (
        accessible(bar.next, QAccessible.Text.Description)
        == window.content.topic("healthy-urban-living").title[language]
    )
    assert (
        accessible(bar.previous, QAccessible.Text.Description) == window.content.topic("global-goals").title[language]
    )
    if language == "en":
        assert accessible(bar.read_aloud, QAccessible.Text.Name) == "Read aloud"


@pytest.mark.parametrize("language", ["nl", "en"])
def test_what_opens_over_the_screen_is_named_too(
    features: AccessibilityFeatures, window: KioskWindow, language: str
) -> None:
    session = SessionController(window, WARN_AT_ONCE)
    session.still_there.ask(window.content, language, 20)
    assert unnamed(session.still_there) == []
    assert (
        accessible(session.still_there.button, QAccessible.Text.Name) == window.content.interface.still_here[language]
    )
    session.still_there.hide()
    code = CodeOverlay(window)
    code.show_code("", "", payloads.tel("14 030"), window.content.interface.scan_to_call[language], close="x")
    assert unnamed(code) == []
    code.close_code()
    pad = PinPad(window, PinLock(None))
    pad.ask()
    assert unnamed(pad) == []
    pad.close_pad()
    attract = AttractScreen(window, fade_ms=0)
    attract.start(window.content)
    assert accessible(attract, QAccessible.Text.Name) == "Tik om te beginnen · Tap to start"
    assert accessible(attract, QAccessible.Text.Description)
    attract.stop()
