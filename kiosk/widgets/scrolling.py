"""Finger scrolling with momentum, and the left/right swipe that moves between topics."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QScrollerProperties, QWidget

SWIPE_MIN_PX = 140  # about 3 cm at the design size: a deliberate sideways move, not a wobbly tap
SWIPE_MAX_SLOPE = 0.6  # vertical movement allowed per pixel sideways


class KineticScrollArea(QScrollArea):
    """A vertical scroll area a finger drags and flicks; it never scrolls sideways."""

    swiped = Signal(int)  # -1 for a swipe to the left (next), +1 to the right (previous)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        QScroller.grabGesture(self.viewport(), QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(self.viewport())
        properties = scroller.scrollerProperties()
        off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.HorizontalOvershootPolicy, off)
        properties.setScrollMetric(QScrollerProperties.ScrollMetric.VerticalOvershootPolicy, off)
        scroller.setScrollerProperties(properties)
        self._swipe = SwipeDetector(self)
        self._swipe.swiped.connect(self.swiped)
        self.viewport().installEventFilter(self._swipe)

    def scroll_to_top(self) -> None:
        QScroller.scroller(self.viewport()).stop()
        self.verticalScrollBar().setValue(0)


class SwipeDetector(QObject):
    """Watches presses and releases (touch arrives as mouse events too) and reports sideways swipes."""

    swiped = Signal(int)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._start: QPointF | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            self._start = event.globalPosition()
        elif kind == QEvent.Type.MouseButtonRelease and isinstance(event, QMouseEvent) and self._start is not None:
            moved = event.globalPosition() - self._start
            self._start = None
            if abs(moved.x()) >= SWIPE_MIN_PX and abs(moved.y()) <= SWIPE_MAX_SLOPE * abs(moved.x()):
                self.swiped.emit(-1 if moved.x() < 0 else 1)
        return False
