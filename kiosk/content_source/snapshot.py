"""The content as last checked, kept in the state folder, so a start that finds the same files shows it at once.

Parsing content.yaml and checking every rule is a tenth of the way to the kiosk's first frame (PyYAML and the
checks' modules loaded, the rules run; a twentieth of a `render`), and the files rarely change between two starts. So
the content manager keeps what its last check found here (`render` keeps its own, in another file), and uses it
again only when nothing that check depended on has changed:
- the same content file (its path), with the same digest: a hash of its bytes and of every file it names
  (kiosk/content_source/examine.py, digest_of);
- the same kiosk code: the names, sizes and change times of its modules when the process started. An update
  may check more, or shape the content differently. (Python's and PyYAML's versions are not part of it: they change
  only with `make setup`, and a new PyYAML that read the same file differently would be a bug of its own.)
- the same kind of check: a missing image is a warning for the kiosk, which shows the rest, and an error in a
  preview.
Anything else, and the file is read and checked as always, and the new result kept.

The snapshot is JSON under a line with its own SHA-256: a file damaged in any way (a power cut, a bad sector) is
ignored, and the content checked. Reading it builds only the content model's classes, from plain values, through
their constructors: nothing in it can make the kiosk run code or change one of its classes.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
from collections.abc import Iterable
from functools import cache
from pathlib import Path, PurePath
from types import MappingProxyType
from typing import Any, NamedTuple

import kiosk
from kiosk.content import model, problems
from kiosk.content.model import Checked, Content, Translated
from kiosk.content.problems import Problem
from kiosk.content_source.cache import write_atomically

log = logging.getLogger(__name__)

HEADER = "utrecht-kiosk content snapshot 3 sha256="
SETTLE_NS = 2_000_000_000  # a file changed this shortly before its check may have been read half-written
MODEL_CLASSES = {
    cls.__name__: cls
    for module in (model, problems)
    for cls in vars(module).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and cls.__module__ == module.__name__
}


class Kept(NamedTuple):
    """What a check of one content file found: the content and its warnings, its digest, the files it names, and
    whether a missing file was an error in it (a preview's check) or a warning (the kiosk's)."""

    checked: Checked
    digest: str
    referenced: frozenset[str]
    require_files: bool = False


class ContentSnapshot:
    """One file in the state folder: the last content file that passed its checks, as they found it."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self._unwritable = False
        code_fingerprint()  # now, at the start: the code that is loaded, whatever is on the disk later

    def find(self, content_file: Path, *, require_files: bool = False) -> Kept | None:
        """What the last check of content_file found, if this kiosk code made it with the same require_files; None
        if there is no such check.

        The caller compares the digest with the files' digest now.
        """
        try:
            header, _, body = self.file.read_bytes().partition(b"\n")
        except OSError:
            return None  # none yet, or unreadable: the content is checked, and a new snapshot written
        if header.decode("ascii", "replace") != HEADER + hashlib.sha256(body).hexdigest():
            log.info("the content snapshot %s is damaged or from another version; checking the content", self.file)
            return None
        try:
            stored = json.loads(body)
            if (stored["code"], stored["path"], stored["require_files"]) != (
                code_fingerprint(),
                str(content_file),
                require_files,
            ):
                return None
            kept = Kept(
                _rebuild(stored["checked"]),
                str(stored["digest"]),
                frozenset(_relative(name) for name in stored["referenced"]),
                require_files,
            )
        except (ValueError, TypeError, KeyError, RecursionError) as error:  # a model shaped otherwise
            log.info("the content snapshot %s does not fit this kiosk (%s); checking the content", self.file, error)
            return None
        if not _well_formed(kept.checked):
            log.info("the content snapshot %s does not hold content; checking the content", self.file)
            return None
        return kept

    def keep(self, content_file: Path, kept: Kept, checked_since_ns: int) -> None:
        """Keep this check's result for the next start; a failure costs that start a check, nothing more.

        Not kept if a file it read changed less than two seconds before the check began (checked_since_ns, from
        time.time_ns()): a file system notes times only to a clock tick, and the check may have seen a file
        half-written that looks the same as the whole one afterwards. The next start checks it again then.
        """
        if not _settled([content_file, *(content_file.parent / name for name in kept.referenced)], checked_since_ns):
            return
        try:
            body = json.dumps(
                {
                    "code": code_fingerprint(),
                    "path": str(content_file),
                    "digest": kept.digest,
                    "referenced": sorted(kept.referenced),
                    "require_files": kept.require_files,
                    "checked": _plain(kept.checked),
                },
                ensure_ascii=False,
            ).encode()
            # Not flushed to the disk before the first frame: a snapshot a power cut tore fails its hash.
            write_atomically(self.file, f"{HEADER}{hashlib.sha256(body).hexdigest()}\n".encode() + body, sync=False)
        except (OSError, TypeError) as error:  # a full or read-only disk; a type new to the model
            if not self._unwritable:  # once, not at every check
                log.warning(
                    "could not keep the checked content in %s (%s): the same files are checked again next time",
                    self.file,
                    error,
                )
            self._unwritable = True
            return
        self._unwritable = False


