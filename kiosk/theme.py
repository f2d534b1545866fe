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
# Where controls may sit (within reach of a seated or standing visitor, EN 301 549 8.3) is worked out from the
# kiosk's mounting in kiosk/accessibility/reach.py, the one place for it.
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
# Overlays: "Still there?", the attract loop, the PIN pad and the admin panel.
DIALOG_WIDTH_MAX = 960  # a question card stays a readable column on a wide screen
COUNTDOWN_SIZE = 240
PIN_KEY_SIZE = 112  # well above BUTTON_HEIGHT: staff type a PIN standing, often in a hurry
ATTRACT_ARTWORK_SIZE = QSize(960, 640)
# The reader: a thin bar along the top of the page while it loads.
READER_PROGRESS_HEIGHT = 10

QR_MIN_PX = 240
QR_MIN_MODULE_PX = 6
QR_QUIET_MODULES = 4
# Keyboard focus (WCAG 2.4.7, 2.4.13): a control with focus gets a thick edge; normally the edge is thin and the
# difference is a margin, so a control keeps its size and nothing around it moves when focus arrives.
EDGE_PX = 2
FOCUS_EDGE_PX = 6
# The text sizes a visitor can choose (WCAG 1.4.4): 100 %, 150 % and 200 %.
TEXT_SCALES = (1.0, 1.5, 2.0)
# Display text (titles, the countdown, the attract loop's titles: above DISPLAY_TEXT_FROM_PX) is already huge; it
# grows with the rest, but only up to DISPLAY_TEXT_MAX_PX, so that a title still fits a header and a countdown a card.
DISPLAY_TEXT_FROM_PX = 48
DISPLAY_TEXT_MAX_PX = 104


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
    scrim: str = "rgba(20, 50, 82, 224)"  # the bar colour, mostly opaque: dims the screen behind a question
    countdown_track: str = "#d6e4f5"
    button_edge: str = "#ffffff"  # a button's edge: what sets it apart from the bar
    secondary_text: str = "#143252"  # a secondary button: text and edge on the page's own background
    secondary_edge: str = "#24578f"
    band_edge: str = ""  # a line between the header or the bar and the page; "" for none
    indicator: str = "#24578f"  # what fills: the countdown's ring, the reader's progress
    focus_fill: str = "#ffdd00"  # a control with keyboard focus: yellow with a black edge, as GOV.UK does
    focus_text: str = "#0b0c0c"
    focus_edge: str = "#0b0c0c"
    tile_focus: str = "#ffdd00"  # a home tile with keyboard focus; its own text colours stay


# What low-vision visitors most often choose on their own devices: light text on black, which also glares least,
# with yellow for what can be pressed and cyan for the keyboard focus. Every text is at least 7:1 (WCAG 1.4.6).
HIGH_CONTRAST = Palette(
    background="#000000",
    text="#ffffff",
    muted_text="#e0e0e0",
    card="#000000",
    card_edge="#ffffff",
    header="#000000",
    header_text="#ffff00",
    button="#000000",
    button_text="#ffff00",
    button_pressed="#333333",
    button_selected="#ffff00",
    button_selected_text="#000000",
    bar="#000000",
    tile="#000000",
    tile_pressed="#333333",
    tile_edge="#ffffff",
    qr_dark="#000000",  # a QR code stays black on white whatever the theme: phones expect it
    qr_light="#ffffff",
    scrim="rgba(0, 0, 0, 235)",
    countdown_track="#595959",
    button_edge="#ffff00",
    secondary_text="#ffffff",
    secondary_edge="#ffffff",
    band_edge="#ffffff",
    indicator="#ffff00",
    focus_fill="#00ffff",
    focus_text="#000000",
    focus_edge="#00ffff",
    tile_focus="#000000",
)

