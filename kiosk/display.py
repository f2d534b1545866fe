"""Tells, before Qt is started, whether there is a screen to show the kiosk on."""

from __future__ import annotations

import os
import sys
from pathlib import Path

X11_SOCKETS = Path("/tmp/.X11-unix")  # noqa: S108 - where every X server puts its socket, not a temp file
NO_DISPLAY_MESSAGE = (
    "no display found (DISPLAY and WAYLAND_DISPLAY are not set or not reachable): "
    "to preview the screens without one, run: python -m kiosk render --out preview/"
)


def display_available(environment: dict[str, str] | None = None) -> bool:
    """True when Qt can open a window; Qt itself would abort the process instead of failing."""
    env = dict(os.environ) if environment is None else environment
    if not sys.platform.startswith("linux"):
        return True
    platform = env.get("QT_QPA_PLATFORM", "")
    if platform and not platform.startswith(("xcb", "wayland")):
        return True  # offscreen, eglfs, linuxfb, vnc: no desktop session needed
    if env.get("WAYLAND_DISPLAY") and not platform.startswith("xcb"):
        runtime = Path(env.get("XDG_RUNTIME_DIR", "/run/user/0"))
        wayland = Path(env["WAYLAND_DISPLAY"])
        if (wayland if wayland.is_absolute() else runtime / wayland).exists():
            return True
    return _x_display_reachable(env.get("DISPLAY", ""))


def _x_display_reachable(display: str) -> bool:
    if not display:
        return False
    host, _, number = display.rpartition(":")
    if host not in ("", "unix"):
        return True  # a remote X server: let Qt try
    return (X11_SOCKETS / f"X{number.split('.')[0]}").exists()
