"""Kiosk mode: nothing a visitor does leaves fullscreen, reaches the desktop, or opens a menu, tip or selection."""

from __future__ import annotations

import logging
from collections.abc import Callable

import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut, QWindow
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.application import KioskApplication
from kiosk.input_tap import InputTap

log = logging.getLogger(__name__)

# The only keys that reach the kiosk in kiosk mode: those the accessibility features (keyboard and
# switch access, a keypad on the kiosk's front) work with. Everything else, shortcuts included, does nothing.
ACCESSIBILITY_KEYS = frozenset(
    {
        Qt.Key.Key_Tab,
        Qt.Key.Key_Backtab,
        Qt.Key.Key_Left,
        Qt.Key.Key_Right,
        Qt.Key.Key_Up,
        Qt.Key.Key_Down,
        Qt.Key.Key_Return,
        Qt.Key.Key_Enter,
        Qt.Key.Key_Space,
        Qt.Key.Key_Select,
        # Back, and read aloud, for a keypad or keyboard (kiosk/accessibility/keypad.py): Backspace, a keypad's
        # Back key and its "-"; F1, the Help key and the keypad's "*".
        Qt.Key.Key_Backspace,
        Qt.Key.Key_Back,
        Qt.Key.Key_Minus,
        Qt.Key.Key_F1,
        Qt.Key.Key_Help,
        Qt.Key.Key_Asterisk,
    }
)
# Shift for Shift+Tab, Keypad for the same keys on a numeric keypad; Ctrl, Alt and Meta never pass.
ACCESSIBILITY_MODIFIERS = Qt.KeyboardModifier.ShiftModifier | Qt.KeyboardModifier.KeypadModifier

# What the lockdown stops at a window, before any widget or web page sees it (kiosk/input_tap.py). Qt's shortcuts
# ask the window first too (ShortcutOverride), so no shortcut fires for a key stopped here.
_KEY_EVENTS = frozenset({QEvent.Type.KeyPress, QEvent.Type.KeyRelease, QEvent.Type.ShortcutOverride})
_BUTTON_EVENTS = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonRelease, QEvent.Type.MouseButtonDblClick}
)
# Menus (the window's own, from the Menu key or a right click), "What's this?" and dropping anything onto the kiosk.
_REFUSED_EVENTS = frozenset(
    {
        QEvent.Type.ContextMenu,
        QEvent.Type.WhatsThis,
        QEvent.Type.QueryWhatsThis,
        QEvent.Type.DragEnter,
        QEvent.Type.DragMove,
        QEvent.Type.Drop,
    }
)
WINDOW_EVENTS = _KEY_EVENTS | _BUTTON_EVENTS | _REFUSED_EVENTS | {QEvent.Type.Close}
# The windows a window manager offers to close; a popup (a web page's drop-down list) closes itself when it is done.
_CLOSABLE = frozenset({Qt.WindowType.Window, Qt.WindowType.Dialog})


def key_allowed(key: int, modifiers: Qt.KeyboardModifier) -> bool:
    """True for the accessibility keys, alone or with Shift; False for every other key and chord."""
    return key in ACCESSIBILITY_KEYS and not (modifiers & ~ACCESSIBILITY_MODIFIERS)


