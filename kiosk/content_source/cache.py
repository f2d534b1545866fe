"""Keeps the last good version of remote content on disk, swapped in atomically, for starts without network."""

from __future__ import annotations

import json
import logging
import os
import shutil
from dataclasses import asdict, dataclass
from pathlib import Path

from kiosk.content_source.remote import CONTENT_FILE

log = logging.getLogger(__name__)

POINTER = "current.json"
KEEP_VERSIONS = 2  # the one on screen and the one before it


@dataclass(frozen=True)
class CachedVersion:
    """A complete version in the cache: its folder, and what the server said about it."""

    folder: Path
    version: str
    url: str
    etag: str | None = None
    last_modified: str | None = None

    @property
    def content_file(self) -> Path:
        return self.folder / CONTENT_FILE


class ContentCache:
    """versions/<version>/ holds each complete version; current.json names the good one.

    A version folder is complete before current.json is replaced (os.replace is atomic), so a
    power cut at any moment leaves either the old or the new version, never half of one.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.versions = folder / "versions"

    def current(self) -> CachedVersion | None:
        """The cached good version, or None if there is none or the cache is damaged (logged)."""
        pointer = self.folder / POINTER
        try:
            data = json.loads(pointer.read_text(encoding="utf-8"))
            cached = CachedVersion(
                folder=self.versions / str(data["version"]),
                version=str(data["version"]),
                url=str(data["url"]),
                etag=data.get("etag"),
                last_modified=data.get("last_modified"),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as error:
            log.warning("the content cache pointer %s is damaged (%s); ignoring the cache", pointer, error)
            return None
        if not cached.content_file.is_file():
            log.warning("the cached version %s is missing from %s; ignoring the cache", cached.version, self.versions)
            return None
        return cached

    def store(self, staged: Path, version: str, url: str, etag: str | None, last_modified: str | None) -> CachedVersion:
        """Move a checked, complete version into the cache and make it the current one."""
        self.versions.mkdir(parents=True, exist_ok=True)
        target = self.versions / version
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(staged), target)
        cached = CachedVersion(target, version, url, etag, last_modified)
        record = {key: value for key, value in asdict(cached).items() if key != "folder"}
        write_atomically(self.folder / POINTER, json.dumps(record, indent=2).encode())
        self._prune(keep=version)
        return cached

    def remember_validators(self, cached: CachedVersion, etag: str | None, last_modified: str | None) -> None:
        """Keep the server's newest ETag and date for the version on screen."""
        updated = CachedVersion(cached.folder, cached.version, cached.url, etag, last_modified)
        record = {key: value for key, value in asdict(updated).items() if key != "folder"}
        write_atomically(self.folder / POINTER, json.dumps(record, indent=2).encode())

    def _prune(self, keep: str) -> None:
        versions = sorted(self.versions.iterdir(), key=lambda path: path.stat().st_mtime, reverse=True)
        for old in [path for path in versions if path.name != keep][KEEP_VERSIONS - 1 :]:
            shutil.rmtree(old, ignore_errors=True)


def write_atomically(path: Path, data: bytes, *, sync: bool = True) -> None:
    """Replace the file at once with data: a reader finds the old file or the new one, never part of one. With sync,
    the data is on the disk before the new file takes the old one's place (a power cut leaves one of the two)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")  # two processes never share one
    with temporary.open("wb") as file:
        file.write(data)
        if sync:
            file.flush()
            os.fsync(file.fileno())
    os.replace(temporary, path)
