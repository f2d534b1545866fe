"""Turning the screen (portrait to landscape and back) while a screen is shown: everything stays in view."""

from __future__ import annotations

import pytest
from conftest import LANDSCAPE, PORTRAIT, settle
from helpers import appearance, clipped_texts
from PySide6.QtCore import QSize
from PySide6.QtWidgets import QApplication

from kiosk import theme
from kiosk.widgets.overlay import Overlay
from kiosk.window import KioskWindow


def turn(qapp: QApplication, window: KioskWindow, size: QSize) -> None:
    window.resize(size)
    settle(qapp)


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize(("first", "then"), [(PORTRAIT, LANDSCAPE), (LANDSCAPE, PORTRAIT)])
def test_the_bottom_bar_stays_on_screen_after_a_turn(
    qapp: QApplication, make_window: object, first: QSize, then: QSize, scale: float
) -> None:
    with appearance(theme.appearance(high_contrast=False, scale=scale)):
        window: KioskWindow = make_window(first)  # type: ignore[operator]
        for name in window.screen_names:  # every screen laid out at the first size, the last one in view
            window.open(name)
            settle(qapp)
        turn(qapp, window, then)
        for name in window.screen_names:
            window.open(name)
            settle(qapp)
            assert window.size() == then, f"{name}: the window no longer fits the screen"
            assert window.bar.geometry().bottom() < then.height(), name
            assert clipped_texts(window) == [], name


def test_a_side_panel_moved_into_the_text_on_a_tall_screen_gets_its_own_column_again(
    qapp: QApplication, make_window: object
) -> None:
    """At 200 % on a tall screen the codes to take along follow the text; turned wide, they have a column again."""
    with appearance(theme.appearance(high_contrast=False, scale=2.0)):
        window: KioskWindow = make_window(PORTRAIT)  # type: ignore[operator]
        window.open("europe")
        settle(qapp)
        screen = window.current_screen()
        assert screen.side_scroll is not None
        assert not screen.side.isAncestorOf(window.bar)
        turn(qapp, window, LANDSCAPE)
        assert screen.side_scroll.widget() is screen.side
        assert screen.side_scroll.isVisible()


def test_an_overlay_covers_the_whole_window_through_a_turn(qapp: QApplication, window: KioskWindow) -> None:
    """Shown, an overlay follows the window as it turns; hidden, it takes the window's size when it next shows."""
    shown, hidden = Overlay(window), Overlay(window)
    shown.open()
    turn(qapp, window, PORTRAIT)
    assert shown.geometry() == window.rect()
    hidden.open()
    assert hidden.geometry() == window.rect()
    hidden.hide()
    turn(qapp, window, LANDSCAPE)
    assert shown.geometry() == window.rect()
    hidden.show()
    assert hidden.geometry() == window.rect()
