"""Test configuration: Qt runs offscreen, the kiosk's style is applied, the shipped content is at hand."""

from __future__ import annotations

import os

# Before anything imports Qt: the tests never need a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
# Chromium's sandbox cannot run as root, and tests and CI run as root: switched off here, for the tests only
# (the kiosk never does; see the README). The kiosk started as a subprocess by a test inherits it.
if os.geteuid() == 0:
    os.environ["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
# Set, it would replace every switch given below after --webEngineArgs.
os.environ.pop("QTWEBENGINE_CHROMIUM_FLAGS", None)

import traceback
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QObject, QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.application import KioskApplication, apply_style
from kiosk.content import Content
from kiosk.content.loader import load_content
from kiosk.paths import STATE_DIR_VARIABLE
from kiosk.reader.startup import prepare_web_engine
from kiosk.render import settle
from kiosk.window import KioskWindow

# The reader's fixtures and helpers: a local web server full of escape attempts, and a reader to try them on.
pytest_plugins = ["reader_support"]

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "content.yaml"
LANDSCAPE = QSize(1920, 1080)
PORTRAIT = QSize(1080, 1920)
# QtWebEngine reads its settings when pytest-qt makes the QApplication, after these imports: kiosk:// is
# registered now, and the kiosk's own switches go on the command line, with two for the tests only.
QAPP_ARGUMENTS = [
    *prepare_web_engine(["pytest-qt-qapp"]),
    # Every host name but this machine's fails to resolve inside Chromium: no test reaches the network.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    # Chromium keeps showing the previous frame until a new page paints, and drops taps meanwhile; a test's
    # tap right after the page appeared could vanish there. The kiosk keeps it: no white flash between pages.
    "--disable-features=PaintHolding",
]


@pytest.fixture(scope="session")
def qapp_args() -> list[str]:
    return QAPP_ARGUMENTS


@pytest.fixture(scope="session")
def qapp_cls() -> type[QApplication]:
    """The kiosk's own application class, as `create_application` makes it: the lockdown asks it about quitting."""
    return KioskApplication


@pytest.fixture(autouse=True)
def _no_application_wide_event_filter(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Any test in which anything installs an event filter on the application fails, and the filter is not installed.

    With QtWebEngine in the process, PySide crashes inside such a filter (kiosk/input_tap.py, README "Known issue
    pinned around"); the kiosk listens at its windows instead. Filters on windows and widgets are fine.
    """
    offenders: list[str] = []
    install = QObject.installEventFilter

    def refuse_on_the_application(self: QObject, filter_object: QObject) -> None:
        if isinstance(self, QCoreApplication):
            caller = traceback.extract_stack(limit=2)[0]
            offenders.append(f"{type(filter_object).__name__} from {caller.filename}:{caller.lineno}")
            return
        install(self, filter_object)

    monkeypatch.setattr(QObject, "installEventFilter", refuse_on_the_application)
    yield
    assert offenders == [], "an event filter on the application crashes PySide with QtWebEngine; use InputTap"


@pytest.fixture(scope="session", autouse=True)
def _state_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """A command given no --state-dir (render keeps its check of the content there) uses a temporary folder, in
    this process and in the kiosks the tests start: never the home folder's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(STATE_DIR_VARIABLE, str(tmp_path_factory.mktemp("state")))
        yield


@pytest.fixture(scope="session", autouse=True)
def _kiosk_style(qapp: QApplication) -> None:
    apply_style(qapp)


@pytest.fixture(scope="session")
def content() -> Content:
    return load_content(SHIPPED)


@pytest.fixture
def make_window(qtbot: QtBot, qapp: QApplication, content: Content) -> Iterator[object]:
    """Build a shown kiosk window at a size, laid out and ready to grab."""

    def make(size: QSize = LANDSCAPE, shown_content: Content | None = None) -> KioskWindow:
        window = KioskWindow(shown_content or content)
        qtbot.addWidget(window)
        window.resize(size)
        with qtbot.waitExposed(window):
            window.show()
        settle(qapp)
        return window

    return make


@pytest.fixture
def window(make_window: object) -> KioskWindow:
    return make_window()  # type: ignore[operator, no-any-return]