class Lockdown(QObject):
    """Kiosk mode at every window the input tap watches, with the pointer hidden while it is on.

    Keys other than the accessibility keys, right clicks, menus, "What's this?" and drops stop at the window. A
    window that was fullscreen is made fullscreen again whenever it leaves it. A close request from the window
    manager (Alt+F4, a title bar) is refused; the application's own quit (SIGTERM, the admin panel's Exit) still
    closes the windows, because the KioskApplication knows it is quitting.

    Tips and text selection are never made rather than refused: no kiosk widget has a tip, every label is made
    without text interaction (kiosk/widgets/text.py), the reader drops a web page's tips (kiosk/reader/engine.py),
    and tests/test_lockdown.py walks every screen to keep it so.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app: QApplication | None = None
        self._tap: InputTap | None = None
        self._keepers: dict[int, _FullscreenKeeper] = {}

    @property
    def quitting(self) -> bool:
        """The application is quitting: its windows close, and stay out of fullscreen, as they are told."""
        return isinstance(self._app, KioskApplication) and self._app.quit_requested

    def install(self, app: QApplication, tap: InputTap | None = None) -> None:
        self._app = app
        self._tap = tap or InputTap.of(app)
        self._tap.listen(WINDOW_EVENTS, self._window_event)
        self._tap.window_watched.connect(self._keep_fullscreen)
        for widget in self._tap.watched():
            self._keep_fullscreen(widget)
        QApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)
        if not isinstance(app, KioskApplication):
            # Refusing would make the application's own quit give up (a window refused to close); let them through.
            log.warning("not a KioskApplication: it cannot tell its own quit from a close request, so closes pass")
        log.info("kiosk lockdown on: fullscreen kept, shortcuts, menus, tips, drops and the pointer off")

    def uninstall(self) -> None:
        if self._tap is not None:
            self._tap.unlisten(self._window_event)
            self._tap.window_watched.disconnect(self._keep_fullscreen)
            self._tap = None
            for keeper in self._keepers.values():
                keeper.stop()
            self._keepers.clear()
            QApplication.restoreOverrideCursor()
            self._app = None

    def _window_event(self, widget: QWidget, event: QEvent) -> bool:
        kind = event.type()
        if kind in _KEY_EVENTS:
            if isinstance(event, QKeyEvent) and key_allowed(event.key(), event.modifiers()):
                return False
            # Claiming the override keeps Qt's shortcut map from firing any shortcut for this key.
            event.accept()
            return True
        if kind in _BUTTON_EVENTS:
            # Qt turns a right click into a context menu, at the window or in a web page; a finger never makes one.
            return isinstance(event, QMouseEvent) and event.button() == Qt.MouseButton.RightButton
        if kind in _REFUSED_EVENTS:
            event.ignore()
            return True
        if kind == QEvent.Type.Close:
            return self._refuse_close(widget, event)
        return False

    def _refuse_close(self, widget: QWidget, event: QEvent) -> bool:
        window = widget.windowHandle()
        if self.quitting or not isinstance(self._app, KioskApplication) or window is None:
            return False
        if window.type() not in _CLOSABLE:
            return False
        log.info("refused a request to close the kiosk window from outside the kiosk")
        event.ignore()
        return True

    def _keep_fullscreen(self, widget: QWidget) -> None:
        window = widget.windowHandle()
        if window is not None and id(window) not in self._keepers:
            self._keepers[id(window)] = _FullscreenKeeper(widget, window, lambda: self.quitting)


class _FullscreenKeeper:
    """Makes one top-level widget fullscreen again after its window left fullscreen (or was minimised).

    A plain object, owned by the lockdown alone: no Qt parent that could delete it behind Python's back.
    """

    def __init__(self, widget: QWidget, window: QWindow, quitting: Callable[[], bool]) -> None:
        self._widget = widget
        self._window = window
        self._quitting = quitting
        self._state = self._window.windowStates()
        self._window.windowStateChanged.connect(self._changed)

    def stop(self) -> None:
        if shiboken6.isValid(self._window):
            self._window.windowStateChanged.disconnect(self._changed)

    def _changed(self, state: Qt.WindowState) -> None:
        was_fullscreen = bool(self._state & Qt.WindowState.WindowFullScreen)
        self._state = state
        left = not (state & Qt.WindowState.WindowFullScreen) or bool(state & Qt.WindowState.WindowMinimized)
        if was_fullscreen and left and not self._quitting() and shiboken6.isValid(self._widget):
            log.info("the kiosk window left fullscreen; making it fullscreen again")
            # After the change has been handled, and never for a window that is gone by then.
            QTimer.singleShot(0, self._widget, self._widget.showFullScreen)


def allow_developer_exit(window: QWidget, quit_app: Callable[[], None] | None = None) -> list[QShortcut]:
    """In the --windowed preview only: Ctrl+Q and Ctrl+W end the program, as developers expect."""
    sequences = [QKeySequence(QKeySequence.StandardKey.Quit), QKeySequence("Ctrl+Q"), QKeySequence("Ctrl+W")]
    # One shortcut per key: two for the same key would be ambiguous, and Qt would fire neither.
    unique = {sequence.toString(): sequence for sequence in sequences if not sequence.isEmpty()}
    shortcuts = []
    for sequence in unique.values():
        shortcut = QShortcut(sequence, window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(quit_app or QCoreApplication.quit)
        shortcuts.append(shortcut)
    return shortcuts
