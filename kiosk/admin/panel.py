"""The admin panel for IT staff: what content is on screen and why a version was refused, the machine, and tools.

Its words are English, like the log and the README it sits beside; visitors never see it.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QFrame, QGridLayout, QPushButton, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.admin import facts
from kiosk.admin.touch_test import TouchTest
from kiosk.admin.usage_chart import UsageChart
from kiosk.usage.store import UsageSnapshot
from kiosk.widgets.header import Header
from kiosk.widgets.overlay import Overlay
from kiosk.widgets.scrolling import KineticScrollArea
from kiosk.widgets.text import TextLabel

log = logging.getLogger(__name__)

REFRESH_MS = 1000
CONFIRM_MS = 4000  # how long "Tap again to exit" waits for the second tap
PROBLEMS_SHOWN = 20
EXIT = "Exit the kiosk"
EXIT_CONFIRM = "Tap again to exit"


@dataclass(frozen=True, slots=True)
class ContentStatusView:
    """What the panel shows about the content, filled by whoever owns the content (the content manager)."""

    source: str
    version: str | None = None
    loaded_at: str | None = None
    rejected_version: str | None = None
    rejected_problems: tuple[str, ...] = ()
    last_error: str | None = None


class FactsCard(QFrame):
    """A heading over rows of 'what: value', the values wrapping onto as many lines as they need."""

    def __init__(self, heading: str, names: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        self.values: dict[str, TextLabel] = {}
        grid = QGridLayout(self)
        grid.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        grid.setHorizontalSpacing(theme.SPACING)
        grid.setVerticalSpacing(theme.SPACING // 2)
        grid.addWidget(TextLabel(heading, role="heading"), 0, 0, 1, 2)
        for row, name in enumerate(names, start=1):
            grid.addWidget(TextLabel(name, role="caption"), row, 0, Qt.AlignmentFlag.AlignTop)
            value = TextLabel()
            grid.addWidget(value, row, 1)
            self.values[name] = value
        grid.setColumnStretch(1, 1)

    def set(self, name: str, text: str) -> None:
        self.values[name].setText(text)


class AdminPanel(Overlay):
    """Opened after the right PIN; closed by its Close button or by the session reset."""

    closed = Signal()

    def __init__(
        self,
        window: QWidget,
        *,
        content_status: Callable[[], ContentStatusView],
        reload_content: Callable[[], None],
        exit_kiosk: Callable[[], None],
        started_at: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        refresh_ms: int = REFRESH_MS,
        usage: Callable[[], UsageSnapshot] | None = None,
        memory_ceiling_mb: float | None = None,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._content_status = content_status
        self._reload_content = reload_content
        self._exit_kiosk = exit_kiosk
        self._clock = clock
        self._started_at = clock() if started_at is None else started_at
        self._memory_ceiling_mb = memory_ceiling_mb
        self.header = Header()
        self.header.set_texts("Kiosk admin", "Utrecht internationaal · for IT staff")
        self.content = FactsCard("Content", ["Source", "On screen", "Last check", "Last refused"])
        self.machine = FactsCard("Kiosk", ["Uptime", "Memory", "Screen", "Software"])
        self._usage = usage  # the usage statistics' last snapshot: no database access from here
        self.usage_chart = UsageChart() if usage is not None else None
        self.result = TextLabel(role="muted")
        self.reload = self._button("Reload content now", self._reload)
        self.touch = self._button("Touch test", self._touch_test)
        self.exit = self._button(EXIT, self._exit)
        self.close_button = self._button("Close", self.close_panel)
        for button in (self.touch, self.exit):
            button.setProperty("role", "secondary")
        self.touch_test = TouchTest(window)
        self.touch_test.closed.connect(self.open)
        self._lay_out()
        self._refresh = QTimer(self)
        self._refresh.setInterval(refresh_ms)
        self._refresh.timeout.connect(self.refresh)
        self._confirm = QTimer(self)
        self._confirm.setSingleShot(True)
        self._confirm.setInterval(CONFIRM_MS)
        self._confirm.timeout.connect(lambda: self.exit.setText(EXIT))

    def _lay_out(self) -> None:
        """The facts scroll under the header; the buttons stay in reach along the bottom."""
        self._cards = QBoxLayout(QBoxLayout.Direction.TopToBottom)
        self._cards.setSpacing(theme.SPACING)
        self._cards.addWidget(self.content, 1, Qt.AlignmentFlag.AlignTop)
        self._cards.addWidget(self.machine, 1, Qt.AlignmentFlag.AlignTop)
        body = QVBoxLayout()
        body.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        body.addLayout(self._cards)
        if self.usage_chart is not None:
            body.addWidget(self.usage_chart)
        body.addStretch(1)
        scroll = KineticScrollArea()
        inner = QWidget()
        inner.setLayout(body)
        scroll.setWidget(inner)
        buttons = QGridLayout()
        buttons.setSpacing(theme.SPACING)
        buttons.addWidget(self.reload, 0, 0)
        buttons.addWidget(self.touch, 0, 1)
        buttons.addWidget(self.exit, 1, 0)
        buttons.addWidget(self.close_button, 1, 1)
        actions = QVBoxLayout()
        actions.setContentsMargins(theme.MARGIN, theme.SPACING, theme.MARGIN, theme.MARGIN)
        actions.setSpacing(theme.SPACING)
        actions.addWidget(self.result)
        actions.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)
        layout.addLayout(actions)

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The two cards side by side on a wide screen, one above the other on a tall one."""
        wide = event.size().width() > event.size().height()
        self._cards.setDirection(QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom)
        super().resizeEvent(event)

    def _button(self, text: str, on_click: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(lambda _checked=False: on_click())
        return button

    def show_panel(self) -> None:
        self.result.setText("")
        self.exit.setText(EXIT)
        self.refresh()
        self.open()
        self._refresh.start()
        log.info("admin panel opened")

    def go_back(self) -> None:
        self.close_panel()

    def close_panel(self) -> None:
        """Close the panel and its touch test; nothing happens if neither is open."""
        was_open = self.isVisible() or self.touch_test.isVisible()
        self._refresh.stop()
        self._confirm.stop()
        self.touch_test.hide()
        self.hide()
        if was_open:
            log.info("admin panel closed")
            self.closed.emit()

    def refresh(self) -> None:
        status = self._content_status()
        self.content.set("Source", status.source)
        self.content.set(
            "On screen",
            f"version {status.version}, loaded {status.loaded_at or 'at an unknown time'}"
            if status.version
            else "nothing: the 'temporarily unavailable' screen",
        )
        self.content.set("Last check", f"failed: {status.last_error}" if status.last_error else "no errors")
        self.content.set("Last refused", _refused(status))
        self.machine.set("Uptime", facts.format_duration(self._clock() - self._started_at))
        memory = f"{facts.format_bytes(facts.memory_rss_bytes())} resident"
        if self._memory_ceiling_mb is not None:
            # A no-break space keeps the number and its unit on one line.
            memory += f"; restarts between visitors above {self._memory_ceiling_mb:g}\u00a0MB"
        self.machine.set("Memory", memory)
        self.machine.set("Screen", facts.describe_screen(self._window.screen()))
        self.machine.set("Software", facts.software_versions())
        if self.usage_chart is not None and self._usage is not None:
            self.usage_chart.show_snapshot(self._usage())

    def _reload(self) -> None:
        log.info("content reload asked for from the admin panel")
        self._reload_content()
        self.result.setText(f"Looked for new content at {time.strftime('%H:%M:%S')}; the status above is current.")
        self.refresh()

    def _touch_test(self) -> None:
        self._refresh.stop()
        self.hide()
        self.touch_test.start()

    def _exit(self) -> None:
        if not self._confirm.isActive():
            self.exit.setText(EXIT_CONFIRM)
            self._confirm.start()
            return
        self._confirm.stop()
        log.info("exit asked for from the admin panel")
        self._exit_kiosk()

    def open(self) -> None:
        super().open()
        if not self._refresh.isActive():
            self._refresh.start()
            self.refresh()


def _refused(status: ContentStatusView) -> str:
    if not status.rejected_version:
        return "none"
    lines = [f"version {status.rejected_version}, because:"]
    lines += [f"• {problem}" for problem in status.rejected_problems[:PROBLEMS_SHOWN]]
    if len(status.rejected_problems) > PROBLEMS_SHOWN:
        lines.append(f"… and {len(status.rejected_problems) - PROBLEMS_SHOWN} more: python -m kiosk status")
    return "\n".join(lines)
