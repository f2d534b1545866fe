"""Checks of single text values in content.yaml; each returns what is wrong and what to do, or None."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

IDENTIFIER = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")
LANGUAGE = re.compile(r"[a-z]{2,3}")
# The dot-atom form of RFC 5322's addr-spec, which is what every address on a public poster uses.
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
EMAIL = re.compile(rf"{_ATOM}(\.{_ATOM})*@([A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{{2,}}")
PHONE = re.compile(r"\+?[0-9]+( [0-9]+)*")
HOSTNAME = re.compile(r"([a-z0-9]([a-z0-9-]*[a-z0-9])?\.)*[a-z0-9]([a-z0-9-]*[a-z0-9])?")
COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
IMAGE_SUFFIXES = (".svg", ".png")
# In a text's value, as YAML's escapes (\0, \a, \e, \u202E) can write them: control characters other than a line
# break, and the controls that turn the direction of text around, which make it read other than it was typed.
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
BROKEN_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
LINE_BREAK = re.compile(r"[\n\x85\u2028\u2029]")
# Anything a reader can see: not white space, and none of the characters that take no room (zero-width spaces and
# joiners, direction marks, the soft hyphen, the word joiner, the byte-order mark).
VISIBLE = re.compile(r"[^\s\u00ad\u034f\u061c\u115f\u1160\u180e\u200b-\u200f\u2060-\u2064\u3164\ufeff]")


@dataclass(frozen=True)
class CheckContext:
    """What a value is checked against: the declared languages, hosts and contacts, the images' folder."""

    base_dir: Path = Path(".")
    languages: tuple[str, ...] = ()
    allowed_hosts: frozenset[str] = field(default_factory=frozenset)
    contact_ids: frozenset[str] = field(default_factory=frozenset)
    # Every file the content refers to, relative to base_dir, filled in as values are checked:
    # a remote source fetches exactly these next to the content file.
    referenced_files: set[str] = field(default_factory=set)
    # False for the running kiosk: a missing image or page is then only a warning (its place stays
    # empty) rather than a reason to refuse all the content. validate always requires them.
    require_files: bool = True
    missing_files: set[str] = field(default_factory=set)
    # Folders with their symbolic links followed, each looked up once while the content is checked.
    resolved_folders: dict[Path, Path] = field(default_factory=dict, init=False, repr=False, compare=False)


def plain_text(value: str, *, line_breaks: bool) -> str | None:
    """Every text shown: no control characters, something visible, and on one line unless its field allows more."""
    control = CONTROL.search(value)
    if control:
        code = "U+0009 (a tab)" if control.group() == "\t" else f"U+{ord(control.group()):04X}"
        return f"the invisible control character {code} is not allowed in a text: delete it (or its escape, e.g. \\0)"
    if not VISIBLE.search(value):
        return "this text has only invisible characters: write the text, or remove the line"
    if not line_breaks and LINE_BREAK.search(value):
        return "this text is shown on one line: remove the line break (a text after | keeps its line breaks)"
    return None


def identifier(value: str, context: CheckContext) -> str | None:
    if IDENTIFIER.fullmatch(value):
        return None
    return f"{value!r} is not a valid id: use lower-case letters, digits and dashes, e.g. global-goals"


def language_code(value: str, context: CheckContext) -> str | None:
    if LANGUAGE.fullmatch(value):
        return None
    return f"{value!r} is not a language code: use a two-letter code in lower case, e.g. nl or en"


def https_url(value: str, context: CheckContext) -> str | None:
    if any(character.isspace() for character in value):
        return f"{value!r} contains a space: a web address has none (write %20 if the page needs one)"
    if not value.startswith("https://"):
        return f"{value!r} is not an https address: links must start with https:// (in lower case)"
    if BROKEN_ESCAPE.search(value):
        return f"{value!r} has a % that is not followed by two hexadecimal digits: write %25 for a % sign"
    try:
        parts = urlsplit(value)
        port = parts.port
    except ValueError:
        # A port that is not a number from 0 to 65535, an unclosed [ of an IPv6 address: no phone could open it.
        return f"{value!r} is not a web address a phone can open: check the part after https://"
    if not parts.hostname:
        return f"{value!r} has no host: write the whole address, e.g. https://www.utrecht.nl/"
    if port == 0:
        return f"{value!r} has port 0, which no web server uses: remove :0"
    if parts.username or parts.password:
        return f"{value!r} contains a user name or password: remove them"
    if parts.hostname not in context.allowed_hosts:
        return (
            f"the host {parts.hostname!r} is not in allowed_hosts ({', '.join(sorted(context.allowed_hosts))}): "
            "add it there if the city trusts it, or link to an allowed page"
        )
    return None


