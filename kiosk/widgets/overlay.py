"""A layer over the whole kiosk window, for what must sit above every screen: questions, loops, staff tools."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QMouseEvent, QWheelEvent
from PySide6.QtWidgets import QWidget


class Overlay(QWidget):
    """Covers its window exactly while shown; no tap, wheel turn or Tab key reaches the screens beneath it."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.hide()
        self.setGeometry(window.rect())
        window.installEventFilter(self)

    def open(self) -> None:
        """Show above everything else in the window and take the keyboard focus."""
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.focus_first()

    def go_back(self) -> None:
        """The keypad's Back key while this is on top: its own way out (close, cancel, answer); none by default."""

    def focus_first(self) -> None:
        focusable = self._focusable()
        (focusable[0] if focusable else self).setFocus(Qt.FocusReason.OtherFocusReason)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if watched is parent and parent is not None and event.type() == QEvent.Type.Resize:
            self.setGeometry(parent.rect())
        return False

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab go round the overlay's own controls, never to the screen it covers."""
        focusable = self._focusable()
        if not focusable:
            self.setFocus(Qt.FocusReason.TabFocusReason)
            return True
        current = self.focusWidget()
        index = focusable.index(current) if current in focusable else -1
        step = 1 if next else -1
        target = focusable[(index + step) % len(focusable)]
        target.setFocus(Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason)
        return True

    def _focusable(self) -> list[QWidget]:
        return [
            widget
            for widget in self.findChildren(QWidget)
            if widget.isVisibleTo(self) and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
        ]

    # What lands on the overlay itself (not on one of its buttons) stops here.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()

    def wheelEvent(self, event: QWheelEvent) -> None:
        event.accept()
