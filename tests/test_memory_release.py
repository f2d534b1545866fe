"""Between visitors the kiosk hands freed memory back to the system (kiosk/memory.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk import cli, memory
from kiosk.lobby import Lobby
from kiosk.window import KioskWindow
from tests.test_idle import FakeContentOwner

MB = 1_000_000
REPO = Path(__file__).resolve().parent.parent


def resident() -> int:
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(memory.malloc_trim() is None, reason="glibc's malloc_trim is not there to call")
def test_freed_memory_goes_back_to_the_system() -> None:
    # Blocks of 4 KB come from the C allocator (not Python's own small-object arenas), as C++ objects do; the
    # last one stays, so the allocator cannot simply shrink its heap from the top and must trim inside it.
    blocks = [bytes(4096) + bytes([index % 256]) for index in range(20_000)]
    keeper = blocks.pop()
    before = resident()
    del blocks
    kept = resident()
    memory.release_free_memory()
    after = resident()
    assert kept - after > 40 * MB, (before, kept, after)
    assert keeper


def test_every_session_reset_releases_memory(
    qapp: QApplication, window: KioskWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[int] = []
    monkeypatch.setattr("kiosk.lobby.release_free_memory", lambda: calls.append(1))
    lobby = Lobby(qapp, FakeContentOwner(window), state_dir=tmp_path, kiosk_mode=False, environ={}, second_ms=60_000)
    try:
        lobby.attach(window)
        assert lobby.session is not None
        lobby.session.reset()
        lobby.session.reset()
        assert calls == [1, 1]
    finally:
        lobby.stop()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_kiosk_over_its_ceiling_restarts_once_it_has_run_an_hour(caplog: pytest.LogCaptureFixture) -> None:
    restarts: list[int] = []
    clock = Clock()
    ceiling = memory.MemoryCeiling(300, lambda: restarts.append(1), size=lambda: 400 * memory.MB, clock=clock)
    clock.now += 60
    assert not ceiling.check()
    assert restarts == []
    assert "started only 60 s ago" in caplog.text
    clock.now += 60
    assert not ceiling.check()
    assert caplog.text.count("started only") == 1, "said once, not after every visitor of that first hour"
    clock.now += memory.MemoryCeiling.MIN_UPTIME_S
    assert ceiling.check()
    assert restarts == [1]
    assert "above its ceiling of 300 MB" in caplog.text
    assert not ceiling.check(), "one restart asked for is enough"
    assert restarts == [1]


def test_a_kiosk_within_its_ceiling_or_of_unknown_size_keeps_running() -> None:
    restarts: list[int] = []
    clock = Clock()
    within = memory.MemoryCeiling(300, lambda: restarts.append(1), size=lambda: 300 * memory.MB, clock=clock)
    unknown = memory.MemoryCeiling(300, lambda: restarts.append(1), size=lambda: None, clock=clock)
    clock.now += 10 * memory.MemoryCeiling.MIN_UPTIME_S
    assert not within.check()
    assert not unknown.check()
    assert restarts == []


def test_the_lobby_checks_the_ceiling_after_each_release_between_visitors(
    qapp: QApplication, window: KioskWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[str] = []
    monkeypatch.setattr("kiosk.lobby.release_free_memory", lambda: steps.append("release"))
    # A ceiling of 1 MB, which any process passes, and no wait for an hour of running.
    ceiling = memory.MemoryCeiling(1, lambda: steps.append("restart"), min_uptime_s=0)
    lobby = Lobby(
        qapp,
        FakeContentOwner(window),
        state_dir=tmp_path,
        kiosk_mode=False,
        environ={},
        second_ms=60_000,
        ceiling=ceiling,
    )
    try:
        lobby.attach(window)
        assert lobby.session is not None
        assert steps == []
        lobby.session.reset()
        assert steps == ["release", "restart"]
        lobby.session.reset()
        assert steps == ["release", "restart", "release"]
    finally:
        lobby.stop()


RESTART_PROGRAM = """
import sys
from PySide6.QtCore import QCoreApplication, QTimer
from kiosk import cli
app = QCoreApplication(sys.argv)
QTimer.singleShot(0, cli._restart_for_memory)
sys.exit(app.exec())
"""


def test_a_restart_for_memory_ends_the_process_with_its_own_exit_status() -> None:
    # In a process of its own: QCoreApplication.exit() would leave this one's event loops quitting at once.
    done = subprocess.run([sys.executable, "-c", RESTART_PROGRAM], cwd=REPO, timeout=60, check=False)
    assert done.returncode == memory.EXIT_RESTART


def test_the_ceiling_is_given_in_whole_megabytes(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.build_parser().parse_args(["--restart-above", "600"]).restart_above == 600
    assert cli.build_parser().parse_args([]).restart_above is None
    for wrong in ("0", "-5", "1.5", "lots"):
        with pytest.raises(SystemExit):
            cli.build_parser().parse_args(["--restart-above", wrong])
        assert "whole number of megabytes" in capsys.readouterr().err
