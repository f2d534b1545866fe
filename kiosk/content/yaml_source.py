"""Turns the bytes of a YAML file into PyYAML's node tree, with positions, refusing what is unsafe."""

from __future__ import annotations

import re

import yaml
from yaml.nodes import MappingNode, Node

from kiosk.content.model import MAX_BYTES
from kiosk.content.problems import ContentError, Problem

# What YAML 1.1 refuses to read (its "printable" set, inverted), tabs and line breaks aside.
_NOT_ALLOWED = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# The C parser is several times faster; both give the same nodes and positions.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(data: bytes, path: str) -> MappingNode:
    """The document's top-level mapping node, or ContentError listing every problem found."""
    if len(data) > MAX_BYTES:
        raise _error(
            path,
            1,
            1,
            f"the file is {len(data):,} bytes, over the limit of {MAX_BYTES:,}: "
            "keep long texts on the web pages the kiosk links to",
        )
    text = _decode_utf8(data, path)
    if not text.strip():
        raise _error(path, 1, 1, "the file is empty: it needs languages, interface, contacts and topics")
    problems = _tabs_in_indentation(text, path) + _control_characters(text, path)
    problems += _refused_constructs(text, path)
    if problems:
        raise ContentError(problems)
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        raise ContentError([_syntax_problem(error, path)]) from None
    except yaml.YAMLError as error:
        raise _error(path, 1, 1, f"this is not readable YAML: {error}") from None
    if node is None:
        raise _error(path, 1, 1, "the file has only comments: it needs languages, interface, contacts and topics")
    if not isinstance(node, MappingNode):
        line, column = position(node)
        raise _error(
            path,
            line,
            column,
            "the top level must be a mapping of keys (languages:, interface:, topics: ...), "
            "not a single value or a list",
        )
    return node


def position(node: Node) -> tuple[int, int]:
    """The 1-based line and column where a node starts."""
    return node.start_mark.line + 1, node.start_mark.column + 1


def _error(path: str, line: int, column: int, message: str) -> ContentError:
    return ContentError([Problem(path, line, column, message)])


def _decode_utf8(data: bytes, path: str) -> str:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = len(before) - (before.rfind(b"\n") + 1) + 1
        raise _error(
            path,
            line,
            column,
            f"byte 0x{data[error.start]:02x} is not UTF-8: save the file as UTF-8 "
            "(in most editors: Save with encoding, UTF-8)",
        ) from None
    return text.removeprefix("\ufeff")


def _tabs_in_indentation(text: str, path: str) -> list[Problem]:
    problems: list[Problem] = []
    if "\t" not in text:
        return problems
    for number, line in enumerate(text.splitlines(), start=1):
        indent = line[: len(line) - len(line.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(
                Problem(
                    path,
                    number,
                    indent.index("\t") + 1,
                    "a tab is used for indentation: YAML indents with spaces only; replace it with spaces",
                )
            )
    return problems


def _control_characters(text: str, path: str) -> list[Problem]:
    """Characters YAML does not allow at all (NUL, most control characters), each at its place."""
    problems: list[Problem] = []
    if not _NOT_ALLOWED.search(text):
        return problems
    for number, line in enumerate(text.splitlines(), start=1):
        for column, character in enumerate(line, start=1):
            if _NOT_ALLOWED.match(character):
                problems.append(
                    Problem(
                        path,
                        number,
                        column,
                        f"the invisible control character U+{ord(character):04X} is not allowed: delete it "
                        "(it often comes with text pasted from another program)",
                    )
                )
    return problems


def _refused_constructs(text: str, path: str) -> list[Problem]:
    """Anchors, aliases and explicit tags, found from parser events before anything is built."""
    problems: list[Problem] = []
    # An anchor is written with &, an alias with *, a tag (or %TAG handle) with !: without any of them
    # there is nothing to find, and a second pass of the parser over a large file is spared.
    if not any(sign in text for sign in "&*!"):
        return problems
    try:
        for event in yaml.parse(text, Loader=_Loader):
            mark = event.start_mark
            where = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
            if isinstance(event, yaml.AliasEvent):
                problems.append(
                    Problem(
                        path,
                        *where,
                        f"the alias *{event.anchor} is not allowed: write the value out in full "
                        "(a text that starts with * needs quotes)",
                    )
                )
            elif isinstance(event, yaml.NodeEvent) and event.anchor is not None:
                problems.append(
                    Problem(
                        path,
                        *where,
                        f"the anchor &{event.anchor} is not allowed: write each value out in full",
                    )
                )
            if isinstance(event, (yaml.ScalarEvent, yaml.CollectionStartEvent)) and _explicit_tag(event):
                problems.append(
                    Problem(
                        path,
                        *where,
                        f"the tag {event.tag} is not allowed: remove it; content is plain text, lists and keys",
                    )
                )
    except yaml.YAMLError:
        pass  # composing reports the syntax error with its position
    return problems


def _explicit_tag(event: yaml.ScalarEvent | yaml.CollectionStartEvent) -> bool:
    if event.tag is None or event.tag == "!":
        return False
    if isinstance(event, yaml.ScalarEvent):
        plain, quoted = event.implicit
        return not (plain or quoted)
    return not event.implicit


def _syntax_problem(error: yaml.MarkedYAMLError, path: str) -> Problem:
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    message = f"YAML syntax error: {error.problem or 'unreadable'}"
    if "\t" in (error.problem or "") or "'\\t'" in (error.problem or ""):
        message = "a tab is used where YAML expects spaces: replace it with spaces"
    context_mark = error.context_mark
    if error.context and context_mark is not None:
        message += f" ({error.context} that began at line {context_mark.line + 1}, column {context_mark.column + 1})"
    return Problem(path, line, column, message + _syntax_hint(error))


def _syntax_hint(error: yaml.MarkedYAMLError) -> str:
    problem = error.problem or ""
    if "mapping values are not allowed" in problem:
        return "; a text with ': ' in it needs quotes around it, or this line is indented further than it should be"
    if "did not find expected key" in problem:
        return "; a quote opened on an earlier line and not closed, or a line indented wrongly"
    if "could not find expected ':'" in problem or "expected <block end>" in problem:
        return "; check the indentation of this line and the one before"
    if "found unexpected end of stream" in problem or "found unexpected end" in problem:
        return "; a quote or bracket was opened and not closed"
    return ""
