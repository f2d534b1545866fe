"""Finger scrolling with momentum, and the left/right swipe that moves between topics."""

from __future__ import annotations

from typing import ClassVar

from PySide6.QtCore import QEvent, QMetaMethod, QObject, QPointF, QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QScrollerProperties, QSizePolicy, QWidget

SWIPE_MIN_PX = 140  # about 3 cm at the design size: a deliberate sideways move, not a wobbly tap
SWIPE_MAX_SLOPE = 0.6  # vertical movement allowed per pixel sideways
WIDGET_SIZE_MAX = 16777215  # Qt's QWIDGETSIZE_MAX: no maximum


class KineticScrollArea(QScrollArea):
    """A vertical scroll area a finger drags and flicks; it never scrolls sideways.

    Take one with `take()` and hand it back with `give_back()` when its screen goes: scroll areas are kept and
    used again, never deleted. Each new one costs memory for as long as the program runs, because QScroller
    registers a new gesture type for it, and PySide keeps a new enum class for every gesture type it sees.
    """

    swiped = Signal(int)  # -1 for a swipe to the left (next), +1 to the right (previous)

    _spare: ClassVar[list[KineticScrollArea]] = []

    @classmethod
    def take(cls) -> KineticScrollArea:
        """A scroll area as good as new: one handed back earlier if there is one."""
        return cls._spare.pop() if cls._spare else cls()

    def give_back(self) -> None:
        """Empty this area and keep it for the next screen; it no longer reports swipes to anyone.

        Its contents stay with its owner, to be deleted with it (deleteLater): never at once, since the tap that
        led here may still be on its way through one of them.
        """
        owner = self.parentWidget()
        inner = self.takeWidget()
        if inner is not None:
            if owner is not None:
                inner.setParent(owner)  # hidden; Qt's, not Python's, so nothing deletes it before its owner
            else:
                inner.deleteLater()
        if self.isSignalConnected(QMetaMethod.fromSignal(self.swiped)):
            self.swiped.disconnect()
        self._swipe.forget()
        self.scroll_to_top()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(0, 0))
        self.setMaximumSize(QSize(WIDGET_SIZE_MAX, WIDGET_SIZE_MAX))
        self.setAccessibleName("")
        self.setAccessibleDescription("")
        if owner is not None:
            self.show()  # hidden by its owner (a side column on a tall screen), it would stay hidden in the next
            self.setParent(None)
        self._spare.append(self)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport made here rather than Qt's own: the first time PySide meets a widget Qt made, it loads every
        # widget type there is to find out which one it is (some 20 ms, on the way to the first frame).
        self.setViewport(QWidget())
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

    def forget(self) -> None:
        """Drop a press still held, so its release elsewhere never counts as a swipe."""
        self._start = None

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
