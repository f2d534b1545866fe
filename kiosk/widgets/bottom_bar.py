"""The bar along the bottom of every screen, within a seated visitor's reach: Back, Home, topics, read aloud,
contrast, text size, language."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial

from PySide6.QtCore import QEvent, QSize, Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.content import Content
from kiosk.widgets.icon_button import IconButton, Symbol

Segment = tuple[QPushButton, ...]


class BottomBar(QWidget):
    """Large buttons: navigation on the left; read aloud, contrast, text size and the languages on the right.

    The buttons keep their full size and flow onto as many rows as the width needs (two or three at 200 % text
    on a tall screen): none is ever squeezed or cut, and the groups stay together where they fit.
    """

    back_requested = Signal()
    home_requested = Signal()
    previous_requested = Signal()
    next_requested = Signal()
    take_page_requested = Signal()
    language_chosen = Signal(str)
    read_aloud_requested = Signal()
    contrast_requested = Signal()
    text_size_requested = Signal()

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BottomBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._content = content
        self._language = content.default_language
        self.back = _button(self.back_requested.emit)
        self.home = _button(self.home_requested.emit)
        self.previous = _button(self.previous_requested.emit, "\u2190")
        self.next = _button(self.next_requested.emit, "\u2192")
        self.take_page = _button(self.take_page_requested.emit)  # only in the reader
        self.take_page.hide()
        # The toggles show the state the accessibility features report back (set_read_aloud, set_appearance).
        self.read_aloud = _toggle(Symbol.SPEAKER, self.read_aloud_requested.emit)
        self.read_aloud.hide()  # until there is a voice for the visitor's language
        self.contrast = _toggle(Symbol.CONTRAST, self.contrast_requested.emit)
        self.text_size = _icon_button(Symbol.TEXT_SIZE, self.text_size_requested.emit)
        self.text_size.setText(_percent(1.0))
        for button in (*self.navigation, *self.toggles):
            button.setParent(self)  # a hidden button, in no row yet, is still the bar's
        self.languages: dict[str, QPushButton] = {}
        # No QButtonGroup: set_language keeps exactly one language checked. In a group, Qt makes the buttons one
        # keyboard stop, as radio buttons are, and the keypad could not reach the other languages.
        self._rows = QVBoxLayout(self)
        self._rows.setSpacing(theme.SPACING // 2)
        self._arrangement: list[list[Segment]] = []
        # The bar decides its rows from the width it gets, so its wish for one long row must not widen the window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.set_content(content)
        look = theme.current()
        self.contrast.setChecked(look.high_contrast)
        self.text_size.setText(_percent(look.scale))

    @property
    def navigation(self) -> Segment:
        return (self.back, self.home, self.previous, self.next, self.take_page)

    @property
    def toggles(self) -> Segment:
        return (self.read_aloud, self.contrast, self.text_size)

    def set_content(self, content: Content) -> None:
        """One button per language the content offers, each named in its own language."""
        self._content = content
        for button in self.languages.values():
            button.hide()
            button.deleteLater()
        self.languages = {}
        for language in content.languages:
            button = _button(partial(self.language_chosen.emit, language.code), language.name)
            button.setParent(self)
            button.setCheckable(True)
            self.languages[language.code] = button
        self._fit(self.width())

    def show_for(self, *, back: bool, topics: bool, take_page: bool = False) -> None:
        """Show Back and Home where there is somewhere to go back to, the topic arrows on topics, and in the
        reader the button that shows the page's code."""
        self.back.setVisible(back)
        self.home.setVisible(back)
        self.previous.setVisible(topics)
        self.next.setVisible(topics)
        self.take_page.setVisible(take_page)
        self._fit(self.width())

    def set_language(self, language: str) -> None:
        self._language = language
        words = self._content.interface
        access = words.accessibility
        self.back.setText("\u2190  " + words.back[language])
        self.home.setText(words.home[language])
        self.take_page.setText(words.take_page_along[language])
        self.previous.setAccessibleName(words.previous_topic[language])
        self.next.setAccessibleName(words.next_topic[language])
        self.back.setAccessibleName(words.back[language])
        self.back.setAccessibleDescription(access.back_hint[language])
        self.home.setAccessibleName(words.home[language])
        self.home.setAccessibleDescription(access.home_hint[language])
        self.take_page.setAccessibleName(words.take_page_along[language])
        self.take_page.setAccessibleDescription(words.scan_to_read[language])
        self.read_aloud.setAccessibleName(access.read_aloud[language])
        self.read_aloud.setAccessibleDescription(access.read_aloud_hint[language])
        self.contrast.setAccessibleName(access.high_contrast[language])
        self.contrast.setAccessibleDescription(access.high_contrast_hint[language])
        self.text_size.setAccessibleName(f"{access.text_size[language]}: {self.text_size.text()}")
        self.text_size.setAccessibleDescription(access.text_size_hint[language])
        for code, button in self.languages.items():
            button.setChecked(code == language)
            button.setAccessibleName(f"{words.language[language]}: {button.text()}")
            button.setAccessibleDescription(access.language_hint[language])
        self._fit(self.width())

    def set_read_aloud(self, *, available: bool, on: bool) -> None:
        """The speaker button: shown when there is a voice for the visitor's language, on while reading aloud."""
        self.read_aloud.setVisible(available)
        self.read_aloud.setChecked(on and available)
        self._fit(self.width())

    def set_appearance(self, *, high_contrast: bool, scale: float) -> None:
        self.contrast.setChecked(high_contrast)
        self.text_size.setText(_percent(scale))
        self.set_language(self._language)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def event(self, event: QEvent) -> bool:
        # A button grew or shrank (a new text size, a new language): the rows may have to change.
        if event.type() == QEvent.Type.LayoutRequest:
            self._fit(self.width())
        return super().event(event)

    def _fit(self, width: int) -> None:
        """Pack the groups into rows: whole groups while they fit, a group wider than the bar button by button."""
        groups = [
            tuple(button for button in group if not button.isHidden())
            for group in (self.navigation, self.toggles, tuple(self.languages.values()))
        ]
        # Each button's size once: the style sheet makes sizeHint() costly, and this runs on every tap that
        # changes the bar.
        hints = {button: button.sizeHint() for group in groups for button in group}
        widest = max((hint.width() for hint in hints.values()), default=0)
        self.setMinimumWidth(widest + 2 * theme.MARGIN)
        room = max(width, self.minimumWidth()) - 2 * theme.MARGIN
        rows: list[list[Segment]] = []
        used = 0
        for group in filter(None, groups):
            for segment in _split(group, room, hints):
                needed = _width(segment, hints) + (2 * theme.SPACING if rows and rows[-1] else 0)
                if rows and used + needed <= room:
                    rows[-1].append(segment)
                    used += needed
                else:
                    rows.append([segment])
                    used = _width(segment, hints)
        if rows != self._arrangement:
            self._arrange(rows, navigation=groups[0])
        row_height = max((hint.height() for hint in hints.values()), default=theme.BUTTON_HEIGHT)
        pad = max(0, (theme.BAR_HEIGHT - row_height) // 2)
        self._rows.setContentsMargins(theme.MARGIN, pad, theme.MARGIN, pad)
        count = max(1, len(rows))
        self.setFixedHeight(count * row_height + (count - 1) * self._rows.spacing() + 2 * pad)

    def _arrange(self, rows: list[list[Segment]], navigation: Segment) -> None:
        """Rebuild the rows: navigation keeps to the left, everything after it to the right."""
        self._arrangement = rows
        while (item := self._rows.takeAt(0)) is not None:
            layout = item.layout()
            if layout is not None:
                while layout.takeAt(0) is not None:
                    pass
                layout.deleteLater()
        for row in rows:
            line = QHBoxLayout()
            line.setSpacing(theme.SPACING)
            starts_with_navigation = bool(navigation) and row[0][0] in navigation
            if not starts_with_navigation:
                line.addStretch(1)
            for index, segment in enumerate(row):
                if index == 1 and starts_with_navigation:
                    line.addStretch(1)
                elif index > 0:
                    line.addSpacing(theme.SPACING)
                for button in segment:
                    line.addWidget(button)
            if starts_with_navigation and len(row) == 1:
                line.addStretch(1)
            self._rows.addLayout(line)


def _width(segment: Segment, hints: Mapping[QPushButton, QSize]) -> int:
    return sum(hints[button].width() for button in segment) + theme.SPACING * (len(segment) - 1)


def _split(group: Segment, room: int, hints: Mapping[QPushButton, QSize]) -> list[Segment]:
    """The group as one segment if it fits the room, else in as few pieces as fit."""
    pieces: list[list[QPushButton]] = [[]]
    for button in group:
        if pieces[-1] and _width((*pieces[-1], button), hints) > room:
            pieces.append([])
        pieces[-1].append(button)
    return [tuple(piece) for piece in pieces]


def _percent(scale: float) -> str:
    return f"{round(scale * 100)} %"


def _button(on_click: Callable[[], object], text: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.clicked.connect(lambda _checked=False: on_click())
    return button


def _icon_button(symbol: Symbol, on_click: Callable[[], object]) -> IconButton:
    button = IconButton(symbol)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.clicked.connect(lambda _checked=False: on_click())
    return button


def _toggle(symbol: Symbol, on_click: Callable[[], object]) -> IconButton:
    """Checkable, so assistive technology hears "on" and "off"; a press only asks, the answer sets the state."""
    button = _icon_button(symbol, on_click)
    button.setCheckable(True)
    button.keep_state_on_click = True
    return button
