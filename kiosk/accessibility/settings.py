"""The look a visitor chooses, high contrast and a larger text, applied to the whole kiosk at once."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication

from kiosk import theme
from kiosk.application import apply_style

log = logging.getLogger(__name__)


class AppearanceSettings(QObject):
    """High contrast on or off and the text scale; every change restyles the application once and says so.

    The style sheet holds every colour and size, so widgets follow by themselves; the few that paint their own
    text or size themselves by it (the countdown, the goal tiles) read theme.current() and re-measure on the
    style change Qt sends every widget.
    """

    about_to_change = Signal()  # before the restyle: what is let go of now need not be restyled
    changed = Signal()

    def __init__(self, app: QApplication | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        instance = app or QApplication.instance()
        assert isinstance(instance, QApplication), "create the QApplication first"
        self._app = instance
        self._look = theme.current()

    @property
    def high_contrast(self) -> bool:
        return self._look.high_contrast

    @property
    def text_scale(self) -> float:
        return self._look.scale

    @property
    def look(self) -> theme.Appearance:
        return self._look

    def set_high_contrast(self, on: bool) -> None:
        self._use(theme.appearance(high_contrast=on, scale=self.text_scale))

    def toggle_high_contrast(self) -> None:
        self.set_high_contrast(not self.high_contrast)

    def set_text_scale(self, scale: float) -> None:
        self._use(theme.appearance(high_contrast=self.high_contrast, scale=scale))

    def next_text_scale(self) -> None:
        """100 % -> 150 % -> 200 % -> 100 %."""
        scales = theme.TEXT_SCALES
        self.set_text_scale(scales[(scales.index(self.text_scale) + 1) % len(scales)])

    def reset(self) -> None:
        """The default look, for the next visitor."""
        self._use(theme.DEFAULT_APPEARANCE)

    def _use(self, look: theme.Appearance) -> None:
        if look == self._look and look == theme.current():
            return
        self._look = look
        self.about_to_change.emit()
        apply_style(self._app, look)
        log.info(
            "appearance: %s, text %d %%", "high contrast" if look.high_contrast else "default colours", look.scale * 100
        )
        self.changed.emit()
