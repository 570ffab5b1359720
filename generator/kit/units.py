"""Lengths in the YAML files ("63mm", "0.25in", "9pt") become PDF points here, and nowhere else."""

import re

POINTS_PER = {"pt": 1.0, "mm": 72 / 25.4, "cm": 720 / 25.4, "in": 72.0}
MM = POINTS_PER["mm"]

_LENGTH = re.compile(r"^\s*(-?\d+(?:\.\d+)?)\s*(mm|cm|pt|in)\s*$")

PAPER_SIZES_MM = {
    "A0": (841, 1189),
    "A1": (594, 841),
    "A2": (420, 594),
    "A3": (297, 420),
    "A4": (210, 297),
    "A5": (148, 210),
    "A6": (105, 148),
}


class UnitError(ValueError):
    """A length that cannot be read; the message says what a length looks like."""


def parse_length(value: object) -> float:
    """Return the length in points. Zero may be written without a unit."""
    if isinstance(value, bool):
        raise UnitError("expected a length such as 63mm, 0.5cm, 9pt or 0.25in")
    if isinstance(value, int | float) and value == 0:
        return 0.0
    if isinstance(value, str):
        match = _LENGTH.match(value)
        if match:
            return float(match.group(1)) * POINTS_PER[match.group(2)]
    raise UnitError("expected a length such as 63mm, 0.5cm, 9pt or 0.25in (a number with a unit)")


def to_mm(points: float) -> float:
    return points / MM


def paper_size(name: str, orientation: str = "portrait") -> tuple[float, float]:
    """Width and height in points of an A-series paper ("A2") in an orientation."""
    short, long = PAPER_SIZES_MM[name]
    width, height = (short, long) if orientation == "portrait" else (long, short)
    return width * MM, height * MM
