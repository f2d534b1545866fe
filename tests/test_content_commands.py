"""The content commands as IT staff run them: schema and status, as real processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, SHIPPED
from pytestqt.qtbot import QtBot

from kiosk.content_source.manager import ContentManager

pytestmark = pytest.mark.e2e


def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args], capture_output=True, text=True, cwd=REPO, timeout=60, check=False
    )


def test_schema_command_writes_the_committed_schema(tmp_path: Path) -> None:
    result = kiosk("schema", "--out", str(tmp_path / "schema.json"))
    assert result.returncode == 0
    assert (tmp_path / "schema.json").read_text(encoding="utf-8") == (REPO / "content.schema.json").read_text(
        encoding="utf-8"
    )


@pytest.mark.parametrize("after_the_command", [False, True])
def test_status_without_a_running_kiosk_says_so(tmp_path: Path, after_the_command: bool) -> None:
    state = ["--state-dir", str(tmp_path)]
    result = kiosk(*(["status", *state] if after_the_command else [*state, "status"]))
    assert result.returncode == 1
    assert "no kiosk has written a status" in result.stdout


def test_status_shows_the_version_on_screen_and_why_the_last_was_refused(qtbot: QtBot, tmp_path: Path) -> None:
    content = tmp_path / "share" / "content.yaml"
    (tmp_path / "share").mkdir()
    (tmp_path / "share" / "resources").symlink_to(REPO / "resources")
    content.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    manager = ContentManager(str(content), tmp_path / "state", debounce_ms=20)
    manager.start()
    version = manager.status.version
    with qtbot.waitSignal(manager.status_changed, timeout=2000, check_params_cb=lambda s: bool(s.rejected_version)):
        content.write_text(SHIPPED.read_text(encoding="utf-8").replace("    en: Back\n", ""), encoding="utf-8")
    manager.deleteLater()
    result = kiosk("--state-dir", str(tmp_path / "state"), "status")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == f"source: {content}"
    assert lines[1].startswith(f"on screen: version {version}, loaded at 20")
    assert any(line.startswith("refused: version ") for line in lines)
    assert any("'en' translation is missing" in line for line in lines)


@pytest.mark.parametrize("damage", ["[1, 2, 3]", '{"version": ', '"just text"', '{"no_such_field": 1}'])
def test_status_says_a_damaged_status_file_is_damaged(tmp_path: Path, damage: str) -> None:
    (tmp_path / "content-status.json").write_text(damage, encoding="utf-8")
    result = kiosk("status", "--state-dir", str(tmp_path))
    assert result.returncode == 1
    assert f"the status file {tmp_path / 'content-status.json'} is damaged" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr
