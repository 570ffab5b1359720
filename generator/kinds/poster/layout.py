"""Poster layouts (layouts/*.yaml with `material: poster`): margins, gaps, the code and
the text styles of a poster, written for A3 (the design size).

A poster is printed at A3 to A0 (`--size`), portrait or landscape (`--orientation`).
Every length and type size of the layout scales with the paper's short side, so an A1
poster is the A3 design at twice the size in type and spacing, not A3 text on a wide
sheet; the grid then takes the columns the layout gives for the orientation.
`extends` is resolved before this schema sees the data (kit/catalogue.py).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...errors import InputError, Where
from ...kit import units
from ...kit.catalogue import checked_values
from ...kit.schema import (
    SLUG,
    At,
    Checker,
    Choice,
    Field,
    Flag,
    Integer,
    Length,
    ListOf,
    MapOf,
    Record,
    Text,
)
from ...kit.styles import STYLE, TextStyle
from ...kit.units import paper_size

DESIGN_PAPER = "A3"  # the layout's lengths are for this paper; others scale from it
POSTER_SIZES = ("A3", "A2", "A1", "A0")
ORIENTATIONS = ("portrait", "landscape")
TILE_SIZES = ("A4", "A3")
# every style a poster draws with
POSTER_STYLES = (
    "title",
    "subtitle",
    "heading",
    "body",
    "number",
    "figure",
    "message",
    "small",
    "url",
)


@dataclass(frozen=True)
class Columns:
    """Columns of a grid per orientation."""

    portrait: int
    landscape: int

    def of(self, orientation: str) -> int:
        return getattr(self, orientation)


@dataclass(frozen=True)
class PosterLayout:
    name: str
    description: str
    margin: float  # around the poster's content, at A3
    gap: float  # between blocks and grid cells, at A3
    code_size: float  # the code with its quiet zone, at A3
    min_module: float  # a code's module at least (never scaled: scanning distance)
    tile_overlap: float  # tiles share this strip (never scaled: the office printer's)
    columns: Columns  # the grid of items (elementen, fasen, tips)
    vote_columns: Columns  # the grid of factors with room for votes
    styles: dict[str, TextStyle]

    def scaled(self, factor: float) -> PosterLayout:
        """The layout at `factor` times the design size (2 for A1)."""
        styles = {
            name: replace(s, size=s.size * factor, min_size=s.min_size * factor)
            for name, s in self.styles.items()
        }
        return replace(
            self,
            margin=self.margin * factor,
            gap=self.gap * factor,
            code_size=self.code_size * factor,
            styles=styles,
        )


def scale_of(size: str) -> float:
    """How much larger than the design size a paper is, by its short side."""
    return units.PAPER_SIZES_MM[size][0] / units.PAPER_SIZES_MM[DESIGN_PAPER][0]


COLUMNS = Record(
    {
        "portrait": Field(Integer(minimum=1, maximum=6)),
        "landscape": Field(Integer(minimum=1, maximum=6)),
    },
    make=Columns,
)

POSTER_LAYOUT_FILE = Record(
    {
        "extends": Field(ListOf(SLUG, text_alone=True), default=()),  # resolved in kit/catalogue.py
        "material": Field(Choice("poster")),
        "description": Field(Text(), default=""),
        "abstract": Field(Flag(), default=False),
        "margin": Field(Length(positive=True), default=None),
        "gap": Field(Length(positive=True), default=None),
        "code_size": Field(Length(positive=True), default=None),
        "min_module": Field(Length(positive=True), default=None),
        "tile_overlap": Field(Length(positive=True), default=None),
        "columns": Field(COLUMNS, default=None),
        "vote_columns": Field(COLUMNS, default=None),
        "styles": Field(MapOf(STYLE), default={}),
    },
    make=dict,
)
REQUIRED_KEYS = ("margin", "gap", "code_size", "min_module", "tile_overlap", "columns")


def make_poster_layout(name: str, values: dict) -> PosterLayout:
    return PosterLayout(
        name=name,
        description=values["description"],
        margin=values["margin"],
        gap=values["gap"],
        code_size=values["code_size"],
        min_module=values["min_module"],
        tile_overlap=values["tile_overlap"],
        columns=values["columns"],
        vote_columns=values["vote_columns"] or values["columns"],
        styles=values["styles"],
    )


def load_layout(project, name: str, named_at: Where | None) -> PosterLayout:
    raw, values, problems = checked_values(
        project.layouts, name, named_at, POSTER_LAYOUT_FILE, REQUIRED_KEYS, "one to print with"
    )
    checker = Checker()
    at = At("", raw.mark)
    styles_at = at.key(raw, "styles") if "styles" in raw else At("styles", raw.mark)
    for style in POSTER_STYLES:
        if style not in values["styles"]:
            checker.fail(
                styles_at,
                f"missing style '{style}'; expected the styles {', '.join(POSTER_STYLES)}",
            )
    if values["margin"] is not None and values["margin"] * 4 > paper_size("A3")[0]:
        checker.fail(
            at.key(raw, "margin"), "expected a margin of at most a quarter of A3's width (74mm)"
        )
    problems += checker.problems
    if problems:
        raise InputError(problems)
    return make_poster_layout(name, values)
