"""What read-aloud says: addresses as words in the visitor's language, and sentences a voice pauses between."""

from __future__ import annotations

import pytest

from kiosk.accessibility.spoken import (
    AddressWords,
    say_address,
    say_email,
    say_phone,
    say_web_address,
    sentences,
)
from kiosk.content import Content

DUTCH = AddressWords(at="apenstaartje", dot="punt", slash="schuine streep")
ENGLISH = AddressWords(at="at", dot="dot", slash="slash")


def test_an_email_address_is_said_as_words() -> None:
    assert say_email("publicaffairs@utrecht.nl", ENGLISH) == "publicaffairs at utrecht dot nl"
    assert say_email("publicaffairs@utrecht.nl", DUTCH) == "publicaffairs apenstaartje utrecht punt nl"


def test_a_web_address_is_said_without_https_and_with_its_slashes() -> None:
    url = "https://www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/europa/"
    assert say_web_address(url, ENGLISH) == (
        "www dot utrecht dot nl slash bestuur en organisatie slash internationale zaken slash europa"
    )
    assert say_web_address("healthyurbanliving.utrecht.nl", DUTCH) == "healthyurbanliving punt utrecht punt nl"


def test_a_phone_number_is_said_digit_by_digit() -> None:
    assert say_phone("14 030") == "1 4 0 3 0"
    assert say_phone("+31 30 286 00 00") == "+ 3 1 3 0 2 8 6 0 0 0 0"


@pytest.mark.parametrize(
    ("shown", "said"),
    [
        ("internationaldelegations@\u200butrecht.\u200bnl", "internationaldelegations at utrecht dot nl"),
        ("14 030", "1 4 0 3 0"),
        ("www.\u200butrecht.\u200bnl/\u200beuropa", "www dot utrecht dot nl slash europa"),
    ],
)
def test_what_a_card_shows_under_its_code_is_recognised(shown: str, said: str) -> None:
    assert say_address(shown, ENGLISH) == said


def test_sentences_end_in_a_stop_and_skip_what_is_empty() -> None:
    assert sentences(["Hulp en contact", "", "  Bel   ons\nof mail.", "Vragen?"]) == (
        "Hulp en contact. Bel ons of mail. Vragen?"
    )


def test_the_shipped_content_has_the_words_in_every_language(content: Content) -> None:
    words = content.interface.accessibility
    for language in content.language_codes:
        spoken = AddressWords.of(words, language)
        assert all((spoken.at, spoken.dot, spoken.slash))
    assert AddressWords.of(words, "nl") == DUTCH
    assert AddressWords.of(words, "en") == ENGLISH
