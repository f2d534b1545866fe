"""The red band at the top of every screen: the city mark and the screen's title. It holds no controls."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.widgets.artwork import Artwork
from kiosk.widgets.text import TextLabel

CITY_MARK = "CityMark"  # the mark's object name: the admin gesture's target (kiosk/admin/gesture.py)


class Header(QWidget):
    """Title and an optional subtitle beside the city mark, wrapped rather than cut off."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Header")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.mark = Artwork(theme.CITY_MARK, QSize(theme.MARK_SIZE, theme.MARK_SIZE))
        self.mark.setFixedSize(theme.MARK_SIZE, theme.MARK_SIZE)
        self.mark.setObjectName(CITY_MARK)
        self.title = TextLabel(role="title")
        self.subtitle = TextLabel(role="subtitle")
        self.subtitle.hide()
        texts = QVBoxLayout()
        texts.setSpacing(theme.SPACING // 3)
        texts.addWidget(self.title)
        texts.addWidget(self.subtitle)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.SPACING, theme.MARGIN, theme.SPACING)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        layout.addLayout(texts, 1)

    def set_texts(self, title: str, subtitle: str = "") -> None:
        self.title.setText(title)
        self.subtitle.setText(subtitle)
        self.subtitle.setVisible(bool(subtitle))
