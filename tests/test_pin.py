"""The admin PIN: hashed with a salt, compared in constant time, stored 0600, locked after five wrong tries."""

from __future__ import annotations

import io
import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from kiosk.admin.pin import (
    LOCKOUT_S,
    MAX_WRONG_PINS,
    PIN_HASH_VARIABLE,
    PinError,
    PinLock,
    Verdict,
    hash_pin,
    load_pin_hash,
    save_pin_hash,
    verify_pin,
)
from kiosk.admin.set_pin import set_pin

# The kiosk's own cost (about 50 ms a check) once; the lowest cost where a test checks many PINs.
HASH_1234 = hash_pin("1234")
CHEAP_1234 = hash_pin("1234", log2_n=10)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_hash_verifies_the_pin_and_nothing_else() -> None:
    assert HASH_1234.startswith("$scrypt$ln=14,r=8,p=1$")
    assert "1234" not in HASH_1234.split("$", 4)[-1]
    assert verify_pin("1234", HASH_1234)
    assert not verify_pin("1235", HASH_1234)
    assert not verify_pin("12345", CHEAP_1234)
    assert not verify_pin("", CHEAP_1234)


def test_the_same_pin_gets_a_new_salt_every_time() -> None:
    assert hash_pin("1234", log2_n=10) != CHEAP_1234


def test_a_cheaper_hash_says_so_and_still_verifies() -> None:
    assert CHEAP_1234.startswith("$scrypt$ln=10,")
    assert verify_pin("1234", CHEAP_1234)
    with pytest.raises(ValueError, match="log2_n"):
        hash_pin("1234", log2_n=30)


@pytest.mark.parametrize("pin", ["123", "12a4", "1234567890123", "１２３４", " 1234", ""])
def test_a_pin_the_pad_cannot_type_or_too_short_is_refused(pin: str) -> None:
    with pytest.raises(PinError):
        hash_pin(pin)


@pytest.mark.parametrize(
    "stored",
    [
        "1234",
        "$pbkdf2$whatever",
        "$scrypt$ln=14,r=8,p=1$c2FsdHNhbHQ$!!!",
        "$scrypt$ln=30,r=8,p=1$c2FsdHNhbHRzYWx0$" + "A" * 43,  # a gigabyte of memory: refused
        "$scrypt$ln=14,r=8,p=1$c2FsdHNhbHRzYWx0$QUJD",  # a key of the wrong length
    ],
)
def test_a_damaged_or_foreign_hash_is_refused_with_what_to_do(stored: str) -> None:
    with pytest.raises(PinError, match="set-pin"):
        verify_pin("1234", stored)


def test_five_wrong_pins_lock_for_a_minute_then_it_opens_again() -> None:
    clock = FakeClock()
    lock = PinLock(CHEAP_1234, clock=clock)
    for _ in range(MAX_WRONG_PINS - 1):
        assert lock.try_pin("0000") is Verdict.WRONG
    assert lock.try_pin("0000") is Verdict.LOCKED
    assert lock.try_pin("1234") is Verdict.LOCKED, "not even the right PIN while locked"
    clock.now += LOCKOUT_S - 1
    assert lock.locked_for() == pytest.approx(1)
    assert lock.try_pin("1234") is Verdict.LOCKED
    clock.now += 1
    assert lock.locked_for() == 0
    assert lock.try_pin("1234") is Verdict.ACCEPTED


def test_the_right_pin_clears_the_count_of_wrong_ones() -> None:
    lock = PinLock(CHEAP_1234, clock=FakeClock())
    for _ in range(MAX_WRONG_PINS - 1):
        lock.try_pin("0000")
    assert lock.try_pin("1234") is Verdict.ACCEPTED
    for _ in range(MAX_WRONG_PINS - 1):
        assert lock.try_pin("0000") is Verdict.WRONG


def test_without_a_pin_nothing_opens_the_panel() -> None:
    lock = PinLock(None, clock=FakeClock())
    assert not lock.configured
    assert lock.try_pin("1234") is Verdict.WRONG


