"""Reading a page in the kiosk, as a visitor meets it: "Read here" on a topic, Back, Home, the code, a finger."""

from __future__ import annotations

import pytest
import shiboken6
from conftest import LANDSCAPE, PORTRAIT
from escape_server import EscapeServer
from helpers import clipped_texts, controls, out_of_reach
from PySide6.QtCore import QPoint, QSize, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from reader_support import PAGE_WAIT_MS, codes_on, read, run_js, tap, touch
from test_reader_resilience import renderer_gone

from kiosk import payloads, theme
from kiosk.content import Content
from kiosk.render import settle
from kiosk.screens import READER
from kiosk.screens.reader import ReaderScreen
from kiosk.window import KioskWindow

TOPIC = "europe"


def read_here(qtbot: QtBot, window: KioskWindow, topic: str = TOPIC) -> ReaderScreen:
    """Open the topic and tap its page's "Read here"; return the reader once the page is on screen."""
    window.open(topic)
    settle(QApplication.instance())  # type: ignore[arg-type]  # laid out, as it is by the time a finger lands
    button = window.current_screen().take_along.read_buttons[0]  # type: ignore[attr-defined]
    reader = window.reader
    with qtbot.waitSignals([reader.loaded, reader.painted], timeout=PAGE_WAIT_MS):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    return reader


def tap_link(qtbot: QtBot, reader: ReaderScreen, selector: str) -> None:
    """Scroll the link into view, as a visitor would, and tap its middle."""
    assert reader.view is not None
    middle = run_js(
        qtbot,
        reader,
        f"(function() {{ const a = document.querySelector({selector!r}); a.scrollIntoView({{block: 'center'}});"
        " const r = a.getBoundingClientRect(); return (r.left + r.width / 2) + ' ' + (r.top + r.height / 2); })()",
    )
    x, y = (round(float(number)) for number in str(middle).split())  # the binding returns no lists from a page
    tap(reader, QPoint(x, y))


@pytest.mark.parametrize("language", ["nl", "en"])
def test_read_here_shows_the_bundled_page_in_the_visitors_language(
    qtbot: QtBot, window: KioskWindow, content: Content, language: str
) -> None:
    window.set_language(language)
    reader = read_here(qtbot, window)
    assert window.current == READER
    assert reader.view is not None
    assert reader.view.address() == f"kiosk://resources/pages/{language}/{TOPIC}.html"
    assert reader.view.title() == content.topic(TOPIC).title[language]
    assert window.bar.take_page.isVisible()
    assert window.bar.take_page.text() == content.interface.take_page_along[language]
    assert not window.bar.next.isVisible()
    assert reader.view.isVisible()
    assert not reader.loading.isVisible()


def test_back_leaves_the_reader_for_the_topic_and_destroys_the_page(qtbot: QtBot, window: KioskWindow) -> None:
    reader = read_here(qtbot, window)
    view = reader.view
    assert view is not None
    qtbot.mouseClick(window.bar.back, Qt.MouseButton.LeftButton)
    assert window.current == TOPIC
    assert reader.view is None
    assert not shiboken6.isValid(view)
    assert not window.bar.take_page.isVisible()


def test_home_from_the_reader_destroys_the_page(qtbot: QtBot, window: KioskWindow) -> None:
    reader = read_here(qtbot, window)
    view = reader.view
    qtbot.mouseClick(window.bar.home, Qt.MouseButton.LeftButton)
    assert window.current == "home"
    assert reader.view is None
    assert not shiboken6.isValid(view)


def test_back_goes_through_the_pages_history_before_the_topic(
    qtbot: QtBot, window: KioskWindow, content: Content
) -> None:
    """The bundled page links to the city's page online; offline (as every test is) that is the friendly page
    with the online page's code. Back returns to the bundled page, and then to the topic."""
    reader = read_here(qtbot, window)
    online = content.topic(TOPIC).links[0].url
    with qtbot.waitSignal(reader.unavailable_shown, timeout=PAGE_WAIT_MS) as shown:
        tap_link(qtbot, reader, ".online a")
    assert shown.args == [online]
    assert codes_on(window) == {online}
    qtbot.mouseClick(window.bar.back, Qt.MouseButton.LeftButton)  # the page tapped from is still there
    assert window.current == READER
    assert not reader.showing_unavailable
    assert reader.view is not None
    assert reader.view.isVisible()
    assert reader.view.address() == f"kiosk://resources/pages/nl/{TOPIC}.html"
    qtbot.mouseClick(window.bar.back, Qt.MouseButton.LeftButton)
    assert window.current == TOPIC


