"""The content as last checked, kept in the state folder, so a start that finds the same files shows it at once.

Parsing content.yaml and checking every rule is a tenth of the way to the kiosk's first frame (PyYAML and the
checks' modules loaded, the rules run), and the files rarely change between two starts. So the content manager
keeps what its last check found here, and uses it again only when nothing that check depended on has changed:
- the same content file (its path), with the same content version: a hash of its bytes and of every file it names
  (kiosk/content_source/manager.py, _version_of);
- the same kiosk code: the names, sizes and modification times of its modules when the process started. An update
  may check more, or shape the content differently. (Python's and PyYAML's versions are not part of it: they change
  only with `make setup`, and a new PyYAML that read the same file differently would be a bug of its own.)
Anything else, and the file is read and checked as always, and the new result kept.

The snapshot is a pickle read with an allowlist: only the content model's classes, Path and a read-only mapping may
be named in it, so no file put there can make the kiosk run code; a damaged one is ignored (the content is checked)
and replaced. The state folder is the kiosk user's own: nobody else can write it.
"""

from __future__ import annotations

import hashlib
import importlib
import io
import logging
import os
import pickle
from collections.abc import Mapping
from functools import cache
from pathlib import Path, PosixPath, PurePosixPath
from types import MappingProxyType
from typing import Any, NamedTuple

import kiosk
from kiosk.content.model import Checked
from kiosk.content_source.cache import write_atomically

log = logging.getLogger(__name__)

FORMAT = 1  # raised when what is stored changes shape
MODEL_MODULES = ("kiosk.content.model", "kiosk.content.problems")


class Kept(NamedTuple):
    """What a check of one content file found: the content and its warnings, its version, the files it names."""

    checked: Checked
    version: str
    referenced: frozenset[str]


class ContentSnapshot:
    """One file in the state folder: the last content file that passed its checks, as they found it."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self._unwritable = False

    def find(self, content_file: Path) -> Kept | None:
        """What the last check of content_file found, if this kiosk code made it; None if there is no such check.

        The caller compares the version with the files' version now.
        """
        try:
            data = self.file.read_bytes()
        except OSError:
            return None  # none yet, or unreadable: the content is checked, and a new snapshot written
        try:
            stored = _ModelOnly(io.BytesIO(data)).load()
        except Exception as error:  # a damaged file raises almost anything; here it only means a check
            log.info("the content snapshot %s is damaged (%s); checking the content again", self.file, error)
            return None
        unpacked = _unpacked(stored)
        if unpacked is None:
            log.info("the content snapshot %s is not one this kiosk wrote; checking the content again", self.file)
            return None
        code, path, kept = unpacked
        if code != code_fingerprint() or path != str(content_file):
            return None
        return kept

    def keep(self, content_file: Path, kept: Kept) -> None:
        """Keep this check's result for the next start; a failure costs that start a check, nothing more."""
        try:
            data = _dumps((FORMAT, code_fingerprint(), str(content_file), kept))
            write_atomically(self.file, data)
        except (OSError, pickle.PicklingError, TypeError, AttributeError) as error:  # a full disk; a new model type
            if not self._unwritable:  # once, not at every check
                log.warning(
                    "could not keep the checked content in %s (%s): the next start checks it again", self.file, error
                )
            self._unwritable = True
            return
        self._unwritable = False


@cache
def code_fingerprint() -> str:
    """The kiosk's modules as they were when first asked: a hash of their names, sizes and modification times.

    Asked first at the start, so a snapshot written after an update of the files on disk, by the code that was
    loaded before it, carries the old code's fingerprint.
    """
    package = Path(kiosk.__file__).parent
    digest = hashlib.sha256(kiosk.__version__.encode())
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                status = os.stat(path)
                digest.update(f"{os.path.relpath(path, package)}:{status.st_size}:{status.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def _unpacked(stored: object) -> tuple[str, str, Kept] | None:
    """The code fingerprint, content file and check of a snapshot in this format; None for anything else."""
    if not (isinstance(stored, tuple) and len(stored) == 4 and stored[0] == FORMAT):
        return None
    _, code, path, kept = stored
    if (
        isinstance(code, str)
        and isinstance(path, str)
        and isinstance(kept, Kept)
        and isinstance(kept.checked, Checked)
        and isinstance(kept.version, str)
        and isinstance(kept.referenced, frozenset)
        and all(isinstance(name, str) for name in kept.referenced)
    ):
        return code, path, kept
    return None


def _read_only(mapping: dict[Any, Any]) -> Mapping[Any, Any]:
    """A mapping the model holds read-only (the decoder's MappingProxyType), as it was pickled."""
    return MappingProxyType(mapping)


class _Pickler(pickle.Pickler):
    def reducer_override(self, obj: Any) -> Any:
        if isinstance(obj, MappingProxyType):  # not picklable as it is
            return _read_only, (dict(obj),)
        return NotImplemented


def _dumps(stored: object) -> bytes:
    out = io.BytesIO()
    _Pickler(out, protocol=pickle.HIGHEST_PROTOCOL).dump(stored)
    return out.getvalue()


ALLOWED = {
    ("pathlib", "PosixPath"): PosixPath,
    ("pathlib", "PurePosixPath"): PurePosixPath,
    (__name__, "_read_only"): _read_only,
    (__name__, "Kept"): Kept,
}


class _ModelOnly(pickle.Unpickler):
    """Reads only what the snapshot holds: the content model's classes, paths, a read-only mapping."""

    def find_class(self, module: str, name: str) -> Any:
        if (module, name) in ALLOWED:
            return ALLOWED[module, name]
        if module in MODEL_MODULES:
            found = vars(importlib.import_module(module)).get(name)
            if isinstance(found, type) and found.__module__ == module:
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not part of the content model")
