"""The environment of every measured process: Qt's offscreen platform with one 1920x1080 screen, as in the lobby,
and Python's compiled modules kept, as on an installed kiosk (`make setup` compiles the kiosk's own).

Qt's offscreen screen is 800x600 unless told otherwise (a JSON file named in QT_QPA_PLATFORM); at that size the
real kiosk's fullscreen window would paint a third of the pixels it paints in the lobby. A development machine
may set PYTHONDONTWRITEBYTECODE, and then every start compiles all of the kiosk's modules afresh (about 0.1 s):
the measured processes keep their bytecode in a cache folder of their own (PYTHONPYCACHEPREFIX) instead, outside
the repository, which the first, unmeasured round of each measurement fills.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

WIDTH, HEIGHT = 1920, 1080


def platform() -> str:
    """offscreen:configfile=... for a 1920x1080 screen; the file is written once into the temporary folder."""
    config = _temporary(f"kiosk-bench-screen-{WIDTH}x{HEIGHT}.json")
    screen = {"name": "lobby", "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT, "logicalDpi": 96, "dpr": 1}
    text = json.dumps({"screens": [screen]})
    if not config.exists() or config.read_text(encoding="utf-8") != text:
        config.write_text(text, encoding="utf-8")
    return f"offscreen:configfile={config}"


def environment() -> dict[str, str]:
    """This process's environment for a measured process: the offscreen lobby screen and Chromium as in the tests.

    As root (CI, containers) Chromium's sandbox cannot run, so it is switched off as tests/conftest.py does; the
    kiosk itself never runs as root in the lobby.
    """
    found = {**os.environ, "QT_QPA_PLATFORM": platform(), "PYTHONPYCACHEPREFIX": str(_temporary("kiosk-bench-pycache"))}
    found.pop("PYTHONDONTWRITEBYTECODE", None)
    found.pop("QTWEBENGINE_CHROMIUM_FLAGS", None)  # set, it would replace the reader's own switches
    if os.geteuid() == 0:
        found["QTWEBENGINE_DISABLE_SANDBOX"] = "1"
    return found


def use_here() -> None:
    """The same for this process: call before the QApplication exists."""
    wanted = environment()
    for name in set(os.environ) - set(wanted):
        del os.environ[name]
    os.environ.update(wanted)


def _temporary(name: str) -> Path:
    return Path(tempfile.gettempdir()) / name