@pytest.mark.parametrize("language", ["nl", "en"])
def test_take_this_page_along_shows_the_online_address(
    qtbot: QtBot, window: KioskWindow, content: Content, language: str
) -> None:
    window.set_language(language)
    reader = read_here(qtbot, window)
    link = content.topic(TOPIC).links[0]
    with qtbot.waitSignal(reader.code_offered, timeout=PAGE_WAIT_MS) as offered:
        qtbot.mouseClick(window.bar.take_page, Qt.MouseButton.LeftButton)
    assert offered.args == [payloads.for_link(link).uri]
    assert codes_on(window) == {link.url}
    card = reader.overlay.panel.card
    assert card is not None
    assert card.caption.text() == content.interface.scan_to_read[language]
    assert card.label.text() == link.label[language]
    qtbot.mouseClick(reader.overlay.panel.close_button, Qt.MouseButton.LeftButton)
    assert not reader.overlay.isVisible()
    assert window.current == READER


@pytest.mark.parametrize("language", ["nl", "en"])
def test_an_email_address_in_a_bundled_page_shows_the_same_code_as_the_topic(
    qtbot: QtBot, window: KioskWindow, content: Content, language: str
) -> None:
    """The page's mailto: link carries the same subject as the contact on the topic screen."""
    window.set_language(language)
    reader = read_here(qtbot, window, "business")
    with qtbot.waitSignal(reader.code_offered, timeout=PAGE_WAIT_MS) as offered:
        tap_link(qtbot, reader, "a[href^='mailto:internationaldelegations']")
    expected = payloads.for_contact(content.contacts["delegations"], language).uri
    assert offered.args == [expected]
    assert codes_on(window) == {expected}
    assert reader.view is not None
    assert reader.view.address().endswith(f"/{language}/business.html")


def test_switching_language_in_the_reader_shows_the_other_bundled_page(qtbot: QtBot, window: KioskWindow) -> None:
    reader = read_here(qtbot, window)
    with qtbot.waitSignals([reader.loaded, reader.painted], timeout=PAGE_WAIT_MS):
        qtbot.mouseClick(window.bar.languages["en"], Qt.MouseButton.LeftButton)
    assert reader.view is not None
    assert reader.view.address() == f"kiosk://resources/pages/en/{TOPIC}.html"
    assert window.bar.take_page.text() == "Take this page along"


def test_a_session_reset_destroys_the_page_and_its_renderer(qtbot: QtBot, window: KioskWindow) -> None:
    reader = read_here(qtbot, window)
    assert reader.view is not None
    view, pid = reader.view, reader.view.page().renderProcessPid()
    window.reset()
    assert window.current == "home"
    assert reader.view is None
    assert not shiboken6.isValid(view)
    qtbot.waitUntil(lambda: renderer_gone(pid), timeout=PAGE_WAIT_MS)


def test_a_finger_scrolls_the_page(qtbot: QtBot, window: KioskWindow) -> None:
    reader = read_here(qtbot, window, "business")
    assert reader.view is not None
    touch(reader.view.focusProxy(), [[QPoint(400, y)] for y in range(550, 49, -25)])
    qtbot.waitUntil(lambda: run_js(qtbot, reader, "window.scrollY") > 200, timeout=PAGE_WAIT_MS)


def test_two_fingers_do_not_zoom(qtbot: QtBot, window: KioskWindow) -> None:
    """Without the kiosk's --disable-pinch, the same spread zooms the page to 4x."""
    reader = read_here(qtbot, window)
    assert reader.view is not None
    middle = QPoint(400, 300)
    touch(reader.view.focusProxy(), [[middle - QPoint(d, 0), middle + QPoint(d, 0)] for d in range(40, 341, 20)])
    run_js(qtbot, reader, "1")  # the gesture has been through the page
    assert run_js(qtbot, reader, "visualViewport.scale") == 1
    assert reader.view.zoomFactor() == 1


def test_a_sideways_swipe_does_not_go_back_a_page(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("target-blank-here"))
    with qtbot.waitSignal(reader.loaded, timeout=PAGE_WAIT_MS):
        tap(reader)
    assert reader.view is not None
    touch(reader.view.focusProxy(), [[QPoint(x, 300)] for x in range(40, 761, 40)])
    run_js(qtbot, reader, "1")
    assert reader.view.address() == escape_server.page("landing")


@pytest.mark.parametrize("size", [pytest.param(LANDSCAPE, id="landscape"), pytest.param(PORTRAIT, id="portrait")])
@pytest.mark.parametrize("language", ["nl", "en"])
def test_the_readers_controls_fit_are_big_enough_and_within_reach(
    qtbot: QtBot, make_window: object, size: QSize, language: str
) -> None:
    window: KioskWindow = make_window(size)  # type: ignore[operator]
    window.set_language(language)
    reader = read_here(qtbot, window)
    for state in ("page", "code"):
        if state == "code":
            with qtbot.waitSignal(reader.code_offered, timeout=PAGE_WAIT_MS):
                qtbot.mouseClick(window.bar.take_page, Qt.MouseButton.LeftButton)
        assert clipped_texts(window) == [], state
        assert window.size() == size, state
        assert out_of_reach(window) == [], state
        for control in controls(window):
            assert min(control.width(), control.height()) >= theme.TOUCH_TARGET_MIN_PX, control.text()
