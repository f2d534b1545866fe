"""What the QR codes carry: RFC 6068 mailto:, tel: and https addresses, built in one place."""

from __future__ import annotations

from urllib.parse import unquote

import pytest

from kiosk import payloads
from kiosk.content import Content


def test_mailto_encodes_spaces_as_percent_20_not_plus() -> None:
    payload = payloads.mailto("publicaffairs@utrecht.nl", "Vraag over internationale zaken")
    assert payload.uri == "mailto:publicaffairs@utrecht.nl?subject=Vraag%20over%20internationale%20zaken"
    assert "+" not in payload.uri


def test_mailto_encodes_dutch_characters_as_utf8() -> None:
    payload = payloads.mailto("publicaffairs@utrecht.nl", "Ideeën voor café's")
    assert payload.uri.endswith("?subject=Idee%C3%ABn%20voor%20caf%C3%A9%27s")
    assert unquote(payload.uri.split("subject=")[1]) == "Ideeën voor café's"


def test_mailto_subject_cannot_smuggle_in_a_header() -> None:
    payload = payloads.mailto("publicaffairs@utrecht.nl", "Hello\r\nBcc: everyone@example.com")
    assert "%0D" not in payload.uri
    assert "%0A" not in payload.uri
    assert payload.uri.endswith("subject=Hello%20Bcc%3A%20everyone%40example.com")


def test_mailto_body_line_breaks_become_crlf() -> None:
    payload = payloads.mailto("a@utrecht.nl", body="line one\nline two\r\nline three")
    assert payload.uri == "mailto:a@utrecht.nl?body=line%20one%0D%0Aline%20two%0D%0Aline%20three"


def test_mailto_reserved_characters_in_the_subject_are_encoded() -> None:
    payload = payloads.mailto("a@utrecht.nl", "50% & more? #1 = yes")
    assert payload.uri == "mailto:a@utrecht.nl?subject=50%25%20%26%20more%3F%20%231%20%3D%20yes"


def test_mailto_without_subject_is_the_bare_address() -> None:
    assert payloads.mailto("a@utrecht.nl").uri == "mailto:a@utrecht.nl"


def test_mailto_text_is_the_address_a_person_can_type() -> None:
    assert payloads.mailto("publicaffairs@utrecht.nl", "x").text == "publicaffairs@utrecht.nl"


@pytest.mark.parametrize(
    ("number", "uri"),
    [("14 030", "tel:14030"), ("+31 30 286 0000", "tel:+31302860000"), (" 14030 ", "tel:14030")],
)
def test_tel_keeps_digits_and_a_leading_plus(number: str, uri: str) -> None:
    payload = payloads.tel(number)
    assert payload.uri == uri
    assert payload.text == number


def test_web_page_is_shown_without_scheme_and_trailing_slash() -> None:
    payload = payloads.web_page("https://www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/europa/")
    assert payload.uri == "https://www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/europa/"
    assert payload.text == "www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/europa"


@pytest.mark.parametrize("url", ["http://www.utrecht.nl/", "javascript:alert(1)", "file:///etc/passwd"])
def test_web_page_refuses_anything_but_https(url: str) -> None:
    with pytest.raises(ValueError, match="only https"):
        payloads.web_page(url)


def test_contact_payload_follows_the_visitor_language(content: Content) -> None:
    contact = content.contacts["public-affairs"]
    dutch = payloads.for_contact(contact, "nl")
    english = payloads.for_contact(contact, "en")
    assert dutch.uri == "mailto:publicaffairs@utrecht.nl?subject=Vraag%20over%20internationale%20zaken"
    assert english.uri == "mailto:publicaffairs@utrecht.nl?subject=Question%20about%20international%20affairs"
    assert payloads.for_contact(content.contacts["phone"], "en").uri == "tel:14030"
