"""Property: whatever bytes IT staff save, loading returns content or a list of problems, never anything else."""

from __future__ import annotations

import yaml
from conftest import REPO, SHIPPED
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.content import ContentError
from kiosk.content.loader import check_bytes

TEXT = SHIPPED.read_text(encoding="utf-8")
LINES = TEXT.splitlines(keepends=True)
# Deterministic (the same examples every run), and many of them.
FUZZ = settings(max_examples=600, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])

YAML_BITS = st.sampled_from(
    [
        ": ",
        "- ",
        "  ",
        "\t",
        '"',
        "'",
        "|",
        ">",
        "&a ",
        "*a",
        "!!python/object:os.system ",
        "!!str ",
        "{",
        "}",
        "[",
        "]",
        "#",
        "---\n",
        "...\n",
        "no",
        "09:00",
        "~",
        "null",
        "1e3",
        "0x1F",
        "\n",
        "é",
        "\u200b",
        "\x00",
    ]
)


def outcome(data: bytes) -> str:
    try:
        checked = check_bytes(data, "content.yaml", REPO)
    except ContentError as error:
        refusal = error
    else:
        assert checked.content.topics
        return "accepted"
    assert refusal.errors, "a refusal always names at least one error"
    for problem in refusal.problems:
        assert problem.line >= 1
        assert problem.column >= 1
        assert problem.message
    return "refused"


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data: bytes) -> None:
    assert outcome(data) in ("refused", "accepted")


@FUZZ
@given(st.text(max_size=2000))
def test_random_text(text: str) -> None:
    assert outcome(text.encode("utf-8", "surrogatepass")) in ("refused", "accepted")


yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=12), children, max_size=5),
    max_leaves=40,
)


@FUZZ
@given(yaml_values)
def test_random_yaml_documents(value: object) -> None:
    assert outcome(yaml.safe_dump(value, allow_unicode=True).encode("utf-8")) == "refused"


@st.composite
def mutated_content(draw: st.DrawFn) -> str:
    lines = list(LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        action = draw(st.sampled_from(["delete", "duplicate", "swap", "insert", "indent", "dedent", "truncate"]))
        if action == "delete":
            del lines[index]
        elif action == "duplicate":
            lines.insert(index, lines[index])
        elif action == "swap":
            other = draw(st.integers(0, len(lines) - 1))
            lines[index], lines[other] = lines[other], lines[index]
        elif action == "insert":
            line = lines[index]
            at = draw(st.integers(0, len(line)))
            lines[index] = line[:at] + draw(YAML_BITS) + line[at:]
        elif action == "indent":
            lines[index] = "  " + lines[index]
        elif action == "dedent":
            lines[index] = lines[index].removeprefix("  ")
        else:
            lines = lines[:index]
        if not lines:
            break
    return "".join(lines)


@FUZZ
@given(mutated_content())
def test_mutations_of_the_shipped_content(text: str) -> None:
    assert outcome(text.encode("utf-8")) in ("refused", "accepted")
