"""The kiosk without the touchscreen: a keyboard, or the keypad on the kiosk's front (EN 301 549 5.1.6.1, WCAG 2.1.1).

    Tab, Right           next control, in reading order        Enter, Return, keypad Enter   press it
    Shift+Tab, Left      previous control                      Space                         press it (Qt's own)
    Down, Up             the control below / above; in a text that scrolls, scroll it
    Backspace, keypad -, the Back key          back (or close what is open over the screen)
    F1, keypad *, the Help key                 read aloud on / off

The keys are the ones kiosk keypads send (EZ-Access style: arrows, a green Enter, a Back key, a Help key) and
every keyboard has; kiosk/lockdown.py lets exactly these through. Focus goes round the controls of what is on top:
an overlay's own, or the screen's and the bar's, never what lies beneath. A tap never leaves a focus ring behind:
controls take focus from keys only.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractScrollArea, QScrollArea, QWidget

from kiosk import theme
from kiosk.accessibility.reading import box_in, focus_stops, in_web_view, scrolls
from kiosk.input_tap import InputTap
from kiosk.lockdown import key_allowed
from kiosk.widgets.overlay import Overlay

log = logging.getLogger(__name__)

NEXT_KEYS = frozenset({Qt.Key.Key_Tab, Qt.Key.Key_Right})
PREVIOUS_KEYS = frozenset({Qt.Key.Key_Backtab, Qt.Key.Key_Left})
DOWN_UP = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1}
PRESS_KEYS = frozenset({Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Select})
BACK_KEYS = frozenset({Qt.Key.Key_Backspace, Qt.Key.Key_Back, Qt.Key.Key_Minus})
READ_ALOUD_KEYS = frozenset({Qt.Key.Key_F1, Qt.Key.Key_Help, Qt.Key.Key_Asterisk})
KEYPAD_ONLY = frozenset({Qt.Key.Key_Minus, Qt.Key.Key_Asterisk})
KEYPAD_KEYS = NEXT_KEYS | PREVIOUS_KEYS | set(DOWN_UP) | PRESS_KEYS | BACK_KEYS | READ_ALOUD_KEYS
SCROLL_STEP = 0.4  # of the visible height, per arrow press: the next lines come into view, with some overlap
_TOUCH = frozenset({QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin})
WINDOW_EVENTS = _TOUCH | {QEvent.Type.KeyPress}


class KeypadNavigation(QObject):
    """Listens at the kiosk window (kiosk/input_tap.py): moves focus, presses, and asks for Back and read-aloud."""

    moved = Signal(QWidget)  # focus moved by a key: read-aloud says where it landed
    back_requested = Signal()
    read_aloud_requested = Signal()

    def __init__(self, window: QWidget, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else window)
        self.window = window
        self.keyboard_used = False  # since the last touch: a new screen then gets focus on its first control
        self._tap: InputTap | None = None

    def install(self, tap: InputTap | None = None) -> None:
        self._tap = tap or InputTap.of()
        self._tap.watch(self.window)
        self._tap.listen(WINDOW_EVENTS, self._window_event)
        for widget in self.window.findChildren(QWidget):
            if isinstance(widget, QAbstractButton | QAbstractScrollArea):
                _keys_only(widget)

    def uninstall(self) -> None:
        if self._tap is not None:
            self._tap.unlisten(self._window_event)
            self._tap = None

    def _window_event(self, window: QWidget, event: QEvent) -> bool:
        if window is not self.window:
            return False
        kind = event.type()
        if kind in _TOUCH:
            self.keyboard_used = False
            if isinstance(event, QMouseEvent):
                _keys_only_under(window, event.position().toPoint())
            return False
        return isinstance(event, QKeyEvent) and self._key(event)

    def top_overlay(self) -> Overlay | None:
        """What covers the window now ("Still there?", a code, the attract loop, the PIN pad), if anything."""
        shown = [child for child in self.window.children() if isinstance(child, Overlay) and child.isVisible()]
        return shown[-1] if shown else None  # children are in stacking order: the last is on top

    def stops(self) -> list[QWidget]:
        """Where focus can go now, in reading order."""
        overlay = self.top_overlay()
        if overlay is not None:
            return focus_stops(overlay)
        covers = [child for child in self.window.children() if isinstance(child, Overlay)]
        return focus_stops(self.window, skip=covers)

    def focus_first(self) -> None:
        """Focus on the first control of what is on screen (after the screen changed under a keypad user)."""
        stops = self.stops()
        if stops:
            self._focus(stops[0], announce=False)

    def _key(self, event: QKeyEvent) -> bool:
        if event.key() not in KEYPAD_KEYS or not key_allowed(event.key(), event.modifiers()):
            return False
        key = Qt.Key(event.key())
        if key in KEYPAD_ONLY and not event.modifiers() & Qt.KeyboardModifier.KeypadModifier:
            return False  # the numeric keypad's - and *, not a keyboard's hyphen or star
        self.keyboard_used = True
        if key in BACK_KEYS:
            self.back_requested.emit()
        elif key in READ_ALOUD_KEYS:
            self.read_aloud_requested.emit()
        elif key in PRESS_KEYS:
            return self._press()
        elif key in DOWN_UP:
            return self._down_up(DOWN_UP[key])
        else:
            forward = key in NEXT_KEYS and not event.modifiers() & Qt.KeyboardModifier.ShiftModifier
            self._step(1 if forward else -1)
        return True

    def _current(self, stops: list[QWidget]) -> QWidget | None:
        """The stop with focus now (for a web page: the page), or None when focus is nowhere keys can reach."""
        focused = self.window.focusWidget()
        if focused is None:
            return None
        focused = in_web_view(focused) or focused
        return focused if focused in stops else None

    def _step(self, step: int) -> None:
        stops = self.stops()
        if not stops:
            return
        current = self._current(stops)
        if current is None:
            target = stops[0] if step > 0 else stops[-1]
        else:
            target = stops[(stops.index(current) + step) % len(stops)]
        self._focus(target)

    def _down_up(self, direction: int) -> bool:
        stops = self.stops()
        current = self._current(stops)
        if current is not None and in_web_view(current) is current:
            return False  # the page scrolls itself with the arrows
        if current is not None and scrolls(current) and _scroll(current, direction):
            return True
        if current is None:
            self._step(direction)
            return True
        here = box_in(self.window, current)
        if direction > 0:
            candidates = [s for s in stops if box_in(self.window, s).top() >= here.bottom() - here.height() // 4]
        else:
            candidates = [s for s in stops if box_in(self.window, s).bottom() <= here.top() + here.height() // 4]
        candidates = [s for s in candidates if s is not current]
        if not candidates:
            self._step(direction)
            return True

        def distance(widget: QWidget) -> tuple[int, int]:
            box = box_in(self.window, widget)
            vertical = box.top() - here.bottom() if direction > 0 else here.top() - box.bottom()
            return max(0, vertical), abs(box.center().x() - here.center().x())

        target = min(candidates, key=distance)
        self._focus(target)
        return True

    def _press(self) -> bool:
        focused = self.window.focusWidget()
        if isinstance(focused, QAbstractButton) and focused.isVisible() and focused.isEnabled():
            focused.click()
            return True
        return False  # the attract loop and "Still there?" answer Enter themselves

    def _focus(self, widget: QWidget, *, announce: bool = True) -> None:
        # Not TabFocusReason: with it, a button in an exclusive group (the languages) sends focus on to the
        # group's checked button, as radio buttons do, and the keypad could never reach the other language.
        widget.setFocus(Qt.FocusReason.OtherFocusReason)
        parent = widget.parentWidget()
        while parent is not None:
            inner = parent.widget() if isinstance(parent, QScrollArea) else None
            if isinstance(parent, QScrollArea) and inner is not None and inner.isAncestorOf(widget):
                parent.ensureWidgetVisible(widget, theme.MARGIN, theme.MARGIN)
            parent = parent.parentWidget()
        if announce:
            self.moved.emit(widget)


def _keys_only(widget: QWidget) -> None:
    """Controls and texts take focus from the keypad, never from a tap: a tap leaves no focus ring behind."""
    policy = widget.focusPolicy()
    if policy & Qt.FocusPolicy.ClickFocus and policy & Qt.FocusPolicy.TabFocus and in_web_view(widget) is None:
        widget.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a web page keeps its own: it needs focus for its keys


def _keys_only_under(window: QWidget, point: QPoint) -> None:
    """Before a tap reaches a control (also one made since install(), on a screen opened later), take its click
    focus; the window itself, which takes it instead, shows no ring."""
    widget = window.childAt(point)
    while widget is not None and widget is not window:
        _keys_only(widget)
        widget = widget.parentWidget()


def _scroll(area: QWidget, direction: int) -> bool:
    """Scroll a text one step; False at its end, so the arrow moves on to the next control instead."""
    assert isinstance(area, QAbstractScrollArea)
    bar = area.verticalScrollBar()
    before = bar.value()
    bar.setValue(before + direction * max(bar.singleStep(), round(area.viewport().height() * SCROLL_STEP)))
    return bar.value() != before
