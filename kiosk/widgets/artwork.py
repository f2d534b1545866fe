"""Draws a content image (SVG or PNG) scaled to fit, keeping its proportions; drawn once per size, then reused."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QEvent, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPaintEvent, QPixmap, QPixmapCache
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from kiosk import theme

log = logging.getLogger(__name__)


class Artwork(QWidget):
    """An illustration that fills its box without stretching; a missing file leaves the box empty."""

    def __init__(self, path: Path, preferred: QSize, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._preferred = preferred
        self._key = str(path.resolve())
        self._svg: QSvgRenderer | None = None
        self._image: QImage | None = None
        if not path.is_file():
            pass  # a missing file is reported once, below, not by Qt's own warning
        elif path.suffix.lower() == ".svg":
            renderer = QSvgRenderer(str(path), self)
            if renderer.isValid():
                self._svg = renderer
        else:
            image = QImage(str(path))
            if not image.isNull():
                self._image = image
        if self._svg is None and self._image is None:
            log.warning("could not draw the image %s; leaving its place empty", path)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def _wanted(self) -> QSize:
        """A picture gives way to the text as it grows: at 200 % text it is drawn at half its size at most."""
        return self._preferred / theme.current().scale

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.StyleChange:  # a new text size
            self.updateGeometry()
        super().changeEvent(event)

    def sizeHint(self) -> QSize:
        return self._wanted()

    def minimumSizeHint(self) -> QSize:
        return self._wanted() / 3

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        aspect = self._preferred.height() / max(1, self._preferred.width())
        return min(self._wanted().height(), round(width * aspect))

    def _natural_size(self) -> QSize:
        if self._svg is not None:
            return self._svg.defaultSize()
        if self._image is not None:
            return self._image.size()
        return self._preferred

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._svg is None and self._image is None:
            return
        natural = self._natural_size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        picture = self._picture(natural)
        painter = QPainter(self)
        painter.drawPixmap((self.width() - natural.width()) // 2, (self.height() - natural.height()) // 2, picture)
        painter.end()

    def _picture(self, size: QSize) -> QPixmap:
        """The image drawn at this size: from Qt's pixmap cache (bounded, shared by every widget showing the
        same file at the same size) or drawn now. Drawing an SVG costs about a millisecond; a frame has 16."""
        ratio = self.devicePixelRatioF()
        key = f"kiosk-artwork:{self._key}:{size.width()}x{size.height()}@{ratio:g}"
        cached = QPixmap()
        if QPixmapCache.find(key, cached):
            return cached
        picture = QPixmap(size * ratio)
        picture.setDevicePixelRatio(ratio)
        picture.fill(Qt.GlobalColor.transparent)
        painter = QPainter(picture)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        box = QRectF(0, 0, size.width(), size.height())
        if self._svg is not None:
            self._svg.render(painter, box)
        elif self._image is not None:
            painter.drawImage(box, self._image)
        painter.end()
        QPixmapCache.insert(key, picture)
        return picture
