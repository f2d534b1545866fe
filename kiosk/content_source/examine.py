"""One look at a content file: read once and checked, or the snapshot's check of it when nothing has changed since."""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from kiosk.content.model import MAX_BYTES, Checked
from kiosk.content.problems import ContentError, Problem
from kiosk.content_source.snapshot import ContentSnapshot, Kept

VERSION_DIGITS = 12


class Examined(NamedTuple):
    """The check's result, the version people see (status, log), and the files the content names."""

    result: Checked | ContentError
    version: str
    referenced: set[str]


def examine(content_file: Path, snapshot: ContentSnapshot | None = None, *, require_files: bool = False) -> Examined:
    """Read the file once and check it; or, with a snapshot, take the check it holds of these very files.

    require_files False makes a missing image or page a warning, so the kiosk can show the rest; True makes it an
    error, as in a preview. A snapshot keeps a new good check, for the next time.
    """
    began = time.time_ns()
    try:
        with content_file.open("rb") as file:
            data = file.read(MAX_BYTES + 1)  # one byte over the cap is enough to refuse the file
    except OSError as error:
        problem = Problem(str(content_file), 1, 1, f"cannot read the file: {error.strerror or error}")
        return Examined(ContentError([problem]), "unreadable", set())
    kept = snapshot.find(content_file, require_files=require_files) if snapshot is not None else None
    if kept is not None and digest_of(data, content_file.parent, kept.referenced) == kept.digest:
        return Examined(kept.checked, version_of(kept.digest), set(kept.referenced))
    result, referenced = _check(data, content_file, require_files)
    digest = digest_of(data, content_file.parent, referenced)
    if snapshot is not None and isinstance(result, Checked):
        kept = Kept(result, digest, frozenset(referenced), require_files)
        snapshot.keep(content_file, kept, checked_since_ns=began)
    return Examined(result, version_of(digest), referenced)


def digest_of(data: bytes, folder: Path, referenced: Iterable[str]) -> str:
    """A hash of the content file and every file it names, so an edited image is a new version too."""
    digest = hashlib.sha256(data)
    for name in sorted(referenced):
        digest.update(name.encode() + b"\0")
        digest.update(_named_file(folder / name))
    return digest.hexdigest()


def _named_file(path: Path) -> bytes:
    """What a named file adds to the digest: its length and bytes, or why it has none. Only a regular file is read:
    a name for a pipe or a device (which the checks refuse) must not stall or flood the kiosk."""
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)  # a pipe opens at once, without a writer
    except FileNotFoundError:
        return b"missing\0"
    except OSError as error:
        return f"unreadable {error.errno}\0".encode()
    with open(descriptor, "rb") as file:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return b"not a file\0"
        body = file.read()
    return f"file {len(body)}\0".encode() + body


def version_of(digest: str) -> str:
    """The version people see: the digest's first twelve digits."""
    return digest[:VERSION_DIGITS]


def _check(data: bytes, content_file: Path, require_files: bool) -> tuple[Checked | ContentError, set[str]]:
    # Loaded with the first check, which a start that finds its content in the snapshot never makes: PyYAML and
    # the checks' modules.
    from kiosk.content.loader import check_bytes  # noqa: PLC0415

    referenced: set[str] = set()
    try:
        result: Checked | ContentError = check_bytes(
            data, str(content_file), content_file.parent, referenced, require_files=require_files
        )
    except ContentError as error:
        result = error
    return result, referenced
