"""The attract loop between visitors: each topic's artwork and title in turn, with "tap to start" in every language.

Calm by design (WCAG 2.3.1): one gentle cross-fade every few seconds, never more than three changes a second.
"""

from __future__ import annotations

from PySide6.QtCore import QEasingCurve, Qt, QTimer, QVariantAnimation, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QGraphicsOpacityEffect, QStackedWidget, QVBoxLayout, QWidget

from kiosk import theme
from kiosk.content import Content, Topic
from kiosk.widgets.artwork import Artwork
from kiosk.widgets.header import Header
from kiosk.widgets.overlay import Overlay
from kiosk.widgets.text import TextLabel

SLIDE_MS = 8000  # one topic every 8 s
FADE_MS = 800  # the cross-fade between two topics: out, then in
SEPARATOR = " · "
_ANSWER_KEYS = (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select)


class AttractSlide(QWidget):
    """One topic: its artwork large, its title in the first language and, smaller, in the others."""

    def __init__(self, content: Content, topic: Topic, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.artwork = Artwork(content.image_path(topic.artwork), theme.ATTRACT_ARTWORK_SIZE)
        first, *others = content.language_codes
        title = topic.title[first]
        # A name that is the same in every language ("Global Goals City") is said once.
        translations = dict.fromkeys(topic.title[code] for code in others if topic.title[code] != title)
        self.title = TextLabel(title, role="attract-title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.translations = TextLabel(SEPARATOR.join(translations), role="subtitle")
        self.translations.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        self.translations.setVisible(bool(translations))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(theme.MARGIN * 2, theme.MARGIN, theme.MARGIN * 2, theme.MARGIN)
        layout.setSpacing(theme.SPACING)
        layout.addStretch(1)
        layout.addWidget(self.artwork)
        layout.addSpacing(theme.SPACING)
        layout.addWidget(self.title)
        layout.addWidget(self.translations)
        layout.addStretch(1)


class AttractScreen(Overlay):
    """Covers the window between visitors; the first tap only ends the loop, revealing the home screen."""

    dismissed = Signal()
    slide_changed = Signal(int)

    def __init__(self, window: QWidget, *, slide_ms: int = SLIDE_MS, fade_ms: int = FADE_MS) -> None:
        super().__init__(window)
        self.content: Content | None = None
        self.header = Header()
        self.slides = QStackedWidget()
        self.slides.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.band = QWidget()
        self.band.setObjectName("AttractBand")
        self.band.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.tap_to_start = TextLabel()
        self.tap_to_start.setAlignment(Qt.AlignmentFlag.AlignCenter)
        band_layout = QVBoxLayout(self.band)
        band_layout.setContentsMargins(theme.MARGIN, theme.MARGIN * 2, theme.MARGIN, theme.MARGIN * 2)
        band_layout.addWidget(self.tap_to_start)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header)
        layout.addWidget(self.slides, 1)
        layout.addWidget(self.band)
        for child in (self.header, self.band):
            child.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

        self._timer = QTimer(self)
        self._timer.setInterval(slide_ms)
        self._timer.timeout.connect(self.advance)
        self._fade_ms = fade_ms
        self._effect = QGraphicsOpacityEffect(self.slides)
        self._effect.setEnabled(False)
        self.slides.setGraphicsEffect(self._effect)
        self._fade = QVariantAnimation(self)
        self._fade.setStartValue(0.0)
        self._fade.setEndValue(1.0)
        self._fade.setDuration(max(1, fade_ms))
        self._fade.setEasingCurve(QEasingCurve.Type.InOutSine)
        self._fade.valueChanged.connect(self._fading)
        self._fade.finished.connect(lambda: self._effect.setEnabled(False))
        self._switched = True
        self._pressed = False

    @property
    def index(self) -> int:
        return self.slides.currentIndex()

    def start(self, content: Content) -> None:
        """Show the loop from its first topic, built afresh if the content has changed."""
        if content is not self.content:
            self._build(content)
        self._fade.stop()
        self._effect.setEnabled(False)
        self.slides.setCurrentIndex(0)
        self._pressed = False
        self.open()
        self._timer.start()
        self.slide_changed.emit(0)

    def stop(self) -> None:
        self._timer.stop()
        self._fade.stop()
        self._effect.setEnabled(False)
        self.hide()

    def advance(self) -> None:
        """On to the next topic: a cross-fade, or a plain change when fading is switched off."""
        if self.slides.count() < 2:
            return
        if self._fade_ms <= 0:
            self._show_next()
            return
        self._switched = False
        self._effect.setEnabled(True)
        self._fade.start()

    def _fading(self, value: object) -> None:
        progress = float(value)  # type: ignore[arg-type]
        if progress >= 0.5 and not self._switched:
            self._switched = True
            self._show_next()
        self._effect.setOpacity(abs(2 * progress - 1))

    def _show_next(self) -> None:
        index = (self.slides.currentIndex() + 1) % self.slides.count()
        self.slides.setCurrentIndex(index)
        self.slide_changed.emit(index)

    def _build(self, content: Content) -> None:
        self.content = content
        while (old := self.slides.widget(0)) is not None:
            self.slides.removeWidget(old)
            old.setParent(None)  # PySide's own record of the parent too, or the slide's wrapper is kept for good
            old.deleteLater()
        for topic in content.topics:
            self.slides.addWidget(AttractSlide(content, topic))
        words = content.interface
        self.header.set_texts(SEPARATOR.join(words.welcome[code] for code in content.language_codes))
        tap = SEPARATOR.join(words.tap_to_start[code] for code in content.language_codes)
        self.tap_to_start.setText(tap)
        self.setAccessibleName(tap)
        self.setAccessibleDescription(self.header.title.text())

    # The first tap is the loop's own: swallowed on the press, ends the loop on the release.
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._pressed = True
        event.accept()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        event.accept()
        if self._pressed:
            self._end()

    def keyReleaseEvent(self, event: QKeyEvent) -> None:
        if event.key() in _ANSWER_KEYS:
            self._end()
        else:
            super().keyReleaseEvent(event)

    def go_back(self) -> None:
        self._end()

    def _end(self) -> None:
        self._pressed = False
        if self.isVisible():
            self.dismissed.emit()
