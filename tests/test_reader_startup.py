"""Starting with the reader: QtWebEngine, even its core library, waits for the home screen's first frame; unsafe
settings stop the start."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from test_cli import RunningKiosk, kiosk
from test_first_frame import run_probe

pytestmark = pytest.mark.e2e

FIRST_FRAME_PROBE = """
import json, sys
from kiosk.application import create_application
from kiosk.content.loader import load_content
app = create_application([sys.argv[0]], offscreen=True)
from kiosk.first_frame import FirstFrameWatcher
from kiosk.window import KioskWindow
window = KioskWindow(load_content("content.yaml"))
found = {}
def first_frame():
    found["core_at_first_frame"] = "PySide6.QtWebEngineCore" in sys.modules
    found["widgets_at_first_frame"] = "PySide6.QtWebEngineWidgets" in sys.modules
    found["engine_at_first_frame"] = "kiosk.reader.engine" in sys.modules
    window.reader.engine.warm_up()
    found["widgets_after_warm_up"] = "PySide6.QtWebEngineWidgets" in sys.modules
    found["reader_available"] = window.reader.engine.available
    from PySide6.QtWebEngineCore import QWebEngineUrlScheme
    found["scheme_after_warm_up"] = QWebEngineUrlScheme.schemeByName(b"kiosk").name().data().decode()
    print(json.dumps(found), flush=True)
    app.quit()
FirstFrameWatcher(window, first_frame)
window.show()
app.exec()
"""


def test_the_home_screen_appears_before_qtwebengine_is_loaded() -> None:
    found = run_probe(FIRST_FRAME_PROBE)
    assert found == {
        "core_at_first_frame": False,
        "widgets_at_first_frame": False,
        "engine_at_first_frame": False,
        "widgets_after_warm_up": True,
        "reader_available": True,
        "scheme_after_warm_up": "kiosk",
    }


def test_the_real_kiosk_leaves_qtwebengine_until_a_page_is_read(tmp_path: Path) -> None:
    """Chromium costs about 100 MB: a kiosk on which nobody reads a page never starts it."""
    with RunningKiosk("--windowed", "--state-dir", str(tmp_path), "--log-level", "DEBUG") as running:
        running.wait_for("first frame painted")
        running.wait_for("every screen is built")  # what the kiosk does after its first frame is over
    assert "the reader is ready" not in running.log
    assert running.returncode == 0, running.log


@pytest.mark.parametrize(
    ("variable", "value", "named"),
    [
        ("QTWEBENGINE_REMOTE_DEBUGGING", "9222", "QTWEBENGINE_REMOTE_DEBUGGING is set"),
        ("QTWEBENGINE_CHROMIUM_FLAGS", "--remote-debugging-port=9222", "--remote-debugging-port=9222"),
    ],
)
@pytest.mark.parametrize("command", [["--windowed"], ["render", "--screen", "home", "--size", "1920x1080"]])
def test_the_developer_tools_stop_the_kiosk_before_it_starts(
    tmp_path: Path, variable: str, value: str, named: str, command: list[str]
) -> None:
    if command[0] == "render":
        command = [*command, "--out", str(tmp_path)]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", variable: value}
    result = kiosk("--state-dir", str(tmp_path / "state"), *command, env=env)
    assert result.returncode == 3, result.stderr
    assert "refusing to start" in result.stderr
    assert named in result.stderr
    assert "first frame painted" not in result.stderr
    assert "Traceback" not in result.stderr