# Every text colour with the background it is drawn on, as the style sheet below and the widgets that paint
# themselves use them: (text, background, large text). tests/test_contrast.py checks each pair in each palette.
TEXT_PAIRS: tuple[tuple[str, str, bool], ...] = (
    ("text", "background", False),  # body text, captions, addresses, the countdown's digits
    ("muted_text", "background", False),  # hints such as "swipe for the next topic"
    ("text", "card", False),  # a card's text
    ("muted_text", "card", False),  # a disabled button
    ("header_text", "header", True),  # titles: 52 px bold and more
    ("button_text", "button", False),
    ("button_text", "button_pressed", False),
    ("button_selected_text", "button_selected", False),  # the language shown
    ("button_text", "bar", True),  # "Tap to start" on the attract loop's band
    ("text", "tile", False),
    ("muted_text", "tile", False),  # a tile's tagline
    ("text", "tile_pressed", False),
    ("muted_text", "tile_pressed", False),
    ("text", "tile_focus", False),
    ("muted_text", "tile_focus", False),
    ("secondary_text", "background", False),
    ("secondary_text", "tile_pressed", False),  # a secondary button while pressed
    ("focus_text", "focus_fill", False),
    ("qr_dark", "qr_light", False),
)
# The visible boundary of each kind of control (and card) against what it sits on (WCAG 1.4.11):
# (fill, edge, surrounding); the fill or the edge must stand out at least 3:1.
EDGE_PAIRS: tuple[tuple[str, str, str], ...] = (
    ("button", "button_edge", "background"),
    ("button", "button_edge", "card"),  # "Read here" on a card
    ("button", "button_edge", "bar"),
    ("button_selected", "button_edge", "bar"),
    ("background", "secondary_edge", "background"),
    ("tile", "tile_edge", "background"),
    ("card", "card_edge", "background"),
    ("focus_fill", "focus_edge", "background"),
    ("focus_fill", "focus_edge", "card"),
    ("focus_fill", "focus_edge", "bar"),
    ("tile_focus", "focus_edge", "background"),
    ("indicator", "indicator", "countdown_track"),  # the countdown ring against its empty part
)
# What changes when focus arrives (WCAG 2.4.13): (colour before, colour with focus); the ring that replaces the
# margin was the page, a card or the bar, and a button's face turns the focus colour.
FOCUS_PAIRS: tuple[tuple[str, str], ...] = (
    ("background", "focus_edge"),
    ("card", "focus_edge"),
    ("button", "focus_fill"),
)


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
    countdown: int = 96
    attract_title: int = 64

    def scaled(self, scale: float) -> TextSizes:
        """Every size times scale; display text grows too, up to DISPLAY_TEXT_MAX_PX, so it still fits the screen."""
        sizes = {}
        for name in self.__dataclass_fields__:
            size = getattr(self, name)
            grown = round(size * scale)
            sizes[name] = max(size, min(grown, DISPLAY_TEXT_MAX_PX)) if size > DISPLAY_TEXT_FROM_PX else grown
        return TextSizes(**sizes)


PALETTE = Palette()
TEXT = TextSizes()


@dataclass(frozen=True, slots=True)
class Appearance:
    """The look a visitor has chosen: a palette and a text scale, with the sizes that follow from the scale."""

    palette: Palette = PALETTE
    scale: float = 1.0

    @property
    def text(self) -> TextSizes:
        return _scaled_text(self.scale)

    @property
    def high_contrast(self) -> bool:
        return self.palette == HIGH_CONTRAST

    def px(self, size: int) -> int:
        """A length that holds text (a tile, a ring around a number), grown with the text."""
        return round(size * self.scale)


DEFAULT_APPEARANCE = Appearance()
_current = DEFAULT_APPEARANCE


@cache
def _scaled_text(scale: float) -> TextSizes:
    return TEXT.scaled(scale)


def appearance(*, high_contrast: bool = False, scale: float = 1.0) -> Appearance:
    if scale not in TEXT_SCALES:
        raise ValueError(f"text scale {scale} is not one of {TEXT_SCALES}")
    return Appearance(HIGH_CONTRAST if high_contrast else PALETTE, scale)


def current() -> Appearance:
    """The look on screen now, for widgets that paint themselves (the countdown ring, the goal tiles)."""
    return _current


def use(look: Appearance) -> None:
    """Make look the current one; kiosk.application.apply_style() does this with the style sheet."""
    global _current  # noqa: PLW0603 - one look per application, like the style sheet it goes with
    _current = look


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


