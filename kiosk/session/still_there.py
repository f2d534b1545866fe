"""The "Still there?" question over the whole window, with a countdown a visitor can see (WCAG 2.2.1)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QFrame, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.content import Content
from kiosk.widgets.in_reach import InReachLayout
from kiosk.widgets.overlay import Overlay
from kiosk.widgets.text import TextLabel

RING_WIDTH = 16


class CountdownRing(QWidget):
    """The seconds left in large digits inside a ring that empties calmly, once a second."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.total = 1
        self.left = 1
        self.setFixedSize(self.sizeHint())
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.StyleChange:  # a new text size: the digits, and so the ring, grow
            self.setFixedSize(self.sizeHint())
        super().changeEvent(event)

    def set_seconds(self, left: int, total: int | None = None) -> None:
        if total is not None:
            self.total = max(1, total)
        self.left = max(0, left)
        self.setAccessibleName(str(self.left))
        self.update()

    def sizeHint(self) -> QSize:
        side = max(theme.COUNTDOWN_SIZE, round(theme.current().text.countdown * 2.5))
        return QSize(side, side)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        inset = RING_WIDTH / 2 + 2
        box = QRectF(self.rect()).adjusted(inset, inset, -inset, -inset)
        look = theme.current()
        pen = QPen(QColor(look.palette.countdown_track), RING_WIDTH)
        painter.setPen(pen)
        painter.drawEllipse(box)
        pen.setColor(QColor(look.palette.indicator))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        # Qt counts arcs in 1/16 degree, anticlockwise from three o'clock: start at twelve, run clockwise.
        painter.drawArc(box, 90 * 16, -round(360 * 16 * self.left / self.total))
        painter.setPen(QColor(look.palette.text))
        painter.setFont(theme.font(look.text.countdown, bold=True))
        painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, str(self.left))
        painter.end()


class StillThereOverlay(Overlay):
    """Asks in the visitor's language; any tap on it (or its button) answers, and does nothing else."""

    dismissed = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.card = QFrame()
        self.card.setProperty("role", "dialog")  # as wide as DIALOG_WIDTH_MAX, grown with the text (style sheet)
        self.card.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.question = TextLabel(role="title")
        self.question.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.ring = CountdownRing()
        self.hint = TextLabel()
        self.hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.button = QPushButton()
        self.button.clicked.connect(self._answer)
        inner = QVBoxLayout(self.card)
        inner.setContentsMargins(theme.MARGIN * 2, theme.MARGIN * 2, theme.MARGIN * 2, theme.MARGIN * 2)
        inner.setSpacing(theme.SPACING * 2)
        inner.addWidget(self.question)
        inner.addWidget(self.ring, 0, Qt.AlignmentFlag.AlignHCenter)
        inner.addWidget(self.hint)
        inner.addWidget(self.button, 0, Qt.AlignmentFlag.AlignHCenter)
        outer = InReachLayout(self, theme.MARGIN)  # the answer button within a seated visitor's reach
        outer.addWidget(self.card)
        self._pressed = False

    def ask(self, content: Content, language: str, seconds: int) -> None:
        """Show the question in this language with the full countdown."""
        words = content.interface
        self.question.setText(words.still_there[language])
        self.hint.setText(words.still_there_hint[language])
        self.button.setText(words.still_here[language])
        self.button.setAccessibleDescription(words.still_there_hint[language])
        self.setAccessibleName(words.still_there[language])
        self.setAccessibleDescription(words.still_there_hint[language])
        self.ring.set_seconds(seconds, seconds)
        self._pressed = False
        self.open()

    def set_seconds(self, left: int) -> None:
        self.ring.set_seconds(left)

    # The whole tap is the overlay's: the press is swallowed, the release answers the question.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = True
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if self._pressed:
            self._answer()

    def go_back(self) -> None:
        self._answer()  # Back, like any answer, carries on

    def _answer(self) -> None:
        self._pressed = False
        if self.isVisible():
            self.dismissed.emit()
