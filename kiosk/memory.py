"""The kiosk's memory between visitors: freed memory goes back to the system, and past a ceiling the kiosk restarts.

C++ and larger Python objects come from the C library's allocator, which keeps freed memory for later instead of
returning it; over a day of screens built and dropped, the process looks larger than what it uses (the soak test
saw 8 MB kept that way within 10,000 actions). After a session reset, when nobody is waiting, the kiosk collects
Python's garbage and asks glibc to hand back what it holds free (malloc_trim). Elsewhere (no glibc) only the first.

What no release gives back is what Chromium keeps of every page read (a few KB each, measured in the README's
"Running for months"). Under systemd (`--restart-above`), a kiosk that has grown past its ceiling ends between
visitors, and the unit's `Restart=always` starts it again: a few seconds of dark screen with nobody in front of it.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable
from functools import cache

from kiosk.admin.facts import memory_rss_bytes

log = logging.getLogger(__name__)

EXIT_RESTART = 4  # the exit status of a restart for memory, so the journal tells it from a crash or a stop
MB = 1_000_000  # as the soak test and the README count


@cache
def malloc_trim() -> Callable[[int], int] | None:
    """glibc's malloc_trim, looked up the first time it is needed (ctypes is not loaded before the first frame)."""
    import ctypes  # noqa: PLC0415

    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)  # the C library the program already runs on
    except OSError:
        return None


def release_free_memory() -> None:
    """Collect Python's cyclic garbage, then give the allocator's free memory back to the system."""
    gc.collect()
    trim = malloc_trim()
    if trim is not None:
        trim(0)


class MemoryCeiling:
    """Asks for a restart when the kiosk, between visitors, is larger than `limit_mb`; never in its first hour.

    The hour keeps a ceiling set too low (below what the kiosk needs at all) from darkening the screen after every
    visitor: such a kiosk restarts at most once an hour, and the log says why.
    """

    MIN_UPTIME_S = 3600.0

    def __init__(
        self,
        limit_mb: float,
        restart: Callable[[], object],
        *,
        min_uptime_s: float = MIN_UPTIME_S,
        size: Callable[[], int | None] = memory_rss_bytes,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit_mb = limit_mb
        self._restart = restart
        self._min_uptime_s = min_uptime_s
        self._size = size
        self._clock = clock
        self._started = clock()
        self._warned_early = False
        self.restarting = False

    def check(self) -> bool:
        """After the release between visitors: restart if the kiosk is over its ceiling (and up long enough)."""
        size = self._size()
        if self.restarting or size is None or size <= self.limit_mb * MB:
            return False
        up = self._clock() - self._started
        if up < self._min_uptime_s:
            if self._warned_early:
                return False
            self._warned_early = True  # once: not after every visitor of that hour
            log.warning(
                "the kiosk uses %.0f MB, above its ceiling of %g MB (--restart-above), but started only %.0f s ago: "
                "not restarting within %.0f s of the start; is the ceiling below what the kiosk needs?",
                size / MB,
                self.limit_mb,
                up,
                self._min_uptime_s,
            )
            return False
        log.warning(
            "the kiosk uses %.0f MB, above its ceiling of %g MB (--restart-above): restarting between visitors "
            "(exit status %d; systemd starts it again)",
            size / MB,
            self.limit_mb,
            EXIT_RESTART,
        )
        self.restarting = True
        self._restart()
        return True
