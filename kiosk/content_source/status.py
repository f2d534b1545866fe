"""What IT staff need to know about the content: which version is on screen, and why the last one was refused."""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from kiosk.content_source.cache import write_atomically

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ContentStatus:
    """A snapshot; the running kiosk writes it to the state folder, `python -m kiosk status` reads it."""

    source: str
    version: str | None = None
    loaded_at: str | None = None
    rejected_version: str | None = None
    rejected_at: str | None = None
    rejected_problems: tuple[str, ...] = field(default_factory=tuple)
    last_error: str | None = None
    last_checked_at: str | None = None

    def describe(self) -> list[str]:
        """Lines for a terminal or the admin panel."""
        lines = [f"source: {self.source}"]
        if self.version:
            lines.append(f"on screen: version {self.version}, loaded at {self.loaded_at}")
        else:
            lines.append("on screen: no content (the calm 'temporarily unavailable' screen)")
        if self.last_checked_at:
            lines.append(f"last checked: {self.last_checked_at}")
        if self.last_error:
            lines.append(f"last error: {self.last_error}")
        if self.rejected_version:
            lines.append(f"refused: version {self.rejected_version} at {self.rejected_at}, because:")
            lines.extend(f"  {problem}" for problem in self.rejected_problems)
        return lines


def now() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")


def save_status(status: ContentStatus, path: Path) -> OSError | None:
    """Write the status for `python -m kiosk status`; a full or read-only disk is returned, never raised."""
    try:
        write_atomically(path, json.dumps(asdict(status), indent=2).encode())
    except OSError as error:
        return error
    return None


def read_status(path: Path) -> ContentStatus | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            raise TypeError(f"a JSON {type(data).__name__} instead of an object")
        data["rejected_problems"] = tuple(data.get("rejected_problems", ()))
        return ContentStatus(**data)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError) as error:
        log.warning("the status file %s is damaged: %s", path, error)
        return None
