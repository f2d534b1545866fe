"""Guards against a Qt binding that would crash a kiosk after hours of painting."""

from __future__ import annotations

import gc
import sys

from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage, QPainter


def test_calls_that_return_nothing_keep_none_alive() -> None:
    """PySide6 6.12.0 on Python 3.11 drops a reference to None per such call, and the process aborts."""
    image = QImage(16, 16, QImage.Format.Format_RGB32)
    painter = QPainter(image)
    gc.collect()
    before = sys.getrefcount(None)
    for _ in range(1000):
        painter.fillRect(QRect(0, 0, 4, 4), QColor("#000000"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.end()
    gc.collect()
    assert sys.getrefcount(None) - before > -50
