"""Illustrations: drawn to fit without stretching, once per size (a frame has no time to draw an SVG again)."""

from __future__ import annotations

from pathlib import Path

from conftest import REPO
from PySide6.QtCore import QSize
from PySide6.QtGui import QPixmap, QPixmapCache
from pytestqt.qtbot import QtBot

from kiosk.widgets.artwork import Artwork

PICTURE = REPO / "resources" / "artwork" / "europe.svg"


def drawn(qtbot: QtBot, path: Path, size: QSize) -> Artwork:
    artwork = Artwork(path, size)
    qtbot.addWidget(artwork)
    artwork.resize(size)
    artwork.grab()
    return artwork


def test_the_picture_is_drawn_once_per_size_and_shared(qtbot: QtBot) -> None:
    QPixmapCache.clear()
    first = drawn(qtbot, PICTURE, QSize(300, 200)).grab().toImage()
    assert QPixmapCache.find(f"kiosk-artwork:{PICTURE.resolve()}:300x200@1", QPixmap())
    again = drawn(qtbot, PICTURE, QSize(300, 200)).grab().toImage()
    assert again == first
    assert any(first.pixelColor(x, 100).alpha() > 0 for x in range(0, 300, 10)), "something was drawn"


def test_a_missing_picture_leaves_its_box_empty(qtbot: QtBot) -> None:
    image = drawn(qtbot, PICTURE.with_name("missing.svg"), QSize(120, 80)).grab().toImage()
    assert {image.pixelColor(x, y).name() for x in range(0, 120, 20) for y in range(0, 80, 20)} == {
        image.pixelColor(0, 0).name()
    }
