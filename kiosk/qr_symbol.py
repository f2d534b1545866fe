"""The modules of a QR code, bit for bit what qrcode's make(fit=True) gives, in a fraction of its time.

qrcode picks a mask by placing the data eight times and scoring each matrix cell by cell in pure Python (10-20 ms a
code). Here qrcode encodes the data (version, modes, error correction), the codewords are placed once, each mask is
one XOR of a whole-matrix integer, and qrcode's own penalty (util.lost_point) is counted with shifts and masks of
that integer. The function patterns and mask functions come from qrcode too, through a few of its internals (marked
"qrcode internal"; the version is pinned). tests/test_qr.py checks the result against qrcode itself on hundreds of
payloads.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import itemgetter

import qrcode
from qrcode import util
from qrcode.constants import ERROR_CORRECT_M

# qrcode's rule 3: dark-light-dark-dark-dark-light-dark, then four light modules; and the same mirrored.
_FINDER_LIKE = "10111010000"
# Every qrcode mask function repeats every 12 rows and every 12 columns (periods 2, 3, 4 and 6).
_MASK_PERIOD = 12


def symbol_rows(data: bytes, error_correction: int) -> list[str]:
    """The rows of the code, "1" for a dark module: what QRCode(...).add_data(data); make(fit=True) gives."""
    code = qrcode.QRCode(error_correction=error_correction, border=0)
    code.add_data(data)
    version: int = code.best_fit()
    codewords: list[int] = util.create_data(version, error_correction, code.data_list)
    layout = _layout(version)
    stream = format(int.from_bytes(bytes(codewords), "big"), f"0{8 * len(codewords)}b")
    # Remainder bits past the last codeword stay light, and the index past them reads "0" for every function module.
    source = stream.ljust(layout.data_modules + 1, "0")
    placed = int("".join(layout.scatter(source)), 2)
    scored = layout.function_modules | placed
    # min() keeps the first of equal scores, as QRCode.best_mask_pattern does.
    mask = min(range(8), key=lambda m: layout.lost_point(scored ^ layout.masks[m]))
    modules = _final_function_modules(version, error_correction, mask) | (placed ^ layout.masks[mask])
    side = layout.side
    flat = format(modules, f"0{side * side}b")[::-1]
    return [flat[start : start + side] for start in range(0, side * side, side)]


@dataclass(frozen=True, slots=True)
class _Layout:
    """Where a version's data goes and how each mask flips it.

    A matrix is one integer: bit r * side + c is the module in row r, column c, set when dark.
    """

    side: int
    data_modules: int
    # Picks, for each module from the last to the first, its data bit, or the "0" at index data_modules.
    scatter: Callable[[str], tuple[str, ...]]
    # Dark function modules as QRCode.best_mask_pattern scores them (format and version information light).
    function_modules: int
    masks: tuple[int, ...]
    # Where a horizontal or vertical window of 5 or 11 modules, or a 2x2 block, may start.
    row_windows_5: int
    column_windows_5: int
    row_windows_11: int
    column_windows_11: int
    blocks_2x2: int
    everything: int

    def lost_point(self, modules: int) -> int:
        """qrcode's util.lost_point of the matrix: its four rules as qrcode counts them."""
        side = self.side
        light = modules ^ self.everything
        same_right = ~(modules ^ (modules >> 1))
        same_below = ~(modules ^ (modules >> side))
        points = 0
        # Rule 1: each run of L >= 5 like modules costs L - 2, that is one per 5-window in it and 2 for its start.
        for same, step, windows in ((same_right, 1, self.row_windows_5), (same_below, side, self.column_windows_5)):
            runs = same & (same >> step) & (same >> 2 * step) & (same >> 3 * step) & windows
            points += runs.bit_count() + 2 * (runs & ~(runs << step)).bit_count()
        # Rule 2: 3 for each 2x2 block of one colour, overlapping blocks counted each.
        points += 3 * (same_below & (same_below >> 1) & same_right & self.blocks_2x2).bit_count()
        # Rule 3: 40 for each finder-like pattern, with or against the reading direction, overlaps counted each.
        for step, windows in ((1, self.row_windows_11), (side, self.column_windows_11)):
            dark = [modules >> (k * step) for k in range(11)]
            lights = [light >> (k * step) for k in range(11)]
            for pattern in (_FINDER_LIKE, _FINDER_LIKE[::-1]):
                found = windows
                for k, module in enumerate(pattern):
                    found &= dark[k] if module == "1" else lights[k]
                points += 40 * found.bit_count()
        # Rule 4: 10 for every whole 5% the share of dark modules is off 50%, in qrcode's own float arithmetic.
        percent = float(modules.bit_count()) / (side**2)
        return points + int(abs(percent * 100 - 50) / 5) * 10


