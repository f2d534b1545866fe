"""Kiosk mode: no shortcut leaves the kiosk, fullscreen comes back, no menus, tips, drops, selection or pointer.

Keys, clicks and drops are delivered as the platform delivers them, to the window (QTest with the window's
QWindow, or an event sent to the QWindow), which is where the lockdown stops them.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from collections.abc import Iterator

import pytest
from conftest import REPO
from escape_server import EscapeServer
from PySide6.QtCore import QEvent, QMimeData, QObject, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QDragEnterEvent, QKeySequence, QShortcut, QWindow
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QToolTip, QWidget
from pytestqt.qtbot import QtBot
from reader_support import read, run_js

from kiosk.admin.access import AdminAccess
from kiosk.admin.panel import AdminPanel, ContentStatusView
from kiosk.admin.pin import PinLock
from kiosk.application import KioskApplication
from kiosk.content import Content
from kiosk.input_tap import InputTap
from kiosk.lockdown import ACCESSIBILITY_KEYS, Lockdown, allow_developer_exit, key_allowed
from kiosk.screens import READER
from kiosk.screens.reader import ReaderScreen
from kiosk.screens.unavailable import UnavailableScreen
from kiosk.session.controller import SessionController
from kiosk.session.idle import SessionTimings
from kiosk.window import KioskWindow

Mod = Qt.KeyboardModifier
EXITS = [
    pytest.param(Qt.Key.Key_F4, Mod.AltModifier, id="Alt+F4"),
    pytest.param(Qt.Key.Key_Q, Mod.ControlModifier, id="Ctrl+Q"),
    pytest.param(Qt.Key.Key_W, Mod.ControlModifier, id="Ctrl+W"),
    pytest.param(Qt.Key.Key_Escape, Mod.NoModifier, id="Esc"),
    pytest.param(Qt.Key.Key_F11, Mod.NoModifier, id="F11"),
]


def handle_of(widget: QWidget) -> QWindow:
    handle = widget.window().windowHandle()
    assert handle is not None
    return handle


@pytest.fixture
def kiosk(qtbot: QtBot, qapp: QApplication, content: Content) -> Iterator[tuple[KioskWindow, list[str]]]:
    """The window in kiosk mode, locked down, with every exit shortcut a toolkit or a developer might add."""
    window = KioskWindow(content)
    qtbot.addWidget(window)
    window.enter_kiosk_mode()
    qtbot.waitUntil(window.isFullScreen)
    with qtbot.waitActive(window):  # shortcuts fire only in an active window: without the lockdown, these would
        window.activateWindow()
    fired: list[str] = []
    allow_developer_exit(window, lambda: fired.append("quit"))
    for keys in ("Esc", "F11", "Alt+F4"):  # Ctrl+Q and Ctrl+W: the preview's own exit
        shortcut = QShortcut(QKeySequence(keys), window)
        shortcut.setContext(Qt.ShortcutContext.ApplicationShortcut)
        shortcut.activated.connect(lambda keys=keys: fired.append(keys))
    InputTap.of(qapp).watch(window)
    lockdown = Lockdown()
    lockdown.install(qapp)
    yield window, fired
    lockdown.uninstall()


@pytest.mark.parametrize(("key", "modifiers"), EXITS)
def test_no_shortcut_closes_or_leaves_the_kiosk(
    qtbot: QtBot, kiosk: tuple[KioskWindow, list[str]], key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    window, fired = kiosk
    QTest.keyClick(handle_of(window), key, modifiers)
    window.bar.languages["en"].setFocus()
    QTest.keyClick(handle_of(window), key, modifiers)
    assert fired == []
    assert window.isVisible()
    assert window.isFullScreen()


def test_the_preview_keeps_the_developers_exit(qtbot: QtBot, content: Content) -> None:
    """Without the lockdown (--windowed) the same keys work: the test above tests the lockdown, not the keys."""
    window = KioskWindow(content)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitActive(window):
        window.activateWindow()
    InputTap.of().watch(window)
    fired: list[str] = []
    allow_developer_exit(window, lambda: fired.append("quit"))
    QTest.keyClick(handle_of(window), Qt.Key.Key_Q, Mod.ControlModifier)
    QTest.keyClick(handle_of(window), Qt.Key.Key_W, Mod.ControlModifier)
    assert fired == ["quit", "quit"]


def test_a_close_request_from_the_window_manager_is_refused(kiosk: tuple[KioskWindow, list[str]]) -> None:
    window, _ = kiosk
    handle_of(window).close()  # what Alt+F4 or a title bar's x makes the window manager do
    assert window.isVisible()


def test_the_applications_own_quit_still_closes_the_window(
    qapp: QApplication, kiosk: tuple[KioskWindow, list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    window, _ = kiosk
    assert isinstance(qapp, KioskApplication)
    # What QCoreApplication.quit() (SIGTERM, the admin panel's Exit) leaves behind before it closes the windows;
    # the test below quits for real, in a process of its own.
    monkeypatch.setattr(qapp, "_quit_requested", True)
    assert window.close()
    assert not window.isVisible()


def test_quitting_for_real_closes_a_locked_down_window_and_ends_the_program() -> None:
    """QCoreApplication.quit() gives up if a window refuses to close: the lockdown must know it is the kiosk's own."""
    program = textwrap.dedent(
        """
        import sys
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QWidget
        from kiosk.application import create_application
        from kiosk.input_tap import InputTap
        from kiosk.lockdown import Lockdown
        from kiosk.logs import configure_logging

        configure_logging("INFO")
        app = create_application([sys.argv[0]], offscreen=True)
        window = QWidget()
        window.showFullScreen()
        InputTap.of(app).watch(window)
        Lockdown().install(app)
        window.windowHandle().close()  # the window manager's close: refused
        assert window.isVisible()
        QTimer.singleShot(0, app.quit)
        QTimer.singleShot(10_000, lambda: app.exit(5))  # the quit gave up: a window refused to close
        code = app.exec()
        print(f"exit {code}, window visible: {window.isVisible()}, quit requested: {app.quit_requested}")
        """
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, cwd=REPO, timeout=60, check=False
    )
    assert result.stdout.strip() == "exit 0, window visible: False, quit requested: True", result.stderr
    assert "refused a request to close" in result.stderr


