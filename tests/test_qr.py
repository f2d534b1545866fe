"""QR codes are drawn sharp, big enough, with a quiet zone, and read back by a real decoder."""

from __future__ import annotations

import string

import pytest
import qrcode
from helpers import decode_qr_codes
from hypothesis import given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QColor
from qrcode.constants import ERROR_CORRECT_H, ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

from kiosk import payloads, theme
from kiosk.qr import Matrix, QrCode, qr_image, qr_matrix
from kiosk.qr_symbol import symbol_rows

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


def qrcode_modules(data: bytes, error_correction: int = ERROR_CORRECT_M) -> Matrix:
    """The oracle: what the qrcode package itself makes of data, mask search and all."""
    code = qrcode.QRCode(error_correction=error_correction, border=0)
    code.add_data(data)
    code.make(fit=True)
    return tuple(tuple(bool(module) for module in row) for row in code.get_matrix())


def within_qr_limit(text: str) -> str:
    """The text cut to the kiosk's largest payload, never in the middle of a character."""
    return text.encode("utf-8")[: payloads.MAX_QR_BYTES].decode("utf-8", errors="ignore")


# Runs of digits and of capitals make qrcode switch to its numeric and alphanumeric modes mid-payload.
PIECES = st.one_of(
    st.text(alphabet=string.ascii_letters + string.digits + "-._~/?=&%@+", max_size=40),
    st.text(alphabet=string.digits, min_size=1, max_size=60),
    st.text(alphabet=string.digits + string.ascii_uppercase + " $%*+-./:", min_size=1, max_size=60),
    st.text(max_size=20),
)
PAYLOADS = st.one_of(
    st.builds("".join, st.lists(st.sampled_from(["mailto:", "tel:", "https://", ""]) | PIECES, max_size=8)),
    st.builds(lambda subject: payloads.mailto("publicaffairs@utrecht.nl", subject).uri, st.text(max_size=40)),
    st.builds(lambda digits: payloads.tel(digits).uri, st.text(alphabet=string.digits + " +-", max_size=20)),
).map(within_qr_limit)


@settings(max_examples=300, deadline=None, derandomize=True)
@given(PAYLOADS)
def test_every_module_is_what_qrcode_itself_makes(data: str) -> None:
    # Same version, same mask, bit for bit: the fast mask search in kiosk/qr_symbol.py only saves time.
    assert qr_matrix(data) == qrcode_modules(data.encode("utf-8"))


def test_every_payload_length_and_every_version_the_kiosk_uses_match_qrcode() -> None:
    base = (LONGEST_LINK + "ée/0123456789012345678901234")[: payloads.MAX_QR_BYTES]
    sides = set()
    for length in range(len(base.encode("utf-8")) + 1):
        data = within_qr_limit(base.encode("utf-8")[:length].decode("utf-8", errors="ignore"))
        matrix = qr_matrix(data)
        assert matrix == qrcode_modules(data.encode("utf-8")), f"{length} bytes: {data!r}"
        sides.add(len(matrix))
    assert sides == {21, 25, 29, 33, 37, 41, 45}  # versions 1 to 7


@pytest.mark.parametrize("error_correction", [ERROR_CORRECT_L, ERROR_CORRECT_Q, ERROR_CORRECT_H])
def test_other_error_correction_levels_match_qrcode_too(error_correction: int) -> None:
    for data in (b"", b"tel:14030", LONGEST_LINK.encode(), b"0123456789" * 30, b"HTTPS://UTRECHT.NL/" * 20):
        rows = symbol_rows(data, error_correction)
        expected = qrcode_modules(data, error_correction)
        assert [[module == "1" for module in row] for row in rows] == [list(row) for row in expected]


@pytest.mark.parametrize("module_px", [6, 7, 10])
def test_each_module_is_one_solid_block_of_its_colour(module_px: int) -> None:
    matrix = qr_matrix(LONGEST_LINK)
    image = qr_image(LONGEST_LINK, module_px)
    dark, light = QColor(theme.PALETTE.qr_dark).rgb(), QColor(theme.PALETTE.qr_light).rgb()
    quiet = theme.QR_QUIET_MODULES
    assert image.width() == image.height() == (len(matrix) + 2 * quiet) * module_px
    for y, row in enumerate(matrix):
        for x, module in enumerate(row):
            left, top = (x + quiet) * module_px, (y + quiet) * module_px
            corners = {(left, top), (left + module_px - 1, top), (left, top + module_px - 1)}
            corners.add((left + module_px - 1, top + module_px - 1))
            assert {image.pixel(px, py) for px, py in corners} == {dark if module else light}, (x, y)
