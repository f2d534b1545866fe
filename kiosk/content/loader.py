"""Loads content.yaml into a Content object, or a ContentError that lists every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from yaml.nodes import MappingNode, ScalarNode, SequenceNode

from kiosk.content.checks import CheckContext
from kiosk.content.decoder import Decoder, Invalid
from kiosk.content.model import Content, Hostname, Language
from kiosk.content.problems import ContentError, Problem
from kiosk.content.yaml_source import parse_yaml


def load_content(path: Path | str) -> Content:
    """Read, parse and check a content file; raise ContentError listing every problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise ContentError([Problem(str(path), 1, 1, f"cannot read the file: {reason}")]) from None
    return parse_content(data, str(path), path.parent)


def parse_content(data: bytes, file: str, base_dir: Path) -> Content:
    """Content from the bytes of a content file; images are looked up relative to base_dir."""
    root = parse_yaml(data, file)
    decoder = Decoder(file, _declarations(root, file, base_dir))
    content = decoder.decode(root, Content)
    if isinstance(content, Invalid) or decoder.problems:
        raise ContentError(sorted(decoder.problems, key=lambda problem: (problem.line, problem.column)))
    return Content(
        **{name: getattr(content, name) for name in Content.__dataclass_fields__ if name != "base_dir"},
        base_dir=base_dir,
    )


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
