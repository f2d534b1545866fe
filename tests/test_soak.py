"""A short soak (`make soak` runs 100,000 actions): the real kiosk, a seeded random visitor, no exception escapes."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import REPO

pytestmark = pytest.mark.e2e

# 300 actions are mostly warm-up (screens built, caches filled), so memory growth is judged by `make soak` only.
SHORT = ["--actions", "300", "--seed", "7", "--progress", "0", "--max-growth-mb", "1000"]


def soak(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "tools/soak.py", *SHORT, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=600,
        check=False,
    )


def test_a_short_soak_without_chromium_passes() -> None:
    result = soak("--no-web-engine")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert "  actions                300 of 300 (seed 7)" in lines
    assert any(line.split() == ["exceptions", "0"] for line in lines)
    assert any(line.split() == ["Qt", "warnings", "0"] for line in lines)
    assert lines[-1] == "PASSED"


def test_a_short_soak_with_the_reader_passes() -> None:
    """A pointer over a page in the reader once crashed the kiosk (an application-wide event filter in PySide):
    the kiosk now listens at its windows only (kiosk/input_tap.py), and this soak taps and swipes over pages."""
    result = soak()
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert "  reader                 QtWebEngine pages" in lines
    assert any(line.split() == ["exceptions", "0"] for line in lines)
    assert lines[-1] == "PASSED"
