"""A heading, a line and a QR code to take along: the reader's friendly page, and the same over the whole screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.payloads import Payload
from kiosk.widgets.in_reach import InReachLayout
from kiosk.widgets.overlay import Overlay
from kiosk.widgets.qr_card import QrCard
from kiosk.widgets.text import TextLabel


class CodePanel(QFrame):
    """What happened, or what the code is for, in the visitor's language; then the code and its address."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "dialog")  # as wide as DIALOG_WIDTH_MAX, grown with the text (style sheet)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.heading = TextLabel(role="title")
        self.heading.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.text = TextLabel()
        self.text.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.card: QrCard | None = None
        self.close_button = QPushButton()
        self.close_button.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        self._layout.setSpacing(theme.SPACING)
        self._layout.addWidget(self.heading)
        self._layout.addWidget(self.text)
        self._layout.addWidget(self.close_button, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_code(self, heading: str, text: str, payload: Payload | None, caption: str, label: str = "") -> None:
        """Fill the panel; an empty heading or text is left out, and without a payload there is no code."""
        self.heading.setText(heading)
        self.heading.setVisible(bool(heading))
        self.text.setText(text)
        self.text.setVisible(bool(text))
        if payload is not None:
            if self.card is None:
                self.card = QrCard(payload)
                # Centred by stretches, not by alignment: a layout measures an aligned item's wrapped text at
                # the full width, and the card would come out too short for its code.
                row = QHBoxLayout()
                row.addStretch(1)
                row.addWidget(self.card)
                row.addStretch(1)
                self._layout.insertLayout(2, row)
            self.card.set_payload(payload)
            self.card.set_texts(caption, label)
            self.card.label.setVisible(bool(label))
            self.card.setFixedWidth(self.card.minimumSizeHint().width())  # as narrow as its code
        if self.card is not None:
            self.card.setVisible(payload is not None)
        self.setAccessibleName(heading or caption)
        self.setAccessibleDescription(text)

    @property
    def payload(self) -> Payload | None:
        """What the code on show encodes, if one is shown."""
        return self.card.payload if self.card is not None and not self.card.isHidden() else None


class CodeOverlay(Overlay):
    """A code over the whole window until the visitor taps Close, or taps beside the panel."""

    closed = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.panel = CodePanel()
        self.panel.close_button.show()
        self.panel.close_button.clicked.connect(self.close_code)
        outer = InReachLayout(self, theme.MARGIN)  # the Close button within a seated visitor's reach
        outer.addWidget(self.panel)
        self._pressed_beside = False

    def show_code(
        self, heading: str, text: str, payload: Payload, caption: str, label: str = "", *, close: str
    ) -> None:
        self.panel.show_code(heading, text, payload, caption, label)
        self.panel.close_button.setText(close)
        self.panel.close_button.setAccessibleDescription(heading or caption)
        self.open()

    def go_back(self) -> None:
        self.close_code()

    def close_code(self) -> None:
        if self.isVisible():
            self.hide()
            self.closed.emit()

    # A tap beside the panel closes it, as people expect of a picture shown over a page.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed_beside = not self.panel.geometry().contains(event.position().toPoint())
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        beside = not self.panel.geometry().contains(event.position().toPoint())
        if self._pressed_beside and beside:
            self.close_code()
        self._pressed_beside = False
