"""The kiosk's top level: its window, or the calm unavailable screen until there is content to show."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QWidget

from kiosk.content import Content
from kiosk.content_source.manager import ContentManager
from kiosk.content_source.status import ContentStatus
from kiosk.first_frame import FirstFrameWatcher
from kiosk.input_tap import InputTap
from kiosk.window import KioskWindow

if TYPE_CHECKING:
    from kiosk.screens.unavailable import UnavailableScreen

log = logging.getLogger(__name__)


class KioskShell(QObject):
    """Hands each new good version of the content to the window, creating the window when the first one arrives."""

    window_created = Signal(object)  # KioskWindow
    # Once, right after the kiosk's first painted frame: of the unavailable screen, or of the window when content
    # arrived before that screen was ever painted (it is then hidden unpainted, and its own first paint never comes).
    first_frame = Signal()

    def __init__(self, manager: ContentManager, *, windowed: bool, language: str | None = None) -> None:
        super().__init__(manager)
        self.manager = manager
        self.windowed = windowed
        self.language = language
        self.window: KioskWindow | None = None
        self.unavailable: UnavailableScreen | None = None
        self.first_frame_painted = False
        manager.content_changed.connect(self._content_changed)
        manager.status_changed.connect(self._status_changed)

    def show(self) -> QWidget:
        """Show whatever there is to show now; return that top-level widget."""
        if self.manager.current is not None:
            return self._create_window(self.manager.current)
        log.warning("no content to show yet; showing the 'temporarily unavailable' screen")
        from kiosk.screens.unavailable import UnavailableScreen  # noqa: PLC0415 - rarely needed, so loaded then

        self.unavailable = UnavailableScreen()
        self._status_changed(self.manager.status)
        self._present(self.unavailable)
        return self.unavailable

    def _content_changed(self, content: Content) -> None:
        if self.window is None:
            self._create_window(content)
            if self.unavailable is not None:
                # Hidden, not closed: in kiosk mode a close is what the lockdown refuses to the window manager.
                self.unavailable.hide()
                self.unavailable.deleteLater()
                self.unavailable = None
        else:
            self.window.offer_content(content)

    def _status_changed(self, status: ContentStatus) -> None:
        if self.unavailable is not None:
            reason = status.last_error or (
                status.rejected_problems[0] if status.rejected_problems else "no content yet"
            )
            self.unavailable.set_staff_note(f"{reason} · python -m kiosk status")

    def _create_window(self, content: Content) -> KioskWindow:
        self.window = KioskWindow(content)
        if self.language and self.language in content.language_codes:
            self.window.set_language(self.language)
            log.info("starting in language %s (--lang)", self.language)
        self._present(self.window)
        self.window_created.emit(self.window)
        return self.window

    def _present(self, widget: QWidget) -> None:
        """Show a top-level widget as the kiosk shows it, and listen to its input from the start."""
        if self.windowed:
            widget.setWindowTitle(f"{widget.windowTitle()} (preview)")
            widget.resize(preview_size(widget))
            widget.show()
        elif isinstance(widget, KioskWindow):
            widget.enter_kiosk_mode()
        else:
            widget.showFullScreen()
        InputTap.of().watch(widget)
        if not self.first_frame_painted:
            FirstFrameWatcher(widget, self._painted)

    def _painted(self) -> None:
        if not self.first_frame_painted:  # the unavailable screen's frame and the window's may both come
            self.first_frame_painted = True
            self.first_frame.emit()


def preview_size(widget: QWidget) -> QSize:
    """The lobby's 1920x1080 when the desktop has room for it, otherwise as much of it as fits."""
    screen = widget.screen()
    room = screen.availableSize() * 0.9 if screen is not None else QSize(1920, 1080)
    return QSize(1920, 1080).scaled(room.boundedTo(QSize(1920, 1080)), Qt.AspectRatioMode.KeepAspectRatio)
