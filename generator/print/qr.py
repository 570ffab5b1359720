"""QR codes as vector paths with a white quiet zone of four modules.

Encoded by zxing-cpp (compiled: about 0.1 ms a code, against 20 ms for the pure-Python
encoder this replaced, which tried all eight masks in Python). It picks the densest mode
by itself: an upper-case short link goes in alphanumeric mode, in far fewer modules.

Each code is encoded once: the version and error-correction level are worked out from
the bits the data needs (ISO/IEC 18004's capacities), and the encoding only confirms it.
"""

from __future__ import annotations

import functools
import re
import string
from dataclasses import dataclass

import zxingcpp

QUIET_MODULES = 4
# Error correction: the fewest modules first (the largest modules in the box scan best
# from a small or blurred photo), at M or better; then the strongest level that still
# fits that version, which costs nothing. Measured with tests/photo.py on the element
# deck (24 codes, 24 mm box): a short link is version 2 at M (25 modules); at Q it needs
# version 3 (29 modules), which survives a blot over 16-22 % of the code where M fails,
# but fails on a photo with the card 340 px wide and 1.6 px blur where version 2 reads
# all 24 (0 of 24 at Q). Blur and distance are what a room of phones meets most.
BASE_LEVEL = "M"
STRONGER = ("H", "Q")
# one stand-in per character class: QR's numeric, alphanumeric and byte modes
_CLASSES = str.maketrans(
    {
        **{c: "0" for c in string.digits},
        **{c: "A" for c in string.ascii_uppercase + " $%*+-./:"},
        **{c: "a" for c in string.ascii_lowercase + "!\"#&'(),;<=>?@[\\]^_`{|}~"},
    }
)
_DIGITS = frozenset(string.digits)
_ALPHANUMERIC = frozenset(string.digits + string.ascii_uppercase + " $%*+-./:")
# data codewords of versions 1 to 40 at each level (ISO/IEC 18004, table 7)
# fmt: off
DATA_CODEWORDS = {
    "M": (16, 28, 44, 64, 86, 108, 124, 154, 182, 216, 254, 290, 334, 365, 415, 453, 507, 563,
          627, 669, 714, 782, 860, 914, 1000, 1062, 1128, 1193, 1267, 1373, 1455, 1541, 1631,
          1725, 1812, 1914, 1992, 2102, 2216, 2334),
    "Q": (13, 22, 34, 48, 62, 76, 88, 110, 132, 154, 180, 206, 244, 261, 295, 325, 367, 397,
          445, 485, 512, 568, 614, 664, 718, 754, 808, 871, 911, 985, 1033, 1115, 1171, 1231,
          1286, 1354, 1426, 1502, 1582, 1666),
    "H": (9, 16, 26, 36, 46, 60, 66, 86, 100, 122, 140, 158, 180, 197, 223, 253, 283, 313, 341,
          385, 406, 442, 464, 514, 538, 596, 628, 661, 701, 745, 793, 845, 901, 961, 986, 1054,
          1096, 1142, 1222, 1276),
}
# fmt: on
# the versions whose character counts take the same bits, and those bits by mode
SIZE_CLASSES = (range(1, 10), range(10, 27), range(27, 41))
COUNT_BITS = {"numeric": (10, 12, 14), "alphanumeric": (9, 11, 13), "byte": (8, 16, 16)}
_MODE_BITS = 4
_DARK_RUN = re.compile(b"\\x00+")
_HAIR = "1.001"  # a run's height, in modules: a hair over one so no seam shows


@dataclass(frozen=True)
class Code:
    rows: tuple[bytes, ...]  # one byte per module, top row first; 0 is dark
    level: str  # error correction: L, M, Q or H

    @property
    def size(self) -> int:
        return len(self.rows)

    @property
    def version(self) -> int:
        return (self.size - 17) // 4


MAX_BYTES = 2331  # what one QR code holds, in byte mode (version 40 at level M)


def encode(data: str) -> Code:
    """The code for `data` in the fewest modules, at the strongest error correction
    that keeps it that small; ValueError when no QR code holds it."""
    planned = plan(data)
    if planned is not None:
        version, level = planned
        code = _encode(data, level)
        if code.version == version:
            return code
    return _encode(data, _level(_shape(data)))