@pytest.mark.parametrize("leave", ["showNormal", "showMaximized", "showMinimized"])
def test_fullscreen_is_reasserted_when_the_window_leaves_it(
    qtbot: QtBot, kiosk: tuple[KioskWindow, list[str]], leave: str
) -> None:
    window, _ = kiosk
    getattr(window, leave)()
    qtbot.waitUntil(lambda: window.isFullScreen() and not window.isMinimized())


def test_keys_do_nothing_but_the_accessibility_keys(qtbot: QtBot, kiosk: tuple[KioskWindow, list[str]]) -> None:
    window, _ = kiosk
    pressed: list[str] = []
    button = window.bar.languages["en"]
    button.clicked.connect(lambda: pressed.append("en"))
    button.setFocus()
    for key, modifiers in [(Qt.Key.Key_A, Mod.NoModifier), (Qt.Key.Key_Space, Mod.ControlModifier)]:
        QTest.keyClick(handle_of(window), key, modifiers)
    assert pressed == []
    QTest.keyClick(handle_of(window), Qt.Key.Key_Space)
    assert pressed == ["en"], "Space is an accessibility key: it presses the focused button"


def test_the_accessibility_keys_are_defined_once_and_never_with_ctrl_or_alt() -> None:
    assert Qt.Key.Key_Tab in ACCESSIBILITY_KEYS
    assert key_allowed(Qt.Key.Key_Tab, Mod.ShiftModifier)
    assert key_allowed(Qt.Key.Key_Enter, Mod.KeypadModifier)
    assert not key_allowed(Qt.Key.Key_Tab, Mod.AltModifier)
    assert not key_allowed(Qt.Key.Key_Return, Mod.ControlModifier)
    assert not key_allowed(Qt.Key.Key_Escape, Mod.NoModifier)
    assert not key_allowed(Qt.Key.Key_F11, Mod.NoModifier)


