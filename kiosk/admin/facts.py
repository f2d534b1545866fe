"""What the admin panel says about the machine: memory, screen, software versions, all in words staff can read."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import qVersion
from PySide6.QtGui import QScreen

from kiosk import __version__

PROC_STATUS = Path("/proc/self/status")


def memory_rss_bytes(status_file: Path = PROC_STATUS) -> int | None:
    """The kiosk's resident memory (VmRSS), or None where the kernel does not say (not Linux)."""
    try:
        text = status_file.read_text(encoding="ascii", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("VmRSS:"):
            parts = line.split()
            if len(parts) >= 2 and parts[1].isdigit():
                return int(parts[1]) * 1024
    return None


def format_bytes(count: int | None) -> str:
    if count is None:
        return "unknown"
    size = float(count)
    for unit in ("B", "KiB", "MiB", "GiB"):
        if size < 1024 or unit == "GiB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    raise AssertionError("unreachable")


def format_duration(seconds: float) -> str:
    """3725 -> '1 h 02 min 05 s'; days when there are any."""
    whole = max(0, int(seconds))
    days, rest = divmod(whole, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    text = f"{hours} h {minutes:02d} min {secs:02d} s"
    return f"{days} d {text}" if days else text


def describe_screen(screen: QScreen | None) -> str:
    if screen is None:
        return "unknown"
    size = screen.size()
    return (
        f"{size.width()} × {size.height()} px ({screen.name() or 'unnamed'}), "
        f"{screen.physicalDotsPerInch():.0f} dpi physical, {screen.logicalDotsPerInch():.0f} dpi logical, "
        f"device pixel ratio {screen.devicePixelRatio():g}"
    )


def software_versions() -> str:
    import platform  # noqa: PLC0415 - for the admin panel only; the start-up log line needs the rest of this module

    return f"kiosk {__version__} · Python {platform.python_version()} · Qt {qVersion()} · PySide6 {PySide6.__version__}"
