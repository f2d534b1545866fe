"""Turns what visitors do on the kiosk window into counts: screens, their QR codes, reader pages, languages.

It listens to the window's own signals and looks at nothing else: no time finer than the counter's hour, no
order of taps, no session. What the session does by itself (the reset to the home screen and the default
language) is not a visitor's choice and is not counted: the home screen is never counted, and a language only
when a visitor taps it on the bottom bar.

Accessibility toggles (a later feature) count themselves through the same sink:
`count(ACCESSIBILITY, "larger-text")` when a visitor switches one on (see the README).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject

from kiosk.content import Link
from kiosk.screens import CONTACT, READER
from kiosk.screens.topic import TopicScreen
from kiosk.usage.store import LANGUAGE, QR_CODE, READER_PAGE, SCREEN
from kiosk.widgets.qr_card import QrCard
from kiosk.window import KioskWindow

CountSink = Callable[[str, str], None]  # UsageCounter.count: kind, name

# What a QR code is for, by its payload's scheme; the address itself is never counted.
_CODE_KINDS = {"mailto": "e-mail", "tel": "phone", "https": "web page"}
_WATCHED = "usageCounted"


def code_kind(uri: str) -> str:
    return _CODE_KINDS.get(uri.split(":", 1)[0].lower(), "other")


class UsageRecorder(QObject):
    """Counts for one kiosk window; made when the window is, and gone with it."""

    def __init__(self, window: KioskWindow, count: CountSink) -> None:
        super().__init__(window)
        self.window = window
        self._count = count
        window.screen_changed.connect(self._screen_opened)
        window.bar.language_chosen.connect(lambda code: self._count(LANGUAGE, code))
        window.bar.take_page_requested.connect(self._page_code_asked)

    def _screen_opened(self, name: str) -> None:
        if name != CONTACT and name not in {topic.id for topic in self.window.content.topics}:
            return  # home (also every session reset) and the reader (counted per page)
        self._count(SCREEN, name)
        screen = self.window.current_screen()
        for card in screen.findChildren(QrCard):
            self._count(QR_CODE, code_kind(card.payload.uri))
        if isinstance(screen, TopicScreen) and not screen.property(_WATCHED):
            screen.setProperty(_WATCHED, True)  # topic screens are built once and kept until new content
            screen.read_requested.connect(self._page_opened)

    def _page_opened(self, link: Link) -> None:
        self._count(READER_PAGE, link.url)

    def _page_code_asked(self) -> None:
        if self.window.current == READER:
            self._count(QR_CODE, "web page")
