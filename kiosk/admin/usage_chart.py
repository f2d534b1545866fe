"""The admin panel's usage card: screens opened per day over the last 30 days, stacked by screen, and totals.

Drawn with QPainter: a handful of bars needs no charting library, and it looks like the rest of the panel.
It reads a snapshot the statistics writer prepared, so opening the panel never waits on the database.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QFrame, QSizePolicy, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.usage.store import ACCESSIBILITY, CHART_DAYS, LANGUAGE, QR_CODE, READER_PAGE, SCREEN, DayCount, UsageSnapshot
from kiosk.widgets.text import TextLabel

# The panel's own colours, in the order the most opened screens get them.
SERIES_COLOURS = (
    theme.PALETTE.button,
    theme.PALETTE.header,
    theme.PALETTE.bar,
    theme.PALETTE.tile_pressed,
    theme.PALETTE.muted_text,
    theme.PALETTE.card_edge,
)
CHART_HEIGHT = 340
AXIS_LABEL_EVERY_DAYS = 7
LEGEND_LINES = 2


class DailyBars(QWidget):
    """One bar per day, today on the right; each bar stacked by screen, most opened at the bottom; the legend below."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.days: list[date] = []
        self.names: list[str] = []
        self.values: dict[tuple[date, str], int] = {}
        self.setMinimumHeight(CHART_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def sizeHint(self) -> QSize:
        return QSize(CHART_DAYS * 24, CHART_HEIGHT)

    def set_bars(self, days: list[date], names: list[str], values: dict[tuple[date, str], int]) -> None:
        self.days, self.names, self.values = days, names, values
        self.update()

    def colour(self, name: str) -> QColor:
        return QColor(SERIES_COLOURS[self.names.index(name) % len(SERIES_COLOURS)])

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setFont(theme.font(theme.TEXT.small))
        metrics = painter.fontMetrics()
        line = metrics.height()
        top, below = line, line + theme.SPACING // 3 + LEGEND_LINES * (line + 4)
        left = metrics.horizontalAdvance("0000") + theme.SPACING // 2
        plot = QRectF(left, top, max(1, self.width() - left), max(1, self.height() - top - below))
        self._paint_legend(painter, QRectF(left, plot.bottom() + line + theme.SPACING // 3, plot.width(), below - line))
        totals = [sum(self.values.get((day, name), 0) for name in self.names) for day in self.days]
        highest = max(totals, default=0)
        text_colour = QColor(theme.PALETTE.muted_text)
        painter.setPen(QColor(theme.PALETTE.card_edge))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        painter.setPen(text_colour)
        painter.drawText(QRectF(0, 0, left - 4, metrics.height()), Qt.AlignmentFlag.AlignRight, str(highest))
        zero = QRectF(0, plot.bottom() - metrics.height(), left - 4, metrics.height())
        painter.drawText(zero, Qt.AlignmentFlag.AlignRight, "0")
        if not self.days:
            painter.end()
            return
        slot = plot.width() / len(self.days)
        bar_width = max(2.0, slot * 0.7)
        for index, day in enumerate(self.days):
            x = plot.left() + index * slot + (slot - bar_width) / 2
            y = plot.bottom()
            for name in self.names:
                value = self.values.get((day, name), 0)
                if value and highest:
                    height = plot.height() * value / highest
                    y -= height
                    painter.fillRect(QRectF(x, y, bar_width, height), self.colour(name))
            if (len(self.days) - 1 - index) % AXIS_LABEL_EVERY_DAYS == 0:
                text_width = metrics.horizontalAdvance("00-00") + 4
                left_edge = min(max(0.0, x + bar_width / 2 - text_width / 2), self.width() - text_width)
                label = QRectF(left_edge, plot.bottom() + 2, text_width, metrics.height())
                painter.setPen(text_colour)
                painter.drawText(label, Qt.AlignmentFlag.AlignHCenter, day.strftime("%d-%m"))
        painter.end()

    def _paint_legend(self, painter: QPainter, area: QRectF) -> None:
        """A colour swatch and the screen's name for each series, wrapped onto LEGEND_LINES lines at most."""
        metrics = painter.fontMetrics()
        line = metrics.height()
        x, y = area.left(), area.top()
        for name in self.names:
            width = line + 6 + metrics.horizontalAdvance(name) + theme.SPACING
            if x + width > area.right() and x > area.left():
                x, y = area.left(), y + line + 4
                if y + line > area.bottom() + 1:
                    break
            painter.fillRect(QRectF(x, y + line * 0.15, line * 0.7, line * 0.7), self.colour(name))
            painter.setPen(QColor(theme.PALETTE.text))
            painter.drawText(QRectF(x + line, y, width, line), Qt.AlignmentFlag.AlignLeft, name)
            x += width


class UsageChart(QFrame):
    """A card for the admin panel: the chart, a legend, and the other counts of the same 30 days."""

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self._today = today
        self._shown: UsageSnapshot | None = None
        self.heading = TextLabel(f"Usage, last {CHART_DAYS} days (counts only, never visitors)", role="heading")
        self.caption = TextLabel("Screens opened per day", role="caption")
        self.bars = DailyBars()
        self.totals = TextLabel()
        self.note = TextLabel(role="muted")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        layout.setSpacing(theme.SPACING // 2)
        for widget in (self.heading, self.caption, self.bars, self.totals, self.note):
            layout.addWidget(widget)

    def show_snapshot(self, snapshot: UsageSnapshot) -> None:
        if snapshot is self._shown:
            return
        self._shown = snapshot
        today = self._today()
        days = [today - timedelta(days=back) for back in range(CHART_DAYS - 1, -1, -1)]
        first = days[0].isoformat()
        recent = [row for row in snapshot.days if first <= row.day <= today.isoformat()]
        screens = _totals(recent, SCREEN)
        names = sorted(screens, key=lambda name: (-screens[name], name))
        values = {(date.fromisoformat(row.day), row.name): row.count for row in recent if row.kind == SCREEN}
        self.bars.set_bars(days, names, values)
        self.totals.setText(
            "\n".join(
                f"{title}: {_describe(_totals(recent, kind))}"
                for title, kind in (
                    ("Screens opened", SCREEN),
                    ("QR codes shown", QR_CODE),
                    ("Reader pages opened", READER_PAGE),
                    ("Languages chosen", LANGUAGE),
                    ("Accessibility toggles", ACCESSIBILITY),
                )
            )
        )
        notes = []
        if snapshot.paused_because:
            notes.append(f"Counting is paused: {snapshot.paused_because} (see the log).")
        if snapshot.dropped:
            notes.append(f"{snapshot.dropped} counts were dropped while the statistics fell behind.")
        self.note.setText(" ".join(notes))
        self.note.setVisible(bool(notes))

    def legend_colours(self) -> dict[str, str]:
        return {name: self.bars.colour(name).name() for name in self.bars.names}


def _totals(rows: Sequence[DayCount], kind: str) -> dict[str, int]:
    totals: dict[str, int] = {}
    for row in rows:
        if row.kind == kind:
            totals[row.name] = totals.get(row.name, 0) + row.count
    return totals


def _describe(totals: dict[str, int]) -> str:
    if not totals:
        return "none"
    parts = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    shown = ", ".join(f"{name} {count}" for name, count in parts[:6])
    return f"{sum(totals.values())} ({shown}{', …' if len(parts) > 6 else ''})"
