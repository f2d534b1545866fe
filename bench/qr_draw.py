"""Drawing QR codes: the first draw of a code, and a repeat of it, which the caches answer.

    .venv/bin/python bench/qr_draw.py [--repeats 50] [--cached-repeats 1000] [--json PATH]

A draw is what a QrCode widget needs before it can paint: the code's matrix from the payload, its module size, and
the image of the code at that size (kiosk/qr.py). For the first draw every cache in kiosk/qr.py is emptied and each
repeat draws a payload of its own (a payload of the shipped content with its last characters changed, so the code
keeps its size); the repeat draws the same payload again.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtGui import QGuiApplication, QImage

import offscreen
from figures import Figure, figure, report
from kiosk import payloads, qr
from kiosk.content.loader import load_content

REPO = Path(__file__).resolve().parent.parent
SECTION = "QR codes"
FIRST_BUDGET_MS = 5
CACHED_BUDGET_MS = 0.1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeats", type=int, default=50, help="first draws, each of a payload of its own")
    parser.add_argument("--cached-repeats", type=int, default=1000, help="repeated draws of one payload")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    args = parser.parse_args(argv)
    offscreen.use_here()
    app = QGuiApplication([])  # QImage and QPainter need no window, but the fonts and colours need the application
    figures = measure(args.repeats, args.cached_repeats)
    del app
    report(figures, args.json)
    return 0


def draw(data: str) -> QImage:
    """What a QrCode widget computes for its payload and paints (QrCode.set_data and paintEvent)."""
    return qr.qr_image(data, qr.module_pixels(len(qr.qr_matrix(data))))


def shipped_payloads() -> list[str]:
    """Every code the shipped content shows: its pages, and its contacts in each language."""
    content = load_content(REPO / "content.yaml")
    found = [payloads.for_link(link).uri for topic in content.topics for link in topic.links]
    for contact in content.contacts.values():
        found += [payloads.for_contact(contact, language).uri for language in content.language_codes]
    return list(dict.fromkeys(found))


def clear_caches() -> None:
    """Empty every cache kiosk/qr.py keeps (functools caches, whatever their names)."""
    for value in vars(qr).values():
        cache_clear = getattr(value, "cache_clear", None)
        if callable(cache_clear):
            cache_clear()


def measure(repeats: int, cached_repeats: int) -> list[Figure]:
    shipped = shipped_payloads()
    draw(shipped[0])  # the qrcode package's own first-use set-up is not a code's draw
    first = []
    sides = set()
    for index in range(repeats):
        data = _variant(shipped[index % len(shipped)], index)
        clear_caches()
        started = time.perf_counter()
        image = draw(data)
        first.append((time.perf_counter() - started) * 1000)
        sides.add(image.width())
    data = shipped[0]
    draw(data)
    again = []
    for _ in range(cached_repeats):
        started = time.perf_counter()
        draw(data)
        again.append((time.perf_counter() - started) * 1000)
    return [
        figure(SECTION, f"first draw of a code ({min(sides)}-{max(sides)} px)", "ms", first, FIRST_BUDGET_MS),
        figure(SECTION, "a repeat of the same code (cached)", "ms", again, CACHED_BUDGET_MS),
    ]


def _variant(uri: str, index: int) -> str:
    """The payload with its last four characters replaced by the index: a new code of the same size."""
    return f"{uri[:-4]}{index:04d}" if len(uri) > 8 else f"{uri}{index}"


if __name__ == "__main__":
    raise SystemExit(main())
