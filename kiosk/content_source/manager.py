"""Owns the content on screen: loads it, watches the file or polls the URL, and keeps the last good version."""

from __future__ import annotations

import logging
import shutil
import tempfile
import threading
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from kiosk.content import Checked, Content, ContentError
from kiosk.content_source.cache import ContentCache
from kiosk.content_source.examine import Examined, examine
from kiosk.content_source.remote import CONTENT_FILE, Fetched, FetchError, fetch, is_remote
from kiosk.content_source.snapshot import ContentSnapshot
from kiosk.content_source.status import ContentStatus, now, save_status
from kiosk.paths import content_cache_dir, snapshot_file, status_file

log = logging.getLogger(__name__)

DEBOUNCE_MS = 400  # editors save in several steps (write, rename, touch): wait for the last one
POLL_INTERVAL_MS = 60_000


class ContentManager(QObject):
    """Emits `content_changed` with each new good version; a broken version never replaces a good one."""

    content_changed = Signal(object)  # Content
    status_changed = Signal(object)  # ContentStatus
    _fetched = Signal(object, object)  # Fetched | FetchError, the staging folder (from the worker thread)

    def __init__(
        self,
        source: str,
        state_dir: Path,
        *,
        debounce_ms: int = DEBOUNCE_MS,
        poll_interval_ms: int = POLL_INTERVAL_MS,
        fetch_timeout_s: float = 15.0,
        write_status: bool = True,
        parent: QObject | None = None,
    ) -> None:
        """write_status=False holds the status file back until write_status() is called: the kiosk writes it after
        its first frame, as each write is flushed to the disk (an SD card in the lobby), and a start always has
        a new status to write (the time the content was loaded)."""
        super().__init__(parent)
        self.source = source
        self.remote = is_remote(source)
        self.current: Content | None = None
        self.status = ContentStatus(source=source)
        self._version: str | None = None
        self._status_path = status_file(state_dir)
        self._status_unwritable = False
        self._published: ContentStatus | None = None  # the status as last written
        self._writes_status = write_status
        self._cache = ContentCache(content_cache_dir(state_dir))
        self._snapshot = ContentSnapshot(snapshot_file(state_dir))
        self._fetch_timeout_s = fetch_timeout_s
        self._fetching = False
        self._logged_error: str | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.fileChanged.connect(self._changed_on_disk)
        self._watcher.directoryChanged.connect(self._changed_on_disk)
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(debounce_ms)
        self._debounce.timeout.connect(self._check_local)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_interval_ms)
        self._poll.timeout.connect(self.reload_now)
        self._fetched.connect(self._on_fetched)

    def start(self, *, check_now: bool = True) -> Content | None:
        """Load what can be shown right away (the file, or the cached remote version); then keep watching.

        check_now=False leaves the first look at a URL to the caller (`reload_now`) when the cache had content to
        show: the kiosk makes it after its first frame, which the fetch would otherwise compete with for the CPU.
        Without cached content the fetch starts at once whatever check_now says: it is all there is to show.
        """
        if self.remote:
            cached = self._cache.current()
            if cached is not None:
                self._accept_cached(cached.content_file, "the cache")
            self._poll.start()
            if check_now or self.current is None:
                self.reload_now()
        else:
            self._check_local()
        return self.current

    def reload_now(self) -> None:
        """Look for a new version at once (the admin panel's button, the poll timer)."""
        if not self.remote:
            self._check_local()
            return
        if self._fetching:
            return
        self._fetching = True
        cached = self._cache.current()
        try:
            self._cache.folder.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(prefix="staging-", dir=self._cache.folder))
        except OSError as error:
            # No cache for a while (a read-only or full disk): fetch into a temporary folder instead.
            self._set_error(f"the content cache {self._cache.folder} is not writable ({error.strerror})")
            staging = Path(tempfile.mkdtemp(prefix="kiosk-staging-"))
        etag = cached.etag if cached is not None and self.current is not None else None
        modified = cached.last_modified if cached is not None and self.current is not None else None
        threading.Thread(target=self._fetch_in_background, args=(staging, etag, modified), daemon=True).start()

    # -- a local file ---------------------------------------------------------------------------

    def _changed_on_disk(self, _path: str) -> None:
        self._debounce.start()

    def _check_local(self) -> None:
        path = Path(self.source)
        try:
            before = path.stat()
        except OSError:
            self._set_error(f"{path}: the file is missing; still showing the last good content")
            self._watch(path, set())
            return
        result, version, referenced = self._examine(path)
        self._watch(path, referenced)
        if isinstance(result, ContentError):
            if _stat_changed(path, before):
                self._debounce.start()  # caught mid-save: read it again once the editor is done
                return
            self._reject(version, result)
            return
        self._clear_error()
        self._accept(result, version, str(path))

    def _watch(self, path: Path, referenced: set[str]) -> None:
        """Watch the file, its folder (a save by rename replaces the file) and every image it names."""
        wanted = {str(path), str(path.parent)} | {str(path.parent / name) for name in referenced}
        existing = {name for name in wanted if Path(name).exists()}
        missing = existing - set(self._watcher.files()) - set(self._watcher.directories())
        if missing:
            self._watcher.addPaths(sorted(missing))

    # -- a URL ------------------------------------------------------------------------------------

    def _fetch_in_background(self, staging: Path, etag: str | None, modified: str | None) -> None:
        try:
            result: Fetched | FetchError = fetch(self.source, staging, etag, modified, self._fetch_timeout_s)
        except FetchError as error:
            result = error
        except Exception as error:  # a worker thread must always report back
            result = FetchError(f"{self.source}: {type(error).__name__}: {error}")
        self._fetched.emit(result, staging)

    def _on_fetched(self, result: Fetched | FetchError, staging: Path) -> None:
        self._fetching = False
        self.status = replace(self.status, last_checked_at=now())
        if isinstance(result, FetchError):
            shutil.rmtree(staging, ignore_errors=True)
            self._set_error(f"{result}; still showing the {'last good' if self.current else 'built-in'} content")
            return
        if result.folder is None:
            shutil.rmtree(staging, ignore_errors=True)
            self._clear_error()
            self._publish()  # the time it was last checked
            return
        # Kept in the snapshot once it is in the cache, by _accept_cached below (it checks the cache's copy).
        checked, version, _ = self._examine(result.folder / CONTENT_FILE, keep=False)
        if version == self._version:
            shutil.rmtree(staging, ignore_errors=True)
            cached = self._cache.current()
            if cached is not None:
                self._cache.remember_validators(cached, result.etag, result.last_modified)
            self._clear_error()
            self._publish()  # the time it was last checked
            return
        if isinstance(checked, ContentError):
            shutil.rmtree(staging, ignore_errors=True)
            self._reject(version, checked)
            return
        try:
            cached = self._cache.store(staging, version, self.source, result.etag, result.last_modified)
        except OSError as error:
            log.warning("could not keep the new content in the cache (%s); showing it anyway", error)
            self._accept(checked, version, self.source)
            return
        self._clear_error()
        self._accept_cached(cached.content_file, self.source)

    # -- both -------------------------------------------------------------------------------------

    def _examine(self, content_file: Path, *, keep: bool = True) -> Examined:
        """The file's check, read once; with keep, through the snapshot (kiosk/content_source/examine.py)."""
        return examine(content_file, self._snapshot if keep else None)

    def _accept_cached(self, content_file: Path, origin: str) -> None:
        result, version, _ = self._examine(content_file)
        if isinstance(result, ContentError):
            self._reject(version, result)
            return
        self._accept(result, version, origin)

    def _accept(self, checked: Checked, version: str, origin: str) -> None:
        if version == self._version:
            return
        for warning in checked.warnings:
            log.warning("%s", warning)
        self.current = checked.content
        self._version = version
        self.status = replace(self.status, version=version, loaded_at=now())
        log.info("content version %s loaded from %s", version, origin)
        self._publish()
        self.content_changed.emit(checked.content)

    def _reject(self, version: str, error: ContentError) -> None:
        if version == self.status.rejected_version:
            return
        problems = tuple(str(problem) for problem in error.problems)
        for problem in error.errors:
            log.error("%s", problem)
        log.error(
            "content version %s refused (%d problem%s); %s",
            version,
            len(error.errors),
            "" if len(error.errors) == 1 else "s",
            "still showing the last good content" if self.current else "nothing to show yet",
        )
        self.status = replace(self.status, rejected_version=version, rejected_at=now(), rejected_problems=problems)
        self._publish()

    def _set_error(self, message: str) -> None:
        if message != self._logged_error:
            log.warning("%s", message)
            self._logged_error = message
        if message != self.status.last_error:
            self.status = replace(self.status, last_error=message)
            self._publish()

    def _clear_error(self) -> None:
        self._logged_error = None
        if self.status.last_error is not None:
            self.status = replace(self.status, last_error=None)
            self._publish()

    def write_status(self) -> None:
        """Write the status file from now on, starting with the status as it is."""
        self._writes_status = True
        self._write_status()

    def _publish(self) -> None:
        self._write_status()
        self.status_changed.emit(self.status)

    def _write_status(self) -> None:
        # The file is written only when the status changed: each write is flushed to the disk (an SD card in the
        # lobby), and a check that finds the same content has nothing new to say.
        if not self._writes_status or self.status == self._published:
            return
        error = save_status(self.status, self._status_path)
        if error is not None and not self._status_unwritable:  # once, not at every check
            log.warning("could not write the content status to %s: %s", self._status_path, error)
        elif error is None and self._status_unwritable:
            log.info("the content status is written to %s again", self._status_path)
        self._status_unwritable = error is not None
        if error is None:
            self._published = self.status


def _stat_changed(path: Path, before: object) -> bool:
    try:
        after = path.stat()
    except OSError:
        return True
    return (after.st_mtime_ns, after.st_size) != (before.st_mtime_ns, before.st_size)  # type: ignore[attr-defined]
