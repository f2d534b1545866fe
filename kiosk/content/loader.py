"""Loads content.yaml into a Content object, or a ContentError that lists every problem at once."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from kiosk.content.checks import CheckContext
from kiosk.content.decoder import Decoder, Invalid
from kiosk.content.model import MAX_BYTES, Checked, Content, Hostname, Language
from kiosk.content.problems import ContentError, Problem, in_file_order
from kiosk.content.review import review
from kiosk.content.yaml_source import parse_yaml


def load_content(path: Path | str) -> Content:
    """Read, parse and check a content file; raise ContentError listing every error."""
    return check_file(path).content


def check_file(path: Path | str) -> Checked:
    """Read, parse and check a content file: the content and its warnings, or ContentError."""
    path = Path(path)
    try:
        with path.open("rb") as file:
            # One byte over the cap is enough to refuse the file without reading all of it.
            data = file.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ContentError([Problem(str(path), 1, 1, f"cannot read the file: {reason}")]) from None
    return check_bytes(data, str(path), path.parent)


def parse_content(data: bytes, file: str, base_dir: Path) -> Content:
    """Content from the bytes of a content file; images are looked up relative to base_dir."""
    return check_bytes(data, file, base_dir).content


def check_bytes(
    data: bytes, file: str, base_dir: Path, referenced: set[str] | None = None, *, require_files: bool = True
) -> Checked:
    """The content and its warnings from the bytes of a content file, or ContentError listing every error.

    `referenced`, if given, receives the relative paths of every file the content names. With
    `require_files` False a missing image or page is a warning, so the rest can still be shown.
    """
    root = parse_yaml(data, file)
    context = dataclasses.replace(
        _declarations(root, file, base_dir), referenced_files=set(), require_files=require_files, missing_files=set()
    )
    decoder = Decoder(file, context)
    content = decoder.decode(root, Content)
    if not isinstance(content, Invalid):
        content = dataclasses.replace(content, base_dir=base_dir)
        review(content, decoder)
    if referenced is not None:
        referenced.update(context.referenced_files)
    text = data.decode("utf-8", "replace")
    for missing in sorted(context.missing_files):
        line = text.count("\n", 0, max(0, text.find(missing))) + 1
        message = f"{missing!r} does not exist: its place stays empty until the file is added"
        decoder.problems.append(Problem(file, line, 1, message, "warning"))
    problems = in_file_order(decoder.problems)
    if isinstance(content, Invalid) or any(problem.severity == "error" for problem in problems):
        raise ContentError(problems)
    return Checked(content, tuple(problems))


def _declarations(root: MappingNode, file: str, base_dir: Path) -> CheckContext:
    """What other values are checked against, read first: languages, allowed hosts, contact names.

    Problems in these parts are reported when the whole document is decoded, so they are dropped here.
    """
    scratch = Decoder(file, CheckContext(base_dir=base_dir))
    languages = _valid_items(root, "languages", scratch, Language)
    hosts = _valid_items(root, "allowed_hosts", scratch, Hostname)
    contacts = _node_of(root, "contacts")
    contact_ids = [key.value for key, _ in contacts.value] if isinstance(contacts, MappingNode) else []
    return CheckContext(
        base_dir=base_dir,
        languages=tuple(dict.fromkeys(language.code for language in languages)),
        allowed_hosts=frozenset(hosts),
        contact_ids=frozenset(str(key) for key in contact_ids),
    )


def _node_of(root: MappingNode, key: str) -> Any:
    for key_node, value_node in root.value:
        if isinstance(key_node, ScalarNode) and key_node.value == key:
            return value_node
    return None


def _valid_items(root: MappingNode, key: str, decoder: Decoder, item_hint: Any) -> list[Any]:
    node = _node_of(root, key)
    if not isinstance(node, SequenceNode):
        return []
    items = (decoder.decode(item, item_hint) for item in node.value)
    return [item for item in items if not isinstance(item, Invalid)]
