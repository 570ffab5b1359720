"""CSS colours as design tokens write them, read into the '#RRGGBB' a brand file holds.

Hex with 3, 4, 6 or 8 digits, rgb()/rgba() and hsl()/hsla() in the comma syntax and
the space syntax of CSS Color 4 (`hsl(211 60% 35%)`, `rgb(10 20 30 / 50%)`), and the
named CSS colours. Print has no transparency: a colour with alpha below 1 is mixed
onto white paper, as it would look printed there, and the caller says so.

    parse_colour("hsl(211 60% 35%)") == ParsedColour("#24578F", None)
"""

from __future__ import annotations

import colorsys
import re
from dataclasses import dataclass

from PIL import ImageColor  # its table is the CSS named colours


class ColourError(ValueError):
    """A value that is not a CSS colour; the message says what was expected."""


@dataclass(frozen=True)
class ParsedColour:
    hex: str  # '#RRGGBB', opaque
    alpha: float | None  # the alpha the token gave, when below 1 (mixed onto white)


EXPECTED = "a CSS colour: #RGB, #RRGGBB (or with alpha), rgb(), rgba(), hsl(), hsla() or a name"
FUNCTION = re.compile(r"(rgba?|hsla?)\(\s*(.*?)\s*\)", re.I | re.S)
NUMBER = r"[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?"
PART = re.compile(rf"^({NUMBER})(%|deg|turn|rad|grad)?$", re.I)


def parse_colour(value: object) -> ParsedColour:
    if not isinstance(value, str):
        raise ColourError(f"expected {EXPECTED}, found {type(value).__name__} {value!r}")
    text = value.strip()
    if text.startswith("#"):
        channels = _hex(text)
    elif match := FUNCTION.fullmatch(text):
        channels = _function(match.group(1).lower(), match.group(2), text)
    else:
        channels = _named(text)
    return _opaque(*channels)


def _hex(text: str) -> tuple[float, float, float, float]:
    digits = text[1:]
    if not re.fullmatch(r"[0-9a-fA-F]+", digits) or len(digits) not in (3, 4, 6, 8):
        raise ColourError(f"expected a hex colour of 3, 4, 6 or 8 digits after '#', found {text!r}")
    if len(digits) in (3, 4):
        digits = "".join(d * 2 for d in digits)
    values = [int(digits[i : i + 2], 16) for i in range(0, len(digits), 2)]
    alpha = values[3] / 255 if len(values) == 4 else 1.0
    return values[0], values[1], values[2], alpha


def _function(name: str, inside: str, text: str) -> tuple[float, float, float, float]:
    """rgb(r, g, b[, a]) or rgb(r g b[ / a]), and so for hsl; rgba and hsla alike."""
    if "," in inside:
        parts = [p.strip() for p in inside.split(",")]
    else:
        colour, _, alpha = inside.partition("/")
        parts = colour.split() + ([alpha.strip()] if alpha else [])
    if len(parts) not in (3, 4) or not all(PART.match(p) for p in parts):
        raise ColourError(
            f"expected {name}() with 3 numbers and an optional alpha, "
            f"as {name[:3]}(10, 20, 30) or {name[:3]}(10 20 30 / 50%), found {text!r}"
        )
    alpha = _fraction(parts[3]) if len(parts) == 4 else 1.0
    if name.startswith("rgb"):
        red, green, blue = (_channel(p) for p in parts[:3])
    else:
        red, green, blue = _hsl(parts[:3], text)
    return red, green, blue, alpha


def _channel(part: str) -> float:
    number, unit = PART.match(part).groups()
    value = float(number) * 2.55 if unit == "%" else float(number)
    return min(max(value, 0.0), 255.0)


def _fraction(part: str) -> float:
    number, unit = PART.match(part).groups()
    value = float(number) / 100 if unit == "%" else float(number)
    return min(max(value, 0.0), 1.0)


def _hsl(parts: list[str], text: str) -> tuple[float, float, float]:
    number, unit = PART.match(parts[0]).groups()
    turns = {"deg": 360, None: 360, "turn": 1, "rad": 6.283185307179586, "grad": 400}
    if unit == "%":
        raise ColourError(f"expected the hue of hsl() in degrees, found a percentage in {text!r}")
    hue = float(number) / turns[unit.lower() if unit else None] % 1.0
    if not all(parts[i].endswith("%") for i in (1, 2)) and "," in text:
        raise ColourError(f"expected saturation and lightness as percentages, found {text!r}")
    saturation, lightness = (_fraction(p if p.endswith("%") else p + "%") for p in parts[1:])
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return red * 255, green * 255, blue * 255


def _named(text: str) -> tuple[float, float, float, float]:
    if text.lower() == "transparent":
        raise ColourError("expected a colour to print, found 'transparent'")
    if text.lower() not in ImageColor.colormap:
        raise ColourError(f"expected {EXPECTED}, found {text!r}")
    red, green, blue = ImageColor.getrgb(text.lower())[:3]
    return red, green, blue, 1.0


def _opaque(red: float, green: float, blue: float, alpha: float) -> ParsedColour:
    """The colour mixed onto white paper by its alpha."""
    # rounded half up, past the float noise of colorsys (127.4999... is 127.5)
    mixed = [int(round(c * alpha + 255 * (1 - alpha), 6) + 0.5) for c in (red, green, blue)]
    return ParsedColour("#" + "".join(f"{c:02X}" for c in mixed), alpha if alpha < 1 else None)
