"""The YAML hazards IT staff meet, each rejected at its exact line; warnings listed apart, keeping exit 0."""

from __future__ import annotations

import shutil
import struct
import zlib
from pathlib import Path

import pytest
from conftest import REPO, SHIPPED

from kiosk.content import ContentError
from kiosk.content.loader import check_bytes
from kiosk.payloads import MAX_QR_BYTES

TEXT = SHIPPED.read_text(encoding="utf-8")


def line_of(snippet: str, text: str = TEXT) -> int:
    return text.count("\n", 0, text.index(snippet)) + 1


def errors_for(text: str, base_dir: Path = REPO) -> ContentError:
    with pytest.raises(ContentError) as caught:
        check_bytes(text.encode("utf-8"), "content.yaml", base_dir)
    return caught.value


def test_a_subject_that_makes_the_code_unscannable_says_by_how_much() -> None:
    long_subject = "Vraag over internationale zaken en nog veel meer woorden die niemand leest"
    text = TEXT.replace("      nl: Vraag over internationale zaken", f"      nl: {long_subject}")
    error = errors_for(text)
    line = line_of(f"      nl: {long_subject}", text)
    [problem] = [p for p in error.errors if "scannable" in p.message]
    assert problem.line == line
    uri_bytes = len(f"mailto:publicaffairs@utrecht.nl?subject={long_subject}".replace(" ", "%20").encode())
    assert f"{uri_bytes} bytes, {uri_bytes - MAX_QR_BYTES} more than the {MAX_QR_BYTES}" in problem.message


def test_a_link_too_long_to_scan_is_refused_at_its_line() -> None:
    old = "https://www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/europa/"
    new = old + "a-very-long-path/" * 4
    error = errors_for(TEXT.replace(old, new))
    [problem] = error.errors
    assert problem.line == line_of(old)
    assert "more than the 122 that stay scannable" in problem.message


def test_syntax_error_names_where_the_construct_began(tmp_path: Path) -> None:
    text = TEXT.replace("  back:\n    nl: Terug", '  back:\n    nl: "Terug\n')
    error = errors_for(text)
    problem = error.errors[0]
    assert f"that began at line {line_of('    nl: Terug')}" in problem.message


def test_several_documents_in_one_file_are_refused() -> None:
    error = errors_for(TEXT + "\n---\nsecond: document\n")
    assert "YAML syntax error" in error.errors[0].message
    assert error.errors[0].line == TEXT.count("\n") + 2


def test_an_unclosed_flow_list_points_at_its_start() -> None:
    text = TEXT.replace("contacts: [delegations, public-affairs]", "contacts: [delegations, public-affairs")
    error = errors_for(text)
    assert f"began at line {line_of('contacts: [delegations')}" in error.errors[0].message


def test_unknown_top_level_key_with_suggestion() -> None:
    text = TEXT.replace("allowed_hosts:", "allowed_host:")
    error = errors_for(text)
    [problem] = [p for p in error.errors if "unknown key" in p.message]
    assert problem.line == line_of("allowed_hosts:")
    assert "did you mean 'allowed_hosts'?" in problem.message


def test_a_number_where_a_text_belongs_says_to_quote_it() -> None:
    error = errors_for(TEXT.replace("    en: Back\n", "    en: 14030\n", 1))
    [problem] = error.errors
    assert problem.line == line_of("    en: Back")
    assert "as a number" in problem.message
    assert 'put it in quotes, e.g. "14030"' in problem.message


def test_a_bad_setting_is_explained() -> None:
    error = errors_for(TEXT.replace("idle_warning_s: 20", "idle_warning_s: 5"))
    [problem] = error.errors
    assert problem.line == line_of("idle_warning_s: 20")
    assert "at least 20 seconds" in problem.message


def test_aliases_cannot_expand_a_billion_laughs() -> None:
    bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\n'
    error = errors_for(bomb)
    assert {p.line for p in error.errors} == {1, 2}
    assert all("not allowed" in p.message for p in error.errors)


def test_a_long_text_is_a_warning_not_an_error() -> None:
    long_text = "Utrecht werkt samen met vele steden. " * 40
    text = TEXT.replace(
        "        Veel beleid van de Europese Unie voeren we uit in Utrecht.",
        f"        {long_text}",
    )
    checked = check_bytes(text.encode(), "content.yaml", REPO)
    [warning] = checked.warnings
    assert warning.severity == "warning"
    assert "will scroll" in warning.message
    # A block text is reported on the line of its key, just above the text.
    assert warning.line == line_of(f"      nl: |-\n        {long_text[:30]}", text)


def test_an_oversized_png_is_a_warning(tmp_path: Path) -> None:
    shutil.copytree(REPO / "resources", tmp_path / "resources")
    (tmp_path / "resources" / "artwork" / "huge.png").write_bytes(_png(4000, 3000))
    text = TEXT.replace("resources/artwork/europe.svg", "resources/artwork/huge.png")
    checked = check_bytes(text.encode(), "content.yaml", tmp_path)
    [warning] = checked.warnings
    assert warning.line == line_of("resources/artwork/huge.png", text)
    assert "4000x3000 pixels" in warning.message


def _png(width: int, height: int) -> bytes:
    """A real, tiny-to-store PNG of the given size (one grey row repeated)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def test_an_invisible_control_character_is_located() -> None:
    error = errors_for(TEXT.replace("    en: Back\n", "    en: Ba\x07ck\n", 1))
    [problem] = error.errors
    assert (problem.line, problem.column) == (line_of("    en: Back"), 11)
    assert "U+0007" in problem.message
