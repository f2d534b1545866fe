"""The editor schema is generated from the content model, committed, current, and agrees with the validator."""

from __future__ import annotations

import json

import jsonschema
import pytest
import yaml
from conftest import REPO

from kiosk.content_commands import schema_text

COMMITTED = REPO / "content.schema.json"


def test_the_committed_schema_is_current() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), "run: python -m kiosk schema"


def test_content_yaml_points_yaml_language_server_at_the_schema() -> None:
    first_line = (REPO / "content.yaml").read_text(encoding="utf-8").splitlines()[0]
    assert first_line == "# yaml-language-server: $schema=content.schema.json"


def test_the_shipped_content_is_valid_against_the_schema() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(yaml.safe_load((REPO / "content.yaml").read_text(encoding="utf-8")), schema)


@pytest.mark.parametrize(
    ("edit", "path"),
    [
        (lambda data: data["topics"][0].update(tagtine={"nl": "x", "en": "x"}), "topics/0"),
        (lambda data: data["contacts"]["phone"].update(phone="fourteen"), "contacts/phone/phone"),
        (lambda data: data["topics"][1]["links"][0].update(url="http://www.utrecht.nl/"), "topics/1/links/0/url"),
        (lambda data: data.pop("languages"), ""),
    ],
)
def test_the_schema_flags_what_the_validator_flags(edit: object, path: str) -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    data = yaml.safe_load((REPO / "content.yaml").read_text(encoding="utf-8"))
    edit(data)  # type: ignore[operator]
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
    assert errors
    assert "/".join(str(part) for part in errors[0].absolute_path) == path


def test_every_field_has_a_description_for_the_editor() -> None:
    schema = json.loads(COMMITTED.read_text(encoding="utf-8"))
    for name, definition in schema["$defs"].items():
        for field, property_schema in definition.get("properties", {}).items():
            assert property_schema.get("description"), f"{name}.{field} has no description"
