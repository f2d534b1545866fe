"""Draws QR codes: the qrcode package makes the matrix, QPainter draws it sharp, dark on light."""

from __future__ import annotations

import math
from functools import lru_cache

import qrcode
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget
from qrcode.constants import ERROR_CORRECT_M

from kiosk import theme

Matrix = tuple[tuple[bool, ...], ...]


@lru_cache(maxsize=128)
def qr_matrix(data: str) -> Matrix:
    """The modules of a QR code for data, error correction M, without the quiet zone."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data.encode("utf-8"))
    code.make(fit=True)
    return tuple(tuple(bool(module) for module in row) for row in code.get_matrix())


def module_pixels(modules: int, minimum_px: int = theme.QR_MIN_PX) -> int:
    """Whole pixels per module so the code with its quiet zone is at least minimum_px wide."""
    total = modules + 2 * theme.QR_QUIET_MODULES
    return max(theme.QR_MIN_MODULE_PX, math.ceil(minimum_px / total))


@lru_cache(maxsize=64)
def qr_image(data: str, module_px: int) -> QImage:
    """The code as an image with its 4-module quiet zone, one block of module_px per module."""
    matrix = qr_matrix(data)
    quiet = theme.QR_QUIET_MODULES
    side = (len(matrix) + 2 * quiet) * module_px
    image = QImage(side, side, QImage.Format.Format_RGB32)
    image.fill(QColor(theme.PALETTE.qr_light))
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    dark = QColor(theme.PALETTE.qr_dark)
    for y, row in enumerate(matrix):
        x = 0
        while x < len(row):
            if not row[x]:
                x += 1
                continue
            run = x
            while run < len(row) and row[run]:
                run += 1
            painter.fillRect((x + quiet) * module_px, (y + quiet) * module_px, (run - x) * module_px, module_px, dark)
            x = run
    painter.end()
    return image


class QrCode(QWidget):
    """A QR code at a fixed, scannable size; never scaled, so every module stays sharp."""

    def __init__(self, data: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data = ""
        self._module_px = theme.QR_MIN_MODULE_PX
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.set_data(data)

    def set_data(self, data: str) -> None:
        if data == self._data:
            return
        self._data = data
        self._module_px = module_pixels(len(qr_matrix(data)))
        side = qr_image(data, self._module_px).width()
        self.setFixedSize(side, side)
        self.update()

    @property
    def data(self) -> str:
        return self._data

    @property
    def module_px(self) -> int:
        return self._module_px

    def sizeHint(self) -> QSize:
        return self.size()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawImage(0, 0, qr_image(self._data, self._module_px))
        painter.end()
