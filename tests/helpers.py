"""What the GUI tests look for: decoded QR codes, clipped text, the controls a finger can reach."""

from __future__ import annotations

import zxingcpp
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics, QImage
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QWidget

from kiosk import payloads
from kiosk.content import Content
from kiosk.render import settle

ZERO_WIDTH_SPACE = "\u200b"


def decode_qr_codes(image: QImage) -> set[str]:
    """Every QR code a standard decoder (zxing-cpp) finds in the image."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    width, height, stride = gray.width(), gray.height(), gray.bytesPerLine()
    data = bytes(gray.constBits())
    rows = b"".join(data[y * stride : y * stride + width] for y in range(height))
    buffer = memoryview(rows).cast("B", (height, width))
    found = zxingcpp.read_barcodes(buffer, formats=zxingcpp.BarcodeFormat.QRCode)
    return {barcode.text for barcode in found if barcode.valid}


def visible_in(window: QWidget, widget: QWidget) -> bool:
    return widget.isVisibleTo(window) and widget.isVisible()


def clipped_texts(window: QWidget) -> list[str]:
    """Labels and buttons whose text does not fit the space they were given, or stick out of the window."""
    QApplication.processEvents()
    settle(QApplication.instance())  # type: ignore[arg-type]
    problems = []
    window_rect = window.rect()
    for label in window.findChildren(QLabel):
        if not label.isVisible() or not label.text():
            continue
        box = label.contentsRect()
        if label.wordWrap():
            needed = label.heightForWidth(label.width())
            if needed > label.height():
                problems.append(f"{label.text()!r}: needs {needed}px height, has {label.height()}")
        else:
            metrics = QFontMetrics(label.font())
            if metrics.horizontalAdvance(label.text()) > box.width():
                problems.append(f"{label.text()!r}: wider than its {box.width()}px")
        if not _fits_horizontally(window, label, window_rect):
            problems.append(f"{label.text()!r}: sticks out of the window sideways")
    for button in window.findChildren(QPushButton):
        if not button.isVisible():
            continue
        metrics = QFontMetrics(button.font())
        if metrics.horizontalAdvance(button.text()) > button.width() - 8:
            problems.append(f"button {button.text()!r}: text wider than the button")
        if not window_rect.contains(QRect(button.mapTo(window, QPoint(0, 0)), button.size())):
            problems.append(f"button {button.text()!r}: outside the window")
    return problems


def _fits_horizontally(window: QWidget, widget: QWidget, window_rect: QRect) -> bool:
    left = widget.mapTo(window, QPoint(0, 0)).x()
    return left >= 0 and left + widget.width() <= window_rect.width()


def controls(window: QWidget) -> list[QAbstractButton]:
    """Every button a visitor can see and tap."""
    return [button for button in window.findChildren(QAbstractButton) if button.isVisible()]


def top_in(window: QWidget, widget: QWidget) -> int:
    return widget.mapTo(window, QPoint(0, 0)).y()


def expected_codes(content: Content, name: str, language: str) -> set[str]:
    """What the QR codes on a screen should carry, built independently of the screens."""
    if name == "home":
        return set()
    if name == "contact":
        ids: tuple[str, ...] = content.contact_page.contacts
        uris: set[str] = set()
    else:
        topic = content.topic(name)
        ids = topic.contacts
        uris = {link.url for link in topic.links}
    for contact_id in ids:
        contact = content.contacts[contact_id]
        if contact.phone is not None:
            uris.add("tel:" + contact.phone.replace(" ", ""))
        else:
            subject = contact.subject[language] if contact.subject else ""
            uris.add(payloads.mailto(contact.email or "", subject).uri)
    return uris
