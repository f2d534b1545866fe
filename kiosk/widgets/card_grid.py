"""Lays cards out in as many columns as fit the width it is given, so nothing is squeezed or cut."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QGridLayout, QWidget

from kiosk import theme


class CardGrid(QWidget):
    """A grid of equal-width cards that reflows when its width changes."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._cards: list[QWidget] = []
        self._columns = 0
        self._grid = QGridLayout(self)
        self._grid.setContentsMargins(0, 0, 0, 0)
        self._grid.setSpacing(theme.SPACING)

    @property
    def cards(self) -> list[QWidget]:
        return list(self._cards)

    def set_cards(self, cards: list[QWidget]) -> None:
        self._cards = cards
        self._columns = 0
        self._reflow(max(1, self.width()))

    def columns_for(self, width: int) -> int:
        widest = max(1, self._widest())
        return max(1, min(len(self._cards), (width + theme.SPACING) // (widest + theme.SPACING)))

    def _widest(self) -> int:
        return max((card.minimumSizeHint().width() for card in self._cards), default=0)

    def sizeHint(self) -> QSize:
        """All cards side by side in one row."""
        count = len(self._cards)
        width = count * self._widest() + max(0, count - 1) * theme.SPACING
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        """As narrow as one card; the height follows the width given (heightForWidth)."""
        tallest = max((card.minimumSizeHint().height() for card in self._cards), default=0)
        return QSize(self._widest(), tallest)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        """The height the cards need at this width, laid out as _reflow would lay them out."""
        if not self._cards:
            return 0
        columns = self.columns_for(width)
        column_width = (width - (columns - 1) * theme.SPACING) // columns
        rows = [self._cards[start : start + columns] for start in range(0, len(self._cards), columns)]
        heights = [max(_height_at(card, column_width) for card in row) for row in rows]
        return sum(heights) + (len(rows) - 1) * theme.SPACING

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._reflow(event.size().width())

    def _reflow(self, width: int) -> None:
        columns = self.columns_for(width)
        if columns == self._columns:
            return
        self._columns = columns
        for card in self._cards:
            self._grid.removeWidget(card)
        for index, card in enumerate(self._cards):
            self._grid.addWidget(card, index // columns, index % columns, Qt.AlignmentFlag.AlignTop)
        for column in range(self._grid.columnCount()):
            self._grid.setColumnStretch(column, 1 if column < columns else 0)


def _height_at(widget: QWidget, width: int) -> int:
    return widget.heightForWidth(width) if widget.hasHeightForWidth() else widget.sizeHint().height()
