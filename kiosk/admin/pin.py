"""The admin PIN: kept only as a salted scrypt hash, checked in constant time, locked after repeated mistakes."""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import tempfile
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

log = logging.getLogger(__name__)

PIN_HASH_VARIABLE = "UTRECHT_KIOSK_PIN_HASH"
SETTINGS_FILE_NAME = "admin.json"
PIN_MIN_DIGITS = 4
PIN_MAX_DIGITS = 12
MAX_WRONG_PINS = 5
LOCKOUT_S = 60.0

# About 50 ms and 16 MiB per check: slow for someone guessing against a copied hash, instant for staff.
_SCRYPT_LOG2_N = 14
_SCRYPT_R = 8
_SCRYPT_P = 1
# A hash from the environment or a file is trusted no further than these bounds: no memory exhaustion.
_LOG2_N_RANGE = range(10, 21)
_R_RANGE = range(1, 17)
_P_RANGE = range(1, 5)
_KEY_BYTES = 32
_SALT_BYTES = 16
_PHC = re.compile(r"\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)")


class PinError(ValueError):
    """A PIN or a stored hash that cannot be used; the message says what to do."""


@dataclass(frozen=True, slots=True)
class _Hash:
    log2_n: int
    r: int
    p: int
    salt: bytes
    key: bytes


def check_new_pin(pin: str) -> None:
    """Refuse a PIN the pad cannot type or that is too short to be worth a lock."""
    if not pin.isascii() or not pin.isdigit():
        raise PinError("a PIN is digits only (0-9): the pad has no other keys")
    if not PIN_MIN_DIGITS <= len(pin) <= PIN_MAX_DIGITS:
        raise PinError(f"a PIN has {PIN_MIN_DIGITS} to {PIN_MAX_DIGITS} digits; 6 or more is better")


def hash_pin(pin: str, salt: bytes | None = None, *, log2_n: int = _SCRYPT_LOG2_N) -> str:
    """The PIN as a PHC-style string: $scrypt$ln=14,r=8,p=1$SALT$KEY (unpadded base64).

    The cost is written into the string; tests pass a lower log2_n so that checking a PIN takes a millisecond.
    """
    check_new_pin(pin)
    if log2_n not in _LOG2_N_RANGE:
        raise ValueError(f"log2_n must be in {_LOG2_N_RANGE}")
    salt = secrets.token_bytes(_SALT_BYTES) if salt is None else salt
    key = _derive(pin, _Hash(log2_n, _SCRYPT_R, _SCRYPT_P, salt, b""))
    return f"$scrypt$ln={log2_n},r={_SCRYPT_R},p={_SCRYPT_P}${_b64(salt)}${_b64(key)}"


def verify_pin(pin: str, stored: str) -> bool:
    """True when pin is the one hashed in stored; compares in constant time."""
    parsed = parse_pin_hash(stored)
    return hmac.compare_digest(_derive(pin, parsed), parsed.key)


def parse_pin_hash(stored: str) -> _Hash:
    match = _PHC.fullmatch(stored.strip())
    if match is None:
        raise PinError("not a PIN hash written by `python -m kiosk set-pin` ($scrypt$ln=...,r=...,p=...$...$...)")
    log2_n, r, p = (int(match[i]) for i in (1, 2, 3))
    if log2_n not in _LOG2_N_RANGE or r not in _R_RANGE or p not in _P_RANGE:
        raise PinError("the PIN hash asks for scrypt costs outside what the kiosk accepts: run set-pin again")
    try:
        salt, key = _unb64(match[4]), _unb64(match[5])
    except (binascii.Error, ValueError):
        raise PinError("the PIN hash is damaged (bad base64): run set-pin again") from None
    if len(key) != _KEY_BYTES or len(salt) < 8:
        raise PinError("the PIN hash is damaged (wrong length): run set-pin again")
    return _Hash(log2_n, r, p, salt, key)


def _derive(pin: str, params: _Hash) -> bytes:
    n = 2**params.log2_n
    return hashlib.scrypt(
        pin.encode("utf-8"),
        salt=params.salt,
        n=n,
        r=params.r,
        p=params.p,
        maxmem=256 * params.r * n * params.p,
        dklen=_KEY_BYTES,
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text + "=" * (-len(text) % 4), validate=True)


