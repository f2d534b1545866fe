"""What every screen shares: the header, kinetic scrolling for its text, and the language it is shown in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.content import Content
from kiosk.widgets.header import Header
from kiosk.widgets.scrolling import KineticScrollArea

if TYPE_CHECKING:
    from kiosk.accessibility.spoken import AddressWords

# On a tall screen the text keeps at least this share of the height beside the side panel below it.
TEXT_SHARE_MIN_PERCENT = 30


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
        self._main: QBoxLayout | None = None
        self._side_inline = False  # on a tall screen, the side panel scrolls along below the text
        self._stretch = (1, 1)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(0)
        self._layout.addWidget(self.header)

    def _scroll_area(self) -> KineticScrollArea:
        area = KineticScrollArea.take()
        area.swiped.connect(self.swiped)
        return area

    def discard(self) -> None:
        """This screen is no longer wanted: hand its scroll areas back for the next screens, then delete it."""
        for area in (self.text_scroll, self.side_scroll):
            if area is not None:
                area.removeEventFilter(self)
                area.give_back()
        self.side_scroll = None
        self.deleteLater()

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
        self._main = main if isinstance(main, QBoxLayout) else None
        side.installEventFilter(self)  # its cards grow with the text: it may no longer fit below the text
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
        # In the screen's layout before anything goes in: PySide makes a widget added to a layout that has no
        # widget yet that layout's child, and when the layout is deleted it would invalidate the Python side of
        # the scroll areas' own parts (their scroll bars), though the areas have gone on to another screen.
        self._layout.addLayout(self._columns, 1)
        self._columns.addWidget(self.text_scroll, stretch[0])
        self._columns.addWidget(self.side_scroll, stretch[1])
        self.side_scroll.setWidget(side)

    def set_language(self, language: str) -> None:
        """Show every text in this language, keeping the scroll position."""
        if language != self.language:
            self.language = language
            self.show_language(language)
            self._name_text_areas(language)

    def show_language(self, language: str) -> None:
        raise NotImplementedError

    def spoken_text(self) -> str:
        """What read-aloud says for this screen, in its language; by default every text on it, in reading order."""
        # Read-aloud's modules load with its first use, not with the first screen (kiosk/accessibility/).
        from kiosk.accessibility.reading import visible_text  # noqa: PLC0415

        words = self.content.interface.accessibility
        return visible_text(self, self.address_words, words.button[self.language])

    @property
    def address_words(self) -> AddressWords:
        from kiosk.accessibility.spoken import AddressWords  # noqa: PLC0415

        return AddressWords.of(self.content.interface.accessibility, self.language)

    def _name_text_areas(self, language: str) -> None:
        """A text that scrolls is a keypad stop: named after the screen, with how to move through it."""
        hint = self.content.interface.accessibility.scroll_hint[language]
        for area in (self.text_scroll, self.side_scroll):
            if area is not None:
                area.setAccessibleName(self.header.title.text())
                area.setAccessibleDescription(hint)

    def reset_view(self) -> None:
        self.text_scroll.scroll_to_top()
        if self.side_scroll is not None:
            self.side_scroll.scroll_to_top()

    def leave(self) -> None:
        """The visitor goes to another screen: drop what must not wait for them (the reader's page)."""

    def arrange(self, portrait: bool) -> None:
        """Lay the screen out for a tall or a wide screen; called when the orientation changes."""
        if self._columns is None or self.side_scroll is None:
            return
        direction = QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        self._columns.setDirection(direction)
        if self._side_inline:  # first out of the text's scroll, where a tall screen with large text had put it
            self._side_inline = False
            self._main_to_columns()
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
        self._place_side()

    def _place_side(self) -> None:
        """On a tall screen the side panel sits below the text, in view, if that leaves the text room enough;
        with a large text it does not, so it moves into the text's scroll, after the text, where nothing is cut."""
        if self._columns is None or self._main is None or self.side_scroll is None or not self._portrait:
            inline = False
        else:
            body = self.height() - self.header.sizeHint().height()
            needed = self.side.heightForWidth(self.width()) if self.side.hasHeightForWidth() else -1
            needed = needed if needed > 0 else self.side.sizeHint().height()
            inline = body - needed < max(theme.TEXT_AREA_MIN_HEIGHT, body * TEXT_SHARE_MIN_PERCENT // 100)
        if inline == self._side_inline or self._columns is None or self._main is None:
            return
        self._side_inline = inline
        side_layout = self.side.layout()
        if inline:
            self._columns.removeWidget(self.side)
            self._main.addWidget(self.side)
            if side_layout is not None:
                side_layout.setContentsMargins(0, theme.MARGIN, 0, 0)
        else:
            self._main_to_columns()

    def _main_to_columns(self) -> None:
        """The side panel from after the text back below it, in view."""
        if self._columns is None or self._main is None:
            return
        self._main.removeWidget(self.side)
        self._columns.addWidget(self.side, 0)
        side_layout = self.side.layout()
        if side_layout is not None:
            side_layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is getattr(self, "side", None) and event.type() == QEvent.Type.LayoutRequest:
            self._place_side()
            self._size_side_column(self.width())
        return False

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the header grew or shrank with the text
            self._place_side()
        return super().event(event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        portrait = event.size().height() > event.size().width()
        if portrait != self._portrait:
            self._portrait = portrait
            self.arrange(portrait)
        else:
            self._place_side()
        self._size_side_column(event.size().width())
        super().resizeEvent(event)

    def _size_side_column(self, width: int) -> None:
        """On a wide screen the side column is as wide as its cards in one row, up to a share of the screen that
        shrinks as the text grows (the text needs the room then), but never narrower than one card."""
        if self.side_scroll is None:
            return
        if self._portrait:
            self.side_scroll.setMinimumWidth(0)
            self.side_scroll.setMaximumWidth(16777215)
            return
        extra = self.side_scroll.verticalScrollBar().sizeHint().width() + 2 * theme.FOCUS_EDGE_PX
        wanted = self.side.sizeHint().width() + extra
        one_card = self.side.minimumSizeHint().width() + extra
        share = round(width * theme.SIDE_COLUMN_MAX_PERCENT / 100 / theme.current().scale)
        # A maximum and a minimum, not a fixed width: a fixed width would stay as a floor when the window
        # is made narrower (a smaller preview window), and the window could then never shrink.
        self.side_scroll.setMinimumWidth(one_card)
        self.side_scroll.setMaximumWidth(max(one_card, min(wanted, max(one_card, share))))


def _padded(layout: QLayout) -> QWidget:
    widget = QWidget()
    widget.setLayout(layout)
    # As wide as the scroll area shows, never wider, even for a word wider than that: text scrolls up and down,
    # never sideways (kiosk/widgets/text.py breaks such a word instead).
    widget.setSizePolicy(QSizePolicy.Policy.Ignored, widget.sizePolicy().verticalPolicy())
    layout.setContentsMargins(theme.MARGIN, theme.MARGIN, theme.MARGIN, theme.MARGIN)
    return widget
