"""Between visitors the kiosk hands freed memory back to the system (kiosk/memory.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk import memory
from kiosk.lobby import Lobby
from kiosk.window import KioskWindow
from tests.test_idle import FakeContentOwner

MB = 1_000_000


def resident() -> int:
    for line in Path("/proc/self/status").read_text(encoding="utf-8").splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise AssertionError("no VmRSS in /proc/self/status")


@pytest.mark.skipif(memory._TRIM is None, reason="glibc's malloc_trim is not there to call")
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
