"""Sheet files (layouts/sheets/*.yaml): paper, grid of slots, duplex and cut marks.

Kept apart from card layouts, so one card layout can be imposed on several sheets
(office A4 now; print-shop sheets with bleed later).
"""

from __future__ import annotations

from dataclasses import dataclass

from . import units
from .schema import Choice, Field, Integer, Length, Record, Spec, Text


@dataclass(frozen=True)
class CutMarks:
    length: float
    offset: float
    line_width: float


@dataclass(frozen=True)
class Sheet:
    name: str
    description: str
    paper_width: float
    paper_height: float
    columns: int
    rows: int
    gap: float
    duplex: str  # long-edge | short-edge
    printable_margin: float  # office printers leave this edge blank
    cut_marks: CutMarks

    @property
    def slots(self) -> int:
        return self.columns * self.rows


class Paper(Spec):
    expected = "a paper size (A0 to A6) or a mapping with width and height"

    def check(self, value, at, checker):
        if isinstance(value, str) and value.upper() in units.PAPER_SIZES_MM:
            width, height = units.PAPER_SIZES_MM[value.upper()]
            return width * units.MM, height * units.MM
        if isinstance(value, dict):
            size = PAPER_SIZE.check(value, at, checker)
            return size
        return self.mismatch(value, at, checker)


PAPER_SIZE = Record(
    {"width": Field(Length(positive=True)), "height": Field(Length(positive=True))},
    make=lambda width, height: (width, height),
)

CUT_MARKS = Record(
    {
        "length": Field(Length(positive=True), default=4 * units.MM),
        "offset": Field(Length(), default=1.5 * units.MM),
        "line_width": Field(Length(positive=True), default=0.25),
    },
    make=CutMarks,
)

SHEET_FILE = Record(
    {
        "description": Field(Text(), default=""),
        "paper": Field(Paper()),
        "orientation": Field(Choice("portrait", "landscape"), default="portrait"),
        "columns": Field(Integer(minimum=1, maximum=20)),
        "rows": Field(Integer(minimum=1, maximum=20)),
        "gap": Field(Length(), default=0.0),
        "duplex": Field(Choice("long-edge", "short-edge"), default="long-edge"),
        "printable_margin": Field(Length(), default=5 * units.MM),
        "cut_marks": Field(CUT_MARKS, default=CutMarks(4 * units.MM, 1.5 * units.MM, 0.25)),
    },
    make=dict,
)


def make_sheet(name: str, values: dict) -> Sheet:
    width, height = values.pop("paper")
    if values.pop("orientation") == "landscape":
        width, height = max(width, height), min(width, height)
    else:
        width, height = min(width, height), max(width, height)
    return Sheet(name=name, paper_width=width, paper_height=height, **values)
