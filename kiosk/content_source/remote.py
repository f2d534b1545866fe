"""Fetches content.yaml and the files it refers to from a web server, conditionally, into a folder.

Plain Python (urllib), no Qt: the validate command calls it directly and the running kiosk calls it
on a worker thread, so the screen never waits on the network.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from kiosk.content import ContentError
from kiosk.content.model import MAX_BYTES

if TYPE_CHECKING:
    import http.client
    from email.message import Message

CONTENT_FILE = "content.yaml"
MAX_FILE_BYTES = 8 * 1024 * 1024  # an illustration larger than this is a mistake, not a picture
USER_AGENT = "utrecht-kiosk (content poller)"


class FetchError(Exception):
    """The source could not be read; the message says why in words IT staff can act on."""


@dataclass(frozen=True)
class Fetched:
    """A complete new version in `folder`, or `folder` None when the server said nothing changed."""

    folder: Path | None
    etag: str | None = None
    last_modified: str | None = None


def is_remote(source: str) -> bool:
    return source.startswith(("https://", "http://"))


def check_source_url(url: str) -> None:
    """https anywhere; plain http only to this machine (tests and local previews)."""
    parts = urlsplit(url)
    if parts.scheme == "https" and parts.hostname:
        return
    if parts.scheme == "http" and parts.hostname and _is_loopback(parts.hostname):
        return
    raise FetchError(f"{url}: content is fetched over https only (plain http only from this machine)")


def fetch(
    url: str, into: Path, etag: str | None = None, last_modified: str | None = None, timeout: float = 15.0
) -> Fetched:
    """Download the content file (unless unchanged) and every file it refers to into an empty folder."""
    headers = {}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    answer = _get(url, headers, MAX_BYTES, timeout)
    if answer is None:
        return Fetched(None, etag, last_modified)
    body, response_headers = answer
    into.mkdir(parents=True, exist_ok=True)
    (into / CONTENT_FILE).write_bytes(body)
    for relative in sorted(referenced_files(body, url, into)):
        image = _get(urljoin(url, relative), {}, MAX_FILE_BYTES, timeout)
        if image is None:
            raise FetchError(f"{urljoin(url, relative)}: the server answered 304 to an unconditional request")
        target = into / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(image[0])
    return Fetched(into, response_headers.get("ETag"), response_headers.get("Last-Modified"))


def referenced_files(data: bytes, file: str, base_dir: Path) -> set[str]:
    """The relative paths of the images (and other files) a content file names."""
    from kiosk.content.loader import check_bytes  # noqa: PLC0415 - with the first fetch, not the kiosk's start

    names: set[str] = set()
    # Validation afterwards reports any problems; here only the names matter.
    with contextlib.suppress(ContentError):
        check_bytes(data, file, base_dir, referenced=names)
    return names


def _get(url: str, headers: dict[str, str], cap: int, timeout: float) -> tuple[bytes, Message] | None:
    """The body and headers of a GET, None for 304 Not Modified, or FetchError saying what went wrong."""
    # Imported here, not at the top: a kiosk on a local content file never needs HTTP, and its start is quicker.
    import http.client  # noqa: PLC0415
    import urllib.error  # noqa: PLC0415
    import urllib.request  # noqa: PLC0415
    from http import HTTPStatus  # noqa: PLC0415

    check_source_url(url)
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, **headers})  # noqa: S310 - checked
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - check_source_url above
            return _read_capped(response, cap, url), response.headers
    except urllib.error.HTTPError as error:
        error.close()
        if error.code == HTTPStatus.NOT_MODIFIED:
            return None
        raise FetchError(f"{url}: the server answered {error.code} {error.reason}") from None
    except (urllib.error.URLError, TimeoutError, OSError, http.client.HTTPException) as error:
        raise FetchError(f"{url}: could not be read ({_reason(error)})") from None


def _read_capped(response: http.client.HTTPResponse, cap: int, url: str) -> bytes:
    body = response.read(cap + 1)
    if len(body) > cap:
        raise FetchError(f"{url}: larger than {cap:,} bytes; refused")
    expected = response.headers.get("Content-Length")
    if expected is not None and expected.isdigit() and int(expected) != len(body):
        raise FetchError(f"{url}: the download broke off ({len(body):,} of {int(expected):,} bytes)")
    return body


def _reason(error: Exception) -> str:
    import http.client  # noqa: PLC0415 - loaded by _get already

    if isinstance(error, http.client.IncompleteRead):
        return "the download broke off"
    reason = getattr(error, "reason", None) or error
    return str(reason) or type(error).__name__


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    import ipaddress  # noqa: PLC0415 - only for a content URL

    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
