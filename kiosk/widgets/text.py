"""Labels for content text: always plain text, wrapped, never selectable, so content cannot inject markup."""

from __future__ import annotations

import re

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QFontMetrics, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget

ZERO_WIDTH_SPACE = "\u200b"
SOFT_HYPHEN = "\u00ad"  # a place to break a word; Qt draws a hyphen there when it breaks the line
_AFTER_HYPHEN = re.compile("(?<=-)")
# A word ends at white space and at a zero-width space (a place to break an address, kiosk/widgets/qr_card.py).
_WORD = re.compile(f"[^\\s{ZERO_WIDTH_SPACE}]+")


class TextLabel(QLabel):
    """A wrapped plain-text label with a style role (title, heading, muted, caption, address).

    Qt wraps a label between words only: a word wider than the label (a long Dutch compound in a title at 200 %
    text, on a portrait screen) would be cut off at its edge. Such a word, and only such a word, gets a soft
    hyphen between every two letters, so it wraps where the line is full, with a hyphen.
    """

    def __init__(self, text: str = "", role: str = "", parent: QWidget | None = None, wrap: bool = True) -> None:
        super().__init__(parent)
        self._given = ""  # the text as set; the label shows it with break points in words too wide for it
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.setWordWrap(wrap)
        if role:
            self.setProperty("role", role)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._given = text
        super().setText(text)
        # A label not on screen is fitted when it is shown: until then its layout sees the whole words, and gives
        # it room for them where there is room (a column as wide as its longest word, as without this fitting).
        if self.isVisible():
            self._fit()

    def text(self) -> str:
        """The text as it was set; what is drawn may have soft hyphens in a word too wide for the label."""
        return self._given

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a new text size: the same width may hold more or less
            self._fit()

    def _fit(self) -> None:
        if not self.wordWrap() or not self.isVisible():  # a hidden label is fitted when it is shown
            return
        shown = QLabel.text(self)
        # Qt's minimum width for a wrapped label is its widest word's (worked out once per text and font): if
        # that fits, so does every word, and nothing is measured here. The usual case, and the only one that
        # runs at every show and resize.
        if shown == self._given and QLabel.minimumSizeHint(self).width() <= self.width():
            return
        fitted = self._breakable(self.contentsRect().width())
        if fitted != shown:
            super().setText(fitted)

    def _breakable(self, width: int) -> str:
        if width <= 0:
            return self._given
        metrics = self.fontMetrics()
        return _WORD.sub(lambda word: _fitted(word.group(), metrics, width), self._given)


def _fitted(word: str, metrics: QFontMetrics, width: int) -> str:
    # Qt breaks a line after a hyphen, and at a soft hyphen (an editor's choice), drawing a hyphen there: if every
    # piece between those fits, the word is left as it is.
    *broken, last = word.split(SOFT_HYPHEN)
    pieces = [piece for part in (*(part + "-" for part in broken), last) for piece in _AFTER_HYPHEN.split(part)]
    if all(metrics.horizontalAdvance(piece) <= width for piece in pieces):
        return word
    word = word.replace(SOFT_HYPHEN, "")
    import unicodedata  # noqa: PLC0415 - only for a word too wide for its label, which is rare

    # A break point before every letter except an accent that belongs to the letter before it.
    return "".join(
        SOFT_HYPHEN + character if index and not unicodedata.combining(character) else character
        for index, character in enumerate(word)
    )
