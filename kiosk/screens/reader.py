"""The reader screen: a city page read with a finger, Back through its pages, and a code to take it along.

QtWebEngine is loaded by the first ReaderEngine, never by importing this module: the home screen's first
frame does not wait for Chromium.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QHideEvent
from PySide6.QtWidgets import QGridLayout, QProgressBar, QStackedLayout, QWidget

from kiosk import theme
from kiosk.content import Content, Link
from kiosk.payloads import Payload
from kiosk.reader.policy import BUNDLED_SCHEME, ReaderPolicy, bundled_url, take_along_payload
from kiosk.screens.base import Screen
from kiosk.widgets.code_panel import CodeOverlay, CodePanel
from kiosk.widgets.in_reach import InReachLayout
from kiosk.widgets.text import TextLabel

if TYPE_CHECKING:
    from kiosk.reader.engine import ReaderEngine, ReaderView

log = logging.getLogger(__name__)

LOAD_TIMEOUT_MS = 15_000  # nothing on screen after this long: the friendly page, with the code to read it later
CRASH_RELOADS = 1  # a renderer that ends is given one reload per step of the visitor's, then the friendly page


class ReaderScreen(Screen):
    """One link's page at a time: its bundled copy in the visitor's language, or the address itself."""

    loaded = Signal(str)  # a page finished loading: its address
    painted = Signal()  # a new page's first content is on screen (Chromium's first contentful paint)
    code_offered = Signal(str)  # a code went up over the screen: what it encodes
    refused = Signal(str, str)  # what the reader refused (a page, a window, a download, ...) and its address
    unavailable_shown = Signal(str)  # the friendly page is shown in place of the page at this address

    def __init__(self, content: Content, policy: ReaderPolicy | None = None, parent: QWidget | None = None) -> None:
        super().__init__(content, parent)
        self.policy = policy or ReaderPolicy(frozenset(content.allowed_hosts))
        self.load_timeout_ms = LOAD_TIMEOUT_MS
        self.link: Link | None = None
        self.view: ReaderView | None = None
        self._engine: ReaderEngine | None = None
        self._overlay: CodeOverlay | None = None
        self._page_language = ""
        self._reloads_left = CRASH_RELOADS
        self._loading_url = ""
        self._unavailable_url = ""
        self._painted_since_start = False
        self._timeout = QTimer(self)
        self._timeout.setSingleShot(True)
        self._timeout.timeout.connect(self._too_slow)
        app = QCoreApplication.instance()
        if app is not None:  # a page must be gone before QtWebEngine shuts down with the application
            app.aboutToQuit.connect(self.close_page)

        self.header.hide()  # the page brings its own heading; the reading gets the height
        self.progress = QProgressBar()
        self.progress.setObjectName("ReaderProgress")
        self.progress.setTextVisible(False)
        self.progress.setRange(0, 100)
        self.progress.setFixedHeight(theme.READER_PROGRESS_HEIGHT)
        self.progress.hide()
        self.loading = TextLabel(role="heading")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.unavailable = CodePanel()

        self._page_area = QWidget()
        self._page_grid = QGridLayout(self._page_area)
        self._page_grid.setContentsMargins(0, 0, 0, 0)
        # Over the page, not above it: the page neither jumps when loading starts nor when it ends.
        self._page_grid.addWidget(self.progress, 0, 0, Qt.AlignmentFlag.AlignTop)
        self._page_grid.addWidget(self.loading, 0, 0, Qt.AlignmentFlag.AlignCenter)
        self._unavailable_area = QWidget()
        InReachLayout(self._unavailable_area, theme.MARGIN).addWidget(self.unavailable)
        self._stack = QStackedLayout()
        self._stack.addWidget(self._page_area)
        self._stack.addWidget(self._unavailable_area)
        self._layout.addLayout(self._stack, 1)

    @property
    def engine(self) -> ReaderEngine:
        if self._engine is None:
            # QtWebEngine's widgets load here, after the first frame, never on the way to it.
            from kiosk.reader.engine import ReaderEngine  # noqa: PLC0415

            self._engine = ReaderEngine(self.policy, self.content.base_dir / "resources" / "pages", self)
        return self._engine

    @property
    def overlay(self) -> CodeOverlay:
        """The code shown over the whole window: a tapped e-mail address or phone number, this page, ..."""
        if self._overlay is None:
            self._overlay = CodeOverlay(self.window())
        return self._overlay

    @property
    def showing_unavailable(self) -> bool:
        return self._stack.currentWidget() is self._unavailable_area

    def read(self, link: Link, language: str) -> None:
        """Open the link's page: its bundled copy in this language if it has one, else its address."""
        self.close_page()
        self.set_language(language)
        self.link = link
        self._reloads_left = CRASH_RELOADS
        start = self._start_address(language)
        view = self.engine.new_view(self._page_area)
        if view is None:  # QtWebEngine cannot start in this process; the log says why
            self._show_unavailable(start)
            return
        self.view = view
        page = view.page()
        page.reader_profile.setHttpAcceptLanguage(self._accept_language())
        view.load_started.connect(self._load_started)
        view.load_succeeded.connect(self._load_succeeded)
        view.load_stopped.connect(self._load_stopped)
        view.load_failed.connect(self._load_failed)
        view.first_paint.connect(self._painted)
        view.renderer_ended.connect(self._renderer_ended)
        view.dialog_refused.connect(lambda name: self.refused.emit("a dialog", name))
        view.loadProgress.connect(self.progress.setValue)
        page.take_along.connect(self._offer)
        page.refused.connect(self._refused)
        page.reader_profile.request_filter.blocked.connect(lambda url: self.refused.emit("a request", url))
        page.visitor_navigated.connect(self._visitor_navigated)
        self._page_grid.addWidget(view, 0, 0)
        self.loading.show()
        self.loading.raise_()
        self.progress.raise_()
        self._stack.setCurrentWidget(self._page_area)
        self._page_language = language
        log.info("reading %s", start)
        view.load(QUrl(start))

    def close_page(self) -> None:
        """Destroy the page being read, its renderer and its visitor's profile; close any code over the screen."""
        self._timeout.stop()
        if self._overlay is not None:
            self._overlay.hide()
            self._overlay.deleteLater()
            self._overlay = None
        self.progress.hide()
        view, self.view = self.view, None
        if view is not None:
            view.blockSignals(True)
            view.page().blockSignals(True)  # its renderer's end, as it is destroyed, is not news
            self._page_grid.removeWidget(view)
            self.engine.discard(view)
            log.info("closed the page; its renderer and the visitor's profile are destroyed")
        self.link = None
        self._stack.setCurrentWidget(self._page_area)

    def go_back(self) -> bool:
        """One step back: the code over the page, then the page's history; False when there is none left."""
        if self._overlay is not None and self._overlay.isVisible():
            self._overlay.close_code()
            return True
        if self.view is None:
            return False
        if self.showing_unavailable and self.view.address() != self._unavailable_url:
            self._stack.setCurrentWidget(self._page_area)  # the page the visitor tapped from is still there
            return True
        if self.view.history().canGoBack():
            self._stack.setCurrentWidget(self._page_area)
            self.view.back()
            return True
        return False

    def take_page_along(self) -> None:
        """Show the code of the page being read (for a bundled page, its online address)."""
        if self.link is None:
            return
        shown = self._unavailable_url if self.showing_unavailable or self.view is None else self.view.address()
        payload = self._payload_for(shown)
        if payload is None:
            log.info("no code to offer for %s", shown)
            return
        words, language = self.content.interface, self.language
        title = self.view.title() if self.view is not None and not shown.startswith(BUNDLED_SCHEME) else ""
        label = title if title and title != shown else self.link.label[language]
        heading, caption = words.take_page_along[language], words.scan_to_read[language]
        self._show_code(heading, "", payload, caption, label, close=words.close[language])

    def show_language(self, language: str) -> None:
        words = self.content.interface
        self.loading.setText(words.loading[language])
        if self.view is not None and self.link is not None and self._page_language != language:
            old, new = self._start_address(self._page_language), self._start_address(language)
            if self.view.address() == old and new != old:
                self._page_language = language
                self.view.load(QUrl(new))
        if self.showing_unavailable:
            self._show_unavailable(self._unavailable_url)

    def leave(self) -> None:
        self.close_page()

    def hideEvent(self, event: QHideEvent) -> None:
        # Hidden by the program (another screen, the window closing), the page goes: never kept out of sight.
        # A hide the window system makes (minimising a preview window) leaves it.
        if not event.spontaneous():
            self.close_page()
        super().hideEvent(event)

    def reset_view(self) -> None:
        self.close_page()

    def _start_address(self, language: str) -> str:
        assert self.link is not None
        page = self.content.bundled_page(self.link, language)
        return bundled_url(page) if page is not None else self.link.url

    def _accept_language(self) -> str:
        others = [code for code in self.content.language_codes if code != self.language]
        return ",".join([self.language, *(f"{code};q=0.5" for code in others)])

    def _payload_for(self, url: str) -> Payload | None:
        """The code for an address; a bundled page's is its link's online address, as is one too long to scan."""
        if self.link is None:
            return None
        if url.startswith(f"{BUNDLED_SCHEME}:"):
            url = self.link.url
        return take_along_payload(url) or take_along_payload(self.link.url)

    def _load_started(self, url: str) -> None:
        self._loading_url = url
        self._painted_since_start = False
        self.progress.setValue(0)
        self.progress.show()
        self._timeout.start(self.load_timeout_ms)

    def _load_succeeded(self, url: str) -> None:
        self._load_stopped(url)
        self.loaded.emit(url)

    def _load_stopped(self, url: str) -> None:
        self._timeout.stop()
        self.progress.hide()
        self.loading.hide()  # a page with nothing to paint still ends its loading

    def _load_failed(self, url: str, reason: str) -> None:
        self._timeout.stop()
        log.info("could not load %s: %s", url, reason)
        self._show_unavailable(url)

    def _too_slow(self) -> None:
        if self.view is None:
            return
        seconds = self.load_timeout_ms / 1000
        if self._painted_since_start:
            log.info("stopped loading %s after %g s; the page shows what it has", self._loading_url, seconds)
        else:
            log.info("%s showed nothing in %g s; showing the friendly page", self._loading_url, seconds)
            self._show_unavailable(self._loading_url)
        self.view.stop()

    def _painted(self) -> None:
        self._painted_since_start = True
        self.loading.hide()
        self.painted.emit()

    def _renderer_ended(self, how: str) -> None:
        if self.view is None:
            return
        url = self.view.address()
        if self._reloads_left > 0:
            self._reloads_left -= 1
            log.warning("the renderer of %s ended (%s); reloading it once", url, how)
            self.loading.show()
            self.loading.raise_()
            self.view.reload()
            return
        log.warning("the renderer of %s ended again (%s); showing the friendly page", url, how)
        self._show_unavailable(url)

    def _visitor_navigated(self) -> None:
        self._reloads_left = CRASH_RELOADS

    def _show_unavailable(self, url: str) -> None:
        """The reader's own page instead of Chromium's: what happened, in the visitor's language, and the code."""
        self._unavailable_url = url
        words, language = self.content.interface, self.language
        payload = self._payload_for(url)
        text = words.page_unavailable_text[language] if payload is not None else ""
        # No label on the card: the heading says what happened, the address under the code which page it was.
        self.unavailable.show_code(words.page_unavailable[language], text, payload, words.scan_to_read[language])
        self._stack.setCurrentWidget(self._unavailable_area)
        self.progress.hide()
        self.loading.hide()
        self.unavailable_shown.emit(url)

    def _offer(self, target: str) -> None:
        """A tapped e-mail address, phone number or page elsewhere: its code over the screen, nothing opened."""
        payload = take_along_payload(target)
        if payload is None:
            return
        words, language = self.content.interface, self.language
        scheme = target.split(":", 1)[0].lower()
        if scheme == "mailto":
            heading, text, caption = "", "", words.scan_to_email[language]
        elif scheme == "tel":
            heading, text, caption = "", "", words.scan_to_call[language]
        else:
            heading, text = words.not_in_kiosk[language], words.not_in_kiosk_text[language]
            caption = words.scan_to_read[language]
        self._show_code(heading, text, payload, caption, close=words.close[language])

    def _show_code(
        self, heading: str, text: str, payload: Payload, caption: str, label: str = "", *, close: str
    ) -> None:
        self.overlay.show_code(heading, text, payload, caption, label, close=close)
        self.code_offered.emit(payload.uri)

    def _refused(self, what: str, url: str) -> None:
        self.refused.emit(what, url)
        payload = take_along_payload(url) if what == "download" else None
        if payload is not None:  # a PDF, say: not for the kiosk, but the visitor may want it on their phone
            words, language = self.content.interface, self.language
            self._show_code(
                words.not_in_kiosk[language],
                words.not_in_kiosk_text[language],
                payload,
                words.scan_to_read[language],
                close=words.close[language],
            )
