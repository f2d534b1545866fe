"""Creates the QApplication with the kiosk's typeface, style sheet and logging, in one place."""

from __future__ import annotations

import os

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from kiosk import theme
from kiosk.logs import route_qt_messages
from kiosk.reader.startup import prepare_web_engine


class KioskApplication(QApplication):
    """The kiosk's QApplication: it knows when it has been asked to quit, so the lockdown lets its windows close.

    Every quit (SIGTERM, the admin panel's Exit, the preview's Ctrl+Q, any future caller of quit()) is a Quit
    event sent to the application, which then closes its windows, and gives up quitting if one refuses. Only
    events sent to the application object itself reach event(): no application-wide event filter is needed
    (kiosk/input_tap.py says why there must be none).
    """

    _quit_requested = False  # a class default: event() may run before __init__ has finished

    @property
    def quit_requested(self) -> bool:
        """True from the moment quitting starts: a window closing now is closed by the kiosk itself."""
        return self._quit_requested

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Quit:
            self._quit_requested = True
        return super().event(event)


def create_application(argv: list[str], offscreen: bool = False) -> QApplication:
    """The one QApplication; offscreen=True renders without any display.

    Raises UnsafeSettingsError (kiosk.reader.startup) for settings that would open the reader to the
    developer tools; the reader's switches must be in place before the QApplication exists.
    """
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    route_qt_messages()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else KioskApplication(prepare_web_engine(argv))
    app.setApplicationName("utrecht-kiosk")
    app.setOrganizationName("Gemeente Utrecht")
    apply_style(app)
    return app


def apply_style(app: QApplication, look: theme.Appearance = theme.DEFAULT_APPEARANCE) -> None:
    """The look for every widget: at start the default one; a visitor's contrast and text size change it."""
    theme.use(look)
    app.setFont(theme.font(look.text.body))
    app.setStyleSheet(theme.stylesheet(look))
    # Taps are taps: no press-and-hold turning into a right click.
    app.setAttribute(Qt.ApplicationAttribute.AA_SynthesizeMouseForUnhandledTouchEvents, True)