def stylesheet(look: Appearance = DEFAULT_APPEARANCE) -> str:
    """The application style sheet: every widget's look comes from here."""
    palette, text = look.palette, look.text
    # A control's outer size never changes with focus: a thin edge inside a margin, or a thick edge instead.
    margin = FOCUS_EDGE_PX - EDGE_PX
    band_line = f"border-top: 3px solid {palette.band_edge};" if palette.band_edge else ""
    header_line = f"border-bottom: 3px solid {palette.band_edge};" if palette.band_edge else ""
    return f"""
    QWidget {{
        background: {palette.background};
        color: {palette.text};
        font-family: "{load_fonts()}";
        font-size: {text.body}px;
    }}
    QLabel {{ background: transparent; }}
    /* The window paints the page colour once; the plain containers, the stack of screens and the scroll areas
       between it and the controls are see-through: each full-screen fill costs a frame most of a millisecond. */
    .QWidget, QStackedWidget, QScrollArea, QScrollArea > QWidget > QWidget {{ background: transparent; }}
    QLabel[role="title"] {{ font-size: {text.title}px; font-weight: bold; }}
    QLabel[role="intro"] {{ font-size: {text.intro}px; }}
    QLabel[role="heading"] {{ font-size: {text.heading}px; font-weight: bold; }}
    QLabel[role="subtitle"] {{ font-size: {text.heading}px; }}
    QLabel[role="muted"] {{ color: {palette.muted_text}; font-size: {text.small}px; }}
    QLabel[role="caption"] {{ font-size: {text.small}px; font-weight: bold; }}
    QLabel[role="address"] {{ font-size: {text.small}px; }}
    QWidget#Header {{ background: {palette.header}; {header_line} }}
    QWidget#Header QLabel {{ color: {palette.header_text}; }}
    QWidget#BottomBar {{ background: {palette.bar}; {band_line} }}
    QFrame[role="card"] {{
        background: {palette.card};
        border: {EDGE_PX}px solid {palette.card_edge};
        border-radius: {RADIUS}px;
    }}
    QFrame[role="card"] QLabel {{ color: {palette.text}; }}
    QScrollArea {{ border: none; }}
    KineticScrollArea {{ border: {FOCUS_EDGE_PX}px solid transparent; }}
    KineticScrollArea:focus {{ border: {FOCUS_EDGE_PX}px solid {palette.focus_edge}; }}
    QScrollBar:vertical {{ width: 12px; background: {palette.card}; }}
    QScrollBar::handle:vertical {{ background: {palette.card_edge}; border-radius: 6px; min-height: 48px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ height: 0; }}
    QPushButton {{
        background: {palette.button};
        color: {palette.button_text};
        border: {EDGE_PX}px solid {palette.button_edge};
        margin: {margin}px;
        border-radius: {RADIUS}px;
        font-size: {text.button}px;
        font-weight: bold;
        min-height: {BUTTON_HEIGHT - 2 * margin}px;
        min-width: {BUTTON_HEIGHT - 2 * margin}px;
        padding: 0 28px;
    }}
    QPushButton:pressed {{ background: {palette.button_pressed}; }}
    QPushButton:checked {{
        background: {palette.button_selected};
        color: {palette.button_selected_text};
    }}
    /* A tile is a QPushButton without text: every QPushButton rule above is undone here. */
    TopicTile {{
        background: {palette.tile};
        color: {palette.text};
        border: {EDGE_PX}px solid {palette.tile_edge};
        margin: {margin}px;
        border-radius: {RADIUS}px;
        font-size: {text.body}px;
        font-weight: normal;
        min-height: 0;
        min-width: 0;
        padding: 0;
    }}
    TopicTile:pressed {{ background: {palette.tile_pressed}; }}
    TopicTile QLabel[role="tile-title"] {{ font-size: {text.tile_title}px; font-weight: bold; }}
    StillThereOverlay, PinPad {{ background: {palette.scrim}; }}
    CodeOverlay {{ background: {palette.scrim}; }}
    QProgressBar#ReaderProgress {{ background: {palette.background}; border: none; }}
    QProgressBar#ReaderProgress::chunk {{ background: {palette.indicator}; }}
    QFrame[role="dialog"] {{
        background: {palette.background};
        border: {EDGE_PX}px solid {palette.card_edge};
        border-radius: {RADIUS}px;
        max-width: {round(DIALOG_WIDTH_MAX * look.scale)}px;
    }}
    QFrame[role="dialog"] QLabel {{ color: {palette.text}; }}
    QWidget#AttractBand {{ background: {palette.bar}; {band_line} }}
    QWidget#AttractBand QLabel {{ color: {palette.button_text}; font-size: {text.title}px; font-weight: bold; }}
    QLabel[role="attract-title"] {{ font-size: {text.attract_title}px; font-weight: bold; }}
    QPushButton[role="secondary"] {{
        background: {palette.background};
        color: {palette.secondary_text};
        border-color: {palette.secondary_edge};
    }}
    QPushButton[role="secondary"]:pressed {{ background: {palette.tile_pressed}; }}
    QPushButton:disabled {{
        background: {palette.card};
        color: {palette.muted_text};
        border-color: {palette.card_edge};
    }}
    QPushButton:focus, QPushButton[role="secondary"]:focus {{
        background: {palette.focus_fill};
        color: {palette.focus_text};
        border: {FOCUS_EDGE_PX}px solid {palette.focus_edge};
        margin: 0;
    }}
    TopicTile:focus {{
        background: {palette.tile_focus};
        border: {FOCUS_EDGE_PX}px solid {palette.focus_edge};
        margin: 0;
    }}
    QrCard:focus {{ border: {FOCUS_EDGE_PX}px solid {palette.focus_edge}; }}
    """
