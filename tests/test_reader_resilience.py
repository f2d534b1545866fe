"""When a page cannot be shown, the visitor gets the reader's own page with the code; nothing lingers after them.

Offline, a name that does not resolve, an untrusted certificate, an HTTP error, a server that never answers,
a renderer that is killed: each ends on the friendly page in the visitor's language, never Chromium's.
"""

from __future__ import annotations

import gc
import os
import signal
import weakref

import pytest
import shiboken6
from escape_server import EscapeServer, SilentServer, UntrustedTlsServer, closed_port
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from reader_support import PAGE_WAIT_MS, codes_on, link_to, read, tap, wait_for_title

from kiosk.content import Content
from kiosk.reader.engine import ReaderEngine, ReaderProfile, ReaderView
from kiosk.screens.reader import ReaderScreen


def shows_the_friendly_page(reader: ReaderScreen, language: str, code: str | None) -> None:
    """The reader's own page, in the visitor's language, with the code of the address (or none)."""
    words = reader.content.interface
    assert reader.showing_unavailable
    assert reader.unavailable.isVisible()
    assert reader.view is None or not reader.view.isVisible()
    assert reader.unavailable.heading.text() == words.page_unavailable[language]
    codes = codes_on(reader)
    if code is None:
        assert reader.unavailable.payload is None
        assert codes == set()
    else:
        assert reader.unavailable.text.text() == words.page_unavailable_text[language]
        assert codes == {code}


def fails_to_load(qtbot: QtBot, reader: ReaderScreen, url: str, language: str = "en") -> None:
    with qtbot.waitSignal(reader.unavailable_shown, timeout=PAGE_WAIT_MS) as shown:
        reader.read(link_to(url), language)
    assert shown.args == [url]


def test_offline_shows_the_friendly_page_with_the_code(qtbot: QtBot, reader: ReaderScreen) -> None:
    url = f"https://127.0.0.1:{closed_port()}/a-page"
    fails_to_load(qtbot, reader, url, "nl")
    shows_the_friendly_page(reader, "nl", url)


def test_a_name_that_does_not_resolve_shows_the_friendly_page(qtbot: QtBot, reader: ReaderScreen) -> None:
    url = "https://no-such-host.test/internationale-zaken/"
    fails_to_load(qtbot, reader, url)
    shows_the_friendly_page(reader, "en", url)


def test_an_untrusted_certificate_is_refused_and_shows_the_friendly_page(
    qtbot: QtBot, reader: ReaderScreen, untrusted_server: UntrustedTlsServer
) -> None:
    url = f"https://127.0.0.1:{untrusted_server.port}/"
    with qtbot.waitSignal(
        reader.refused, timeout=PAGE_WAIT_MS, check_params_cb=lambda what, _url: what.startswith("an untrusted")
    ):
        fails_to_load(qtbot, reader, url)
    shows_the_friendly_page(reader, "en", url)


@pytest.mark.parametrize("status", [404, 500, 503])
def test_an_http_error_shows_the_friendly_page_not_the_servers(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer, status: int
) -> None:
    """The tests' pages are plain http, which the kiosk never offers as a code: the page says so by having none."""
    fails_to_load(qtbot, reader, escape_server.url(f"/status/{status}"))
    shows_the_friendly_page(reader, "en", None)


