"""What the GUI tests look for: decoded QR codes, clipped text, the controls a finger can reach."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import zxingcpp
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics, QImage, QTextLayout, QTextOption
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QPushButton, QScrollArea, QWidget

from kiosk import payloads, theme
from kiosk.accessibility import reach
from kiosk.application import apply_style
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
            problems += words_too_wide(label)
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
        # In a text that scrolls, a button may be out of view, but never out of what scrolls.
        holder = _scrolled_content(button) or window
        if not holder.rect().contains(QRect(button.mapTo(holder, QPoint(0, 0)), button.size())):
            problems.append(f"button {button.text()!r}: outside the window")
    return problems


def words_too_wide(label: QLabel) -> list[str]:
    """A word wider than its label is cut at the edge: laid out as the label wraps it (between words and after
    hyphens), no line may be wider than the label."""
    width = label.contentsRect().width()
    shown = QLabel.text(label)  # what the label draws (a TextLabel's text() is the text as set)
    layout = QTextLayout(shown, label.font())
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    widest = 0.0
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        widest = max(widest, line.naturalTextWidth())
    layout.endLayout()
    return [f"{shown!r}: a word {widest:.0f}px wide in {width}px"] if widest > width + 0.5 else []


def _scrolled_content(widget: QWidget) -> QWidget | None:
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QScrollArea):
            return parent.widget()
        parent = parent.parentWidget()
    return None


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


@contextmanager
def appearance(look: theme.Appearance) -> Iterator[None]:
    """The whole application in a look (high contrast, a text size) for the length of a test."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    apply_style(app, look)
    try:
        yield
    finally:
        apply_style(app)


def out_of_reach(window: QWidget) -> list[str]:
    """Controls outside the part of the screen a seated visitor reaches (kiosk/accessibility/reach.py).

    A control in a text that scrolls is checked where scrolling first brings all of it into view.
    """
    settle(QApplication.instance())  # type: ignore[arg-type]
    top, bottom = reach.band(window.width(), window.height())
    problems = []
    for control in controls(window):
        parent = control.parentWidget()
        while parent is not None:
            if isinstance(parent, QScrollArea):
                parent.verticalScrollBar().setValue(0)
                parent.ensureWidgetVisible(control, 0, 0)
            parent = parent.parentWidget()
        box = QRect(control.mapTo(window, QPoint(0, 0)), control.size())
        if box.top() < top or box.bottom() >= bottom:
            name = control.accessibleName() or control.text()
            problems.append(f"{name!r} at y={box.top()}..{box.bottom()}, reach {top}..{bottom - 1}")
    return problems
