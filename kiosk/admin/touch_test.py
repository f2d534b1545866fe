"""A test pattern for the touch screen: a grid to the edges, and a circle wherever a finger is."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QPen, QTouchEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.widgets.overlay import Overlay
from kiosk.widgets.text import TextLabel

GRID_STEPS = 10
POINT_RADIUS = 44  # about a fingertip at the kiosk's pixel size
TRAIL_MAX = 2000
MOUSE_ID = -1  # a mouse in the preview draws as one more finger
FRAME_PX = 4


class TouchCanvas(QWidget):
    """Draws the grid, a numbered circle under every finger now down, and a faint trail where fingers went."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.points: dict[int, QPointF] = {}
        self.trail: list[QPointF] = []
        self.most_fingers = 0

    def clear(self) -> None:
        self.points.clear()
        self.trail.clear()
        self.most_fingers = 0
        self._changed()

    def event(self, event: object) -> bool:
        if isinstance(event, QTouchEvent):
            self._touched(event)
            return True
        return super().event(event)  # type: ignore[arg-type]

    def _touched(self, event: QTouchEvent) -> None:
        for point in event.points():
            if point.state() == point.State.Released:
                self.points.pop(point.id(), None)
            else:
                self._put(point.id(), point.position())
        if event.type() in (event.Type.TouchEnd, event.Type.TouchCancel):
            self.points.clear()
        event.accept()
        self._changed()

    def _put(self, finger: int, position: QPointF) -> None:
        self.points[finger] = QPointF(position)
        self.most_fingers = max(self.most_fingers, len(self.points))
        if len(self.trail) < TRAIL_MAX:
            self.trail.append(QPointF(position))

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._put(MOUSE_ID, event.position())
        self._changed()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons():
            self._put(MOUSE_ID, event.position())
            self._changed()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        self.points.pop(MOUSE_ID, None)
        self._changed()

    def _changed(self) -> None:
        self.update()
        self.changed.emit()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        width, height = self.width(), self.height()
        painter.setPen(QPen(QColor(theme.PALETTE.card_edge), 1))
        for step in range(1, GRID_STEPS):
            x, y = width * step / GRID_STEPS, height * step / GRID_STEPS
            painter.drawLine(QPointF(x, 0), QPointF(x, height))
            painter.drawLine(QPointF(0, y), QPointF(width, y))
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(theme.PALETTE.tile_pressed))
        for point in self.trail:
            painter.drawEllipse(point, 6, 6)
        painter.setFont(theme.font(theme.TEXT.button, bold=True))
        for number, (finger, point) in enumerate(sorted(self.points.items()), start=1):
            painter.setPen(QPen(QColor(theme.PALETTE.button_pressed), 4))
            painter.setBrush(QColor(theme.PALETTE.button))
            painter.drawEllipse(point, POINT_RADIUS, POINT_RADIUS)
            painter.setPen(QColor(theme.PALETTE.button_text))
            box = QRectF(point.x() - POINT_RADIUS, point.y() - POINT_RADIUS, 2 * POINT_RADIUS, 2 * POINT_RADIUS)
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(number if finger != MOUSE_ID else "M"))
        painter.end()


class TouchTest(Overlay):
    """The canvas under a bar with what to do and the way back."""

    closed = Signal()

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.instructions = TextLabel("Touch test: touch anywhere, with several fingers at once.", role="heading")
        self.fingers = TextLabel(role="muted")
        self.clear = QPushButton("Clear")
        self.clear.setProperty("role", "secondary")
        self.back = QPushButton("Close")
        self.canvas = TouchCanvas()
        self.clear.clicked.connect(self.canvas.clear)
        self.back.clicked.connect(self.close_test)
        texts = QVBoxLayout()
        texts.addWidget(self.instructions)
        texts.addWidget(self.fingers)
        bar = QHBoxLayout()
        bar.setContentsMargins(theme.MARGIN, theme.SPACING, theme.MARGIN, theme.SPACING)
        bar.setSpacing(theme.SPACING)
        bar.addLayout(texts, 1)
        bar.addWidget(self.clear)
        bar.addWidget(self.back)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(FRAME_PX, FRAME_PX, FRAME_PX, FRAME_PX)
        layout.setSpacing(0)
        layout.addLayout(bar)
        layout.addWidget(self.canvas, 1)
        self.canvas.changed.connect(self._show_count)
        self._show_count()

    def _show_count(self) -> None:
        self.fingers.setText(
            f"Fingers now: {len(self.canvas.points)} · most at once: {self.canvas.most_fingers}"
            " · the red frame marks the screen's outermost pixels"
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        """A frame on the window's outermost pixels: a screen that is cut off or misaligned shows it here first."""
        super().paintEvent(event)
        painter = QPainter(self)
        half = FRAME_PX / 2
        painter.setPen(QPen(QColor(theme.PALETTE.header), FRAME_PX))
        painter.drawRect(QRectF(half, half, self.width() - FRAME_PX, self.height() - FRAME_PX))
        painter.end()

    def start(self) -> None:
        self.canvas.clear()
        self.open()

    def go_back(self) -> None:
        self.close_test()

    def close_test(self) -> None:
        self.hide()
        self.closed.emit()
