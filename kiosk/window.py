"""The kiosk's one window: the current screen above the bottom bar, and the navigation between screens."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, cast

from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtWidgets import QLayout, QSizePolicy, QStackedWidget, QVBoxLayout, QWidget

from kiosk.content import Content, Link
from kiosk.screens import CONTACT, HOME, READER
from kiosk.screens.base import Screen
from kiosk.screens.home import HomeScreen
from kiosk.widgets.bottom_bar import BottomBar

if TYPE_CHECKING:
    from kiosk.screens.reader import ReaderScreen

log = logging.getLogger(__name__)

LAYOUT_ROUNDS = 8  # rounds of queued layout requests handled at once after a language switch (_lay_out_now)


def screen_names(content: Content) -> list[str]:
    """Every screen a visitor can reach in this content, in the order IT staff see them rendered."""
    return [HOME, *(topic.id for topic in content.topics), CONTACT]


class KioskWindow(QWidget):
    """Holds the screens (built ahead in idle time, or else when first opened) and knows where Back, Home and a
    swipe lead."""

    screen_changed = Signal(str)
    language_changed = Signal(str)
    content_replaced = Signal()

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Utrecht internationaal")
        # The window itself holds the keyboard focus until a key moves it: no control shows a focus ring unasked.
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        self.content = content
        self._pending_content: Content | None = None
        self.language = content.default_language
        self.current = HOME
        self._reader_came_from = HOME
        self._stack = QStackedWidget()
        self._prepare = QTimer(self)  # builds one screen at a time in idle time (prepare_screens)
        self._prepare.setSingleShot(True)
        self._prepare.setInterval(0)
        self._prepare.timeout.connect(self._prepare_next)
        self.bar = BottomBar(content)
        self.home_screen = HomeScreen(content)
        self.home_screen.chosen.connect(self.open)
        self._screens: dict[str, Screen] = {HOME: self.home_screen}
        self._stack.addWidget(self.home_screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        # The screen gives the window its size, never the other way round: just after the screen is turned, the
        # screen in view still has its old layout, and its minimum would make the window taller than the screen.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetNoConstraint)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.bar)
        self.bar.back_requested.connect(self.go_back)
        self.bar.home_requested.connect(self.go_home)
        self.bar.previous_requested.connect(lambda: self.step(-1))
        self.bar.next_requested.connect(lambda: self.step(1))
        self.bar.language_chosen.connect(self.set_language)
        self.bar.take_page_requested.connect(self._take_page_along)
        self.bar.set_language(self.language)
        self.home_screen.set_language(self.language)
        self.bar.show_for(back=False, topics=False)

    @property
    def screen_names(self) -> list[str]:
        """Every screen a visitor can reach, in the order IT staff see them rendered."""
        return screen_names(self.content)

    @property
    def topic_sequence(self) -> list[str]:
        """The screens a swipe moves through: the topics, then help and contact."""
        return screen_names(self.content)[1:]

    def screen_named(self, name: str) -> Screen:
        """The screen called name, built the first time it is asked for."""
        if name not in self._screens:
            # Each kind's module loads with its first screen: after the first frame, in idle time (prepare_screens).
            if name == CONTACT:
                from kiosk.screens.contact import ContactScreen  # noqa: PLC0415

                screen: Screen = ContactScreen(self.content)
            elif name == READER:
                from kiosk.screens.reader import ReaderScreen  # noqa: PLC0415

                screen = ReaderScreen(self.content)
            else:
                from kiosk.screens.topic import TopicScreen  # noqa: PLC0415

                topic = TopicScreen(self.content, self.content.topic(name))
                topic.read_requested.connect(self.open_reader)
                screen = topic
            screen.swiped.connect(lambda direction: self.step(-direction))
            screen.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)  # out of view (_size_by)
            self._screens[name] = screen
            self._stack.addWidget(screen)
        return self._screens[name]

    def prepare_screens(self) -> None:
        """Build the screens not built yet, one at a time when the kiosk has nothing else to do, so that a tap
        only ever shows a screen that is ready."""
        self._prepare.start()

    @property
    def prepared(self) -> bool:
        """Whether every screen a swipe or a tile leads to is built."""
        return all(name in self._screens for name in self.topic_sequence)

    def _prepare_next(self) -> None:
        missing = [name for name in self.topic_sequence if name not in self._screens]
        if missing:
            self.screen_named(missing[0]).set_language(self.language)
        if len(missing) > 1:
            self._prepare.start()
        elif missing:
            log.debug("every screen is built")

    def drop_hidden_screens(self) -> None:
        """Let go of the topic screens out of sight (a restyle would otherwise redo each); prepare_screens()
        builds them again."""
        for name in [name for name in self._screens if name not in (HOME, READER, self.current)]:
            screen = self._screens.pop(name)
            self._stack.removeWidget(screen)
            screen.discard()

    def current_screen(self) -> Screen:
        return self._screens[self.current]

    def offer_content(self, content: Content) -> None:
        """Show a new version of the content: at once on the home screen, otherwise when the visitor goes home.

        A visitor reading a topic never has the screen changed under their finger.
        """
        self._pending_content = content
        if self.current == HOME:
            self._apply_pending_content()

    def _apply_pending_content(self) -> None:
        content, self._pending_content = self._pending_content, None
        if content is None:
            return
        for name, screen in list(self._screens.items()):
            if name != HOME:
                self._stack.removeWidget(screen)
                screen.discard()
        self.content = content
        old_home = self.home_screen
        self.home_screen = HomeScreen(content)
        self.home_screen.chosen.connect(self.open)
        self._stack.insertWidget(0, self.home_screen)
        self._stack.setCurrentWidget(self.home_screen)
        self._stack.removeWidget(old_home)
        old_home.discard()
        self._screens = {HOME: self.home_screen}
        self.bar.set_content(content)
        if self.language not in content.language_codes:
            self.language = content.default_language
        self.bar.set_language(self.language)
        self.home_screen.set_language(self.language)
        log.info("new content shown: %d topics, languages %s", len(content.topics), ", ".join(content.language_codes))
        self.content_replaced.emit()
        self.prepare_screens()

    def open(self, name: str) -> None:
        if name != self.current:
            self.current_screen().leave()
        if name == HOME and self._pending_content is not None:
            self._apply_pending_content()
        screen = self.screen_named(name)
        screen.set_language(self.language)
        screen.reset_view()
        self._stack.setCurrentWidget(screen)
        self._size_by(screen)
        self.current = name
        self.bar.show_for(back=name != HOME, topics=name in self.topic_sequence, take_page=name == READER)
        log.debug("showing the %s screen", name)  # a visitor's path: never in the journal by default
        self.screen_changed.emit(name)

    def _size_by(self, shown: Screen) -> None:
        """Only the screen in view sets the window's minimum size: one out of view keeps the layout of the last
        size it was shown at (a tall one, after the screen was turned) and would push the bottom bar out of view."""
        for screen in self._screens.values():
            policy = QSizePolicy.Policy.Preferred if screen is shown else QSizePolicy.Policy.Ignored
            screen.setSizePolicy(policy, policy)

    def go_home(self) -> None:
        self.open(HOME)

    def go_back(self) -> None:
        """In the reader: back through the page's history, then to the screen it was opened from; else home."""
        if self.current == READER:
            if not self.reader.go_back():
                self.open(self._reader_came_from)
            return
        self.open(HOME)

    @property
    def reader(self) -> ReaderScreen:
        return cast("ReaderScreen", self.screen_named(READER))

    def open_reader(self, link: Link) -> None:
        """Read the link's page in the kiosk; Back leads through its pages to the screen it was opened from."""
        if self.current != READER:
            self._reader_came_from = self.current
        self.open(READER)
        self.reader.read(link, self.language)

    def _take_page_along(self) -> None:
        if self.current == READER:
            self.reader.take_page_along()

    def step(self, delta: int) -> None:
        """Move delta places through the topics, wrapping around; nothing happens off a topic."""
        sequence = self.topic_sequence
        if self.current in sequence:
            self.open(sequence[(sequence.index(self.current) + delta) % len(sequence)])

    def set_language(self, language: str) -> None:
        if language not in self.content.language_codes or language == self.language:
            self.bar.set_language(self.language)
            return
        self.language = language
        self.bar.set_language(language)
        self.current_screen().set_language(language)
        log.debug("language switched to %s", language)
        self.language_changed.emit(language)
        _lay_out_now()  # the first frame in the new language shows its final layout, and is the only one

    def reset(self) -> None:
        """Back to how the next visitor should find the kiosk: home, default language, every screen at its top."""
        self.set_language(self.content.default_language)
        for screen in self._screens.values():
            screen.reset_view()
        self.open(HOME)

    def enter_kiosk_mode(self) -> None:
        """Fullscreen, frameless, with the pointer hidden: what a visitor sees in the lobby."""
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        self.setCursor(Qt.CursorShape.BlankCursor)
        self.setGeometry(self.screen().geometry())
        self.showFullScreen()


def _lay_out_now() -> None:
    """Handle now the layout requests Qt has queued, and those that handling them queues in turn.

    New texts all over a screen change sizes from the labels up to the window, one level per round of the event
    loop. Left to the event loop, the first frame would show the new words in the old layout and a second frame
    would follow at once, a visible jump and twice the painting. The shipped screens need up to six rounds (measured:
    a topic in portrait); whatever a deeper layout leaves is laid out by the event loop, as before.
    """
    for _ in range(LAYOUT_ROUNDS):
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)
