"""Faults at start-up: the real program still starts, shows what it can, says why in the log, and stops cleanly.

Each test starts the kiosk as systemd would (offscreen here) and reads its log, the way IT staff meet it.
"""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, SHIPPED
from test_cli import RunningKiosk

pytestmark = pytest.mark.e2e


def assert_stopped_cleanly(kiosk: RunningKiosk) -> None:
    assert kiosk.returncode == 0, kiosk.log
    assert "kiosk stopped" in kiosk.log
    assert "Traceback" not in kiosk.log


@pytest.fixture
def notify_socket(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[socket.socket]:
    """Where systemd would listen; the kiosk started next finds it in NOTIFY_SOCKET, with a 2 s watchdog."""
    path = tmp_path / "notify"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(str(path))
    listener.settimeout(30)
    monkeypatch.setenv("NOTIFY_SOCKET", str(path))
    monkeypatch.setenv("WATCHDOG_USEC", "2000000")
    monkeypatch.delenv("WATCHDOG_PID", raising=False)
    yield listener
    listener.close()


def messages(listener: socket.socket) -> list[str]:
    listener.setblocking(False)
    found = []
    while True:
        try:
            found.append(listener.recv(4096).decode())
        except BlockingIOError:
            return found


def test_an_unwritable_state_folder_and_systemd_readiness(tmp_path: Path, notify_socket: socket.socket) -> None:
    """Status, statistics and settings cannot be written: the kiosk says so, shows its content, and tells systemd."""
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the state folder should be", encoding="utf-8")
    state = blocker / "state"  # cannot be made, not even by root
    with RunningKiosk("--state-dir", str(state)) as kiosk:
        kiosk.wait_for("first frame painted")
        # The first word to systemd is READY=1, after the first frame; the watchdog, which systemd runs from then
        # on, is pinged at once and every second from the event loop.
        assert notify_socket.recv(4096).startswith(b"READY=1\nSTATUS=showing content version ")
        assert notify_socket.recv(4096) == b"WATCHDOG=1"
        assert notify_socket.recv(4096) == b"WATCHDOG=1"
    assert_stopped_cleanly(kiosk)
    assert "STOPPING=1" in messages(notify_socket)
    assert f"usage statistics paused: cannot write {state}" in kiosk.log
    assert kiosk.log.count(f"could not write the content status to {state}") == 1, "said once, not at every check"
    assert kiosk.log.count("could not keep the checked content") == 1
    assert "systemd watchdog on: a ping every 1000 ms" in kiosk.log
    assert "content version " in kiosk.log


def test_a_corrupt_cache_and_statistics_with_the_server_out_of_reach(tmp_path: Path) -> None:
    """Remote content, a damaged cache, a damaged statistics file and no server: the calm screen, and why."""
    state = tmp_path / "state"
    (state / "content-cache").mkdir(parents=True)
    (state / "content-cache" / "current.json").write_text('{"version": 12, "url":', encoding="utf-8")
    (state / "usage.sqlite3").write_bytes(b"\x00power cut\xff" * 400)
    # Plain http is allowed to this machine only, for tests; nothing listens on port 9 (discard).
    with RunningKiosk("--content", "http://127.0.0.1:9/content.yaml", "--state-dir", str(state)) as kiosk:
        kiosk.wait_for("first frame painted")
        kiosk.wait_for("could not be read")
    assert_stopped_cleanly(kiosk)
    assert "the content cache pointer" in kiosk.log
    assert "is damaged" in kiosk.log
    assert "usage statistics paused" in kiosk.log
    assert "file is not a database" in kiosk.log
    assert "showing the 'temporarily unavailable' screen" in kiosk.log
    # The statistics' writer opens its database after the first frame, even when that frame is the calm screen.
    assert kiosk.log.index("first frame painted") < kiosk.log.index("usage statistics paused")


def test_a_missing_content_file_with_no_cache_shows_the_calm_screen(tmp_path: Path) -> None:
    missing = tmp_path / "share" / "content.yaml"
    with RunningKiosk("--content", str(missing), "--state-dir", str(tmp_path / "state")) as kiosk:
        kiosk.wait_for("first frame painted")
    assert_stopped_cleanly(kiosk)
    assert f"{missing}: the file is missing" in kiosk.log
    assert "showing the 'temporarily unavailable' screen" in kiosk.log


def test_a_missing_image_leaves_its_place_empty_and_the_rest_is_shown(tmp_path: Path) -> None:
    share = tmp_path / "share"
    shutil.copytree(REPO / "resources", share / "resources")
    shutil.copy(SHIPPED, share / "content.yaml")
    os.remove(share / "resources" / "artwork" / "europe.svg")
    with RunningKiosk("--content", str(share / "content.yaml"), "--state-dir", str(tmp_path / "state")) as kiosk:
        kiosk.wait_for("first frame painted")
    assert_stopped_cleanly(kiosk)
    assert "'resources/artwork/europe.svg' does not exist" in kiosk.log
    assert "4 topics, languages nl, en" in kiosk.log
    assert "temporarily unavailable" not in kiosk.log
