"""The command line as IT staff and systemd meet it: validate, render, run; each started as a real process."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from conftest import REPO, SHIPPED
from helpers import decode_qr_codes, expected_codes
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk import cli, payloads
from kiosk.content import Content
from kiosk.lobby import Lobby
from kiosk.usage.store import SCREEN, UsageCounter
from kiosk.window import KioskWindow
from tests.test_idle import FakeContentOwner

pytestmark = pytest.mark.e2e


def kiosk(*args: str, env: dict[str, str] | None = None, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env=env,
        timeout=timeout,
        check=False,
    )


def broken_copy(tmp_path: Path, old: str, new: str) -> Path:
    """A copy of the shipped content, with its artwork, and one edit."""
    shutil.copytree(REPO / "resources", tmp_path / "resources")
    path = tmp_path / "content.yaml"
    path.write_text(SHIPPED.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    return path


def test_validate_accepts_the_shipped_content() -> None:
    result = kiosk("validate")
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip().endswith("valid: 4 topics, 3 contacts, languages nl, en")


def test_validate_lists_every_problem_as_path_line_column(tmp_path: Path) -> None:
    path = broken_copy(tmp_path, "email: publicaffairs@utrecht.nl", "email: public affairs")
    text = path.read_text(encoding="utf-8")
    line = text[: text.index("email: public affairs")].count("\n") + 1
    result = kiosk("validate", str(path))
    assert result.returncode == 1
    assert f"{path}:{line}:12: 'public affairs' is not an e-mail address" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    "data",
    [b"\x00\xff\xfe garbage", b"topics: [", b"!!python/object/apply:os.system ['true']", b"{{{{"],
)
def test_validate_never_shows_a_traceback(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "content.yaml"
    path.write_bytes(data)
    result = kiosk("validate", str(path))
    assert result.returncode == 1
    assert result.stdout.startswith(f"{path}:")
    assert "Traceback" not in result.stdout + result.stderr


def test_validate_a_missing_file() -> None:
    result = kiosk("validate", "no-such-file.yaml")
    assert result.returncode == 1
    assert "no-such-file.yaml:1:1: cannot read the file" in result.stdout


def test_render_writes_one_screen_that_a_decoder_can_read(tmp_path: Path, content: Content) -> None:
    result = kiosk("render", "--out", str(tmp_path), "--screen", "contact", "--lang", "en", "--size", "1080x1920")
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.iterdir()) == ["contact-en-1080x1920.png"]
    image = QImage(str(tmp_path / "contact-en-1080x1920.png"))
    assert (image.width(), image.height()) == (1080, 1920)
    expected = {payloads.for_contact(content.contacts[i], "en").uri for i in content.contact_page.contacts}
    assert decode_qr_codes(image) == expected
    assert "WARNING" not in result.stderr


def test_render_writes_every_screen_and_every_code_in_it_scans(tmp_path: Path, content: Content) -> None:
    result = kiosk("render", "--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    names = {path.name for path in tmp_path.iterdir()}
    screens = ["home", "healthy-urban-living", "europe", "business", "global-goals", "contact"]
    assert names == {
        f"{s}-{lang}-{size}.png" for s in screens for lang in ("nl", "en") for size in ("1920x1080", "1080x1920")
    }
    for path in sorted(tmp_path.iterdir()):
        screen, language = path.name.split("-")[:-2], path.name.split("-")[-2]
        expected = expected_codes(content, "-".join(screen), language)
        assert decode_qr_codes(QImage(str(path))) == expected, path.name


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--size", "big"], "write it as WIDTHxHEIGHT"),
        (["--screen", "nowhere"], "the screens are home, healthy-urban-living"),
        (["--lang", "fr"], "the content offers nl, en"),
        (["--size", "99999x99999"], "at most 7680 pixels a side"),
        (["--lang", ""], "--lang : the content offers nl, en"),
    ],
)
def test_render_explains_bad_arguments(tmp_path: Path, args: list[str], message: str) -> None:
    result = kiosk("render", "--out", str(tmp_path), *args)
    assert result.returncode == 1
    assert message in result.stderr


@pytest.mark.parametrize(("where", "reason"), [("a-file", "File exists"), ("a-file/inside", "Not a directory")])
def test_render_and_schema_say_in_one_line_where_they_cannot_write(tmp_path: Path, where: str, reason: str) -> None:
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    out = tmp_path / where
    rendered = kiosk("render", "--out", str(out), "--screen", "home", "--lang", "nl", "--size", "1920x1080")
    schema = kiosk("schema", "--out", str(tmp_path / "a-file" / "schema.json"))
    assert (rendered.returncode, schema.returncode) == (1, 1)
    assert f"cannot write the pictures to {out}: {reason}" in rendered.stderr
    assert "cannot write the schema to" in schema.stderr
    assert "Traceback" not in rendered.stderr + schema.stderr


def test_validate_says_which_addresses_can_hold_content() -> None:
    result = kiosk("validate", "ftp://example.com/content.yaml")
    assert result.returncode == 1
    assert "ftp:// addresses cannot hold content: give an https:// address or a file" in result.stdout


def test_without_a_display_the_kiosk_exits_2_with_one_clear_line() -> None:
    env = {
        key: value for key, value in os.environ.items() if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    result = kiosk(env=env)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no display found" in lines[0]
    assert "python -m kiosk render --out" in lines[0]


def test_broken_content_at_start_shows_the_calm_screen_then_the_fixed_content(tmp_path: Path) -> None:
    """No last good content: the kiosk still starts, logs why, and picks up the fixed file by itself."""
    path = broken_copy(tmp_path, "    en: Back\n", "")
    with RunningKiosk("--content", str(path), "--state-dir", str(tmp_path / "state")) as kiosk_process:
        kiosk_process.wait_for("the 'en' translation is missing")
        kiosk_process.wait_for("showing the 'temporarily unavailable' screen")
        kiosk_process.wait_for("first frame painted")
        path.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
        kiosk_process.wait_for("loaded from")
        kiosk_process.wait_for("visitor sessions on")  # the window the content brought has its sessions
    assert kiosk_process.returncode == 0
    assert "Traceback" not in kiosk_process.log


def test_the_three_ways_to_start_are_the_same_program() -> None:
    outputs = {
        subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=True).stdout
        for command in (
            [sys.executable, "main.py", "--version"],
            [sys.executable, "-m", "kiosk", "--version"],
            [str(Path(sys.executable).parent / "utrecht-kiosk"), "--version"],
        )
    }
    assert len(outputs) == 1
    assert outputs.pop().startswith("utrecht-kiosk ")


def test_the_real_program_starts_shows_home_and_stops_cleanly_on_sigterm(tmp_path: Path) -> None:
    """End to end: the kiosk as systemd would run it, offscreen, read through its log."""
    with RunningKiosk("--windowed", "--lang", "en", "--state-dir", str(tmp_path)) as kiosk_process:
        kiosk_process.wait_for("first frame painted")
        kiosk_process.wait_for("visitor sessions on")
    text = kiosk_process.log
    # Sessions, the admin panel and read-aloud wait for the first frame, and their modules with them.
    assert text.index("first frame painted") < text.index("visitor sessions on")
    assert kiosk_process.returncode == 0, text
    assert "kiosk 0.1.0 started" in text
    assert "languages nl, en" in text
    assert "starting in language en (--lang)" in text
    assert "showing the home screen" not in text, "a visitor's path is only logged at DEBUG"
    assert "received SIGTERM; stopping" in text
    assert "kiosk stopped" in text
    # As root (CI), the reader rightly warns that Chromium's sandbox is off; nothing else may warn.
    warnings = [line for line in text.splitlines() if " WARNING " in line and "the kiosk runs as root" not in line]
    assert warnings == [], text
    assert " ERROR " not in text, text


class RunningKiosk:
    """The real program, offscreen, as a subprocess; its log read line by line on a thread."""

    def __init__(self, *args: str) -> None:
        self.args = args
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.returncode: int | None = None

    def __enter__(self) -> RunningKiosk:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kiosk", *self.args], cwd=REPO, env=env, stderr=subprocess.PIPE, text=True
        )
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()
        return self

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            self.lines.put(line)

    def wait_for(self, text: str, timeout: float = 60) -> str:
        """Block until a log line contains text (the program's own pace, not a sleep)."""
        for line in self.seen:
            if text in line:
                return line
        while True:
            line = self.lines.get(timeout=timeout)
            self.seen.append(line)
            if text in line:
                return line

    @property
    def log(self) -> str:
        return "".join(self.seen)

    def __exit__(self, *exc: object) -> None:
        self.process.send_signal(signal.SIGTERM)
        self.returncode = self.process.wait(timeout=60)
        self.reader.join(timeout=60)
        assert self.process.stderr is not None
        self.process.stderr.close()
        while not self.lines.empty():
            self.seen.append(self.lines.get())


def test_after_the_first_frame_the_window_gets_its_sessions_counts_and_other_screens(
    qapp: QApplication, qtbot: QtBot, window: KioskWindow, tmp_path: Path
) -> None:
    """What `python -m kiosk` leaves until its first frame is painted (cli._complete) is all in place after it."""
    usage = UsageCounter(tmp_path / "usage.sqlite3")
    usage.start()
    lobby = Lobby(qapp, FakeContentOwner(window), state_dir=tmp_path, kiosk_mode=False, environ={}, second_ms=60_000)
    try:
        assert lobby.session is None
        cli._complete(lobby, usage, window)
        assert lobby.session is not None
        assert lobby.admin is not None
        qtbot.waitUntil(lambda: window.prepared)
        topic = window.content.topics[0].id
        window.open(topic)
        assert usage.flush()
        counts = {(row.kind, row.name): row.count for row in usage.snapshot().days}
        assert counts[(SCREEN, topic)] == 1
    finally:
        lobby.stop()
        usage.stop()
