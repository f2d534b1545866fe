"""The one place that holds the kiosk's look: colours, sizes, the typeface and the style sheet."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontDatabase

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
FONT_DIR = RESOURCES / "fonts"
CITY_MARK = RESOURCES / "artwork" / "city-mark.svg"
FONT_FAMILY = "Atkinson Hyperlegible"

# Sizes in logical pixels at the 1920x1080 / 1080x1920 design size.
TOUCH_TARGET_MIN_PX = 48  # WCAG 2.5.5 and the floor; controls here are far larger
TOUCH_TARGET_MIN_MM = 9.0
# Controls stay out of the top of the screen, out of a seated visitor's reach on a tall mounting.
CONTROLS_BELOW_FRACTION = 0.25
BAR_HEIGHT = 112
BUTTON_HEIGHT = 88
SPACING = 24
MARGIN = 32
RADIUS = 16
MARK_SIZE = 72
TEXT_COLUMN_MIN = 360  # about 25 words a line at the body size: no narrower
CARD_PADDING = 16
SIDE_COLUMN_MAX_PERCENT = 60  # the take-along column never leaves the text less than 40 %
TEXT_AREA_MIN_HEIGHT = 240  # a few lines of text stay in view however many cards there are
ARTWORK_SIZE = QSize(480, 320)  # the illustrations' own proportions

QR_MIN_PX = 240
QR_MIN_MODULE_PX = 6
QR_QUIET_MODULES = 4


@dataclass(frozen=True, slots=True)
class Palette:
    """Colours by what they are for; each text colour is meant for the background named with it."""

    background: str = "#ffffff"
    text: str = "#1a1a1a"
    muted_text: str = "#4d4d4d"
    card: str = "#f2f2f2"
    card_edge: str = "#727272"
    header: str = "#cc0000"  # Utrecht red; white text on it is 5.9:1
    header_text: str = "#ffffff"
    button: str = "#24578f"  # the city's call-to-action blue
    button_text: str = "#ffffff"
    button_pressed: str = "#143252"
    button_selected: str = "#ffffff"
    button_selected_text: str = "#143252"
    bar: str = "#143252"
    tile: str = "#ffffff"
    tile_pressed: str = "#d6e4f5"  # ice blue
    tile_edge: str = "#727272"
    qr_dark: str = "#000000"
    qr_light: str = "#ffffff"


@dataclass(frozen=True, slots=True)
class TextSizes:
    """Font pixel sizes; large enough to read standing at arm's length."""

    body: int = 28
    small: int = 24
    tile_title: int = 30
    title: int = 52
    heading: int = 34
    intro: int = 40
    button: int = 28
    goal_number: int = 40


PALETTE = Palette()
TEXT = TextSizes()


@cache
def load_fonts() -> str:
    """Register the bundled typeface once; return the family name to use."""
    families: set[str] = set()
    for font_file in sorted(FONT_DIR.glob("*.woff2")):
        font_id = QFontDatabase.addApplicationFont(str(font_file))
        if font_id < 0:
            log.warning("could not load the font file %s", font_file)
            continue
        families.update(QFontDatabase.applicationFontFamilies(font_id))
    if FONT_FAMILY in families:
        return FONT_FAMILY
    log.warning("the bundled typeface is missing from %s; using the system's sans-serif", FONT_DIR)
    return "sans-serif"


def font(pixel_size: int, bold: bool = False) -> QFont:
    result = QFont(load_fonts())
    result.setPixelSize(pixel_size)
    result.setBold(bold)
    result.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
    return result


def stylesheet(palette: Palette = PALETTE, text: TextSizes = TEXT) -> str:
    """The application style sheet: every widget's look comes from here."""
    return f"""
    QWidget {{
        background: {palette.background};
        color: {palette.text};
        font-family: "{load_fonts()}";
        font-size: {text.body}px;
    }}
    QLabel {{ background: transparent; }}
    QLabel[role="title"] {{ font-size: {text.title}px; font-weight: bold; }}
    QLabel[role="intro"] {{ font-size: {text.intro}px; }}
    QLabel[role="heading"] {{ font-size: {text.heading}px; font-weight: bold; }}
    QLabel[role="subtitle"] {{ font-size: {text.heading}px; }}
    QLabel[role="muted"] {{ color: {palette.muted_text}; font-size: {text.small}px; }}
    QLabel[role="caption"] {{ font-size: {text.small}px; font-weight: bold; }}
    QLabel[role="address"] {{ font-size: {text.small}px; }}
    QWidget#Header {{ background: {palette.header}; }}
    QWidget#Header QLabel {{ color: {palette.header_text}; }}
    QWidget#BottomBar {{ background: {palette.bar}; }}
    QFrame[role="card"] {{
        background: {palette.card};
        border: 2px solid {palette.card_edge};
        border-radius: {RADIUS}px;
    }}
    QFrame[role="card"] QLabel {{ color: {palette.text}; }}
    QScrollArea, QScrollArea > QWidget > QWidget {{ background: {palette.background}; border: none; }}
    QScrollBar:vertical {{ width: 12px; background: {palette.card}; }}
    QScrollBar::handle:vertical {{ background: {palette.card_edge}; border-radius: 6px; min-height: 48px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
    QPushButton {{
        background: {palette.button};
        color: {palette.button_text};
        border: 2px solid {palette.button_text};
        border-radius: {RADIUS}px;
        font-size: {text.button}px;
        font-weight: bold;
        min-height: {BUTTON_HEIGHT}px;
        min-width: {BUTTON_HEIGHT}px;
        padding: 0 28px;
    }}
    QPushButton:pressed {{ background: {palette.button_pressed}; }}
    QPushButton:checked {{
        background: {palette.button_selected};
        color: {palette.button_selected_text};
    }}
    TopicTile {{
        background: {palette.tile};
        border: 2px solid {palette.tile_edge};
        border-radius: {RADIUS}px;
    }}
    TopicTile:pressed {{ background: {palette.tile_pressed}; }}
    TopicTile QLabel[role="tile-title"] {{ font-size: {text.tile_title}px; font-weight: bold; }}
    """
