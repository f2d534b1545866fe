"""Test configuration: Qt runs offscreen, the kiosk's style is applied, the shipped content is at hand."""

from __future__ import annotations

import os

# Before anything imports Qt: the tests never need a display.
os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.application import apply_style
from kiosk.content import Content, load_content
from kiosk.render import settle
from kiosk.window import KioskWindow

REPO = Path(__file__).resolve().parent.parent
SHIPPED = REPO / "content.yaml"
LANDSCAPE = QSize(1920, 1080)
PORTRAIT = QSize(1080, 1920)


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
        window.show()
        qtbot.waitExposed(window)
        settle(qapp)
        return window

    return make


@pytest.fixture
def window(make_window: object) -> KioskWindow:
    return make_window()  # type: ignore[operator, no-any-return]