def test_the_settings_file_is_written_atomically_for_its_owner_only(tmp_path: Path) -> None:
    settings = tmp_path / "state" / "admin.json"
    settings.parent.mkdir()
    settings.write_text(json.dumps({"pin_hash": "old", "other": 1}), encoding="utf-8")
    save_pin_hash(settings, HASH_1234)
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    assert json.loads(settings.read_text(encoding="utf-8")) == {"pin_hash": HASH_1234, "other": 1}
    assert [path.name for path in settings.parent.iterdir()] == ["admin.json"], "no temporary file left behind"
    assert load_pin_hash(settings, environ={}) == HASH_1234


def test_the_environment_variable_comes_before_the_file(tmp_path: Path) -> None:
    settings = tmp_path / "admin.json"
    other = hash_pin("987654", log2_n=10)
    save_pin_hash(settings, HASH_1234)
    assert load_pin_hash(settings, environ={PIN_HASH_VARIABLE: other}) == other
    with pytest.raises(PinError, match=PIN_HASH_VARIABLE):
        load_pin_hash(settings, environ={PIN_HASH_VARIABLE: "1234"})


def test_no_file_means_no_pin_and_a_damaged_file_says_where(tmp_path: Path) -> None:
    settings = tmp_path / "admin.json"
    assert load_pin_hash(settings, environ={}) is None
    settings.write_text("{not json", encoding="utf-8")
    with pytest.raises(PinError, match=f"{settings}: the admin settings are damaged .*run set-pin again"):
        load_pin_hash(settings, environ={})


def test_a_state_folder_that_cannot_be_read_is_not_blamed_on_the_pin(tmp_path: Path) -> None:
    """set-pin could not help there: it names the folder and the environment variable instead."""
    blocker = tmp_path / "a-file"
    blocker.write_text("a file where the state folder should be", encoding="utf-8")
    with pytest.raises(PinError, match="make the kiosk's state folder readable") as raised:
        load_pin_hash(blocker / "state" / "admin.json", environ={})
    assert "set-pin" not in str(raised.value)
    assert "UTRECHT_KIOSK_PIN_HASH" in str(raised.value)


def test_set_pin_asks_twice_on_a_terminal(tmp_path: Path) -> None:
    settings = tmp_path / "admin.json"
    answers = iter(["246810", "246810"])
    out = io.StringIO()
    assert set_pin(settings, stdin=Terminal(), stdout=out, ask=lambda _prompt: next(answers)) == 0
    assert "saved" in out.getvalue()
    stored = load_pin_hash(settings, environ={})
    assert stored is not None
    assert verify_pin("246810", stored)


def test_set_pin_changes_nothing_when_the_two_pins_differ(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "admin.json"
    answers = iter(["246810", "246811"])
    assert set_pin(settings, stdin=Terminal(), ask=lambda _prompt: next(answers)) == 1
    assert "differ" in capsys.readouterr().err
    assert not settings.exists()


def test_set_pin_from_a_pipe_as_a_real_command(tmp_path: Path) -> None:
    """End to end, as IT staff script it: the PIN on stdin, the hash in the state folder."""
    result = subprocess.run(
        [sys.executable, "-m", "kiosk", "--state-dir", str(tmp_path), "set-pin"],
        input="13579\n",
        capture_output=True,
        text=True,
        cwd=REPO,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    settings = tmp_path / "admin.json"
    assert stat.S_IMODE(settings.stat().st_mode) == 0o600
    stored = load_pin_hash(settings, environ={})
    assert stored is not None
    assert verify_pin("13579", stored)
    assert "13579" not in settings.read_text(encoding="utf-8")


def test_set_pin_refuses_a_short_pin_from_a_pipe(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert set_pin(tmp_path / "admin.json", stdin=io.StringIO("12\n")) == 1
    assert "4 to 12 digits" in capsys.readouterr().err
    assert not (tmp_path / "admin.json").exists()


def test_set_pin_can_print_the_hash_for_the_environment_instead(tmp_path: Path) -> None:
    out = io.StringIO()
    assert set_pin(tmp_path / "admin.json", print_hash=True, stdin=io.StringIO("97531\n"), stdout=out) == 0
    assert verify_pin("97531", out.getvalue().strip())
    assert not (tmp_path / "admin.json").exists()
