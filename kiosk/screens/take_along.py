"""The "take it along" part of a topic or contact screen: a QR card per link and per contact."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from kiosk import payloads, theme
from kiosk.accessibility.spoken import AddressWords, sentences
from kiosk.content import Contact, Content, Link
from kiosk.widgets.card_grid import CardGrid
from kiosk.widgets.qr_card import QrCard
from kiosk.widgets.text import TextLabel


class TakeAlong(QWidget):
    """A heading and the QR cards, reflowed to the width available; a page's card also opens it in the kiosk."""

    read_requested = Signal(object)  # the Link a visitor wants to read here

    def __init__(
        self, content: Content, links: tuple[Link, ...], contact_ids: tuple[str, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._content = content
        self._links = links
        self._contacts = [content.contacts[contact_id] for contact_id in contact_ids]
        self.heading = TextLabel(role="heading")
        self.cards = [QrCard(payloads.for_link(link)) for link in links]
        self.read_buttons = [QPushButton() for _ in links]
        for card, button, link in zip(self.cards, self.read_buttons, links, strict=True):
            button.clicked.connect(lambda _checked=False, link=link: self.read_requested.emit(link))
            card.add_button(button)
        self.cards += [QrCard(payloads.for_contact(contact, content.default_language)) for contact in self._contacts]
        self.grid = CardGrid()
        self.grid.set_cards(list(self.cards))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(theme.SPACING)
        layout.addWidget(self.heading)
        layout.addWidget(self.grid)
        layout.addStretch(1)
        self.heading.setHidden(not self.cards)  # a topic with nothing to take along has no heading for it

    def set_language(self, language: str) -> None:
        words = self._content.interface
        self.heading.setText(words.take_along[language])
        link_cards = self.cards[: len(self._links)]
        contact_cards = self.cards[len(self._links) :]
        for card, link in zip(link_cards, self._links, strict=True):
            card.set_texts(words.scan_to_read[language], link.label[language])
        for button, link in zip(self.read_buttons, self._links, strict=True):
            button.setText(words.read_here[language])
            button.setAccessibleDescription(link.label[language])  # which page "Read here" opens
        for card, contact in zip(contact_cards, self._contacts, strict=True):
            card.set_payload(payloads.for_contact(contact, language))
            caption = words.scan_to_call if contact.phone else words.scan_to_email
            card.set_texts(
                caption[language], contact.label[language], _details(contact, language, words.hours[language])
            )

    def spoken_text(self, words: AddressWords) -> str:
        """The heading, then each card: what it is for and its address as words; nothing without cards."""
        if not self.cards:
            return ""
        return sentences([self.heading.text(), *(card.spoken_text(words) for card in self.cards)])


def _details(contact: Contact, language: str, hours_label: str) -> str:
    lines = []
    if contact.hours is not None:
        lines.append(f"{hours_label}:\n{contact.hours[language]}")
    if contact.note is not None:
        lines.append(contact.note[language])
    return "\n".join(lines)
