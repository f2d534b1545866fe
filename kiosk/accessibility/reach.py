"""Where on the screen a visitor can reach: the part 380 mm to 1220 mm above the floor (EN 301 549 8.3.3).

The kiosk works it out from how it is mounted: the height of the screen's lower edge above the floor and the
panel's size. The defaults are the lobby's: a 32-inch 16:9 panel (708 x 398 mm) whose lower edge is 800 mm above
the floor, standing wide (landscape) or turned on its side (portrait). Landscape is then within reach from edge to
edge; in portrait the top 40 % is out of a seated visitor's reach, so nothing there may need a touch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# EN 301 549 8.3.3.1.1 / 8.3.3.1.2 (unobstructed forward reach) and 8.3.3.2.1 / 8.3.3.2.2 (side reach).
REACH_LOW_MM = 380
REACH_HIGH_MM = 1220


@dataclass(frozen=True, slots=True)
class Mounting:
    """How the screen hangs: its lower edge above the floor, and its panel's size with the long side across."""

    lower_edge_mm: float = 800
    long_side_mm: float = 708
    short_side_mm: float = 398
    reach_low_mm: float = REACH_LOW_MM
    reach_high_mm: float = REACH_HIGH_MM

    def __post_init__(self) -> None:
        if min(self.long_side_mm, self.short_side_mm) <= 0:
            raise ValueError("a screen's size must be more than 0 mm each way")
        if self.reach_low_mm >= self.reach_high_mm:
            raise ValueError("the reach range must run from low to high")
        if self.lower_edge_mm >= self.reach_high_mm:
            raise ValueError(
                f"a screen whose lower edge is {self.lower_edge_mm:g} mm above the floor is out of every visitor's "
                f"reach ({self.reach_low_mm:g}-{self.reach_high_mm:g} mm): mount it lower"
            )

    def height_mm(self, portrait: bool) -> float:
        """The screen's height: its long side when it stands on its side."""
        return self.long_side_mm if portrait else self.short_side_mm

    def band(self, width_px: int, height_px: int) -> tuple[int, int]:
        """The rows of pixels (top, bottom; top inclusive, bottom exclusive) within reach on a screen this size.

        A window smaller than the screen (the preview) stands for the whole screen, scaled down.
        """
        height_mm = self.height_mm(portrait=height_px > width_px)
        px_per_mm = height_px / height_mm
        top_edge_mm = self.lower_edge_mm + height_mm
        top = (top_edge_mm - min(self.reach_high_mm, top_edge_mm)) * px_per_mm
        bottom = (top_edge_mm - max(self.reach_low_mm, self.lower_edge_mm)) * px_per_mm
        return min(height_px, max(0, round(top))), max(0, min(height_px, round(bottom)))

    def describe(self) -> str:
        return (
            f"screen's lower edge {self.lower_edge_mm:g} mm above the floor, panel {self.long_side_mm:g} x "
            f"{self.short_side_mm:g} mm, reach {self.reach_low_mm:g}-{self.reach_high_mm:g} mm"
        )


LOBBY = Mounting()
_mounting = LOBBY


def mounting() -> Mounting:
    """The mounting the kiosk was started with (kiosk --mounting), or the lobby's."""
    return _mounting


def configure(new: Mounting) -> None:
    global _mounting  # noqa: PLW0603 - one screen, mounted once, for the whole program
    _mounting = new


def band(width_px: int, height_px: int) -> tuple[int, int]:
    """The rows within reach on a screen (or preview window) of this size, for the configured mounting."""
    return _mounting.band(width_px, height_px)


_SPEC = re.compile(r"(?P<edge>\d+(?:\.\d+)?)(?:@(?P<long>\d+(?:\.\d+)?)x(?P<short>\d+(?:\.\d+)?))?")


def parse_mounting(text: str) -> Mounting:
    """'800' (the lower edge in mm) or '800@708x398' (and the panel's long and short side in mm)."""
    match = _SPEC.fullmatch(text.strip())
    if match is None:
        raise ValueError(
            f"{text!r}: give the screen's lower edge above the floor in mm, optionally with the panel's size: "
            "800 or 800@708x398"
        )
    if match["long"] is None:
        return Mounting(lower_edge_mm=float(match["edge"]))
    long_side, short_side = sorted((float(match["long"]), float(match["short"])), reverse=True)
    return Mounting(lower_edge_mm=float(match["edge"]), long_side_mm=long_side, short_side_mm=short_side)