def email_address(value: str, context: CheckContext) -> str | None:
    if EMAIL.fullmatch(value) and len(value) <= 254:
        return None
    return f"{value!r} is not an e-mail address: write it as name@example.nl, without spaces or 'mailto:'"


def phone_number(value: str, context: CheckContext) -> str | None:
    if PHONE.fullmatch(value) and sum(character.isdigit() for character in value) >= 3:
        return None
    return f'{value!r} is not a phone number: use digits and single spaces, e.g. "14 030" or "+31 30 000 0000"'


def hostname(value: str, context: CheckContext) -> str | None:
    if HOSTNAME.fullmatch(value) and "." in value:
        return None
    return f"{value!r} is not a host name: write only the host, in lower case, e.g. www.utrecht.nl"


def hex_colour(value: str, context: CheckContext) -> str | None:
    if COLOUR.fullmatch(value):
        return None
    return f'{value!r} is not a colour: write it as #RRGGBB, e.g. "#E5243B" (with the quotes)'


def image_path(value: str, context: CheckContext) -> str | None:
    if value.startswith("/") or "\\" in value or ".." in value.split("/"):
        return f"{value!r} must be a path relative to content.yaml, inside its folder, with forward slashes"
    if not value.lower().endswith(IMAGE_SUFFIXES):
        return f"{value!r} is not an image the kiosk draws: use an .svg or .png file"
    context.referenced_files.add(value)
    if not (context.base_dir / value).is_file():
        if not context.require_files:
            context.missing_files.add(value)
            return None
        looked = (context.base_dir / value).resolve()
        return f"the image {value!r} does not exist (looked for {looked}): check the name or add the file"
    return None


BUNDLED_PAGES = "resources/pages/"
LANGUAGE_PLACEHOLDER = "{language}"


def bundled_page(value: str, context: CheckContext) -> str | None:
    """A page under resources/pages/; {language} stands for each language, and the first one's copy must exist."""
    if value.startswith("/") or "\\" in value or ".." in value.split("/"):
        return f"{value!r} must be a path relative to content.yaml, inside its folder, with forward slashes"
    if not value.startswith(BUNDLED_PAGES):
        example = f"{BUNDLED_PAGES}{LANGUAGE_PLACEHOLDER}/europe.html"
        return f"{value!r} is not under {BUNDLED_PAGES}: bundled pages live there, e.g. {example}"
    if not value.lower().endswith(".html"):
        return f"{value!r} is not a page the reader shows: use an .html file"
    if "{" in value.replace(LANGUAGE_PLACEHOLDER, "") or "}" in value.replace(LANGUAGE_PLACEHOLDER, ""):
        return f"{value!r}: the only placeholder a page path may hold is {LANGUAGE_PLACEHOLDER}"
    if not context.languages:
        return None  # the languages themselves are broken; that is reported where they are declared
    copies = [value.replace(LANGUAGE_PLACEHOLDER, language) for language in context.languages]
    context.referenced_files.update(copies)  # a remote source brings every language's copy
    first = context.base_dir / copies[0]
    if not first.is_file():
        if not context.require_files:
            context.missing_files.add(copies[0])
            return None
        return f"the page {copies[0]!r} does not exist (looked for {first.resolve()}): check the name or add the file"
    pages = context.base_dir / BUNDLED_PAGES
    if pages not in context.resolved_folders:
        context.resolved_folders[pages] = pages.resolve()
    if not first.resolve().is_relative_to(context.resolved_folders[pages]):
        return f"{copies[0]!r} leads outside {BUNDLED_PAGES} (a symbolic link?): put the page itself there"
    return None


def contact_reference(value: str, context: CheckContext) -> str | None:
    if value in context.contact_ids:
        return None
    import difflib  # noqa: PLC0415 - only for a contact id that is not there

    matches = difflib.get_close_matches(value, sorted(context.contact_ids), n=1)
    hint = f"did you mean {matches[0]!r}?" if matches else f"known: {', '.join(sorted(context.contact_ids))}"
    return f"no contact is named {value!r} under contacts: {hint}"
