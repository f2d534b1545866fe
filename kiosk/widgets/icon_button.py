"""A bar button with a drawn symbol (speaker, contrast, text size) and an optional short caption.

The symbols are painted in the colour the style sheet gives the button's text in its state (normal, switched on,
focused), from the theme, so they follow high contrast like the text does; no font has to have the glyph.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPainterPath, QPaintEvent, QPen, QPolygonF
from PySide6.QtWidgets import QPushButton, QStyleOptionButton, QWidget

from kiosk import theme

GAP = 0.35  # between symbol and caption, in symbol sizes


class Symbol(Enum):
    SPEAKER = "speaker"
    CONTRAST = "contrast"
    TEXT_SIZE = "text size"


class IconButton(QPushButton):
    """A QPushButton in every way (styles, focus, accessibility); only its face is drawn here."""

    def __init__(self, symbol: Symbol, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.symbol = symbol
        self.keep_state_on_click = False  # a toggle whose state its owner sets, not the click
        self._painting_face = False  # True while Qt paints the button without its caption

    def nextCheckState(self) -> None:
        if not self.keep_state_on_click:
            super().nextCheckState()

    def symbol_px(self) -> int:
        pixels = self.font().pixelSize()
        return round(pixels * 1.4) if pixels > 0 else 40

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()  # the style's size for the caption alone: padding, edges and minimum width
        text = self.text()
        caption = self.fontMetrics().horizontalAdvance(text) if text else 0
        symbol = self.symbol_px()
        content = symbol + (round(symbol * GAP) + caption if caption else 0)
        floor = theme.BUTTON_HEIGHT - 2 * (theme.FOCUS_EDGE_PX - theme.EDGE_PX)  # the style sheet's min-width
        overhead = hint.width() - max(floor, caption)
        return QSize(overhead + max(floor, content), max(hint.height(), symbol))

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def text_colour(self) -> QColor:
        """The colour the style sheet gives this button's text now (kiosk/theme.py: QPushButton rules)."""
        palette = theme.current().palette
        if self.hasFocus():
            return QColor(palette.focus_text)
        if not self.isEnabled():
            return QColor(palette.muted_text)
        if self.isChecked():
            return QColor(palette.button_selected_text)
        return QColor(palette.button_text)

    def initStyleOption(self, option: QStyleOptionButton) -> None:
        super().initStyleOption(option)
        if self._painting_face:
            option.text = ""

    def paintEvent(self, event: QPaintEvent) -> None:
        # Qt's own paint draws the face, edge and state from the style sheet; the caption is drawn below, beside
        # the symbol. (Asking the style for the face from Python would make PySide6 build its Python QStyle
        # class, with its hundreds of enum members: some 9 ms before the kiosk's first frame.)
        self._painting_face = True
        try:
            super().paintEvent(event)
        finally:
            self._painting_face = False
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = self.text_colour()
        size = self.symbol_px()
        caption = self.text()
        caption_width = self.fontMetrics().horizontalAdvance(caption) if caption else 0
        gap = round(size * GAP) if caption else 0
        left = (self.width() - size - gap - caption_width) / 2
        box = QRectF(left, (self.height() - size) / 2, size, size)
        _draw(painter, self.symbol, box, colour, self.font())
        if caption:
            painter.setPen(colour)
            painter.setFont(self.font())
            text_box = QRectF(box.right() + gap, 0, caption_width + 2, self.height())
            painter.drawText(text_box, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, caption)
        painter.end()


def _draw(painter: QPainter, symbol: Symbol, box: QRectF, colour: QColor, font: QFont) -> None:
    size = box.width()
    pen = QPen(colour, max(2.0, size * 0.08))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)

    def at(x: float, y: float) -> QPointF:
        return QPointF(box.left() + x * size, box.top() + y * size)

    if symbol is Symbol.SPEAKER:
        painter.setBrush(colour)
        cone = QPolygonF([at(0.1, 0.38), at(0.3, 0.38), at(0.52, 0.18), at(0.52, 0.82), at(0.3, 0.62), at(0.1, 0.62)])
        painter.drawPolygon(cone)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for radius in (0.16, 0.3):
            arc = QRectF(at(0.52 - radius, 0.5 - radius), at(0.52 + radius, 0.5 + radius))
            painter.drawArc(arc, -45 * 16, 90 * 16)
    elif symbol is Symbol.CONTRAST:
        circle = QRectF(at(0.1, 0.1), at(0.9, 0.9))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(circle)
        half = QPainterPath()
        half.moveTo(circle.center())
        half.arcTo(circle, 90, 180)
        half.closeSubpath()
        painter.fillPath(half, colour)
    else:
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for letter_px, left in ((size * 0.5, 0.0), (size * 0.85, 0.4)):
            letter = QFont(font)
            letter.setPixelSize(max(1, round(letter_px)))
            letter.setBold(True)
            painter.setFont(letter)
            painter.drawText(QRectF(at(left, 0.0), at(left + 0.6, 0.92)), Qt.AlignmentFlag.AlignBottom, "A")
