"""The 17 Global Goals as their coloured, numbered tiles, with the number in whichever of black or white reads best."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import colour, theme
from kiosk.content import GoalTile

TILE_PX = 88
GAP_PX = 8


class GoalTiles(QWidget):
    """Square tiles in rows as wide as the space allows; decoration only, so it takes no taps."""

    def __init__(self, goals: tuple[GoalTile, ...], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.goals = goals
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setAccessibleName("Global Goals " + ", ".join(str(goal.number) for goal in goals))

    @staticmethod
    def tile_px() -> int:
        """The tiles grow with the text, so the numbers on them can too."""
        return theme.current().px(TILE_PX)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.StyleChange:
            self.updateGeometry()
        super().changeEvent(event)

    def _per_row(self, width: int) -> int:
        return max(1, (width + GAP_PX) // (self.tile_px() + GAP_PX))

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        rows = -(-len(self.goals) // self._per_row(width))
        return rows * self.tile_px() + (rows - 1) * GAP_PX

    def sizeHint(self) -> QSize:
        per_row = min(len(self.goals), 9)
        width = per_row * self.tile_px() + (per_row - 1) * GAP_PX
        return QSize(width, self.heightForWidth(width))

    def minimumSizeHint(self) -> QSize:
        return QSize(self.tile_px(), self.tile_px())

    def paintEvent(self, event: QPaintEvent) -> None:
        per_row = self._per_row(self.width())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(theme.font(theme.current().text.goal_number, bold=True))
        tile = self.tile_px()
        for index, goal in enumerate(self.goals):
            row, column = divmod(index, per_row)
            box = QRect(column * (tile + GAP_PX), row * (tile + GAP_PX), tile, tile)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(goal.colour))
            painter.drawRoundedRect(box, 6, 6)
            painter.setPen(QColor(colour.readable_on(goal.colour)))
            painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(goal.number))
        painter.end()
