"""A layout for what sits over the whole window: one card, centred across, and down the screen centred in the part
a seated visitor can reach (kiosk/accessibility/reach.py). On a wide screen that is simply the middle."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QLayout, QLayoutItem, QWidget

from kiosk.accessibility import reach


class InReachLayout(QLayout):
    """Holds one widget at its preferred size; a card too tall for the reach keeps its foot (its buttons) in it."""

    def __init__(self, parent: QWidget, margin: int) -> None:
        super().__init__(parent)
        self._item: QLayoutItem | None = None
        self.setContentsMargins(margin, margin, margin, margin)

    def addItem(self, item: QLayoutItem) -> None:
        assert self._item is None, "an InReachLayout holds one widget"
        self._item = item

    def count(self) -> int:
        return 0 if self._item is None else 1

    def itemAt(self, index: int) -> QLayoutItem | None:
        return self._item if index == 0 else None

    def takeAt(self, index: int) -> QLayoutItem | None:
        item = self._item if index == 0 else None
        if item is not None:
            self._item = None
        return item

    def expandingDirections(self) -> Qt.Orientation:
        return Qt.Orientation(0)

    def sizeHint(self) -> QSize:
        return self._grown(self._item.sizeHint() if self._item is not None else QSize())

    def minimumSize(self) -> QSize:
        return self._grown(self._item.minimumSize() if self._item is not None else QSize())

    def _grown(self, size: QSize) -> QSize:
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def setGeometry(self, rect: QRect) -> None:
        super().setGeometry(rect)
        parent = self.parentWidget()
        if self._item is None or parent is None:
            return
        inner = rect.marginsRemoved(self.contentsMargins())
        hint, limit = self._item.sizeHint(), self._item.maximumSize()
        width = min(inner.width(), max(hint.width(), self._item.minimumSize().width()), limit.width())
        height = self._item.heightForWidth(width) if self._item.hasHeightForWidth() else hint.height()
        height = min(inner.height(), max(height, self._item.minimumSize().height()))
        window = parent.window()
        offset = parent.mapTo(window, QPoint(0, 0)).y()
        top, bottom = reach.band(window.width(), window.height())
        top, bottom = max(inner.top(), top - offset), min(inner.bottom() + 1, bottom - offset)
        y = min(max((top + bottom - height) // 2, top), bottom - height)
        y = max(inner.top(), min(y, inner.bottom() + 1 - height))
        x = inner.left() + (inner.width() - width) // 2
        box = QRect(x, y, width, height)
        widget = self._item.widget()
        # Straight to the widget: the item would hold a card that does not grow (size policy Maximum) to its size
        # hint, which is its height at its preferred width, not at the width it gets here.
        if widget is not None:
            widget.setGeometry(box)
        else:
            self._item.setGeometry(box)
