"""A second floor under the kiosk's start: floor_window.py plus the home screen's widgets, built as directly as
PySide6 allows.

    python bench/home_floor.py CONTENT.yaml OUT.png

On top of the floor (the content file read with PyYAML's C loader, the typeface's two font files), the home
screen of the shipped content in Dutch, fullscreen: the red header with the city mark and the welcome, the intro
and the hint, a tile per topic and one for help and contact (illustration, title, line), and the bottom bar's
contrast, text size and language buttons, in a short style sheet. No kiosk module is imported: nothing is
checked, nothing is accessible to a screen reader, nothing fits long words, nothing is locked down, there are no
sessions, no state folder and no log.

What this costs beyond the bare label is what drawing this screen costs any PySide6 program; cold_start.py and
instructions.py report it beside the kiosk, so the part of the kiosk's start that is its own shows.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QApplication, QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from bare_window import FirstPaint
from floor_window import read_content, use_typeface

REPO = Path(__file__).resolve().parent.parent
LANGUAGE = "nl"
STYLE = """
#window { background: white; }
#header { background: #c00000; }
#welcome { color: white; font-size: 44px; font-weight: bold; }
#intro { font-size: 34px; }
#hint { font-size: 30px; font-weight: bold; }
#tile { background: white; border: 2px solid #707070; border-radius: 16px; }
#tile-title { font-size: 30px; font-weight: bold; }
#tagline { font-size: 22px; color: #444444; }
#bar { background: #14304f; }
#bar-button {
    background: #28589c; color: white; border: 2px solid white; border-radius: 12px;
    font-size: 26px; font-weight: bold; min-height: 80px; padding: 0 24px;
}
"""


class Picture(QWidget):
    """An SVG drawn to fit, keeping its proportions."""

    def __init__(self, path: Path, width: int, height: int) -> None:
        super().__init__()
        self._svg = QSvgRenderer(str(path), self)
        self.setMinimumSize(width, height)

    def paintEvent(self, event: QPaintEvent) -> None:
        size = self._svg.defaultSize().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, top = (self.width() - size.width()) / 2, (self.height() - size.height()) / 2
        self._svg.render(painter, QRectF(left, top, size.width(), size.height()))
        painter.end()


def label(text: str, name: str) -> QLabel:
    found = QLabel(text)
    found.setObjectName(name)
    found.setWordWrap(True)
    return found


def home_screen(content: dict[str, Any], base: Path) -> QWidget:
    words = content["interface"]
    window = QWidget()
    window.setObjectName("window")
    window.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    outer = QVBoxLayout(window)
    outer.setContentsMargins(0, 0, 0, 0)
    header = QWidget()
    header.setObjectName("header")
    header.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    top = QHBoxLayout(header)
    top.addWidget(Picture(REPO / "resources" / "artwork" / "city-mark.svg", 60, 60))
    top.addWidget(label(words["welcome"][LANGUAGE], "welcome"), 1)
    outer.addWidget(header)
    body = QVBoxLayout()
    body.setContentsMargins(40, 20, 40, 20)
    body.addStretch(1)
    body.addWidget(label(words["welcome_text"][LANGUAGE], "intro"))
    body.addWidget(label(words["welcome_hint"][LANGUAGE], "hint"))
    tiles = QGridLayout()
    pages = [*content["topics"], content["contact_page"]]
    for column, page in enumerate(pages):
        tile = QPushButton()
        tile.setObjectName("tile")
        tile.setMinimumHeight(440)
        inside = QVBoxLayout(tile)
        inside.addWidget(Picture(base / page["artwork"], 200, 140), 1)
        inside.addWidget(label(page["title"][LANGUAGE], "tile-title"))
        inside.addWidget(label(page["tagline"][LANGUAGE], "tagline"))
        tiles.addWidget(tile, 0, column)
    body.addLayout(tiles)
    outer.addLayout(body, 1)
    bar = QWidget()
    bar.setObjectName("bar")
    bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
    buttons = QHBoxLayout(bar)
    buttons.addStretch(1)
    for text in ("\u25d0", "100 %", *(language["name"] for language in content["languages"])):
        button = QPushButton(text)
        button.setObjectName("bar-button")
        buttons.addWidget(button)
    outer.addWidget(bar)
    return window


def main() -> int:
    content_file, out = Path(sys.argv[1]), sys.argv[2]
    content = read_content(content_file)
    app = QApplication(sys.argv[:1])
    use_typeface(app, 24)
    app.setStyleSheet(STYLE)
    window = home_screen(content, content_file.parent)
    FirstPaint(window, out)
    window.showFullScreen()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
