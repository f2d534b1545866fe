"""What every screen shares: the header, kinetic scrolling for its text, and the language it is shown in."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.content import Content
from kiosk.widgets.header import Header
from kiosk.widgets.scrolling import KineticScrollArea


class Screen(QWidget):
    """A full screen above the bottom bar; subclasses fill it and translate it in `show_language`."""

    swiped = Signal(int)

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.content = content
        self.language = ""
        self.header = Header()
        self.text_scroll = self._scroll_area()
        self.side_scroll: KineticScrollArea | None = None
        self._portrait: bool | None = None
        self._columns: QBoxLayout | None = None
        self._stretch = (1, 1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.header)

    def _scroll_area(self) -> KineticScrollArea:
        area = KineticScrollArea()
        area.swiped.connect(self.swiped)
        return area

    def set_body(self, body: QLayout) -> None:
        """One scrolling body under the header."""
        self.text_scroll.setWidget(_padded(body))
        self._layout.addWidget(self.text_scroll, 1)

    def set_columns(self, main: QLayout, side: QWidget, stretch: tuple[int, int]) -> None:
        """Text that scrolls, beside a side panel on a wide screen or above it on a tall one.

        The side panel holds what a visitor takes along, so it stays in view: on a tall screen it
        takes the height it needs below the text; on a wide one it has a column of its own, which
        scrolls only if there is more of it than the screen can hold.
        """
        self._stretch = stretch
        self.side = side
        side_layout = side.layout()
        if side_layout is not None:
            side_layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
        self.text_scroll.setWidget(_padded(main))
        self.side_scroll = self._scroll_area()
        for area in (self.text_scroll, self.side_scroll):
            # The proportions alone decide the widths, not what each column would like.
            area.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Expanding)
        self.text_scroll.setMinimumWidth(theme.TEXT_COLUMN_MIN)
        self.text_scroll.setMinimumHeight(theme.TEXT_AREA_MIN_HEIGHT)
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.setSpacing(0)
        self._columns.addWidget(self.text_scroll, stretch[0])
        self._columns.addWidget(self.side_scroll, stretch[1])
        self.side_scroll.setWidget(side)
        self._layout.addLayout(self._columns, 1)

    def set_language(self, language: str) -> None:
        """Show every text in this language, keeping the scroll position."""
        if language != self.language:
            self.language = language
            self.show_language(language)

    def show_language(self, language: str) -> None:
        raise NotImplementedError

    def reset_view(self) -> None:
        self.text_scroll.scroll_to_top()
        if self.side_scroll is not None:
            self.side_scroll.scroll_to_top()

    def arrange(self, portrait: bool) -> None:
        """Lay the screen out for a tall or a wide screen; called when the orientation changes."""
        if self._columns is None or self.side_scroll is None:
            return
        direction = QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        self._columns.setDirection(direction)
        if portrait and self.side_scroll.widget() is self.side:
            self.side_scroll.takeWidget()
            self.side_scroll.hide()
            self._columns.addWidget(self.side, 0)
        elif not portrait and self.side_scroll.widget() is not self.side:
            self._columns.removeWidget(self.side)
            self.side_scroll.setWidget(self.side)
            self.side_scroll.show()
        self._columns.setStretch(0, 1 if portrait else self._stretch[0])
        self._columns.setStretch(1, 0 if portrait else self._stretch[1])

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        if portrait != self._portrait:
            self._portrait = portrait
            self.arrange(portrait)
        if not portrait and self.side_scroll is not None:
            # The side column is as wide as its cards in one row, up to a share of the screen.
            wanted = self.side.sizeHint().width() + self.side_scroll.verticalScrollBar().sizeHint().width()
            self.side_scroll.setFixedWidth(min(wanted, event.size().width() * theme.SIDE_COLUMN_MAX_PERCENT // 100))
        elif self.side_scroll is not None:
            self.side_scroll.setMinimumWidth(0)
            self.side_scroll.setMaximumWidth(16777215)
        super().resizeEvent(event)


def _padded(layout: QLayout) -> QWidget:
    widget = QWidget()
    widget.setLayout(layout)
    layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
    return widget
