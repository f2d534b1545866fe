"""What read-aloud says: sentences from a screen's texts, and addresses said as words. No Qt, no voices.

"publicaffairs@utrecht.nl" is said "publicaffairs at utrecht dot nl" (in Dutch "apenstaartje" and "punt"), a web
address without its https:// and with each / said as a word, and a phone number digit by digit: the words come
from content.yaml (interface: accessibility:), like every other word the kiosk says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from kiosk.content.model import AccessibilityText

_SENTENCE_END = (".", "!", "?", ":", ";", "…")
_SPACES = re.compile(r"\s+")
# Where a label may break a line (kiosk/widgets/text.py, kiosk/widgets/qr_card.py): nothing to say.
_BREAK_POINTS = re.compile("[\u200b\u00ad]")


@dataclass(frozen=True, slots=True)
class AddressWords:
    """How the marks in an address are said in one language."""

    at: str
    dot: str
    slash: str

    @classmethod
    def of(cls, words: AccessibilityText, language: str) -> AddressWords:
        return cls(words.say_at[language], words.say_dot[language], words.say_slash[language])


def sentences(parts: Iterable[str]) -> str:
    """The parts as sentences, one after another, each ending in a full stop so a voice pauses between them."""
    spoken = []
    for part in parts:
        text = _SPACES.sub(" ", _BREAK_POINTS.sub("", part)).strip()
        if not text:
            continue
        spoken.append(text if text.endswith(_SENTENCE_END) else text + ".")
    return " ".join(spoken)


def say_email(address: str, words: AddressWords) -> str:
    """publicaffairs@utrecht.nl -> publicaffairs at utrecht dot nl."""
    local, _, domain = address.partition("@")
    return f"{_say_dots(local, words)} {words.at} {_say_dots(domain, words)}"


def say_web_address(url: str, words: AddressWords) -> str:
    """https://www.utrecht.nl/a-b/ -> www dot utrecht dot nl slash a b: no scheme, no trailing slash."""
    text = re.sub(r"^[a-z]+://", "", url.strip(), flags=re.IGNORECASE).rstrip("/")
    host, _, path = text.partition("/")
    spoken = _say_dots(host, words)
    for segment in path.split("/") if path else []:
        spoken += f" {words.slash} {_say_dots(segment.replace('-', ' ').replace('_', ' '), words)}"
    return spoken


def say_phone(number: str) -> str:
    """14 030 -> 1 4 0 3 0: digit by digit, the way a number to dial is read out."""
    plus = "+ " if number.strip().startswith("+") else ""
    return plus + " ".join(character for character in number if character.isdigit())


def say_address(text: str, words: AddressWords) -> str:
    """Whatever a QR card shows under its code, said as words: an e-mail address, a web address or a number."""
    text = _BREAK_POINTS.sub("", text).strip()
    if "@" in text and " " not in text:
        return say_email(text, words)
    if text.lstrip("+").replace(" ", "").isdigit():
        return say_phone(text)
    return say_web_address(text, words)


def _say_dots(text: str, words: AddressWords) -> str:
    return f" {words.dot} ".join(part for part in text.split(".") if part)
