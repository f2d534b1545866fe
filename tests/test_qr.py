"""QR codes are drawn sharp, big enough, with a quiet zone, and read back by a real decoder."""

from __future__ import annotations

import pytest
from helpers import decode_qr_codes
from PySide6.QtGui import QColor

from kiosk import payloads, theme
from kiosk.qr import QrCode, qr_image, qr_matrix

LONGEST_LINK = (
    "https://www.utrecht.nl/bestuur-en-organisatie/internationale-zaken/"
    "wereldwijde-duurzame-ontwikkelingsdoelen-global-goals/"
)


@pytest.mark.parametrize(
    "data",
    [
        "tel:14030",
        payloads.mailto("publicaffairs@utrecht.nl", "Vraag over internationale zaken").uri,
        payloads.mailto("a@utrecht.nl", "Ideeën, café en één vraag").uri,
        LONGEST_LINK,
    ],
)
def test_a_real_decoder_reads_back_exactly_what_was_encoded(data: str) -> None:
    assert decode_qr_codes(qr_image(data, 6)) == {data}


def test_codes_are_at_least_240px_and_6px_a_module(qtbot: object) -> None:
    for data in ("tel:14030", LONGEST_LINK):
        code = QrCode(data)
        modules = len(qr_matrix(data)) + 2 * theme.QR_QUIET_MODULES
        assert code.width() >= theme.QR_MIN_PX
        assert code.module_px >= theme.QR_MIN_MODULE_PX
        assert code.width() == modules * code.module_px


def test_quiet_zone_is_four_light_modules_all_round() -> None:
    image = qr_image("tel:14030", 6)
    quiet = 4 * 6
    light = QColor(theme.PALETTE.qr_light).rgb()
    side = image.width()
    for offset in range(quiet):
        for along in range(0, side, 3):
            for x, y in ((offset, along), (side - 1 - offset, along), (along, offset), (along, side - 1 - offset)):
                assert image.pixel(x, y) == light


def test_no_smoothing_only_pure_dark_and_light_pixels() -> None:
    image = qr_image(LONGEST_LINK, 6)
    colours = {image.pixel(x, y) for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)}
    assert colours == {QColor(theme.PALETTE.qr_dark).rgb(), QColor(theme.PALETTE.qr_light).rgb()}


def test_error_correction_is_level_m() -> None:
    # Format information sits beside the top-left finder; level M has error-correction bits 00.
    matrix = qr_matrix("tel:14030")
    # Bits 14 and 13 of the format string, XORed with the mask 101010000010010: M (00) reads 1, 0.
    assert (matrix[8][0], matrix[8][1]) == (True, False)


def test_matrices_and_images_are_cached() -> None:
    assert qr_matrix("tel:14030") is qr_matrix("tel:14030")
    assert qr_image("tel:14030", 6) is qr_image("tel:14030", 6)
    assert qr_matrix.cache_info().maxsize is not None
