"""`python -m kiosk set-pin`: asks IT staff for a new admin PIN and stores only its salted hash."""

from __future__ import annotations

import getpass
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from kiosk.admin.pin import PIN_HASH_VARIABLE, PinError, check_new_pin, hash_pin, save_pin_hash


def set_pin(
    settings: Path,
    *,
    print_hash: bool = False,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
    ask: Callable[[str], str] = getpass.getpass,
) -> int:
    """Ask twice on a terminal, or read one line from a pipe; write the hash; 0 on success, 1 otherwise."""
    source = sys.stdin if stdin is None else stdin
    out = sys.stdout if stdout is None else stdout
    try:
        if source.isatty():
            pin = ask("New admin PIN (digits only): ")
            check_new_pin(pin)
            if ask("The same PIN again: ") != pin:
                raise PinError("the two PINs differ: nothing was changed")
        else:
            pin = source.readline().strip()
            check_new_pin(pin)
    except PinError as error:
        print(f"set-pin: {error}", file=sys.stderr)
        return 1
    except (EOFError, KeyboardInterrupt):
        print("set-pin: no PIN given: nothing was changed", file=sys.stderr)
        return 1
    pin_hash = hash_pin(pin)
    if print_hash:
        print(pin_hash, file=out)
        return 0
    try:
        save_pin_hash(settings, pin_hash)
    except OSError as error:
        print(f"set-pin: cannot write {settings}: {error.strerror or error}", file=sys.stderr)
        return 1
    print(f"admin PIN saved (as a salted hash) to {settings}", file=out)
    if os.environ.get(PIN_HASH_VARIABLE):
        print(
            f"note: ${PIN_HASH_VARIABLE} is set and takes precedence over this file; unset it, "
            "or set it to the output of: python -m kiosk set-pin --print-hash",
            file=sys.stderr,
        )
    return 0
