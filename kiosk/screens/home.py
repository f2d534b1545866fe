"""The home screen: a large tile for every topic and one for help and contact."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPoint, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.accessibility import reach
from kiosk.content import Content
from kiosk.screens import CONTACT
from kiosk.screens.base import Screen
from kiosk.widgets.artwork import Artwork
from kiosk.widgets.text import TextLabel
from kiosk.widgets.topic_tile import TopicTile


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
        self._tile_columns = 0
        # The welcome fills the part of the screen a seated visitor cannot reach, so the tiles start below it.
        self.lead = QWidget()
        lead = QVBoxLayout(self.lead)
        lead.setContentsMargins(0, 0, 0, 0)
        lead.setSpacing(0)
        lead.addStretch(1)
        lead.addWidget(self.intro)
        lead.addSpacing(theme.SPACING * 2)
        lead.addWidget(self.hint)
        layout = QVBoxLayout()
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.lead, 1)
        layout.addLayout(self._grid)
        self.set_body(layout)
        for tile in self.tiles.values():
            tile.installEventFilter(self)  # a tile that grows with the text may need fewer columns
        self.text_scroll.installEventFilter(self)  # the header above it grew or shrank: the reach changes

    def _add_tile(self, name: str, artwork: str) -> None:
        tile = TopicTile(Artwork(self.content.image_path(artwork), theme.ARTWORK_SIZE))
        tile.setObjectName(f"tile-{name}")
        tile.clicked.connect(lambda _checked=False, name=name: self.chosen.emit(name))
        self.tiles[name] = tile

    def arrange(self, portrait: bool) -> None:
        self._lay_tiles()

    def _lay_tiles(self) -> None:
        """Three columns on a tall screen, five on a wide one; fewer when a tile's longest word needs it."""
        preferred = 3 if self._portrait else 5
        scroll_bar = self.text_scroll.verticalScrollBar().sizeHint().width()
        room = self.width() - 2 * (theme.MARGIN + theme.FOCUS_EDGE_PX) - scroll_bar
        widest = max(tile.minimumSizeHint().width() for tile in self.tiles.values())
        fits = max(1, (room + theme.SPACING) // (widest + theme.SPACING))
        columns = min(len(self.tiles), preferred, fits)
        if columns == self._tile_columns:
            return
        self._tile_columns = columns
        for tile in self.tiles.values():
            self._grid.removeWidget(tile)
        for index, tile in enumerate(self.tiles.values()):
            self._grid.addWidget(tile, index // columns, index % columns)
        for column in range(max(self._grid.columnCount(), preferred)):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)

    def _keep_tiles_in_reach(self) -> None:
        """The welcome above the tiles is at least as tall as the part of the screen out of reach."""
        window = self.window()
        top, _ = reach.band(window.width(), window.height())
        body_top = self.text_scroll.viewport().mapTo(window, QPoint(0, 0)).y() + theme.MARGIN
        self.lead.setMinimumHeight(max(0, top - body_top - theme.SPACING))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._lay_tiles()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.LayoutRequest and watched in self.tiles.values():
            self._lay_tiles()
        elif watched is self.text_scroll and kind in (QEvent.Type.Move, QEvent.Type.Resize):
            self._keep_tiles_in_reach()
        return super().eventFilter(watched, event)

    def show_language(self, language: str) -> None:
        words = self.content.interface
        self.header.set_texts(words.welcome[language])
        self.intro.setText(words.welcome_text[language])
        self.hint.setText(words.welcome_hint[language])
        for topic in self.content.topics:
            self.tiles[topic.id].set_texts(topic.title[language], topic.tagline[language])
        page = self.content.contact_page
        self.tiles[CONTACT].set_texts(page.title[language], page.tagline[language])

    def spoken_text(self) -> str:
        """The welcome, then every tile: its title and its line."""
        from kiosk.accessibility.spoken import sentences  # noqa: PLC0415 - with read-aloud's first use (Screen)

        words, language = self.content.interface, self.language
        tiles = [f"{tile.title.text()}: {tile.tagline.text()}" for tile in self.tiles.values()]
        return sentences([words.welcome[language], words.welcome_text[language], words.welcome_hint[language], *tiles])