class Recorder(QWidget):
    """Notes every menu and drag request that reaches it."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []
        self.setAcceptDrops(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(lambda _point: self.seen.append("menu"))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        self.seen.append("drag")
        event.acceptProposedAction()


@pytest.fixture
def recorder(qtbot: QtBot, kiosk: tuple[KioskWindow, list[str]]) -> Recorder:
    """A window of its own, watched as the kiosk watches its windows, that asks for every menu and drop."""
    recorder = Recorder()
    qtbot.addWidget(recorder)
    recorder.resize(400, 300)
    recorder.show()
    with qtbot.waitActive(recorder):
        recorder.activateWindow()
    InputTap.of().watch(recorder)
    return recorder


def test_the_recorder_asks_for_menus_and_drops_without_the_lockdown(qtbot: QtBot) -> None:
    """The control for the test below: the same right click and drop reach a window that is not locked down."""
    recorder = Recorder()
    qtbot.addWidget(recorder)
    recorder.resize(400, 300)
    recorder.show()
    with qtbot.waitActive(recorder):
        recorder.activateWindow()
    handle = handle_of(recorder)
    QTest.mouseClick(handle, Qt.MouseButton.RightButton, Mod.NoModifier, recorder.rect().center())
    QApplication.sendEvent(handle, drag_enter(recorder.rect().center()))
    assert recorder.seen == ["menu", "drag"]


def drag_enter(point: QPoint) -> QDragEnterEvent:
    mime = QMimeData()
    mime.setText("dropped")
    return QDragEnterEvent(point, Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Mod.NoModifier)


def test_no_menus_or_drops_anywhere(qtbot: QtBot, recorder: Recorder) -> None:
    handle = handle_of(recorder)
    centre = recorder.rect().center()
    QTest.mouseClick(handle, Qt.MouseButton.RightButton, Mod.NoModifier, centre)
    QTest.mouseDClick(handle, Qt.MouseButton.RightButton, Mod.NoModifier, centre)
    QTest.keyClick(handle, Qt.Key.Key_Menu)
    for reason in (QContextMenuEvent.Reason.Mouse, QContextMenuEvent.Reason.Keyboard):
        QApplication.sendEvent(handle, QContextMenuEvent(reason, centre, recorder.mapToGlobal(centre)))
    drag = drag_enter(centre)
    QApplication.sendEvent(handle, drag)
    assert recorder.seen == []
    assert not drag.isAccepted()


# The offscreen platform has no window manager to raise a popup or grab the keyboard for it; a real display does.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise\\(\\)", "This plugin does not support grabbing the keyboard"
)
def test_a_popup_closes_itself_under_the_lockdown(qtbot: QtBot, kiosk: tuple[KioskWindow, list[str]]) -> None:
    """Only a window manager's close of a window is refused: a drop-down list (a popup) still closes when done."""
    popup = QWidget(None, Qt.WindowType.Popup)
    qtbot.addWidget(popup)
    popup.resize(200, 100)
    popup.show()
    qtbot.waitExposed(popup)
    InputTap.of().watch(popup)
    assert popup.close()
    assert not popup.isVisible()


def test_the_pointer_is_hidden(kiosk: tuple[KioskWindow, list[str]]) -> None:
    cursor = QApplication.overrideCursor()
    assert cursor is not None
    assert cursor.shape() == Qt.CursorShape.BlankCursor


def every_widget_a_visitor_or_staff_can_see(qtbot: QtBot, window: KioskWindow) -> list[QWidget]:
    """Every screen built, and every overlay: "Still there?", the attract loop, the PIN pad, the admin panel and
    its touch test, the reader's own parts; and the screen shown when there is no content at all."""
    for name in [*window.screen_names, READER]:
        window.screen_named(name)
    session = SessionController(window, SessionTimings(idle_ms=600_000, warning_s=20, attract_ms=600_000))
    session.still_there.ask(window.content, window.language, 20)
    session.attract.start(window.content)
    session.attract.stop()
    panel = AdminPanel(
        window,
        content_status=lambda: ContentStatusView(source="content.yaml"),
        reload_content=lambda: None,
        exit_kiosk=lambda: None,
    )
    AdminAccess(window, panel, PinLock(None), lambda: None).ask_pin()
    panel.show_panel()
    unavailable = UnavailableScreen()
    qtbot.addWidget(unavailable)
    return [window, *window.findChildren(QWidget), unavailable, *unavailable.findChildren(QWidget)]