def plan(data: str) -> tuple[int, str] | None:
    """(version, level) of the code for ASCII `data`, from the fewest bits it can take
    (None for other text: its encoding is not worked out here).

    The bits are a lower bound of what the encoder writes (the best split into
    segments), so the version is at most the encoder's and the level at least as strong
    as it can be: when encoding at that level gives that version, both are right, and
    `encode` checks that they are."""
    if not data or not data.isascii():
        return None
    for size_class, versions in enumerate(SIZE_CLASSES):
        bits = fewest_bits(data, size_class)
        for version in versions:
            fits = [
                lv for lv in (*STRONGER, BASE_LEVEL) if bits <= 8 * DATA_CODEWORDS[lv][version - 1]
            ]
            if fits:
                return version, fits[0]
    return None


def fewest_bits(data: str, size_class: int) -> int:
    """The fewest bits ASCII `data` takes in numeric, alphanumeric and byte segments in a
    version of this size class (0: versions 1-9, 1: 10-26, 2: 27-40), headers included.

    Project Nayuki's optimal segmentation, as the encoder's own: costs in sixths of a bit
    (a digit is 10/3 bits, an alphanumeric character 11/2, a byte 8), rounded up to a
    whole bit where a segment ends."""
    heads = [6 * (_MODE_BITS + COUNT_BITS[mode][size_class]) for mode in COUNT_BITS]
    numeric, alphanumeric, byte = heads  # the cheapest so far, ending in each mode
    never = 1 << 60
    for char in data:
        numeric = numeric + 20 if char in _DIGITS else never
        alphanumeric = alphanumeric + 33 if char in _ALPHANUMERIC else never
        byte += 48
        ended = -(-min(numeric, alphanumeric, byte) // 6) * 6  # a segment ends here
        numeric = min(numeric, ended + heads[0])
        alphanumeric = min(alphanumeric, ended + heads[1])
        byte = min(byte, ended + heads[2])
    return -(-min(numeric, alphanumeric, byte) // 6)


@functools.cache
def _level(shape: str) -> str:
    """The level for data of this shape, found by trying the levels (text `plan` does
    not work out): data of the same shape encodes to the same number of modules. A
    stronger level the data does not fit at all is passed over (ValueError only when it
    fits no version at level M either: too long for any QR code)."""
    size = _encode(shape, BASE_LEVEL).size
    for level in STRONGER:
        try:
            if _encode(shape, level).size == size:
                return level
        except ValueError:  # too long at this level
            continue
    return BASE_LEVEL


def _shape(data: str) -> str:
    """Data that encodes to the same number of modules: the same length, and each
    character of the same QR character class (digit, alphanumeric, other)."""
    return data.translate(_CLASSES)


def _encode(data: str, level: str) -> Code:
    image = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level=level)
    pixels = bytes(memoryview(image.to_image(scale=1, add_quiet_zones=False)))
    size = int(len(pixels) ** 0.5)
    return Code(tuple(pixels[r * size : (r + 1) * size] for r in range(size)), level)


def module_size(modules: int, size: float) -> float:
    """The side of one module when the code and its quiet zone fill `size`."""
    return size / (modules + 2 * QUIET_MODULES)


def draw(canvas, code: Code, x: float, y: float, size: float) -> float:
    """Draw a white square of side `size` at (x, y), the code inside it; return the module.

    The modules are one path in module units (a transform scales them), written as one
    string of PDF operators: whole numbers, formatted once, few bytes."""
    module = module_size(code.size, size)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    top = y + size - QUIET_MODULES * module
    canvas.transform(module, 0, 0, -module, x + QUIET_MODULES * module, top)  # rows go down
    canvas.addLiteral(path_operators(code))
    canvas.restoreState()
    return module


def path_operators(code: Code) -> str:
    """One rectangle per horizontal run of dark modules, then fill: 'x row width h re'."""
    parts = [
        f"{run.start()} {r} {run.end() - run.start()} {_HAIR} re"
        for r, row in enumerate(code.rows)
        for run in _DARK_RUN.finditer(row)
    ]
    parts.append("f")
    return "\n".join(parts)
