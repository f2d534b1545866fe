"""Renders every screen, in every language and size, to PNG files without a display."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication

from kiosk import theme
from kiosk.application import apply_style
from kiosk.content import Content
from kiosk.window import KioskWindow

log = logging.getLogger(__name__)

DEFAULT_SIZES = (QSize(1920, 1080), QSize(1080, 1920))
# Qt's PNG quality: 80 compresses less than the default, about twice as fast for some 10 % more bytes
# (a 1920x1080 home screen: 50 ms and 189 KB instead of 103 ms and 170 KB).
PNG_QUALITY = 80


def settle(app: QApplication) -> None:
    """Let posted layout and resize events run until the window has its final geometry."""
    for _ in range(3):
        app.sendPostedEvents()
        app.processEvents()


def render_screens(
    content: Content,
    out_dir: Path,
    sizes: Iterable[QSize] = DEFAULT_SIZES,
    languages: Iterable[str] | None = None,
    screens: Iterable[str] | None = None,
    *,
    look: theme.Appearance = theme.DEFAULT_APPEARANCE,
) -> list[Path]:
    """Write DIR/SCREEN-LANG-WxH.png for each combination; return the files written.

    In high contrast or a larger text the names end in -contrast and the percentage: home-nl-1080x1920-contrast-200.
    """
    app = QApplication.instance()
    assert isinstance(app, QApplication), "create_application() first"
    out_dir.mkdir(parents=True, exist_ok=True)
    suffix = ("-contrast" if look.high_contrast else "") + (f"-{round(look.scale * 100)}" if look.scale != 1 else "")
    apply_style(app, look)
    written = []
    for size in sizes:
        window = KioskWindow(content)
        # Laid out and shown as on a screen, but painted only once, into each picture: no window on the (offscreen)
        # screen to paint as well.
        window.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen)
        window.resize(size)
        window.show()
        settle(app)
        for name in list(screens) if screens is not None else window.screen_names:
            for language in list(languages) if languages is not None else content.language_codes:
                window.set_language(language)
                window.open(name)
                settle(app)
                path = out_dir / f"{name}-{language}-{size.width()}x{size.height()}{suffix}.png"
                if not window.grab().save(str(path), "PNG", PNG_QUALITY):
                    raise OSError(f"could not write {path}")
                log.info("rendered %s", path)
                written.append(path)
        window.close()
        window.deleteLater()
        settle(app)
    if look != theme.DEFAULT_APPEARANCE:
        apply_style(app, theme.DEFAULT_APPEARANCE)
    return written
