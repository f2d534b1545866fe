"""Decodes a YAML node tree into the content model's typed objects, collecting every problem on the way."""

from __future__ import annotations

import dataclasses
import functools
import re
import types
import typing
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from yaml.constructor import ConstructorError, SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from kiosk.content.checks import CheckContext, plain_text
from kiosk.content.model import Translated
from kiosk.content.problems import Problem, Severity
from kiosk.content.yaml_source import position

Path = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_LOOKS_LIKE_TIME = re.compile(r"[0-9]+(:[0-9]{1,2})+")
_NULL = "tag:yaml.org,2002:null"
_READ_AS = {
    "tag:yaml.org,2002:bool": "a yes/no value",
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:null": "empty",
    "tag:yaml.org,2002:timestamp": "a date",
}


class Invalid:
    """Marks a value that could not be decoded; its problem is already recorded."""


INVALID = Invalid()


class Decoder:
    """Walks nodes against type hints; `problems` and `positions` fill as it goes."""

    def __init__(self, file: str, context: CheckContext) -> None:
        self.file = file
        self.context = context
        self.languages = context.languages
        self.problems: list[Problem] = []
        self.positions: dict[Path, tuple[int, int]] = {}
        self._constructor = SafeConstructor()
        self._line_breaks = False  # whether the field being decoded may hold a text of several lines

    def problem(self, node: Node, message: str) -> Invalid:
        self.problems.append(Problem(self.file, *position(node), message))
        return INVALID

    def problem_at(self, path: Path, message: str, severity: Severity = "error") -> None:
        """A problem reported at a value decoded earlier, or at its parent if the key is absent."""
        while path and path not in self.positions:
            path = path[:-1]
        self.problems.append(Problem(self.file, *self.positions.get(path, (1, 1)), message, severity))

    def decode(self, node: Node, hint: Any, path: Path = ()) -> Any:
        self.positions[path] = position(node)
        kind, inner = _shape(hint)
        if kind == "checked":
            base, check = inner
            value = self.decode(node, base, path)
            if isinstance(value, Invalid):
                return value
            message = check(value, self.context)
            return self.problem(node, message) if message else value
        if kind == "optional":
            if isinstance(node, ScalarNode) and node.tag == _NULL:
                return None
            return self.decode(node, inner[0], path)
        if kind == "list":
            return self._decode_sequence(node, inner[0], path)
        if kind == "mapping":
            key_hint, value_hint = inner
            return self._decode_mapping(node, key_hint, value_hint, path)
        if kind == "translated":
            return self._decode_translated(node, path)
        if kind == "text":
            return self._decode_text(node)
        if kind == "scalar":
            return self._decode_scalar(node, hint)
        if kind == "model":
            return self._decode_dataclass(node, typing.cast(type, hint), path)
        raise TypeError(f"the content model uses a type the decoder does not know: {hint!r}")

    def _decode_text(self, node: Node) -> str | Invalid:
        if not isinstance(node, ScalarNode):
            return self.problem(node, f"expected a text here, found {_kind(node)}")
        if node.tag == _NULL and not node.value:
            return self.problem(node, "this has no text: write the text after the colon, or remove the line")
        if node.tag != _STR:
            read_as = _READ_AS.get(node.tag, "something other than text")
            return self.problem(
                node,
                f'YAML reads {node.value or "this"!r} as {read_as}, not as text: put it in quotes, e.g. "{node.value}"',
            )
        if not node.style and _LOOKS_LIKE_TIME.fullmatch(node.value):
            # YAML 1.1 reads 9:00 as 540; other tools may read 09:00 the same way. Quoting is unambiguous.
            return self.problem(node, f'{node.value!r} looks like a time: put it in quotes, e.g. "{node.value}"')
        text = str(node.value.strip())
        if not text:
            return self.problem(node, "this text is empty: write the text, or remove the line")
        message = plain_text(text, line_breaks=self._line_breaks)
        return self.problem(node, message) if message else text

    def _decode_scalar(self, node: Node, hint: type) -> Any:
        expected = "a whole number" if hint is int else "true or false"
        if not isinstance(node, ScalarNode):
            return self.problem(node, f"expected {expected} here, found {_kind(node)}")
        try:
            value = self._constructor.construct_object(node)
        except ConstructorError:
            value = None
        if type(value) is not hint:
            return self.problem(node, f"expected {expected} here, found {node.value!r}")
        return value

    def _decode_sequence(self, node: Node, item_hint: Any, path: Path) -> tuple[Any, ...] | Invalid:
        if not isinstance(node, SequenceNode):
            return self.problem(node, f"expected a list here (lines starting with '- '), found {_kind(node)}")
        items = [self.decode(item, item_hint, (*path, index)) for index, item in enumerate(node.value)]
        if any(isinstance(item, Invalid) for item in items):
            return INVALID
        return tuple(items)

    def _pairs(self, node: MappingNode) -> list[tuple[str, Node, Node]]:
        """The mapping's keys as text, each once; duplicates and non-text keys are problems."""
        seen: dict[str, int] = {}
        pairs: list[tuple[str, Node, Node]] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag not in (
                _STR,
                "tag:yaml.org,2002:bool",
                "tag:yaml.org,2002:int",
            ):
                self.problem(key_node, "a key must be a plain word, e.g. title:")
                continue
            key = str(key_node.value)
            if key in seen:
                self.problem(
                    key_node,
                    f"the key {key!r} appears twice in this mapping (first at line {seen[key]}): keep one of them",
                )
                continue
            seen[key] = position(key_node)[0]
            pairs.append((key, key_node, value_node))
        return pairs

    def _decode_mapping(self, node: Node, key_hint: Any, value_hint: Any, path: Path) -> Mapping[str, Any] | Invalid:
        if not isinstance(node, MappingNode):
            return self.problem(node, f"expected a mapping of names to entries here, found {_kind(node)}")
        result: dict[str, Any] = {}
        valid = True
        for key, key_node, value_node in self._pairs(node):
            checked_key = self.decode(key_node, key_hint, (*path, key, "<key>"))
            value = self.decode(value_node, value_hint, (*path, key))
            if isinstance(checked_key, Invalid) or isinstance(value, Invalid):
                valid = False
            else:
                result[key] = value
        return MappingProxyType(result) if valid and len(result) == len(node.value) else INVALID

    def _decode_translated(self, node: Node, path: Path) -> Translated | Invalid:
        if not isinstance(node, MappingNode):
            example = "\n".join(f"  {code}: ..." for code in self.languages)
            return self.problem(node, f"expected a text in every language, one line each:\n{example}")
        texts: dict[str, str] = {}
        valid = True
        for code, key_node, value_node in self._pairs(node):
            if self.languages and code not in self.languages:
                valid = False
                self.problem(
                    key_node,
                    f"{code!r} is not one of the languages ({', '.join(self.languages)}): "
                    f"fix the code or add the language under languages{_suggest(code, self.languages)}",
                )
                continue
            text = self.decode(value_node, str, (*path, code))
            if isinstance(text, Invalid):
                valid = False
            else:
                texts[code] = text
        missing = [code for code in self.languages if code not in texts and valid]
        for code in missing:
            valid = False
            self.problem(node, f"the {code!r} translation is missing: add a line '{code}: ...'")
        return Translated(texts) if valid else INVALID

    def _decode_dataclass(self, node: Node, cls: type, path: Path) -> Any:
        name = cls.__name__
        if not isinstance(node, MappingNode):
            return self.problem(node, f"expected the keys of {_describe(cls)} here, found {_kind(node)}")
        fields, hints = _fields_and_hints(cls)
        values: dict[str, Any] = {}
        valid = True
        misspelt: set[str] = set()  # fields an unknown key was probably meant to be
        for key, key_node, value_node in self._pairs(node):
            if key not in fields:
                valid = False
                self.problem(key_node, f"unknown key {key!r} in {_describe(cls)}{_suggest(key, fields)}")
                misspelt.update(_closest(key, fields))
                continue
            self._line_breaks = fields[key].metadata.get("line_breaks") == "yes"
            value = self.decode(value_node, hints[key], (*path, key))
            valid = valid and not isinstance(value, Invalid)
            values[key] = value
        for field_name, field in fields.items():
            if field_name in values or _has_default(field):
                continue
            valid = False
            if field_name in misspelt:
                continue  # already said: "did you mean ...?"
            what = field.metadata.get("doc", "")
            self.problem(node, f"{name} is missing the key {field_name!r}: add it ({what})")
        if not valid:
            return INVALID
        instance = cls(**values)
        for where, message in getattr(instance, "check", lambda: ())():
            valid = False
            self.problem_at((*path, *where.split("/")), message)
        return instance if valid else INVALID


