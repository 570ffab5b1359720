"""QR codes as vector paths with a white quiet zone of four modules.

Encoded by zxing-cpp (compiled: about 0.1 ms a code, against 20 ms for the pure-Python
encoder this replaced, which tried all eight masks in Python). It picks the densest mode
by itself: an upper-case short link goes in alphanumeric mode, in far fewer modules.
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


def encode(data: str) -> Code:
    """The code for `data` in the fewest modules, at the strongest error correction
    that keeps it that small."""
    return _encode(data, _level(_shape(data)))


@functools.cache
def _level(shape: str) -> str:
    """The level for data of this shape: every link of a deck has the same shape, so
    the levels are tried once per deck, not once per code."""
    size = _encode(shape, BASE_LEVEL).size
    return next((lv for lv in STRONGER if _encode(shape, lv).size == size), BASE_LEVEL)


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
