"""What the reader may show and fetch, and what becomes of a tapped address it will not open: no Qt, no I/O.

The reader shows the kiosk's own bundled pages and https pages on the content's allowed hosts. A tapped
e-mail address or phone number, or a page on another host, is offered as a QR code to take along instead;
everything else (other schemes, other hosts, redirects and refreshes away) is refused.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from enum import Enum
from urllib.parse import quote, unquote, urlsplit

from kiosk import payloads
from kiosk.content.checks import CheckContext, email_address
from kiosk.payloads import Payload

# kiosk://resources/pages/en/europe.html is resources/pages/en/europe.html beside the content file, so the
# pages' relative links (../kiosk.css, ../../fonts/...) work the same in the reader and in a desktop browser.
BUNDLED_SCHEME = "kiosk"
BUNDLED_HOST = "resources"
BUNDLED_FOLDERS = ("pages", "fonts")
# Shown as a QR code when tapped, never opened.
TAKE_ALONG_SCHEMES = frozenset({"mailto", "tel"})
# A frame that is not the page itself may hold an inline document; the page itself never may.
FRAME_ONLY_SCHEMES = frozenset({"about", "blob", "data"})
# What a QR code at error correction M holds in byte mode at version 10 (57x57 modules): at the kiosk's
# 6 px a module, with its quiet zone, that is 390 px wide, which the code overlay shows at arm's length.
MAX_CODE_BYTES = 213
_PHONE_CHARACTERS = frozenset("+0123456789-.() ")


class Verdict(Enum):
    """What the reader does with an address a page wants to go to."""

    READ = "read"  # show it in the reader
    TAKE_ALONG = "take along"  # show its QR code: an e-mail address, a phone number, a page the kiosk won't show
    REFUSE = "refuse"  # stay where the visitor is; the refusal is logged


@dataclass(frozen=True, slots=True)
class ReaderPolicy:
    """The content's allowed hosts over https; plain http only to this machine, and only when a test asks."""

    allowed_hosts: frozenset[str]
    allow_loopback_http: bool = False

    def may_fetch(self, url: str, *, top_level: bool) -> bool:
        """Whether the reader may load url at all: a page, a frame, or anything a page asks for."""
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme == BUNDLED_SCHEME:
            return parts.netloc == BUNDLED_HOST
        if scheme in FRAME_ONLY_SCHEMES:
            return not top_level
        try:
            host, _ = parts.hostname, parts.port
        except ValueError:  # a port that is not a number
            return False
        if not host or parts.username is not None or parts.password is not None or host not in self.allowed_hosts:
            return False
        if scheme == "https":
            return True
        return scheme == "http" and self.allow_loopback_http and _is_loopback_address(host)

    def for_navigation(self, url: str, *, top_level: bool, tapped: bool) -> Verdict:
        """What to do when a page goes to url; tapped is True only for a visitor's own tap on a link."""
        if self.may_fetch(url, top_level=top_level):
            return Verdict.READ
        if top_level and tapped and take_along_payload(url) is not None:
            return Verdict.TAKE_ALONG
        return Verdict.REFUSE


def take_along_payload(url: str) -> Payload | None:
    """The QR payload for an address a visitor may take along (a page, an e-mail, a call), or None."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    payload: Payload | None = None
    if scheme == "mailto":
        payload = _email(unquote(parts.path), _fields(parts.query))
    elif scheme == "tel":
        payload = _call(unquote(parts.path).split(";")[0])
    elif scheme == "https" and parts.hostname and parts.username is None and parts.password is None:
        payload = payloads.web_page(url)
    if payload is None or len(payload.uri.encode("utf-8")) > MAX_CODE_BYTES:
        return None
    return payload


def bundled_url(relative: str) -> str:
    """The reader's address of a file bundled with the kiosk, from its path beside the content file."""
    folder, _, rest = relative.partition("/")
    if folder != BUNDLED_HOST or rest.split("/")[0] not in BUNDLED_FOLDERS:
        raise ValueError(f"{relative!r} is not under {BUNDLED_HOST}/{{{','.join(BUNDLED_FOLDERS)}}}/")
    return f"{BUNDLED_SCHEME}://{BUNDLED_HOST}/{quote(rest)}"


def bundled_path(url: str) -> tuple[str, str] | None:
    """The folder (pages or fonts) and the path inside it of a bundled address, or None for anything else."""
    parts = urlsplit(url)
    if parts.scheme.lower() != BUNDLED_SCHEME or parts.netloc != BUNDLED_HOST:
        return None
    segments = unquote(parts.path).lstrip("/").split("/")
    if len(segments) < 2 or segments[0] not in BUNDLED_FOLDERS:
        return None
    if any(segment in ("", ".", "..") or "\\" in segment or "\0" in segment for segment in segments[1:]):
        return None
    return segments[0], "/".join(segments[1:])


def _fields(query: str) -> dict[str, str]:
    """A mailto: query as lower-case names and decoded values; '+' stays a plus (RFC 6068)."""
    fields: dict[str, str] = {}
    for pair in query.split("&"):
        name, _, value = pair.partition("=")
        fields.setdefault(unquote(name).lower(), unquote(value))
    return fields


def _email(address: str, fields: dict[str, str]) -> Payload | None:
    if email_address(address, CheckContext()) is not None:
        return None  # several addresses, or none: nothing a visitor should be handed
    subject, body = fields.get("subject") or None, fields.get("body") or None
    # A long subject or body would make a code too dense to scan: the address matters most.
    for candidate in ((subject, body), (subject, None), (None, None)):
        payload = payloads.mailto(address, *candidate)
        if len(payload.uri.encode("utf-8")) <= MAX_CODE_BYTES:
            return payload
    return None


def _call(number: str) -> Payload | None:
    number = number.strip()
    if not number or not set(number) <= _PHONE_CHARACTERS or sum(c.isdigit() for c in number) < 3:
        return None
    return payloads.tel(number)


def _is_loopback_address(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