_Shape = typing.Literal["checked", "optional", "list", "mapping", "translated", "text", "scalar", "model", "unknown"]


@functools.cache
def _shape(hint: Any) -> tuple[_Shape, tuple[Any, ...]]:
    """What kind of value a type hint asks for, and the hints (or check) inside it; worked out once per hint."""
    origin = typing.get_origin(hint)
    if origin is typing.Annotated:
        return "checked", tuple(typing.get_args(hint)[:2])
    if origin in (types.UnionType, typing.Union):
        return "optional", tuple(option for option in typing.get_args(hint) if option is not type(None))
    if origin is tuple:
        return "list", typing.get_args(hint)[:1]
    if origin is Mapping:
        return "mapping", typing.get_args(hint)
    if hint is Translated:
        return "translated", ()
    if hint is str:
        return "text", ()
    if hint is int or hint is bool:
        return "scalar", ()
    if dataclasses.is_dataclass(hint):
        return "model", ()
    return "unknown", ()


@functools.cache
def _fields_and_hints(cls: type) -> tuple[dict[str, dataclasses.Field[Any]], dict[str, Any]]:
    """A model class's keys and their type hints; read once per class, as evaluating hints is slow."""
    fields = {field.name: field for field in dataclasses.fields(cls) if "internal" not in field.metadata}
    return fields, typing.get_type_hints(cls, include_extras=True)


def _has_default(field: dataclasses.Field[Any]) -> bool:
    return field.default is not dataclasses.MISSING or field.default_factory is not dataclasses.MISSING


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping of keys"
    if isinstance(node, SequenceNode):
        return "a list"
    return f"the value {node.value!r}" if node.value else "nothing"


def _describe(cls: type) -> str:
    doc = (cls.__doc__ or cls.__name__).split(":")[0].rstrip(".").strip()
    return f"{cls.__name__} ({doc[0].lower() + doc[1:]})"


def _closest(word: str, options: typing.Iterable[str]) -> list[str]:
    """The option word was most likely meant to be, if any; difflib loads only when a key is wrong."""
    import difflib  # noqa: PLC0415

    return difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)


def _suggest(word: str, options: typing.Iterable[str]) -> str:
    matches = _closest(word, options)
    if matches:
        return f": did you mean {matches[0]!r}?"
    return f": known keys are {', '.join(sorted(options))}"