def settings_file(state_dir: Path) -> Path:
    """The admin settings file in the kiosk's state folder; it holds the PIN hash, never the PIN."""
    return state_dir / SETTINGS_FILE_NAME


def load_pin_hash(settings: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """The PIN hash from $UTRECHT_KIOSK_PIN_HASH, else from the settings file; None when neither sets one.

    Raises PinError naming the file or variable when what is there cannot be used.
    """
    env = os.environ if environ is None else environ
    from_environment = env.get(PIN_HASH_VARIABLE, "").strip()
    if from_environment:
        try:
            parse_pin_hash(from_environment)
        except PinError as error:
            raise PinError(f"${PIN_HASH_VARIABLE}: {error}") from None
        return from_environment
    try:
        data = json.loads(settings.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except OSError as error:  # not the file's fault: set-pin could not write it either
        raise PinError(
            f"{settings}: cannot read the admin settings ({error.strerror or error}): make the kiosk's state folder "
            f"readable, or give the hash in ${PIN_HASH_VARIABLE}"
        ) from None
    except ValueError as error:
        raise PinError(f"{settings}: the admin settings are damaged ({error}): run set-pin again") from None
    stored = data.get("pin_hash") if isinstance(data, dict) else None
    if stored is None:
        return None
    if not isinstance(stored, str):
        raise PinError(f"{settings}: pin_hash is not text: run set-pin again")
    try:
        parse_pin_hash(stored)
    except PinError as error:
        raise PinError(f"{settings}: {error}") from None
    return stored


def save_pin_hash(settings: Path, pin_hash: str) -> None:
    """Write the hash into the settings file atomically, readable by its owner only; other keys are kept."""
    parse_pin_hash(pin_hash)
    data: dict[str, object] = {}
    with contextlib.suppress(FileNotFoundError, ValueError):
        existing = json.loads(settings.read_text(encoding="utf-8"))
        if isinstance(existing, dict):
            data = existing
    data["pin_hash"] = pin_hash
    settings.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    # mkstemp creates the file with mode 0600 before anything is written to it.
    handle, temporary = tempfile.mkstemp(prefix=f".{settings.name}.", dir=settings.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            json.dump(data, file, indent=2)
            file.write("\n")
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, settings)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise


class Verdict(Enum):
    """What the PIN pad shows after a try."""

    ACCEPTED = "accepted"
    WRONG = "wrong"
    LOCKED = "locked"


class PinLock:
    """Checks PINs against the stored hash; after five wrong PINs in a row it refuses every PIN for a minute."""

    def __init__(
        self,
        pin_hash: str | None,
        *,
        max_wrong: int = MAX_WRONG_PINS,
        lockout_s: float = LOCKOUT_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._pin_hash = pin_hash
        self._max_wrong = max_wrong
        self._lockout_s = lockout_s
        self._clock = clock
        self._wrong = 0
        self._locked_until: float | None = None

    @property
    def configured(self) -> bool:
        return self._pin_hash is not None

    def locked_for(self) -> float:
        """Seconds until the pad takes PINs again; 0 when it takes them now."""
        if self._locked_until is None:
            return 0.0
        left = self._locked_until - self._clock()
        if left <= 0:
            self._locked_until = None
            self._wrong = 0
            return 0.0
        return left

    def try_pin(self, pin: str) -> Verdict:
        if self.locked_for() > 0:
            return Verdict.LOCKED
        if self._pin_hash is not None and verify_pin(pin, self._pin_hash):
            self._wrong = 0
            log.info("admin PIN accepted")
            return Verdict.ACCEPTED
        self._wrong += 1
        if self._pin_hash is None:
            log.warning("admin PIN refused: no PIN is set; run: python -m kiosk set-pin")
        else:
            log.warning("wrong admin PIN (%d of %d before the pad locks)", self._wrong, self._max_wrong)
        if self._wrong >= self._max_wrong:
            self._locked_until = self._clock() + self._lockout_s
            log.warning("admin PIN pad locked for %.0f s after %d wrong PINs", self._lockout_s, self._wrong)
            return Verdict.LOCKED
        return Verdict.WRONG
