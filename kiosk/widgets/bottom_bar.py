"""The bar along the bottom of every screen, within a seated visitor's reach: Back, Home, topics, language."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QButtonGroup, QHBoxLayout, QPushButton, QSizePolicy, QWidget

from kiosk import theme
from kiosk.content import Content


class BottomBar(QWidget):
    """Large buttons; navigation on the left, languages on the right, or two rows when one is too narrow."""

    back_requested = Signal()
    home_requested = Signal()
    previous_requested = Signal()
    next_requested = Signal()
    language_chosen = Signal(str)

    def __init__(self, content: Content, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("BottomBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self._content = content
        self.back = _button(self.back_requested.emit)
        self.home = _button(self.home_requested.emit)
        self.previous = _button(self.previous_requested.emit, "\u2190")
        self.next = _button(self.next_requested.emit, "\u2192")
        self.languages: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        for language in content.languages:
            button = _button(partial(self.language_chosen.emit, language.code), language.name)
            button.setCheckable(True)
            group.addButton(button)
            self.languages[language.code] = button

        navigation = QHBoxLayout()
        navigation.setSpacing(theme.SPACING)
        for button in (self.back, self.home, self.previous, self.next):
            navigation.addWidget(button)
        navigation.addStretch(1)
        languages = QHBoxLayout()
        languages.setSpacing(theme.SPACING)
        languages.addStretch(1)
        for button in self.languages.values():
            languages.addWidget(button)
        self._rows = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        pad = (theme.BAR_HEIGHT - theme.BUTTON_HEIGHT) // 2
        self._rows.setContentsMargins(theme.MARGIN, pad, theme.MARGIN, pad)
        self._rows.setSpacing(theme.SPACING)
        self._rows.addLayout(navigation)
        self._rows.addLayout(languages)
        self._navigation = navigation
        self._languages = languages
        # The bar decides its rows from the width it gets, so its wish for one long row must not widen the window.
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def show_for(self, *, back: bool, topics: bool) -> None:
        """Show Back and Home where there is somewhere to go back to, and the topic arrows on topics."""
        self.back.setVisible(back)
        self.home.setVisible(back)
        self.previous.setVisible(topics)
        self.next.setVisible(topics)
        self._fit(self.width())

    def set_language(self, language: str) -> None:
        words = self._content.interface
        self.back.setText("\u2190  " + words.back[language])
        self.home.setText(words.home[language])
        self.previous.setAccessibleName(words.previous_topic[language])
        self.next.setAccessibleName(words.next_topic[language])
        self.back.setAccessibleName(words.back[language])
        self.home.setAccessibleName(words.home[language])
        for code, button in self.languages.items():
            button.setChecked(code == language)
            button.setAccessibleName(f"{words.language[language]}: {button.text()}")
        self._fit(self.width())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit(event.size().width())

    def _fit(self, width: int) -> None:
        """One row when every button fits at its full size, otherwise languages on a second row."""
        needed = (
            sum(layout.sizeHint().width() for layout in (self._navigation, self._languages))
            + theme.SPACING
            + 2 * theme.MARGIN
        )
        one_row = needed <= width
        direction = QBoxLayout.Direction.LeftToRight if one_row else QBoxLayout.Direction.TopToBottom
        if self._rows.direction() != direction:
            self._rows.setDirection(direction)
        self.setMinimumWidth(
            max(self._navigation.sizeHint().width(), self._languages.sizeHint().width()) + 2 * theme.MARGIN
        )
        rows = 1 if one_row else 2
        self.setFixedHeight(rows * theme.BAR_HEIGHT - (rows - 1) * (theme.BAR_HEIGHT - theme.BUTTON_HEIGHT) // 2)


def _button(on_click: Callable[[], object], text: str = "") -> QPushButton:
    button = QPushButton(text)
    button.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    button.clicked.connect(lambda _checked=False: on_click())
    return button
