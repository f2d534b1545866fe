"""A large tile on the home screen: artwork, title and a short line; the whole tile is the button."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.widgets.artwork import Artwork
from kiosk.widgets.text import TextLabel


class TopicTile(QPushButton):
    """A tappable tile that darkens while pressed, so the visitor sees the tap land.

    A QPushButton without text of its own: Qt's button paints its face, edge and pressed and focused looks from
    the style sheet (kiosk/theme.py: TopicTile), and the artwork and texts are widgets in the tile's layout. (A
    tile painted from Python would have to ask the style for it, and PySide6 makes the Python QStyle class, with
    its hundreds of enum members, at that first question: some 9 ms before the kiosk's first frame.)
    """

    def __init__(self, artwork: Artwork, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = TextLabel(role="tile-title")
        self.tagline = TextLabel(role="muted")
        self.artwork = artwork
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.SPACING, theme.SPACING, theme.SPACING, theme.SPACING)
        layout.setSpacing(theme.SPACING // 2)
        layout.addWidget(artwork, 1)
        layout.addWidget(self.title)
        layout.addWidget(self.tagline)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)

    def set_texts(self, title: str, tagline: str) -> None:
        self.title.setText(title)
        self.tagline.setText(tagline)
        self.setAccessibleName(title)
        self.setAccessibleDescription(tagline)

    def sizeHint(self) -> QSize:
        return self._layout.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self._layout.minimumSize()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        # A tapped button repaints itself released at once, before it says it was clicked; a tile's topic then
        # covers it in the same frame, so that paint would only delay the frame. The tile is marked for the next
        # frame instead, which paints it when it is still in view (a finger that slid off it).
        self.setUpdatesEnabled(False)
        try:
            super().mouseReleaseEvent(event)
        finally:
            self.setUpdatesEnabled(True)
