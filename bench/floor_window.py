"""The floor under the kiosk's start: the bare label process (bare_window.py) plus only the work that any PySide6
kiosk with this product's content, typeface and reader has to do before its first frame.

    python bench/floor_window.py CONTENT.yaml OUT.png

On top of the bare process, and nothing else:
1. the content file read and parsed with PyYAML's C loader (the content is YAML, and a kiosk shows nothing it has not
   read);
2. the two bundled font files of the kiosk's typeface loaded, and the label set in it.

The reader adds nothing here: QtWebEngine takes its URL schemes until its first profile exists, so its library
(some 30 ms to load) can wait for the first "Read here", as it does in the kiosk.

No kiosk module is imported, no content is checked, no screen is built: what this costs beyond the bare process is a
lower bound of what the kiosk's first frame costs beyond it. cold_start.py runs it in the same rounds as the other
programs; if even this floor is more than 1.3x the bare process, that budget cannot be met by any kiosk doing this
product's job, and the floor's ratio is the proof. (A kiosk that keeps what it checked, as this one does
(kiosk/content_source/snapshot.py), reads its content at a restart without PyYAML: for that start the YAML here is
the same work done another way, not a part of a lower bound.)
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import yaml
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QLabel

from bare_window import FirstPaint

FONTS = Path(__file__).resolve().parent.parent / "resources" / "fonts"


def read_content(content_file: str | Path) -> dict[str, Any]:
    """The content file, parsed with PyYAML's C loader and nothing more."""
    with open(content_file, "rb") as file:
        return dict(yaml.load(file, Loader=yaml.CSafeLoader))


def use_typeface(app: QApplication, pixel_size: int) -> None:
    """The two bundled font files loaded, and the application's font set in the typeface."""
    families = [
        family
        for font_file in sorted(FONTS.glob("*.woff2"))
        for family in QFontDatabase.applicationFontFamilies(QFontDatabase.addApplicationFont(str(font_file)))
    ]
    font = QFont(families[0])
    font.setPixelSize(pixel_size)
    app.setFont(font)


def main() -> int:
    content_file, out = sys.argv[1], sys.argv[2]
    content = read_content(content_file)
    app = QApplication(sys.argv[:1])
    use_typeface(app, 48)
    label = QLabel(str(content["interface"]["home"]["nl"]))
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    FirstPaint(label, out)
    label.showFullScreen()
    return app.exec()


if __name__ == "__main__":
    raise SystemExit(main())