def _function_pattern(version: int, error_correction: int, mask: int | None) -> list[list[bool | None]]:
    """qrcode's own QRCode.makeImpl with the data left out: function modules, None where data goes.

    Without a mask: the matrix QRCode.best_mask_pattern scores (format and version information light).
    """
    code = qrcode.QRCode(version=version, error_correction=error_correction)
    code.data_cache = []  # qrcode internal: makeImpl encodes data only when this is None
    code.map_data = lambda data, mask_pattern: None  # qrcode internal: makeImpl's last step places the data
    code.makeImpl(mask is None, mask or 0)
    modules: list[list[bool | None]] = code.modules
    return modules


def _as_integer(row_major: str) -> int:
    """The matrix integer of "0"/"1" modules listed row by row from the top-left."""
    return int(row_major[::-1], 2)


def _dark_modules(matrix: list[list[bool | None]]) -> int:
    """The matrix integer of qrcode's modules list, None (no module yet) as light."""
    return _as_integer("".join(["1" if module else "0" for row in matrix for module in row]))


@cache
def _layout(version: int) -> _Layout:
    # Unmasked, the function modules are the same at every error correction level.
    matrix = _function_pattern(version, ERROR_CORRECT_M, None)
    side = len(matrix)
    order = _data_order(matrix)
    slot = {position: index for index, position in enumerate(order)}
    indexes = [slot.get(position, len(order)) for position in range(side * side - 1, -1, -1)]
    is_data = ["0"] * (side * side)
    for position in order:
        is_data[position] = "1"
    data_modules = _as_integer("".join(is_data))
    masks = []
    for pattern in range(8):
        tile = _mask_tile(pattern)
        rows = ((tile[r % _MASK_PERIOD] * (side // _MASK_PERIOD + 1))[:side] for r in range(side))
        masks.append(_as_integer("".join(rows)) & data_modules)

    def starts(width: int, height: int) -> int:
        """Where a window width modules wide and height high fits inside the matrix."""
        row = "1" * (side - width + 1) + "0" * (width - 1)
        return _as_integer(row * (side - height + 1) + "0" * (side * (height - 1)))

    return _Layout(
        side=side,
        data_modules=len(order),
        scatter=itemgetter(*indexes),
        function_modules=_dark_modules(matrix),
        masks=tuple(masks),
        row_windows_5=starts(5, 1),
        column_windows_5=starts(1, 5),
        row_windows_11=starts(11, 1),
        column_windows_11=starts(1, 11),
        blocks_2x2=starts(2, 2),
        everything=(1 << side * side) - 1,
    )


@cache
def _mask_tile(pattern: int) -> tuple[str, ...]:
    """Which modules of the top-left 12x12 the mask flips ("1"), row by row; qrcode internal: util.mask_func."""
    is_flipped = util.mask_func(pattern)
    return tuple("".join("01"[is_flipped(r, c)] for c in range(_MASK_PERIOD)) for r in range(_MASK_PERIOD))


def _data_order(matrix: list[list[bool | None]]) -> list[int]:
    """Row-major positions of the data modules in the order QRCode.map_data fills them (its loop, as it is)."""
    side = len(matrix)
    order = []
    step = -1
    row = side - 1
    for pair in range(side - 1, 0, -2):
        right = pair - 1 if pair <= 6 else pair  # the vertical timing pattern's column holds no data
        while True:
            for c in (right, right - 1):
                if matrix[row][c] is None:
                    order.append(row * side + c)
            row += step
            if row < 0 or side <= row:
                row -= step
                step = -step
                break
    return order


@cache
def _final_function_modules(version: int, error_correction: int, mask: int) -> int:
    """Dark function modules of the finished code, with its format and version information."""
    return _dark_modules(_function_pattern(version, error_correction, mask))
