"""A card with a QR code a visitor scans to take a contact or a page along, and the same address as text."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QPushButton, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.accessibility.spoken import AddressWords, say_address, sentences
from kiosk.payloads import Payload
from kiosk.qr import QrCode
from kiosk.widgets.text import ZERO_WIDTH_SPACE, TextLabel


class QrCard(QFrame):
    """Caption ("Scan to e-mail"), what it is for, the code, and the address spelled out."""

    def __init__(self, payload: Payload, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.payload = payload
        self.caption = TextLabel(role="caption")
        self.label = TextLabel()
        self.details = TextLabel(role="address")
        self.details.hide()
        self.code = QrCode(payload.uri)
        self.address = TextLabel(_breakable(payload.text), role="address")
        self.address.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.CARD_PADDING, theme.CARD_PADDING, theme.CARD_PADDING, theme.CARD_PADDING)
        layout.setSpacing(theme.SPACING // 2)
        layout.addWidget(self.caption)
        layout.addWidget(self.label)
        layout.addWidget(self.details)
        layout.addStretch(1)
        layout.addWidget(self.code, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.address)
        self.setMinimumWidth(self.code.width() + 2 * theme.CARD_PADDING + 4)
        # A keypad stop (never a tap's): read-aloud says what the code is for and its address, as words.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def add_button(self, button: QPushButton) -> None:
        """A button at the foot of the card, e.g. "Read here" on a page's card."""
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.addWidget(button)

    def set_payload(self, payload: Payload) -> None:
        self.payload = payload
        self.code.set_data(payload.uri)
        self.address.setText(_breakable(payload.text))

    def set_texts(self, caption: str, label: str, details: str = "") -> None:
        self.caption.setText(caption)
        self.label.setText(label)
        self.details.setText(details)
        self.details.setVisible(bool(details))
        self.setAccessibleName(f"{caption}: {label}")
        self.setAccessibleDescription(self.payload.text)

    def spoken_text(self, words: AddressWords) -> str:
        """What read-aloud says for the card: what the code is for, and its address said as words."""
        details = self.details.text() if not self.details.isHidden() else ""
        return sentences([self.caption.text(), self.label.text(), details, say_address(self.payload.text, words)])


def _breakable(address: str) -> str:
    """Let a long address wrap after a slash, a dot or the @ instead of widening the card."""
    for mark in "/@.":
        address = address.replace(mark, mark + ZERO_WIDTH_SPACE)
    return address
