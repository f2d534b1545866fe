"""Creates the QApplication with the kiosk's typeface, style sheet and logging, in one place."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk import theme
from kiosk.logs import route_qt_messages


def create_application(argv: list[str], offscreen: bool = False) -> QApplication:
    """The one QApplication; offscreen=True renders without any display."""
    if offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    route_qt_messages()
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(argv)
    app.setApplicationName("utrecht-kiosk")
    app.setOrganizationName("Gemeente Utrecht")
    apply_style(app)
    return app


def apply_style(app: QApplication) -> None:
    app.setFont(theme.font(theme.TEXT.body))
    app.setStyleSheet(theme.stylesheet())
    # Taps are taps: no press-and-hold turning into a right click.
    app.setAttribute(Qt.ApplicationAttribute.AA_SynthesizeMouseForUnhandledTouchEvents, True)