@cache
def code_fingerprint() -> str:
    """The kiosk's modules as they were when first asked (at the start): a hash of their names, sizes and change
    times. Any write to a file gives it a new change time, whatever it does to the modification time."""
    package = Path(kiosk.__file__).parent
    digest = hashlib.sha256(kiosk.__version__.encode())
    for folder, folders, files in os.walk(package):
        folders[:] = sorted(name for name in folders if name != "__pycache__")
        for name in sorted(files):
            if name.endswith(".py"):
                path = os.path.join(folder, name)
                status = os.stat(path)
                relative = os.path.relpath(path, package)
                digest.update(f"{relative}:{status.st_size}:{status.st_mtime_ns}:{status.st_ctime_ns}\n".encode())
    return digest.hexdigest()


def _relative(name: object) -> str:
    """A file the content names: a path inside its folder, as the checks allow, and nothing else."""
    path = PurePath(str(name))
    if path.is_absolute() or ".." in path.parts:
        raise ValueError(f"{name!r} is not a path inside the content's folder")
    return str(name)


def _settled(paths: Iterable[Path], since_ns: int) -> bool:
    for path in paths:
        try:
            changed = os.stat(path).st_mtime_ns
        except OSError:
            continue  # a missing image is part of the digest ("<missing>")
        if changed > since_ns - SETTLE_NS:
            return False
    return True


def _well_formed(checked: object) -> bool:
    return (
        isinstance(checked, Checked)
        and isinstance(checked.content, Content)
        and isinstance(checked.warnings, tuple)
        and all(isinstance(warning, Problem) for warning in checked.warnings)
    )


def _plain(value: object) -> Any:
    """The value as JSON: the model's objects by class name and fields; tuples, read-only mappings, translated
    texts and paths marked as such, so _rebuild gives back equal objects of the same types."""
    if value is None or isinstance(value, str | int | float):
        return value
    if isinstance(value, tuple):
        return {"tuple": [_plain(item) for item in value]}
    if isinstance(value, Translated):
        return {"translated": dict(value)}
    if isinstance(value, MappingProxyType):
        return {"read-only": [[key, _plain(item)] for key, item in value.items()]}
    if isinstance(value, PurePath):
        return {"path": str(value)}
    if type(value).__name__ in MODEL_CLASSES and MODEL_CLASSES[type(value).__name__] is type(value):
        fields = {field.name: _plain(getattr(value, field.name)) for field in dataclasses.fields(type(value))}
        return {"class": type(value).__name__, "fields": fields}
    raise TypeError(f"a {type(value).__name__} is not part of the content model")


def _rebuild(node: Any) -> Any:
    """The objects _plain wrote: only the content model's classes, through their constructors."""
    if node is None or isinstance(node, str | int | float):
        return node
    if not isinstance(node, dict):
        raise ValueError(f"unexpected {type(node).__name__} in the snapshot")
    if node.keys() == {"class", "fields"}:
        cls = MODEL_CLASSES[node["class"]]
        return cls(**{str(name): _rebuild(item) for name, item in dict(node["fields"]).items()})
    ((kind, body),) = node.items()
    if kind == "tuple":
        return tuple(_rebuild(item) for item in body)
    if kind == "translated":
        return Translated({str(language): str(text) for language, text in dict(body).items()})
    if kind == "read-only":
        return MappingProxyType({str(key): _rebuild(item) for key, item in body})
    if kind == "path":
        return Path(str(body))
    raise ValueError(f"unexpected {kind!r} in the snapshot")
