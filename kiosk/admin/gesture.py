"""The hidden way in for staff: a long, still press on the city mark. Nothing on screen hints at it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget

from kiosk.input_tap import InputTap

HOLD_MS = 5000  # far longer than any visitor rests a finger on a logo
MOVE_TOLERANCE_PX = 40  # a finger held still still wobbles a little
# A press, a finger moving or lifting, and the window losing the finger (a touch cancelled, focus gone elsewhere).
GESTURE_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseMove,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.TouchCancel,
        QEvent.Type.FocusOut,
        QEvent.Type.WindowDeactivate,
    }
)


class LongPress(QObject):
    """`triggered` after a press held HOLD_MS on the target without moving off; it listens at the window.

    The target is asked for at every press, so it follows whichever screen is showing; the press counts only where
    the window shows the target, with nothing over it. It only watches: the press still goes wherever it would
    have gone (the city mark does nothing for visitors).
    """

    triggered = Signal()

    def __init__(
        self, target: Callable[[], QWidget | None], hold_ms: int = HOLD_MS, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._target = target
        self._start: QPointF | None = None
        self._tap: InputTap | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(hold_ms)
        self._timer.timeout.connect(self._held)

    @property
    def pending(self) -> bool:
        """A press on the target is being held and timed."""
        return self._timer.isActive()

    def install(self, tap: InputTap | None = None) -> None:
        """Listen at the windows the tap watches (the application's tap if none)."""
        self._tap = tap or InputTap.of()
        self._tap.listen(GESTURE_EVENTS, self._window_event)

    def uninstall(self) -> None:
        if self._tap is not None:
            self._tap.unlisten(self._window_event)
            self._tap = None
        self._cancel()

    def _window_event(self, window: QWidget, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.MouseButtonPress and isinstance(event, QMouseEvent):
            if event.button() == Qt.MouseButton.LeftButton and self._on_target(window, event):
                self._start = event.globalPosition()
                self._timer.start()
        elif kind == QEvent.Type.MouseMove and isinstance(event, QMouseEvent) and self._start is not None:
            moved = event.globalPosition() - self._start
            if abs(moved.x()) + abs(moved.y()) > MOVE_TOLERANCE_PX:
                self._cancel()
        elif kind != QEvent.Type.MouseMove:
            self._cancel()
        return False

    def _on_target(self, window: QWidget, event: QMouseEvent) -> bool:
        """The window shows the target where the press lands, and nothing covers it there."""
        target = self._target()
        if target is None or not target.isVisible() or target.window() is not window:
            return False
        point = event.position().toPoint()  # in the window's coordinates, which are its top-level widget's
        hit = window.childAt(point)
        if hit is None:
            return False
        # The mark lets presses through to what holds it (it is transparent for mouse events), so the widget found
        # there is the mark, one of its children, or the mark's parent with the mark itself at that point.
        if hit is not target and not target.isAncestorOf(hit) and hit is not target.parentWidget():
            return False
        return target.rect().contains(target.mapFrom(window, point))

    def _cancel(self) -> None:
        self._timer.stop()
        self._start = None

    def _held(self) -> None:
        self._start = None
        self.triggered.emit()
