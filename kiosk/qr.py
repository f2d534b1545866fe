"""Draws QR codes: the matrix exactly as the qrcode package makes it, drawn sharp, dark on light."""

from __future__ import annotations

import math
import sys
from functools import lru_cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import theme

Matrix = tuple[tuple[bool, ...], ...]


@lru_cache(maxsize=128)
def qr_matrix(data: str) -> Matrix:
    """The modules of a QR code for data, error correction M, without the quiet zone.

    The same modules as qrcode.QRCode(error_correction=ERROR_CORRECT_M) + add_data + make(fit=True), found without
    qrcode's slow mask search (kiosk/qr_symbol.py).
    """
    # Loaded with the first code, not with the screens: the home screen shows none, and the kiosk starts sooner.
    from qrcode.constants import ERROR_CORRECT_M  # noqa: PLC0415

    from kiosk.qr_symbol import symbol_rows  # noqa: PLC0415

    return tuple(tuple(map("1".__eq__, row)) for row in symbol_rows(data.encode("utf-8"), ERROR_CORRECT_M))


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
    # The pixels are written out as bytes, a row of modules at a time: far quicker than painting each dark run.
    light = _pixel(theme.PALETTE.qr_light)
    light_module, dark_module = light * module_px, _pixel(theme.PALETTE.qr_dark) * module_px
    margin = light_module * quiet
    quiet_rows = light * side * module_px * quiet
    rows = [margin + b"".join([dark_module if module else light_module for module in row]) + margin for row in matrix]
    pixels = quiet_rows + b"".join(row * module_px for row in rows) + quiet_rows
    # copy(): an image made on a buffer keeps pointing into it, and this one is gone when the function returns.
    return QImage(pixels, side, side, 4 * side, QImage.Format.Format_RGB32).copy()


def _pixel(colour: str) -> bytes:
    """One Format_RGB32 pixel as it lies in memory (0xffRRGGBB, native byte order)."""
    return QColor(colour).rgb().to_bytes(4, sys.byteorder)


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