def test_a_page_behind_a_password_asks_nothing(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    with qtbot.waitSignal(reader.refused, timeout=PAGE_WAIT_MS, check_params_cb=lambda what, _: what == "a sign-in"):
        fails_to_load(qtbot, reader, escape_server.url("/sign-in"))
    shows_the_friendly_page(reader, "en", None)
    assert [widget for widget in QApplication.topLevelWidgets() if widget.isVisible()] == [reader]


def test_a_page_that_never_comes_times_out_to_the_friendly_page(
    qtbot: QtBot, reader: ReaderScreen, silent_server: SilentServer
) -> None:
    reader.load_timeout_ms = 300  # 15 s in the kiosk
    url = f"https://127.0.0.1:{silent_server.port}/slow"
    fails_to_load(qtbot, reader, url, "nl")
    shows_the_friendly_page(reader, "nl", url)


def test_while_a_page_loads_the_visitor_sees_it_is_coming(
    qtbot: QtBot, reader: ReaderScreen, silent_server: SilentServer
) -> None:
    reader.load_timeout_ms = 60_000
    reader.read(link_to(f"https://127.0.0.1:{silent_server.port}/slow"), "nl")
    qtbot.waitUntil(reader.progress.isVisible, timeout=PAGE_WAIT_MS)
    assert reader.loading.isVisible()
    assert reader.loading.text() == reader.content.interface.loading["nl"]
    assert not reader.showing_unavailable


def test_back_from_the_friendly_page_returns_to_the_page_the_visitor_came_from(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("broken-link"))
    assert reader.view is not None
    with qtbot.waitSignal(reader.unavailable_shown, timeout=PAGE_WAIT_MS):
        tap(reader)
    with qtbot.waitSignal(reader.view.urlChanged, timeout=PAGE_WAIT_MS):  # from Chromium's back-forward cache
        assert reader.go_back()
    assert not reader.showing_unavailable
    assert reader.view.address() == escape_server.page("broken-link")
    assert not reader.go_back()  # nothing further back: the window returns to the topic


def test_a_killed_renderer_is_reloaded_once_then_the_friendly_page_shows(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("landing"))
    assert reader.view is not None
    view = reader.view
    first = view.page().renderProcessPid()
    with qtbot.waitSignals([reader.loaded, reader.painted], timeout=PAGE_WAIT_MS):
        os.kill(first, signal.SIGKILL)
    second = view.page().renderProcessPid()
    assert second not in (0, first)
    assert view.address() == escape_server.page("landing")
    assert view.isVisible()
    assert not reader.showing_unavailable
    with qtbot.waitSignal(reader.unavailable_shown, timeout=PAGE_WAIT_MS):
        os.kill(second, signal.SIGKILL)
    shows_the_friendly_page(reader, "en", None)


def test_the_next_visitor_finds_nothing_the_last_one_left(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    """Cookies and stored data live in an off-the-record profile that goes when the visitor leaves the page."""
    read(qtbot, reader, escape_server.page("storage"))
    assert wait_for_title(qtbot, reader, "cookie=") == "cookie=|stored=null"
    assert reader.view is not None
    assert reader.view.page().reader_profile.isOffTheRecord()
    with qtbot.waitSignal(reader.loaded, timeout=PAGE_WAIT_MS):
        reader.view.reload()  # the same visitor still has what they left
    assert wait_for_title(qtbot, reader, "cookie=") == "cookie=left=behind|stored=behind"
    reader.close_page()
    read(qtbot, reader, escape_server.page("storage"))
    assert wait_for_title(qtbot, reader, "cookie=") == "cookie=|stored=null"


def renderer_gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_leaving_destroys_the_page_and_its_renderer(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    read(qtbot, reader, escape_server.page("landing"))
    view = reader.view
    assert view is not None
    page, profile, pid = view.page(), view.page().reader_profile, view.page().renderProcessPid()
    reader.leave()
    assert reader.view is None
    assert not shiboken6.isValid(view)
    assert not shiboken6.isValid(page)
    assert not shiboken6.isValid(profile)
    qtbot.waitUntil(lambda: renderer_gone(pid), timeout=PAGE_WAIT_MS)


def test_twenty_visitors_leave_no_growth_behind(
    qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer
) -> None:
    """The same open and close as 200 times in bench/reader.py: every view, page, profile and renderer goes."""
    read(qtbot, reader, escape_server.page("landing"))
    reader.close_page()
    widgets_before = len(QApplication.allWidgets())
    gone: list[object] = []
    renderers: list[int] = []
    for _ in range(20):
        read(qtbot, reader, escape_server.page("landing"))
        assert reader.view is not None
        gone += [reader.view, reader.view.page(), reader.view.page().reader_profile]
        renderers.append(reader.view.page().renderProcessPid())
        reader.close_page()
    assert not [thing for thing in gone if shiboken6.isValid(thing)]
    assert reader.findChildren(ReaderView) == []
    assert len(QApplication.allWidgets()) == widgets_before
    qtbot.waitUntil(lambda: all(renderer_gone(pid) for pid in renderers), timeout=PAGE_WAIT_MS)


def test_without_chromium_the_reader_still_offers_the_code(
    qtbot: QtBot, content: Content, monkeypatch: pytest.MonkeyPatch
) -> None:
    """As root with Chromium's sandbox on, QtWebEngine would end the kiosk: the reader stays off instead."""
    monkeypatch.delenv("QTWEBENGINE_DISABLE_SANDBOX", raising=False)
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(ReaderEngine, "_may_start", None)  # asked again, as by a kiosk started this way
    reader = ReaderScreen(content)
    qtbot.addWidget(reader)
    reader.resize(1920, 1080)
    reader.show()
    link = content.topic("europe").links[0]
    reader.read(link, "nl")
    assert reader.view is None
    shows_the_friendly_page(reader, "nl", link.url)


def test_the_sandbox_is_asked_about_once_per_process(
    qtbot: QtBot, content: Content, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Each new content version builds a new reader screen; the sandbox's answer, and its log line, come once."""
    monkeypatch.setenv("QTWEBENGINE_DISABLE_SANDBOX", "1")
    monkeypatch.setattr(os, "geteuid", lambda: 0)
    monkeypatch.setattr(ReaderEngine, "_may_start", None)
    screens = [ReaderScreen(content) for _ in range(3)]
    for screen in screens:
        qtbot.addWidget(screen)
    assert all(screen.engine.available for screen in screens)
    assert caplog.text.count("pages are read without Chromium's sandbox") == 1


def test_visitors_leave_no_python_bookkeeping_behind(qtbot: QtBot, reader: ReaderScreen) -> None:
    """Each visitor's view and profile go, and so does everything Python kept about them (PySide 6.11 keeps a
    reference for good for each QTimer.singleShot() with a delay, a context and a method: the engine uses one timer)."""
    engine = reader.engine

    def references_to_the_engine() -> int:
        gc.collect()
        return sum(1 for item in gc.get_objects() if type(item) is weakref.ReferenceType and item() is engine)

    parent = QWidget()
    qtbot.addWidget(parent)
    view = engine.new_view(parent)
    assert view is not None
    engine.discard(view)
    before = references_to_the_engine()
    for _ in range(10):
        view = engine.new_view(parent)
        assert view is not None
        engine.discard(view)
        qtbot.waitUntil(lambda: len(engine.findChildren(ReaderProfile)) == 1)  # the next visitor's, by the timer
    assert references_to_the_engine() == before
    assert len(engine.findChildren(ReaderView)) == 0
