"""Loading content.yaml: the shipped file, and broken files reported at the right line with what to do."""

from __future__ import annotations

import dataclasses
import subprocess
import sys

import pytest
from conftest import REPO, SHIPPED

from kiosk.content import Content, ContentError, Problem
from kiosk.content.loader import check_bytes, load_content, parse_content
from kiosk.content.model import MAX_BYTES

TEXT = SHIPPED.read_text(encoding="utf-8")


def line_of(snippet: str, text: str = TEXT) -> int:
    """The 1-based line on which snippet starts in the shipped file."""
    index = text.index(snippet)
    return text.count("\n", 0, index) + 1


def load_variant(old: str, new: str, count: int = 1) -> tuple[ContentError, int]:
    """Load the shipped file with old replaced by new; return the error and the line of the change."""
    assert old in TEXT, f"the shipped content no longer contains {old!r}"
    changed = TEXT.replace(old, new, count)
    with pytest.raises(ContentError) as caught:
        parse_content(changed.encode("utf-8"), "content.yaml", REPO)
    return caught.value, line_of(old)


def messages_at(error: ContentError, line: int) -> list[str]:
    return [problem.message for problem in error.problems if problem.line == line]


def test_shipped_content_loads_with_every_topic_the_city_asked_for(content: Content) -> None:
    assert content.language_codes == ("nl", "en")
    assert content.default_language == "nl"
    assert [topic.id for topic in content.topics] == ["healthy-urban-living", "europe", "business", "global-goals"]
    goals = content.topic("global-goals").goals
    assert [goal.number for goal in goals] == list(range(1, 18))
    assert goals[0].colour == "#E5243B"
    assert goals[16].colour == "#19486A"


def test_shipped_contacts_are_the_verified_facts(content: Content) -> None:
    assert content.contacts["phone"].phone == "14 030"
    assert content.contacts["public-affairs"].email == "publicaffairs@utrecht.nl"
    assert content.contacts["delegations"].email == "internationaldelegations@utrecht.nl"
    assert content.contact_page.visiting_address == "Stadsplateau 1, Utrecht"
    hours = content.contacts["phone"].hours
    assert hours is not None
    assert "9.00–17.00" in hours["nl"]
    assert "9.00–13.00" in hours["en"]


def test_every_read_more_link_is_a_verified_address(content: Content) -> None:
    facts = REPO.parent / "shared" / "reference" / "facts.md"
    known = facts.read_text(encoding="utf-8") if facts.exists() else TEXT
    for topic in content.topics:
        assert topic.links, f"{topic.id} has no read-more link"
        for link in topic.links:
            assert link.url in known


def test_content_objects_are_frozen(content: Content) -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        content.topics[0].id = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        content.contacts["phone"] = content.contacts["delegations"]  # type: ignore[index]


def test_content_model_imports_no_qt() -> None:
    code = "import sys, kiosk.content, kiosk.payloads; print(any(m.startswith('PySide6') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    assert result.stdout.strip() == "False"


def test_missing_translation_names_the_language_and_the_line() -> None:
    error, line = load_variant("    en: Back\n", "")
    assert any("'en' translation is missing" in message for message in messages_at(error, line - 1))


def test_unknown_key_suggests_the_closest_one() -> None:
    error, line = load_variant("    tagline:\n      nl: Gezondheid", "    tagtine:\n      nl: Gezondheid")
    assert any("unknown key 'tagtine'" in m and "did you mean 'tagline'?" in m for m in messages_at(error, line))


def test_wrong_type_says_what_was_expected() -> None:
    error, line = load_variant(
        "    contacts: [public-affairs]\n\n  - id: europe", "    contacts: public-affairs\n\n  - id: europe"
    )
    assert any("expected a list" in message for message in messages_at(error, line))


def test_link_that_is_not_https_is_refused() -> None:
    error, line = load_variant(
        "https://www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/europa/",
        "http://www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/europa/",
    )
    assert any("not an https address" in message for message in messages_at(error, line))


def test_link_to_a_host_off_the_allowlist_is_refused() -> None:
    error, line = load_variant(
        "https://www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/europa/",
        "https://example.com/europa/",
    )
    assert any("'example.com' is not in allowed_hosts" in message for message in messages_at(error, line))


