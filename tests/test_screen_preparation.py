"""Screens are ready before a finger asks for them: built in idle time, and let go (then built again) when the look
changes, so that neither a tap on a tile nor a tap on high contrast waits for every screen at once."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.accessibility.features import AccessibilityFeatures
from kiosk.screens.topic import TopicScreen
from kiosk.window import KioskWindow
from tests.test_scrolling_memory import edited, enum_classes


def built(window: KioskWindow) -> set[str]:
    return {name for name in window.topic_sequence if name in window._screens}  # what is built so far


@pytest.fixture
def features(window: KioskWindow) -> Iterator[AccessibilityFeatures]:
    features = AccessibilityFeatures(window)
    yield features
    features.reset()


def test_screens_are_built_in_idle_time(qtbot: QtBot, window: KioskWindow) -> None:
    assert built(window) == set()
    window.prepare_screens()
    assert built(window) == set(), "nothing is built before the event loop is idle"
    qtbot.waitUntil(lambda: window.prepared)
    assert window.current == "home"
    screen = window.screen_named("europe")
    assert isinstance(screen, TopicScreen)
    assert screen.language == window.language, "built in the language on screen"


def test_new_content_is_prepared_as_well(qtbot: QtBot, window: KioskWindow) -> None:
    window.prepare_screens()
    qtbot.waitUntil(lambda: window.prepared)
    window.offer_content(edited(window.content, 1))
    assert built(window) == set()
    qtbot.waitUntil(lambda: window.prepared)


def test_a_new_look_lets_go_of_hidden_screens_and_builds_them_again_in_that_look(
    qtbot: QtBot, qapp: QApplication, window: KioskWindow, features: AccessibilityFeatures
) -> None:
    window.prepare_screens()
    qtbot.waitUntil(lambda: window.prepared)
    window.open("business")
    shown = window.current_screen()
    default_title = shown.header.title.palette().windowText().color()
    features.appearance.set_high_contrast(True)
    assert window.current_screen() is shown, "the screen in view stays, restyled in place"
    assert built(window) == {"business"}
    qtbot.waitUntil(lambda: window.prepared)
    window.open("europe")
    rebuilt_title = window.current_screen().header.title.palette().windowText().color()
    assert rebuilt_title == shown.header.title.palette().windowText().color() != default_title


def test_looks_changed_again_and_again_build_no_new_scroll_areas(
    qtbot: QtBot, window: KioskWindow, features: AccessibilityFeatures
) -> None:
    for _ in range(2):  # the most screens the window ever holds, built once
        features.appearance.toggle_high_contrast()
        qtbot.waitUntil(lambda: window.prepared)
    before = enum_classes()
    for _ in range(10):
        features.appearance.toggle_high_contrast()
        qtbot.waitUntil(lambda: window.prepared)
    assert enum_classes() == before
