"""The calm screen shown when there is no content to show at all: the city's contacts, and a line for staff."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk import fallback, theme
from kiosk.widgets.artwork import Artwork
from kiosk.widgets.card_grid import CardGrid
from kiosk.widgets.header import Header
from kiosk.widgets.qr_card import QrCard
from kiosk.widgets.scrolling import KineticScrollArea
from kiosk.widgets.text import TextLabel

ARTWORK = theme.RESOURCES / "artwork" / "unavailable.svg"


class UnavailableScreen(QWidget):
    """Never blank, never alarming: contacts from the program itself, and why, in small print, for IT staff."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(fallback.TITLE)
        self.header = Header()
        self.header.set_texts(fallback.TITLE)
        self.message = TextLabel(fallback.MESSAGE, role="intro")
        self.cards = []
        for contact in fallback.CONTACTS:
            card = QrCard(contact.payload)
            card.set_texts(contact.caption, contact.label)
            self.cards.append(card)
        grid = CardGrid()
        grid.set_cards(list(self.cards))
        self.address = TextLabel(f"Bezoekadres · Visiting address: {fallback.VISITING_ADDRESS}")
        self.staff_note = TextLabel(role="muted")
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(Artwork(ARTWORK, QSize(240, 160)))
        layout.addWidget(self.message)
        layout.addWidget(self.address)
        layout.addWidget(grid)
        layout.addStretch(1)
        layout.addWidget(self.staff_note)
        scroll = KineticScrollArea()
        scroll.setWidget(body)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.header)
        outer.addWidget(scroll, 1)

    def set_staff_note(self, text: str) -> None:
        """Why there is no content, for IT staff: shown small at the bottom, never the raw error to visitors."""
        self.staff_note.setText(f"Voor beheer · For staff: {text}")