def test_malformed_email_address_is_refused() -> None:
    error, line = load_variant("email: publicaffairs@utrecht.nl", "email: publicaffairs at utrecht.nl")
    assert any("is not an e-mail address" in message for message in messages_at(error, line))


def test_malformed_phone_number_is_refused() -> None:
    error, line = load_variant('phone: "14 030"', 'phone: "14-030 ext"')
    assert any("is not a phone number" in message for message in messages_at(error, line))


def test_missing_image_file_is_refused_with_where_it_looked() -> None:
    error, line = load_variant("resources/artwork/europe.svg", "resources/artwork/europa.svg")
    assert any("europa.svg' does not exist" in message for message in messages_at(error, line))


@pytest.mark.parametrize("time", ["9:00", "09:00", "17:30"])
def test_unquoted_time_is_caught_before_yaml_turns_it_into_a_number(time: str) -> None:
    error, line = load_variant("    en: Back", f"    en: {time}")
    assert any("put it in quotes" in message for message in messages_at(error, line))


def test_quoted_time_is_text() -> None:
    changed = TEXT.replace("    en: Back\n", '    en: "9:00"\n', 1)
    content = parse_content(changed.encode(), "content.yaml", REPO)
    assert content.interface.back["en"] == "9:00"


def test_bare_no_is_caught_before_yaml_turns_it_into_false() -> None:
    error, line = load_variant("    en: Back", "    en: no")
    assert any("a yes/no value" in message and "quotes" in message for message in messages_at(error, line))


def test_unknown_contact_reference_suggests_the_closest_name() -> None:
    error, line = load_variant("contacts: [delegations, public-affairs]", "contacts: [delegation, public-affairs]")
    assert any("no contact is named 'delegation'" in m and "'delegations'" in m for m in messages_at(error, line))


def test_duplicate_key_is_reported_where_it_repeats() -> None:
    error, line = load_variant("    tagline:\n      nl: Vroeg", "    title:\n      nl: Vroeg")
    assert any("appears twice" in message for message in messages_at(error, line))


def test_duplicate_topic_id_is_refused() -> None:
    error, _ = load_variant("  - id: europe", "  - id: business")
    assert any("'business' is used more than once" in problem.message for problem in error.problems)


def test_goal_out_of_range_is_refused() -> None:
    error, line = load_variant("{number: 17,", "{number: 18,")
    assert any("goal 18 does not exist" in message for message in messages_at(error, line))


def test_bad_colour_is_refused() -> None:
    error, line = load_variant('colour: "#19486A"', "colour: blue")
    assert any("is not a colour" in message for message in messages_at(error, line))


@pytest.mark.parametrize(
    ("escape", "code"),
    [("\\0", "U+0000"), ("\\a", "U+0007"), ("\\e", "U+001B"), ("\\t", "U+0009 (a tab)"), ("\\u202E", "U+202E")],
)
def test_control_characters_written_as_escapes_are_refused(escape: str, code: str) -> None:
    # YAML's escapes put characters in a value that the file itself does not show: checked in the value.
    error, line = load_variant("    en: Back", f'    en: "Ba{escape}ck"')
    assert any(f"control character {code} is not allowed" in message for message in messages_at(error, line))


@pytest.mark.parametrize("invisible", ["\\u200B", "\\u200B\\u200D", "\\u00AD", "\\uFEFF \\u2060"])
def test_a_text_of_only_invisible_characters_is_empty(invisible: str) -> None:
    error, line = load_variant("    en: Back", f'    en: "{invisible}"')
    assert any("only invisible characters" in message for message in messages_at(error, line))


def test_a_line_break_is_refused_where_the_text_is_shown_on_one_line() -> None:
    error, line = load_variant("    en: Back", '    en: "Go\\nback"')
    assert any("shown on one line: remove the line break" in message for message in messages_at(error, line))


def test_line_breaks_stay_where_a_text_runs_over_lines(content: Content) -> None:
    # Opening hours and a topic's paragraphs have them in the shipped file itself.
    hours = content.contacts["phone"].hours
    assert hours is not None
    assert "\n" in hours["en"]
    assert "\n" in content.topics[0].text["en"]


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://[::1/", "not a web address a phone can open"),
        ("https://www.utrecht.nl:abc/", "not a web address a phone can open"),
        ("https://www.utrecht.nl:99999/", "not a web address a phone can open"),
        ("https://www.utrecht.nl:0/", "port 0"),
        ("https://www.utrecht.nl/%zz", "% that is not followed by two hexadecimal digits"),
        ("HTTPS://www.utrecht.nl/", "must start with https:// (in lower case)"),
    ],
)
def test_a_link_no_phone_could_open_is_refused(url: str, expected: str) -> None:
    error, line = load_variant("https://www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/europa/", url)
    assert any(expected in message for message in messages_at(error, line))


