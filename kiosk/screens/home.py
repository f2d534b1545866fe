"""The home screen: a large tile for every topic and one for help and contact."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.content import Content
from kiosk.screens.base import Screen
from kiosk.widgets.artwork import Artwork
from kiosk.widgets.text import TextLabel
from kiosk.widgets.topic_tile import TopicTile

CONTACT = "contact"


class HomeScreen(Screen):
    """Tiles sit low on the screen, within reach; tapping one asks the window to open it."""

    chosen = Signal(str)  # a topic id, or "contact"

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(content, parent)
        self.intro = TextLabel(role="intro")
        self.hint = TextLabel(role="heading")
        self.tiles: dict[str, TopicTile] = {}
        for topic in content.topics:
            self._add_tile(topic.id, topic.artwork)
        self._add_tile(CONTACT, content.contact_page.artwork)
        self._grid = QGridLayout()
        self._grid.setSpacing(theme.SPACING)
        layout = QVBoxLayout()
        layout.setSpacing(theme.SPACING)
        layout.addStretch(1)
        layout.addWidget(self.intro)
        layout.addSpacing(theme.SPACING)
        layout.addWidget(self.hint)
        layout.addLayout(self._grid)
        self.set_body(layout)

    def _add_tile(self, name: str, artwork: str) -> None:
        tile = TopicTile(Artwork(self.content.image_path(artwork), theme.ARTWORK_SIZE))
        tile.setObjectName(f"tile-{name}")
        tile.clicked.connect(lambda _checked=False, name=name: self.chosen.emit(name))
        self.tiles[name] = tile

    def arrange(self, portrait: bool) -> None:
        columns = 3 if portrait else min(len(self.tiles), 5)
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles.values()):
            self._grid.addWidget(tile, index // columns, index % columns)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def show_language(self, language: str) -> None:
        words = self.content.interface
        self.header.set_texts(words.welcome[language])
        self.intro.setText(words.welcome_text[language])
        self.hint.setText(words.welcome_hint[language])
        for topic in self.content.topics:
            self.tiles[topic.id].set_texts(topic.title[language], topic.tagline[language])
        page = self.content.contact_page
        self.tiles[CONTACT].set_texts(page.title[language], page.tagline[language])
