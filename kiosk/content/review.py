"""Checks that need the whole decoded content: codes that would not scan, texts that scroll, heavy images."""

from __future__ import annotations

import struct
from pathlib import Path

from kiosk import payloads
from kiosk.content.decoder import Decoder
from kiosk.content.model import Content

# A topic text longer than this scrolls beside its codes on a 1920x1080 screen at the body size.
SCROLLS_AFTER_CHARACTERS = 1000
# Illustrations are drawn at most 480x320; twice that is sharp on any kiosk screen.
LARGEST_USEFUL_IMAGE = (960, 640)
LARGEST_USEFUL_SVG_BYTES = 150 * 1024


# Languages written from right to left (ISO 639-1, and Kurdish's Sorani): the kiosk lays screens out left to right.
RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "ks", "ps", "sd", "ug", "ur", "yi"})


def review(content: Content, decoder: Decoder) -> None:
    """Add errors for codes too long to scan, and warnings for long texts, oversized images and languages
    written from right to left."""
    for index, declared in enumerate(content.languages):
        if declared.code in RIGHT_TO_LEFT:
            decoder.problem_at(
                ("languages", index, "code"),
                f"{declared.code!r} is written from right to left; the kiosk lays its screens out from left to "
                "right (the Back arrow, the columns): look at every screen with render before it goes live",
                "warning",
            )
    for index, topic in enumerate(content.topics):
        where = ("topics", index)
        for link_index, link in enumerate(topic.links):
            _check_code(decoder, (*where, "links", link_index, "url"), payloads.for_link(link).uri, "this link")
        for language, text in topic.text.items():
            if len(text) > SCROLLS_AFTER_CHARACTERS:
                decoder.problem_at(
                    (*where, "text", language),
                    f"the {language!r} text is {len(text):,} characters: it will scroll on a 1920x1080 screen; "
                    f"visitors standing up read about {SCROLLS_AFTER_CHARACTERS:,} at most",
                    "warning",
                )
        _check_image(content, decoder, (*where, "artwork"), topic.artwork)
    _check_image(content, decoder, ("contact_page", "artwork"), content.contact_page.artwork)
    for contact_id, contact in content.contacts.items():
        if contact.email is None:
            continue
        for language in content.language_codes:
            uri = payloads.for_contact(contact, language).uri
            what = f"this e-mail address with its {language!r} subject"
            _check_code(decoder, ("contacts", contact_id, "subject", language), uri, what)


def _check_code(decoder: Decoder, where: tuple[str | int, ...], uri: str, what: str) -> None:
    size = len(uri.encode("utf-8"))
    if size > payloads.MAX_QR_BYTES:
        decoder.problem_at(
            where,
            f"{what} makes a QR code of {size} bytes, {size - payloads.MAX_QR_BYTES} more than the "
            f"{payloads.MAX_QR_BYTES} that stay scannable at the size the kiosk draws codes: shorten it",
        )


def _check_image(content: Content, decoder: Decoder, where: tuple[str | int, ...], relative: str) -> None:
    path = content.image_path(relative)
    try:
        if path.suffix.lower() == ".svg":
            size = path.stat().st_size
            if size > LARGEST_USEFUL_SVG_BYTES:
                decoder.problem_at(
                    where,
                    f"{relative!r} is {size // 1024:,} KiB: an illustration this complex draws slowly; "
                    f"simplify it to under {LARGEST_USEFUL_SVG_BYTES // 1024} KiB",
                    "warning",
                )
            return
        width, height = _png_size(path)
    except (OSError, ValueError):
        return  # the image check of the decoder has already said what is wrong
    wanted_width, wanted_height = LARGEST_USEFUL_IMAGE
    if width > wanted_width or height > wanted_height:
        decoder.problem_at(
            where,
            f"{relative!r} is {width}x{height} pixels; the kiosk draws it at most 480x320, so "
            f"{wanted_width}x{wanted_height} is plenty: a smaller file loads faster",
            "warning",
        )


def _png_size(path: Path) -> tuple[int, int]:
    """Width and height from a PNG's header, without decoding it."""
    with path.open("rb") as file:
        header = file.read(24)
    if len(header) < 24 or header[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{path} is not a PNG file")
    width, height = struct.unpack(">II", header[16:24])
    return width, height