SHIPPED_SETTINGS = {"idle_timeout_s": 90, "idle_warning_s": 20, "attract_after_s": 30}


def with_setting(name: str, value: int, text: str = TEXT) -> str:
    old = f"  {name}: {SHIPPED_SETTINGS[name]} "
    assert old in text, f"the shipped settings no longer hold {old!r}"
    return text.replace(old, f"  {name}: {value} ", 1)


@pytest.mark.parametrize(
    ("setting", "value", "most"),
    [
        ("idle_timeout_s", 3601, 3600),
        ("idle_timeout_s", 2592000, 3600),
        ("idle_warning_s", 601, 600),
        ("attract_after_s", 10**20, 3600),
    ],
)
def test_a_time_too_long_for_a_lobby_is_refused(setting: str, value: int, most: int) -> None:
    # Qt's timers hold at most 2**31 ms (24.8 days); an hour already leaves a visitor's screen for the next.
    with pytest.raises(ContentError) as caught:
        parse_content(with_setting(setting, value).encode(), "content.yaml", REPO)
    line = line_of(f"  {setting}: ")
    assert any(f"{setting} must be at most {most} seconds" in message for message in messages_at(caught.value, line))


def test_times_at_their_limits_are_taken() -> None:
    changed = with_setting(
        "idle_timeout_s", 3600, with_setting("idle_warning_s", 600, with_setting("attract_after_s", 3600))
    )
    settings = parse_content(changed.encode(), "content.yaml", REPO).settings
    assert (settings.idle_timeout_s, settings.idle_warning_s, settings.attract_after_s) == (3600, 600, 3600)


@pytest.mark.parametrize("name", ["home", "contact", "reader"])
def test_a_topic_cannot_take_the_name_of_one_of_the_kiosks_own_screens(name: str) -> None:
    error, _ = load_variant("  - id: europe", f"  - id: {name}")
    assert any(f"{name!r} is the name of one of the kiosk's own screens" in p.message for p in error.problems)


def test_the_help_screen_needs_a_contact() -> None:
    error, line = load_variant("  contacts: [phone, public-affairs, delegations]", "  contacts: []")
    assert any("the help screen needs at least one contact" in message for message in messages_at(error, line))


@pytest.mark.parametrize(
    ("old", "label", "most"),
    [
        ("    en: Back", "Back to the screen you came from", 28),
        ("    en: Read here", "Read this page here", 16),
        ("    name: English", "English (United Kingdom), British", 28),
    ],
)
def test_a_button_label_too_long_for_its_button_is_refused(old: str, label: str, most: int) -> None:
    key = old.split(": ", maxsplit=1)[0]
    error, line = load_variant(old, f"{key}: {label}")
    expected = f"is {len(label)} characters: this button's label is at most {most}"
    assert any(expected in message for message in messages_at(error, line))


def test_a_button_label_at_its_limit_is_taken() -> None:
    changed = TEXT.replace("    en: Back\n", "    en: Back to where you came\n", 1)  # 28 characters
    assert parse_content(changed.encode(), "content.yaml", REPO).interface.back["en"] == "Back to where you came"


def test_a_contact_listed_twice_on_one_screen_is_refused() -> None:
    error, line = load_variant("contacts: [delegations, public-affairs]", "contacts: [delegations, delegations]")
    assert any("'delegations' is listed more than once" in message for message in messages_at(error, line))


def test_a_host_allowed_twice_is_refused() -> None:
    error, _ = load_variant("allowed_hosts:\n", "allowed_hosts:\n  - www.utrecht.nl\n")
    assert any("'www.utrecht.nl' is used more than once under allowed_hosts" in p.message for p in error.problems)


def test_a_language_written_from_right_to_left_is_taken_with_a_warning() -> None:
    changed = TEXT.replace("code: en", "code: ar", 1).replace("    en: ", "    ar: ")
    checked = check_bytes(changed.encode(), "content.yaml", REPO)
    assert checked.content.language_codes == ("nl", "ar")
    assert any("'ar' is written from right to left" in warning.message for warning in checked.warnings)


