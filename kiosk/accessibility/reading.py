"""Reading order: the order a sighted visitor reads a screen in, which the keypad and read-aloud both follow."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QLabel, QScrollBar, QWidget

from kiosk.accessibility.spoken import AddressWords, sentences
from kiosk.widgets.qr_card import QrCard

T = TypeVar("T")
WEB_VIEW = "QWebEngineView"  # by class name: QtWebEngine is never loaded for the keypad's sake


def box_in(root: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def reading_order(widgets: Iterable[QWidget], root: QWidget) -> list[QWidget]:
    """The widgets under root in the order a sighted visitor reads them."""
    return in_reading_order([(box_in(root, widget), widget) for widget in widgets])


def in_reading_order(items: Iterable[tuple[QRect, T]]) -> list[T]:
    """Top to bottom in rows, each row left to right. Boxes whose tops are close (within half the shorter one's
    height) share a row, so a row of tiles or bar buttons reads across even when their heights differ."""
    rows: list[list[tuple[QRect, T]]] = []
    for box, item in sorted(items, key=lambda pair: (pair[0].top(), pair[0].left())):
        if rows:
            row_top = rows[-1][0][0].top()
            shortest = min([other.height() for other, _ in rows[-1]] + [box.height()])
            if box.top() < row_top + max(1, shortest // 2):
                rows[-1].append((box, item))
                continue
        rows.append([(box, item)])
    return [item for row in rows for _, item in sorted(row, key=lambda pair: pair[0].left())]


def in_web_view(widget: QWidget | None) -> QWidget | None:
    """The web view widget is part of, if any (its own focus widget is a child Chromium draws into)."""
    while widget is not None:
        if widget.inherits(WEB_VIEW):
            return widget
        widget = widget.parentWidget()
    return None


def scrolls(widget: QWidget) -> bool:
    """A text area with more text than fits: a keypad stop, so its text can be moved with the arrows."""
    return isinstance(widget, QAbstractScrollArea) and widget.verticalScrollBar().maximum() > 0


def focus_stops(root: QWidget, skip: Iterable[QWidget] = ()) -> list[QWidget]:
    """What the keypad stops at under root, in reading order: enabled controls that take keyboard focus, text that
    scrolls, and a web page as one stop. Never plain text, pictures or QR codes; never what lies under skip."""
    skipped = tuple(skip)
    stops = []
    for widget in root.findChildren(QWidget):
        if not (widget.isVisible() and widget.isEnabled() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus):
            continue
        if isinstance(widget, QScrollBar) or any(widget is s or s.isAncestorOf(widget) for s in skipped):
            continue
        view = in_web_view(widget)
        if view is not None:
            if view is widget:
                stops.append(widget)
            continue
        if isinstance(widget, QAbstractScrollArea) and not scrolls(widget):
            continue
        stops.append(widget)
    return reading_order(stops, root)


def visible_text(root: QWidget, words: AddressWords, button_word: str) -> str:
    """What root shows, read in reading order: its texts, each QR card with its address said as words, and each
    button by name. For screens and overlays without a text of their own (the reader, "Still there?")."""
    parts: list[tuple[QRect, str]] = []
    cards = [card for card in root.findChildren(QrCard) if card.isVisible()]
    for widget in root.findChildren(QWidget):
        if not widget.isVisible() or any(card.isAncestorOf(widget) for card in cards):
            continue
        if isinstance(widget, QrCard):
            parts.append((box_in(root, widget), widget.spoken_text(words)))
        elif isinstance(widget, QLabel) and widget.text():
            parts.append((box_in(root, widget), widget.text()))
        elif isinstance(widget, QAbstractButton):
            parts.append((box_in(root, widget), describe(widget, button_word, words)))
    return sentences(in_reading_order(parts))


def describe(widget: QWidget, button_word: str, words: AddressWords) -> str:
    """A control as read-aloud says it: its name, what it is, and its description; a card, what it shows."""
    if isinstance(widget, QrCard):
        return widget.spoken_text(words)
    name = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
    kind = button_word if isinstance(widget, QAbstractButton) else ""
    return sentences([", ".join(part for part in (name, kind) if part), widget.accessibleDescription()])
