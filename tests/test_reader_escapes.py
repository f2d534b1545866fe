"""Pages that try to get out of the reader, served from 127.0.0.1; after each, what the visitor sees.

Each test opens an escape page, taps it (or lets it try on its own), waits for the reader to say what it
refused, and then checks the screen: still on the page, no new window or dialog, nothing fetched from the
host off the allowlist (the escape server logs every request under the name it was asked for).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from escape_server import EscapeServer
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWebEngineCore import QWebEngineProfile
from PySide6.QtWidgets import QApplication, QDialog, QMenu
from pytestqt.qtbot import QtBot
from reader_support import PAGE_WAIT_MS, codes_on, link_to, read, run_js, tap, wait_for_title

from kiosk import payloads
from kiosk.reader.engine import SETTINGS_OFF, ReaderView
from kiosk.screens.reader import ReaderScreen


def still_reading(reader: ReaderScreen, server: EscapeServer, name: str) -> None:
    """What the visitor sees after the attempt: the same page, one view, no dialog; nothing got out."""
    assert reader.view is not None
    assert reader.view.address() == server.page(name)
    assert not reader.showing_unavailable
    assert reader.view.isVisible()
    assert len(reader.findChildren(ReaderView)) == 1
    windows = [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()]
    assert windows == [reader], windows
    assert not [dialog for dialog in reader.findChildren(QDialog) if dialog.isVisible()]
    assert server.reached_elsewhere() == []


def refusal(qtbot: QtBot, reader: ReaderScreen, what: str, address: str = "") -> object:
    """Wait for the reader to refuse what (and, if given, the address), e.g. 'a new window'."""
    return qtbot.waitSignal(
        reader.refused,
        timeout=PAGE_WAIT_MS,
        check_params_cb=lambda refused, url: refused == what and url.startswith(address),
    )


def test_window_open_elsewhere_opens_nothing(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    read(qtbot, reader, escape_server.page("window-open"))
    with refusal(qtbot, reader, "a new window", "http://localhost"):
        tap(reader)
    still_reading(reader, escape_server, "window-open")


def test_window_open_of_an_allowed_page_reads_it_in_place(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("window-open-here"))
    view = reader.view
    with qtbot.waitSignal(reader.loaded, timeout=PAGE_WAIT_MS):
        tap(reader)
    assert reader.view is view
    assert view is not None
    assert view.address() == escape_server.page("landing")
    assert len(reader.findChildren(ReaderView)) == 1
    assert [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()] == [reader]


def test_target_blank_elsewhere_opens_nothing(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    read(qtbot, reader, escape_server.page("target-blank"))
    with refusal(qtbot, reader, "a new window", "http://localhost"):
        tap(reader)
    still_reading(reader, escape_server, "target-blank")


def test_target_blank_to_an_allowed_page_reads_it_in_place(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("target-blank-here"))
    with qtbot.waitSignal(reader.loaded, timeout=PAGE_WAIT_MS):
        tap(reader)
    assert reader.view is not None
    assert reader.view.address() == escape_server.page("landing")
    assert len(reader.findChildren(ReaderView)) == 1


def test_a_link_off_the_allowlist_goes_nowhere(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    read(qtbot, reader, escape_server.page("link-elsewhere"))
    with refusal(qtbot, reader, "a page", "http://localhost"):
        tap(reader)
    still_reading(reader, escape_server, "link-elsewhere")


def test_an_https_link_off_the_allowlist_shows_its_code_instead(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("link-https-elsewhere"))
    with qtbot.waitSignal(reader.code_offered, timeout=PAGE_WAIT_MS) as offered:
        tap(reader)
    assert offered.args == ["https://elsewhere.test/a-page"]
    assert reader.overlay.isVisible()
    assert reader.overlay.panel.heading.text() == "This page is not available in the kiosk"
    assert codes_on(reader) == {"https://elsewhere.test/a-page"}
    assert reader.view is not None
    assert reader.view.address() == escape_server.page("link-https-elsewhere")
    assert reader.go_back()  # Back closes the code first
    assert not reader.overlay.isVisible()


def test_a_redirect_off_the_allowlist_stays_on_the_page(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("redirect"))
    with refusal(qtbot, reader, "a page", "http://localhost"):
        tap(reader)
    still_reading(reader, escape_server, "redirect")


def test_a_meta_refresh_off_the_allowlist_stays_on_the_page(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    with refusal(qtbot, reader, "a page", "http://localhost"):
        read(qtbot, reader, escape_server.page("meta-refresh"))
    still_reading(reader, escape_server, "meta-refresh")


def test_frames_images_styles_scripts_fetches_beacons_and_sockets_from_elsewhere_are_never_fetched(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    refused: list[tuple[str, str]] = []
    reader.refused.connect(lambda what, url: refused.append((what, url)))
    read(qtbot, reader, escape_server.page("subresources"))
    wanted = {"/frame", "/image.png", "/style.css", "/script.js", "/fetch", "/beacon", "/socket"}

    def every_one_refused() -> None:
        paths = {url.split(str(escape_server.port), 1)[-1] for _, url in refused}
        assert wanted <= paths

    qtbot.waitUntil(every_one_refused, timeout=PAGE_WAIT_MS)
    assert run_js(qtbot, reader, "document.getElementById('image').naturalWidth") == 0
    still_reading(reader, escape_server, "subresources")


def test_a_form_posting_elsewhere_sends_nothing(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("form"))
    with refusal(qtbot, reader, "a page", "http://localhost"):
        tap(reader)
    still_reading(reader, escape_server, "form")
    assert not [request for request in escape_server.requests if request.method == "POST"]


def test_a_download_by_content_disposition_is_refused(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("download-attachment"))
    assert reader.view is not None
    downloads = reader.view.page().reader_profile.downloadPath()
    with refusal(qtbot, reader, "download", escape_server.url("/attachment")):
        tap(reader)
    still_reading(reader, escape_server, "download-attachment")
    assert not (Path(downloads) / "file.bin").exists()
    assert reader._overlay is None or not reader._overlay.isVisible()  # plain http: no code to offer


def test_a_download_by_the_download_attribute_is_refused(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("download-attribute"))
    with refusal(qtbot, reader, "download", escape_server.page("landing")):
        tap(reader)
    still_reading(reader, escape_server, "download-attribute")


def test_a_file_input_opens_no_file_picker(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    read(qtbot, reader, escape_server.page("file-input"))
    with refusal(qtbot, reader, "a file picker"):
        tap(reader)
    still_reading(reader, escape_server, "file-input")
    assert run_js(qtbot, reader, "document.querySelector('input').files.length") == 0


def test_a_colour_input_opens_no_dialog(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    read(qtbot, reader, escape_server.page("colour-input"))
    with refusal(qtbot, reader, "a dialog", "QColorDialog"):
        tap(reader)
    still_reading(reader, escape_server, "colour-input")


def test_every_permission_is_denied(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    """Location, camera, microphone, notifications, clipboard, full screen, screen capture: none is granted."""
    read(qtbot, reader, escape_server.page("permissions"))
    tap(reader)
    answers = wait_for_title(qtbot, reader, "answers|").split("|")[1:]
    assert len(answers) == 8, answers
    assert not [answer for answer in answers if answer.endswith("granted")], answers
    assert "notifications: denied" in answers
    still_reading(reader, escape_server, "permissions")


def test_printing_is_refused(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    read(qtbot, reader, escape_server.page("print"))
    with refusal(qtbot, reader, "printing"):
        tap(reader)
    still_reading(reader, escape_server, "print")


def test_script_dialogs_show_nothing(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    with refusal(qtbot, reader, "a message box"), refusal(qtbot, reader, "a question box"):  # noqa: SIM117
        with refusal(qtbot, reader, "a typing box"):
            read(qtbot, reader, escape_server.page("dialogs"))
    still_reading(reader, escape_server, "dialogs")


def test_a_page_cannot_close_the_kiosk(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    with refusal(qtbot, reader, "closing the window"):
        reader.read(link_to(escape_server.page("window-close")), "en")
    still_reading(reader, escape_server, "window-close")
    assert reader.isVisible()


def test_location_set_to_a_file_stays_on_the_page(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("file-location"))
    assert run_js(qtbot, reader, "document.body.innerText.includes('root:')") is False
    still_reading(reader, escape_server, "file-location")


@pytest.mark.parametrize("name", ["file-link", "data-link", "view-source", "chrome"])
def test_links_to_files_data_source_and_browser_pages_go_nowhere(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer, name: str
) -> None:
    """Chromium refuses these itself, before the reader is asked; the page says when the tap was handled."""
    read(qtbot, reader, escape_server.page(name))
    tap(reader)
    wait_for_title(qtbot, reader, "tapped")
    still_reading(reader, escape_server, name)


@pytest.mark.parametrize(("name", "what"), [("javascript-link", "a page"), ("javascript-window", "a new window")])
def test_javascript_links_cannot_lead_elsewhere(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer, name: str, what: str
) -> None:
    read(qtbot, reader, escape_server.page(name))
    with refusal(qtbot, reader, what, "http://localhost"):
        tap(reader)
    still_reading(reader, escape_server, name)


def test_a_page_made_from_a_blob_is_refused(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    read(qtbot, reader, escape_server.page("blob-location"))
    with refusal(qtbot, reader, "a page", "blob:"):
        tap(reader)
    still_reading(reader, escape_server, "blob-location")


@pytest.mark.parametrize(
    ("name", "payload", "caption"),
    [
        ("mailto", payloads.mailto("publicaffairs@utrecht.nl", "Vraag over Europa"), "Scan to e-mail"),
        ("tel", payloads.tel("14030"), "Scan to call"),
    ],
)
def test_a_tapped_email_address_or_phone_number_shows_its_code(
    qtbot: QtBot,
    reader: ReaderScreen,
    escape_server: EscapeServer,
    *,
    name: str,
    payload: payloads.Payload,
    caption: str,
) -> None:
    read(qtbot, reader, escape_server.page(name))
    with qtbot.waitSignal(reader.code_offered, timeout=PAGE_WAIT_MS) as offered:
        tap(reader)
    assert offered.args == [payload.uri]
    card = reader.overlay.panel.card
    assert card is not None
    assert card.caption.text() == caption
    assert codes_on(reader) == {payload.uri}
    qtbot.mouseClick(reader.overlay.panel.close_button, Qt.MouseButton.LeftButton)
    assert not reader.overlay.isVisible()
    still_reading(reader, escape_server, name)


def test_there_is_no_context_menu(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    read(qtbot, reader, escape_server.page("landing"))
    assert reader.view is not None
    assert reader.view.contextMenuPolicy() == Qt.ContextMenuPolicy.NoContextMenu
    target = reader.view.focusProxy()
    QTest.mouseClick(target, Qt.MouseButton.RightButton, Qt.KeyboardModifier.NoModifier, target.rect().center())
    run_js(qtbot, reader, "1")  # the right click has been through the page
    assert not [menu for menu in QApplication.topLevelWidgets() if isinstance(menu, QMenu) and menu.isVisible()]
    still_reading(reader, escape_server, "landing")


def test_the_profile_is_off_the_record_with_every_way_out_switched_off(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    """Local pages reaching files or the web, plugins, the PDF viewer, scripts opening windows or touching the
    clipboard, navigating on a drop, screen capture, full screen, Chromium's own error pages: all off."""
    read(qtbot, reader, escape_server.page("landing"))
    assert reader.view is not None
    profile = reader.view.page().reader_profile
    assert profile.isOffTheRecord()
    assert profile.storageName() == ""
    assert profile.persistentCookiesPolicy() == QWebEngineProfile.PersistentCookiesPolicy.NoPersistentCookies
    assert profile.httpCacheType() == QWebEngineProfile.HttpCacheType.MemoryHttpCache
    for attribute in SETTINGS_OFF:
        assert not reader.view.page().settings().testAttribute(attribute), attribute.name
    assert not profile.isPushServiceEnabled()
