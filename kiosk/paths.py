"""Where the kiosk keeps what it writes: state (status, statistics, admin settings) and its content cache."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "utrecht-kiosk"
STATE_DIR_VARIABLE = "UTRECHT_KIOSK_STATE_DIR"


def state_dir(override: Path | None = None) -> Path:
    """--state-dir if given, else $UTRECHT_KIOSK_STATE_DIR, else the platform's per-user state folder."""
    if override is not None:
        return override
    from_environment = os.environ.get(STATE_DIR_VARIABLE)
    if from_environment:
        return Path(from_environment)
    import platformdirs  # noqa: PLC0415 - only when no folder is given; the tests never need it

    return Path(platformdirs.user_state_dir(APP_NAME))


def content_cache_dir(state: Path) -> Path:
    """The last good remote content, kept so a kiosk restarted offline still shows it."""
    return state / "content-cache"


def status_file(state: Path) -> Path:
    return state / "content-status.json"


def snapshot_file(state: Path) -> Path:
    """The content as last checked (kiosk/content_source/snapshot.py)."""
    return state / "content-checked.json"


def render_snapshot_file(state: Path) -> Path:
    """The content as `render` last checked it: a missing image is an error there, not a warning."""
    return state / "render-checked.json"
