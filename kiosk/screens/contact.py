"""The help and contact screen: phone with its hours, each e-mail address with what it is for, and the addresses."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.accessibility.spoken import sentences
from kiosk.content import Content
from kiosk.screens.base import Screen
from kiosk.screens.take_along import TakeAlong
from kiosk.widgets.artwork import Artwork
from kiosk.widgets.text import TextLabel


class ContactScreen(Screen):
    """How to reach the city, every way at once, each with a code to take along."""

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(content, parent)
        page = content.contact_page
        self.artwork = Artwork(content.image_path(page.artwork), theme.ARTWORK_SIZE)
        self.intro = TextLabel()
        self.addresses = QFrame()
        self.addresses.setProperty("role", "card")
        self.visiting_label = TextLabel(role="caption")
        self.visiting = TextLabel(page.visiting_address)
        self.postal_label = TextLabel(role="caption")
        self.postal = TextLabel(page.postal_address or "")
        address_layout = QVBoxLayout(self.addresses)
        address_layout.setContentsMargins(theme.SPACING, theme.SPACING, theme.SPACING, theme.SPACING)
        address_layout.setSpacing(theme.SPACING // 3)
        address_layout.addWidget(self.visiting_label)
        address_layout.addWidget(self.visiting)
        if page.postal_address:
            address_layout.addSpacing(theme.SPACING // 2)
            address_layout.addWidget(self.postal_label)
            address_layout.addWidget(self.postal)
        self.take_along = TakeAlong(content, (), page.contacts)

        text_column = QVBoxLayout()
        text_column.setSpacing(theme.SPACING)
        text_column.addWidget(self.artwork)
        text_column.addWidget(self.intro)
        text_column.addWidget(self.addresses)
        text_column.addStretch(1)

        self.set_columns(text_column, self.take_along, (4, 7))

    def show_language(self, language: str) -> None:
        words = self.content.interface
        page = self.content.contact_page
        self.header.set_texts(page.title[language])
        self.intro.setText(page.text[language])
        self.visiting_label.setText(words.visiting_address[language])
        self.postal_label.setText(words.postal_address[language])
        self.take_along.set_language(language)

    def spoken_text(self) -> str:
        """The title and introduction, the addresses, and every way to reach the city, said as words."""
        words, page, language = self.content.interface, self.content.contact_page, self.language
        addresses = [f"{words.visiting_address[language]}: {page.visiting_address}"]
        if page.postal_address:
            addresses.append(f"{words.postal_address[language]}: {page.postal_address}")
        return sentences(
            [page.title[language], page.text[language], *addresses, self.take_along.spoken_text(self.address_words)]
        )
