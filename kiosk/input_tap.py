"""The one place the kiosk listens to raw input: an event filter on each top-level window, never on the application.

Raw input (touch, mouse, tablet, keys, the wheel) reaches a top-level QWindow before any widget, the reader's web
view included, so a filter on the window sees everything a visitor does, and can stop it there.

Why not one filter on the application: PySide6 (6.9, 6.10 and 6.11 alike) crashes when a Python application-wide
event filter sees an object that has no Python wrapper yet. To make one, PySide sets a dynamic property on the
object; that sends a DynamicPropertyChange event through the application's filters again, into PySide again, and
the process ends with a segmentation fault. QtWebEngine's internal QtQuick objects meet that the first time the
page gets focus or a pointer moves over it (README, "Known issue pinned around"). A filter on a window only ever
sees that window, whose wrapper the tap holds from the moment it starts watching it.
"""

from __future__ import annotations

import logging
import sys
import weakref
from collections.abc import Callable, Iterable

import shiboken6
from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtGui import QWindow
from PySide6.QtWidgets import QApplication, QWidget

log = logging.getLogger(__name__)

# Every way a visitor (or a keyboard-using visitor, or staff with a mouse) shows they are there.
INPUT_EVENTS = frozenset(
    {
        QEvent.Type.MouseButtonPress,
        QEvent.Type.MouseButtonRelease,
        QEvent.Type.MouseButtonDblClick,
        QEvent.Type.MouseMove,
        QEvent.Type.Wheel,
        QEvent.Type.KeyPress,
        QEvent.Type.KeyRelease,
        QEvent.Type.TouchBegin,
        QEvent.Type.TouchUpdate,
        QEvent.Type.TouchEnd,
        QEvent.Type.TabletPress,
        QEvent.Type.TabletMove,
        QEvent.Type.TabletRelease,
    }
)

# Told the top-level widget whose window received the event, and the event; True stops the event at the window.
Listener = Callable[[QWidget, QEvent], bool]


class InputTap(QObject):
    """One Python event filter per top-level window, handing the window's events to the kiosk's listeners.

    Windows are watched when the kiosk creates them (`watch`, from the shell and the lobby) and, as a safety net,
    whenever a top-level widget's window takes the focus (a web page's drop-down list, a window nobody announced).
    Every listener sees every event of the kinds it asked for, in the order the listeners were added, even one an
    earlier listener stops: the idle watcher counts a refused key as a visitor being there all the same.
    """

    window_watched = Signal(QWidget)  # the top-level widget whose window is watched from now on

    _shared: InputTap | None = None

    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else app)
        # Keyed by id() of the window's wrapper, which this dict keeps alive: a filter's `watched` is then always
        # an object PySide already knows. Each widget comes with a way to reach it (see `_reach`).
        self._windows: dict[int, tuple[QWindow, Callable[[], QWidget | None]]] = {}
        self._listeners: list[tuple[frozenset[QEvent.Type], Listener]] = []
        self._kinds: frozenset[QEvent.Type] = frozenset()
        app.focusWindowChanged.connect(self._focus_moved)

    @classmethod
    def of(cls, app: QApplication | None = None) -> InputTap:
        """The application's tap, made the first time it is asked for: one filter per window, however many listen."""
        if cls._shared is None or not shiboken6.isValid(cls._shared):
            instance = app or QApplication.instance()
            assert isinstance(instance, QApplication), "create the QApplication first"
            cls._shared = cls(instance)
        return cls._shared

    def watch(self, widget: QWidget) -> None:
        """Watch the window of widget's top-level widget (made now if it has none yet); once is enough."""
        top = widget.window()
        window = top.windowHandle()
        if window is None:
            top.winId()  # makes the QWindow; showing the widget later uses this one
            window = top.windowHandle()
        assert window is not None, "a top-level widget has a window once it has a window id"
        self._forget_destroyed()
        if id(window) in self._windows:
            return
        window.installEventFilter(self)
        self._windows[id(window)] = (window, _reach(top))
        log.debug("listening to the input of the %s window", type(top).__name__)
        self.window_watched.emit(top)

    def watched(self) -> list[QWidget]:
        """The top-level widgets whose windows are watched."""
        self._forget_destroyed()
        return [widget for _, ref in self._windows.values() if (widget := ref()) is not None]

    def listen(self, kinds: Iterable[QEvent.Type], listener: Listener) -> None:
        """Call listener for every event of these kinds that reaches a watched window."""
        self._listeners.append((frozenset(kinds), listener))
        self._update_kinds()

    def unlisten(self, listener: Listener) -> None:
        self._listeners = [(kinds, known) for kinds, known in self._listeners if known != listener]
        self._update_kinds()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind not in self._kinds:
            return False
        entry = self._windows.get(id(watched))
        widget = entry[1]() if entry is not None and entry[0] is watched else None
        if widget is None:
            return False
        stop = False
        for kinds, listener in list(self._listeners):
            if kind not in kinds:
                continue
            try:
                stop = listener(widget, event) or stop
            except Exception as error:
                # Reported as PySide reports an error in any event handler (to the crash guard), and the
                # listeners after this one still run: a bug in one must not let a key past the lockdown.
                sys.excepthook(type(error), error, error.__traceback__)
        return stop

    def _update_kinds(self) -> None:
        self._kinds = frozenset().union(*(kinds for kinds, _ in self._listeners))

    def _forget_destroyed(self) -> None:
        gone = [key for key, (window, ref) in self._windows.items() if not _alive(window, ref())]
        for key in gone:
            del self._windows[key]

    def _focus_moved(self, window: QWindow | None) -> None:
        """The safety net: a top-level widget's window that took the focus is watched, announced or not."""
        if window is None or id(window) in self._windows:
            return
        for widget in QApplication.topLevelWidgets():
            if widget.windowHandle() is window:
                log.debug("listening to the input of a %s window that took the focus", widget.metaObject().className())
                self.watch(widget)
                return


def _reach(widget: QWidget) -> Callable[[], QWidget | None]:
    """A widget Python owns is only referred to, so that its owner still decides how long it lives; the wrapper of
    a widget Qt made (a web page's drop-down list) is kept, for nothing else keeps it while the widget is open."""
    if shiboken6.ownedByPython(widget):
        return weakref.ref(widget)
    return lambda: widget


def _alive(window: QWindow, widget: QWidget | None) -> bool:
    if widget is None or not shiboken6.isValid(window) or not shiboken6.isValid(widget):
        return False
    return widget.windowHandle() is window