def test_every_problem_is_reported_at_once() -> None:
    changed = (
        TEXT.replace("    en: Back\n", "", 1)
        .replace("email: publicaffairs@utrecht.nl", "email: nobody")
        .replace("resources/artwork/europe.svg", "resources/artwork/missing.svg")
    )
    with pytest.raises(ContentError) as caught:
        parse_content(changed.encode(), "content.yaml", REPO)
    text = str(caught.value)
    assert "'en' translation is missing" in text
    assert "'nobody' is not an e-mail address" in text
    assert "missing.svg' does not exist" in text
    assert len(caught.value.problems) == 3


def test_yaml_syntax_error_names_where_it_began_and_where_it_broke() -> None:
    error, line = load_variant("    nl: Terug", '    nl: "Terug')
    problem = error.problems[0]
    assert problem.message.startswith("YAML syntax error")
    assert f"began at line {line}" in problem.message
    assert "a quote opened on an earlier line and not closed" in problem.message


def test_a_line_indented_too_far_is_named_as_a_cause() -> None:
    error, _ = load_variant("    en: Back", "     en: Back")
    assert any("indented further than it should be" in problem.message for problem in error.problems)


def test_tab_indentation_is_reported_on_its_line() -> None:
    error, line = load_variant("    nl: Terug", "\tnl: Terug")
    assert any("tab is used for indentation" in message for message in messages_at(error, line))


def test_aliases_and_anchors_are_refused_without_being_expanded() -> None:
    error, line = load_variant("  back:\n    nl: Terug", "  back: &word\n    nl: Terug")
    assert any("anchor &word is not allowed" in message for message in messages_at(error, line))


def test_python_tags_are_refused_without_running_anything(tmp_path: object) -> None:
    error, line = load_variant("    nl: Terug", "    nl: !!python/object/apply:os.system ['touch /tmp/pwned']")
    assert any(
        "tag tag:yaml.org,2002:python/object/apply:os.system is not allowed" in m for m in messages_at(error, line)
    )


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "the file is empty"),
        (b"   \n# only a comment\n", "the file has only comments"),
        (b"- a\n- list\n", "the top level must be a mapping"),
        (b"just text\n", "the top level must be a mapping"),
        (b"languages:\n  - code: nl\n    name: Nederl\xe4nds\n", "is not UTF-8"),
        (b"a: 1\n" + b"#" * MAX_BYTES, "over the limit"),
    ],
)
def test_files_that_are_not_content_at_all(data: bytes, expected: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_content(data, "content.yaml", REPO)
    assert expected in str(caught.value)


def test_not_utf8_is_located_at_the_bad_byte() -> None:
    with pytest.raises(ContentError) as caught:
        parse_content(b"languages:\n  - code: nl\n    name: Nederl\xe4nds\n", "content.yaml", REPO)
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (3, 17)


def test_problems_read_like_compiler_errors() -> None:
    assert str(Problem("content.yaml", 3, 7, "something is wrong")) == "content.yaml:3:7: something is wrong"


def test_unreadable_file_is_a_problem_not_a_crash(tmp_path: object) -> None:
    with pytest.raises(ContentError) as caught:
        load_content(REPO / "does-not-exist.yaml")
    assert "cannot read the file" in str(caught.value)


def test_a_third_language_is_only_a_yaml_edit(content: Content) -> None:
    """Add German to a copy: every translated text needs a 'de' line, and nothing else changes."""
    import yaml

    data = yaml.safe_load(TEXT)
    data["languages"].append({"code": "de", "name": "Deutsch"})

    def add_german(node: object) -> None:
        if isinstance(node, dict):
            if "nl" in node and "en" in node and isinstance(node["nl"], str):
                node["de"] = "[de] " + node["en"]
            for value in node.values():
                add_german(value)
        elif isinstance(node, list):
            for value in node:
                add_german(value)

    add_german(data)
    three = parse_content(yaml.safe_dump(data, allow_unicode=True).encode(), "content.yaml", REPO)
    assert three.language_codes == ("nl", "en", "de")
    assert three.interface.back["de"] == "[de] Back"
    assert three.topics[0].title["de"].startswith("[de] ")
