"""Gives the memory the kiosk has freed back to the system, between visitors, so its size stays where it settled.

C++ and larger Python objects come from the C library's allocator, which keeps freed memory for later instead of
returning it; over a day of screens built and dropped, the process looks larger than what it uses (the soak test
saw 8 MB kept that way within 10,000 actions). After a session reset, when nobody is waiting, the kiosk collects
Python's garbage and asks glibc to hand back what it holds free (malloc_trim). Elsewhere (no glibc) only the first.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Callable


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)  # the C library the program already runs on
    except OSError:
        return None


_TRIM = _malloc_trim()


def release_free_memory() -> None:
    """Collect Python's cyclic garbage, then give the allocator's free memory back to the system."""
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)
