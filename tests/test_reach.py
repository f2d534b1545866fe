"""Reach (EN 301 549 8.3.3): every control between 380 and 1220 mm above the floor, for the kiosk's mounting.

The screens themselves are checked in tests/test_screens.py; here the band itself, and what opens over the screens.
"""

from __future__ import annotations

import pytest
from conftest import LANDSCAPE, PORTRAIT
from helpers import appearance, clipped_texts, out_of_reach
from PySide6.QtCore import QSize
from pytestqt.qtbot import QtBot

from kiosk import payloads, theme
from kiosk.accessibility import reach
from kiosk.accessibility.reach import Mounting, parse_mounting
from kiosk.admin.pin import PinLock
from kiosk.admin.pin_pad import PinPad
from kiosk.screens.attract import AttractScreen
from kiosk.session.still_there import StillThereOverlay
from kiosk.widgets.code_panel import CodeOverlay
from kiosk.window import KioskWindow

SIZES = [pytest.param(LANDSCAPE, id="landscape"), pytest.param(PORTRAIT, id="portrait")]
LOOKS = [
    pytest.param(theme.DEFAULT_APPEARANCE, id="default"),
    pytest.param(theme.appearance(high_contrast=True, scale=2.0), id="contrast-200"),
]


def test_the_lobby_screen_is_within_reach_edge_to_edge_when_wide() -> None:
    """398 mm high from 800 mm up: the top edge is at 1198 mm, under the 1220 mm limit."""
    assert reach.LOBBY.band(1920, 1080) == (0, 1080)


def test_on_its_side_the_top_of_the_lobby_screen_is_out_of_reach() -> None:
    """708 mm high from 800 mm up: the top 288 mm (781 px of 1920) are above 1220 mm."""
    assert reach.LOBBY.band(1080, 1920) == (781, 1920)


def test_a_preview_window_stands_for_the_whole_screen() -> None:
    assert reach.LOBBY.band(540, 960) == (391, 960)  # half of 781, rounded as 288 mm of 708 is


def test_a_low_mounting_keeps_controls_off_the_bottom() -> None:
    low = Mounting(lower_edge_mm=300, long_side_mm=708, short_side_mm=398)
    top, bottom = low.band(1920, 1080)
    assert top == 0
    assert bottom == round((698 - 380) * 1080 / 398)  # 80 mm at the bottom is below 380 mm


def test_the_mounting_is_given_in_millimetres() -> None:
    assert parse_mounting("750") == Mounting(lower_edge_mm=750)
    assert parse_mounting("900@398x708") == Mounting(lower_edge_mm=900, long_side_mm=708, short_side_mm=398)
    with pytest.raises(ValueError, match="800@708x398"):
        parse_mounting("tall")


@pytest.mark.parametrize("edge", ["1220", "1300"])
def test_a_screen_hung_above_every_reach_is_refused(edge: str) -> None:
    with pytest.raises(ValueError, match=f"lower edge is {edge} mm above the floor is out of every visitor's reach"):
        parse_mounting(edge)
    assert parse_mounting("1219").lower_edge_mm == 1219


def test_the_band_follows_the_configured_mounting() -> None:
    try:
        reach.configure(Mounting(lower_edge_mm=1000))
        assert reach.band(1920, 1080)[0] > 0
    finally:
        reach.configure(reach.LOBBY)
    assert reach.mounting() is reach.LOBBY


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("language", ["nl", "en"])
def test_what_opens_over_the_screen_is_within_reach(
    qtbot: QtBot, make_window: object, size: QSize, look: theme.Appearance, language: str
) -> None:
    """ "Still there?", the PIN pad and a code shown over the reader, each with its buttons in reach and
    nothing cut; the attract loop is one tap anywhere."""
    with appearance(look):
        window: KioskWindow = make_window(size)  # type: ignore[operator]
        still_there = StillThereOverlay(window)
        still_there.ask(window.content, language, 20)
        assert clipped_texts(window) == []
        assert out_of_reach(window) == [], "still there"
        still_there.hide()

        pad = PinPad(window, PinLock(None))
        pad.ask()
        assert clipped_texts(window) == []
        assert out_of_reach(window) == [], "PIN pad"
        pad.close_pad()

        code = CodeOverlay(window)
        code.show_code(
            "Deze pagina kan nu niet worden getoond", "Scan de code.", payloads.tel("14 030"), "Bel", close="Sluiten"
        )
        assert clipped_texts(window) == []
        assert out_of_reach(window) == [], "code"
        code.close_code()

        # The attract loop only ever starts after a session reset, so always in the default look.
        if look != theme.DEFAULT_APPEARANCE:
            return
        attract = AttractScreen(window, fade_ms=0)
        attract.start(window.content)
        assert clipped_texts(window) == []
        top, bottom = reach.band(window.width(), window.height())
        assert attract.geometry().contains(0, top)
        assert attract.geometry().contains(0, bottom - 1)
        attract.stop()