def test_no_widget_anywhere_has_a_tip_takes_a_drop_or_lets_text_be_selected(qtbot: QtBot, window: KioskWindow) -> None:
    """What the lockdown leaves to the widgets themselves: none of them makes a tip, a drop or a selection."""
    widgets = every_widget_a_visitor_or_staff_can_see(qtbot, window)
    assert len(widgets) > 200
    assert any(isinstance(widget, ReaderScreen) for widget in widgets)
    assert [widget for widget in widgets if widget.toolTip()] == []
    assert [widget for widget in widgets if widget.acceptDrops()] == []
    labels = [widget for widget in widgets if isinstance(widget, QLabel)]
    assert labels
    selectable = [
        label.text()
        for label in labels
        if label.textInteractionFlags() != Qt.TextInteractionFlag.NoTextInteraction or label.openExternalLinks()
    ]
    assert selectable == []


class ToolTipCounter(QObject):
    """Counts the tips asked for from a widget, without stopping them."""

    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            self.count += 1
        return False


def test_a_web_pages_title_never_becomes_a_tip(qtbot: QtBot, reader: ReaderScreen, escape_server: EscapeServer) -> None:
    """A page's title="..." is the one tip the kiosk does not make itself: the reader drops it."""
    read(qtbot, reader, escape_server.page("landing"))
    run_js(qtbot, reader, 'document.body.innerHTML = \'<div title="a tip" style="position:fixed;inset:0"></div>\'')
    view = reader.view
    assert view is not None
    assert not view.acceptDrops()
    with qtbot.waitActive(reader):
        reader.activateWindow()
    target = view.focusProxy()
    counter = ToolTipCounter()
    target.installEventFilter(counter)  # runs before the reader's own filter, which was installed first
    handle = handle_of(reader)
    centre = view.mapTo(reader, view.rect().center())
    for step in range(6):  # a pointer resting on the text, as a mouse would (a finger never asks for a tip)
        QTest.mouseMove(handle, centre + QPoint(step, 0))
    qtbot.waitUntil(lambda: counter.count > 0, timeout=10_000)
    assert view.toolTip() != "", "the page did ask for its tip"
    assert not QToolTip.isVisible()
    target.removeEventFilter(counter)


def test_lifting_the_lockdown_gives_everything_back(qtbot: QtBot, qapp: QApplication) -> None:
    button = QPushButton("x")
    qtbot.addWidget(button)
    pressed: list[bool] = []
    QShortcut(QKeySequence("Ctrl+K"), button).activated.connect(lambda: pressed.append(True))
    button.show()
    with qtbot.waitActive(button):
        button.activateWindow()
    InputTap.of(qapp).watch(button)
    lockdown = Lockdown()
    lockdown.install(qapp)
    QTest.keyClick(handle_of(button), Qt.Key.Key_K, Mod.ControlModifier)
    assert pressed == [], "locked down"
    lockdown.uninstall()
    assert QApplication.overrideCursor() is None
    QTest.keyClick(handle_of(button), Qt.Key.Key_K, Mod.ControlModifier)
    assert pressed == [True]


def test_a_left_click_still_reaches_the_widget_under_the_finger(qtbot: QtBot, recorder: Recorder) -> None:
    """Left clicks are the visitor's: the lockdown lets them through the window to the button under the finger."""
    clicked: list[bool] = []
    button = QPushButton("tap", recorder)
    button.setGeometry(50, 50, 200, 100)
    button.show()
    button.clicked.connect(lambda: clicked.append(True))
    QTest.mouseClick(handle_of(recorder), Qt.MouseButton.LeftButton, Mod.NoModifier, QPoint(150, 100))
    assert clicked == [True]
