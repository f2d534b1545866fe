"""The kiosk's one window: the current screen above the bottom bar, and the navigation between screens."""

from __future__ import annotations

import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from kiosk.content import Content
from kiosk.screens.base import Screen
from kiosk.screens.contact import ContactScreen
from kiosk.screens.home import CONTACT, HomeScreen
from kiosk.screens.topic import TopicScreen
from kiosk.widgets.bottom_bar import BottomBar

log = logging.getLogger(__name__)

HOME = "home"


class KioskWindow(QWidget):
    """Holds the screens (built when first opened) and knows where Back, Home and a swipe lead."""

    screen_changed = Signal(str)
    language_changed = Signal(str)

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Utrecht internationaal")
        self.content = content
        self.language = content.default_language
        self.current = HOME
        self._stack = QStackedWidget()
        self.bar = BottomBar(content)
        self.home_screen = HomeScreen(content)
        self.home_screen.chosen.connect(self.open)
        self._screens: dict[str, Screen] = {HOME: self.home_screen}
        self._stack.addWidget(self.home_screen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self._stack, 1)
        layout.addWidget(self.bar)
        self.bar.back_requested.connect(self.go_back)
        self.bar.home_requested.connect(self.go_home)
        self.bar.previous_requested.connect(lambda: self.step(-1))
        self.bar.next_requested.connect(lambda: self.step(1))
        self.bar.language_chosen.connect(self.set_language)
        self.bar.set_language(self.language)
        self.home_screen.set_language(self.language)
        self.bar.show_for(back=False, topics=False)

    @property
    def screen_names(self) -> list[str]:
        """Every screen a visitor can reach, in the order IT staff see them rendered."""
        return [HOME, *self.topic_sequence]

    @property
    def topic_sequence(self) -> list[str]:
        """The screens a swipe moves through: the topics, then help and contact."""
        return [topic.id for topic in self.content.topics] + [CONTACT]

    def screen_named(self, name: str) -> Screen:
        """The screen called name, built the first time it is asked for."""
        if name not in self._screens:
            if name == CONTACT:
                screen: Screen = ContactScreen(self.content)
            else:
                screen = TopicScreen(self.content, self.content.topic(name))
            screen.swiped.connect(lambda direction: self.step(-direction))
            self._screens[name] = screen
            self._stack.addWidget(screen)
        return self._screens[name]

    def current_screen(self) -> Screen:
        return self._screens[self.current]

    def open(self, name: str) -> None:
        screen = self.screen_named(name)
        screen.set_language(self.language)
        screen.reset_view()
        self._stack.setCurrentWidget(screen)
        self.current = name
        self.bar.show_for(back=name != HOME, topics=name in self.topic_sequence)
        log.info("showing the %s screen", name)
        self.screen_changed.emit(name)

    def go_home(self) -> None:
        self.open(HOME)

    def go_back(self) -> None:
        self.open(HOME)

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
        log.info("language switched to %s", language)
        self.language_changed.emit(language)

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
        self.showFullScreen()
