"""Contrast computed, not eyeballed: every colour pair the theme draws, in both palettes (WCAG 1.4.3, 1.4.6, 1.4.11).

The pairs are declared in kiosk/theme.py beside the palette and the style sheet that use them; a colour added to
the palette without saying what it is drawn on fails here.
"""

from __future__ import annotations

import dataclasses

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication

from kiosk import theme
from kiosk.application import apply_style
from kiosk.colour import contrast_ratio
from kiosk.render import settle
from kiosk.window import KioskWindow

PALETTES = [pytest.param(theme.PALETTE, id="default"), pytest.param(theme.HIGH_CONTRAST, id="high-contrast")]
# (text, large text): WCAG 1.4.3 by default; in high contrast 7:1 for every text, large or not (1.4.6 and more).
TEXT_MINIMUM = {id(theme.PALETTE): (4.5, 3.0), id(theme.HIGH_CONTRAST): (7.0, 7.0)}
NON_TEXT_MINIMUM = 3.0


def colour(palette: theme.Palette, field: str) -> str:
    return str(getattr(palette, field))


@pytest.mark.parametrize("palette", PALETTES)
def test_every_text_is_readable_on_its_background(palette: theme.Palette) -> None:
    """At least 4.5:1 (3:1 for large text) by default, WCAG 1.4.3; at least 7:1 in high contrast, WCAG 1.4.6."""
    normal, large = TEXT_MINIMUM[id(palette)]
    for text, background, is_large in theme.TEXT_PAIRS:
        ratio = contrast_ratio(colour(palette, text), colour(palette, background))
        assert ratio >= (large if is_large else normal), f"{text} on {background}: {ratio:.2f}:1"


@pytest.mark.parametrize("palette", PALETTES)
def test_every_control_stands_out_from_what_it_sits_on(palette: theme.Palette) -> None:
    """A control's fill or its edge is at least 3:1 against its surroundings (WCAG 1.4.11)."""
    for fill, edge, surrounding in theme.EDGE_PAIRS:
        around = colour(palette, surrounding)
        best = max(contrast_ratio(colour(palette, fill), around), contrast_ratio(colour(palette, edge), around))
        assert best >= NON_TEXT_MINIMUM, f"{fill}/{edge} on {surrounding}: {best:.2f}:1"


@pytest.mark.parametrize("palette", PALETTES)
def test_focus_changes_what_it_covers_by_at_least_3_to_1(palette: theme.Palette) -> None:
    """The focus ring, at least 4 px wider than the edge it replaces, contrasts with what was there (WCAG 2.4.13)."""
    assert theme.FOCUS_EDGE_PX - theme.EDGE_PX >= 2
    for before, focused in theme.FOCUS_PAIRS:
        ratio = contrast_ratio(colour(palette, before), colour(palette, focused))
        assert ratio >= NON_TEXT_MINIMUM, f"{before} -> {focused}: {ratio:.2f}:1"


def test_every_colour_is_declared_with_what_it_is_drawn_on() -> None:
    declared = {field for pair in theme.TEXT_PAIRS for field in pair[:2]}
    declared |= {field for triple in theme.EDGE_PAIRS for field in triple}
    declared |= {field for pair in theme.FOCUS_PAIRS for field in pair}
    # The scrim only dims what lies under a dialog (a translucent colour, no text on it); band_edge is a line.
    undeclared = {field.name for field in dataclasses.fields(theme.Palette)} - declared - {"scrim", "band_edge"}
    assert undeclared == set()


def test_qr_codes_stay_black_on_white_in_high_contrast() -> None:
    assert (theme.HIGH_CONTRAST.qr_dark, theme.HIGH_CONTRAST.qr_light) == (
        theme.PALETTE.qr_dark,
        theme.PALETTE.qr_light,
    )
    assert contrast_ratio(theme.PALETTE.qr_dark, theme.PALETTE.qr_light) == 21


@pytest.mark.parametrize("palette", PALETTES)
def test_the_screen_is_drawn_in_the_palettes_colours(
    qapp: QApplication, make_window: object, palette: theme.Palette
) -> None:
    """What the pairs above promise is what a grab of the window shows: page, bar, buttons and their text."""
    apply_style(qapp, theme.Appearance(palette))
    try:
        window: KioskWindow = make_window()  # type: ignore[operator]
        window.open("europe")
        settle(qapp)
        image = window.grab().toImage()
        button = window.bar.home

        def at(widget: object, x: int, y: int) -> str:
            point = widget.mapTo(window, QPoint(x, y))  # type: ignore[attr-defined]
            return str(image.pixelColor(point).name())

        assert at(window.current_screen().side, 4, 4) == palette.background
        assert at(window.bar, 2, window.bar.height() - 2) == palette.bar
        assert at(button, button.width() // 2, 12) == palette.button
        assert at(window.current_screen().header, 2, 2) == palette.header
        assert QColor(at(button, theme.FOCUS_EDGE_PX - 1, button.height() // 2)) == QColor(palette.button_edge)
    finally:
        apply_style(qapp)
