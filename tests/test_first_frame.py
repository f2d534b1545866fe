"""What the real kiosk's first frame does not wait for: the modules of features that start after it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO

pytestmark = pytest.mark.e2e

# The real `python -m kiosk`, stopped at its first frame: which of these modules had been loaded by then.
PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication
from kiosk import cli
WATCHED = json.loads(sys.argv[1])
def first_frame(*args):
    print(json.dumps({name: name in sys.modules for name in WATCHED}), flush=True)
    QCoreApplication.quit()
cli._first_frame = first_frame
raise SystemExit(cli.main(sys.argv[2:]))
"""

LOADED_LATER = [
    "PySide6.QtWebEngineCore",  # the reader: with the first "Read here"
    "kiosk.admin.pin",  # the admin panel's PIN: when the lobby attaches the panel
    "kiosk.admin.panel",
    "kiosk.session.controller",  # visitor sessions
    "kiosk.accessibility.reading",  # read-aloud and the keypad's reading order
    "kiosk.accessibility.spoken",
    "kiosk.qr",  # QR codes: no screen before the first topic shows one
    "qrcode",
    "kiosk.watchdog",  # systemd's readiness and watchdog: at READY=1, after the first frame
    "socket",
    "kiosk.usage.store",  # the usage counts: their writer thread starts after the first frame
    "sqlite3",
]


def run_probe(code: str, *args: str) -> Any:
    """Runs code in a fresh offscreen Python in the repository; returns what its last line of output says in JSON."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_first_frame_waits_for_no_feature_that_starts_after_it(tmp_path: Path) -> None:
    watched = [*LOADED_LATER, "kiosk.screens.home"]  # and one that must be loaded, so the probe can fail
    loaded = run_probe(PROBE, json.dumps(watched), "--state-dir", str(tmp_path), "--speech-engine", "none")
    assert loaded == {**dict.fromkeys(LOADED_LATER, False), "kiosk.screens.home": True}


# The same, for the Python classes PySide6 has made by then (each with its enums, when first touched).
CLASSES_PROBE = """
import json, sys
from PySide6.QtCore import QCoreApplication
import PySide6.QtWidgets
from kiosk import cli
WATCHED = json.loads(sys.argv[1])
def first_frame(*args):
    print(json.dumps({name: name in vars(PySide6.QtWidgets) for name in WATCHED}), flush=True)
    QCoreApplication.quit()
cli._first_frame = first_frame
raise SystemExit(cli.main(sys.argv[2:]))
"""


def test_the_first_frame_never_asks_the_style_from_python(tmp_path: Path) -> None:
    # QStyle's Python class holds hundreds of enum members, all made when it is first touched (7.5-13 ms);
    # QPushButton must be there (the bar's buttons), so the probe can fail.
    watched = ["QStyle", "QPushButton"]
    made = run_probe(CLASSES_PROBE, json.dumps(watched), "--state-dir", str(tmp_path), "--speech-engine", "none")
    assert made == {"QStyle": False, "QPushButton": True}


CHECKING = ["yaml", "kiosk.content.loader", "kiosk.content.decoder", "kiosk.content.review"]


def test_a_start_on_content_checked_before_waits_for_no_parser_and_no_checks(tmp_path: Path) -> None:
    """The first start checks the content and keeps the result (kiosk/content_source/snapshot.py); the next start on
    the same files shows it without loading PyYAML or the checks."""
    arguments = ["--state-dir", str(tmp_path), "--speech-engine", "none"]
    first = run_probe(PROBE, json.dumps(CHECKING), *arguments)
    second = run_probe(PROBE, json.dumps(CHECKING), *arguments)
    assert first == dict.fromkeys(CHECKING, True)
    assert second == dict.fromkeys(CHECKING, False)


# The content status file (`python -m kiosk status`) is flushed to the disk at each write: after the first frame.
STATUS_PROBE = """
import json, sys
from pathlib import Path
from PySide6.QtCore import QCoreApplication
from kiosk import cli
status = Path(sys.argv[1]) / "content-status.json"
report = cli._first_frame
def first_frame(*args):
    before = status.exists()
    report(*args)
    print(json.dumps({"at_the_first_frame": before, "after_it": status.exists()}), flush=True)
    QCoreApplication.quit()
cli._first_frame = first_frame
raise SystemExit(cli.main(sys.argv[2:]))
"""


def test_the_status_file_is_written_after_the_first_frame(tmp_path: Path) -> None:
    arguments = ["--state-dir", str(tmp_path), "--speech-engine", "none"]
    written = run_probe(STATUS_PROBE, str(tmp_path), *arguments)
    assert written == {"at_the_first_frame": False, "after_it": True}
