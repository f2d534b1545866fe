"""Builds what a QR code carries: mailto: (RFC 6068), tel: (RFC 3966) and https: addresses, and their text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

from kiosk.content.model import Contact, Link

# RFC 6068 section 2: in the address part, only these need no percent-encoding besides letters and digits.
_ADDRESS_SAFE = "!$'()*+,;:@.-_~"
_WHITESPACE = re.compile(r"\s+")
# What a QR code at error correction M holds in byte mode at version 7 (45x45 modules). Larger codes
# no longer fit a take-along card at 6 px a module, and would have to be drawn too small to scan.
MAX_QR_BYTES = 122


@dataclass(frozen=True, slots=True)
class Payload:
    """What a QR code encodes, and the same address as text for visitors who can't scan."""

    uri: str
    text: str


def mailto(address: str, subject: str | None = None, body: str | None = None) -> Payload:
    """A mailto: URI with the subject and body UTF-8 percent-encoded, spaces as %20."""
    local, _, domain = address.partition("@")
    uri = f"mailto:{quote(local, safe=_ADDRESS_SAFE)}@{quote(domain, safe=_ADDRESS_SAFE)}"
    fields = []
    if subject:
        # A header has no line breaks: folding them away keeps a subject from adding headers.
        fields.append("subject=" + quote(_WHITESPACE.sub(" ", subject).strip(), safe=""))
    if body:
        lines = body.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        fields.append("body=" + "%0D%0A".join(quote(line, safe="") for line in lines))
    if fields:
        uri += "?" + "&".join(fields)
    return Payload(uri, address)


def tel(number: str) -> Payload:
    """A tel: URI of the digits (and a leading +) of a number written for people, e.g. "14 030"."""
    digits = ("+" if number.strip().startswith("+") else "") + "".join(c for c in number if c.isdigit())
    return Payload(f"tel:{digits}", number)


def web_page(url: str) -> Payload:
    """An https address as it is, shown without the scheme so it reads like a poster."""
    parts = urlsplit(url)
    if parts.scheme != "https":
        raise ValueError(f"only https addresses are offered to visitors, not {url!r}")
    text = url.removeprefix("https://").removesuffix("/")
    return Payload(url, text)


def for_contact(contact: Contact, language: str) -> Payload:
    """The payload for a contact: a call for a phone number, an e-mail with a subject otherwise."""
    if contact.phone is not None:
        return tel(contact.phone)
    if contact.email is None:
        raise ValueError("a contact has an e-mail address or a phone number")
    subject = contact.subject[language] if contact.subject is not None else None
    return mailto(contact.email, subject)


def for_link(link: Link) -> Payload:
    return web_page(link.url)
