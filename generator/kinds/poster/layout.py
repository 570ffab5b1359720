"""Poster layouts (layouts/*.yaml with `material: poster`): margins, gaps, the code and
the text styles of a poster, written for A3 (the design size).

A poster is printed at A3 to A0 (`--size`), portrait or landscape (`--orientation`).
Every length of the layout scales with the paper's short side, so an A1 poster is the A3
design at twice the size, not A3 text on a wide sheet; the grid then takes the columns
the layout gives for the orientation. Type sizes come from the layout's type scale
(`type:`, one set of sizes per paper): the styles of its roles (ROLE_OF) are set at the
scale's size exactly, the same on every poster of that paper; the other styles scale
with the paper like the lengths.
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
from ...kit.styles import STYLE, Style, TextSize, TextStyle
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
# the roles of the type scale, and the style each sets (the caption is the small style)
ROLES = ("caption", "body", "heading", "figure", "title")
ROLE_OF = {
    "small": "caption",
    "body": "body",
    "heading": "heading",
    "figure": "figure",
    "title": "title",
}
STEP = 1.25  # a heading is at least this much larger than the body: a step one sees


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
    type_scale: dict[str, dict[str, float]]  # paper: role: size, in points

    def at_paper(self, paper: str) -> PosterLayout:
        """The layout for a paper: lengths and free styles scaled from the design size,
        the scale's styles at that paper's sizes (never shrunk: min_size is size)."""
        scaled = self.scaled(scale_of(paper))
        sizes = self.type_scale[paper]
        styles = {
            name: replace(s, size=sizes[ROLE_OF[name]], min_size=sizes[ROLE_OF[name]])
            if name in ROLE_OF
            else s
            for name, s in scaled.styles.items()
        }
        return replace(scaled, styles=styles)

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

TYPE_SCALE = Record(
    {paper: Field(Record({role: Field(TextSize()) for role in ROLES})) for paper in POSTER_SIZES}
)
# a poster's style: the size of a scale's style comes from `type:` (checked at load)
POSTER_STYLE = Style(
    {**STYLE.fields, "size": Field(TextSize(), default=None)},
    make=lambda **v: TextStyle(
        **{**v, "size": v["size"] or 0.0, "min_size": v["min_size"] or v["size"] or 0.0}
    ),
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
        "type": Field(TYPE_SCALE, default=None),
        "styles": Field(MapOf(POSTER_STYLE), default={}),
    },
    make=dict,
)
REQUIRED_KEYS = ("margin", "gap", "code_size", "min_module", "tile_overlap", "columns", "type")


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
        type_scale=values["type"],
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
    _check_styles(raw, values, styles_at, checker)
    _check_scale(raw, values, at, checker)
    if values["margin"] is not None and values["margin"] * 4 > paper_size("A3")[0]:
        checker.fail(
            at.key(raw, "margin"), "expected a margin of at most a quarter of A3's width (74mm)"
        )
    problems += checker.problems
    if problems:
        raise InputError(problems)
    return make_poster_layout(name, values)


def _check_styles(raw, values: dict, styles_at: At, checker: Checker) -> None:
    """A scale's style takes its size from `type:`; every other style gives its own."""
    given = raw.get("styles") if isinstance(raw.get("styles"), dict) else {}
    for name, style in values["styles"].items():
        own = given.get(name) if isinstance(given.get(name), dict) else {}
        where = styles_at.key(given, name) if name in given else styles_at
        if name in ROLE_OF and ("size" in own or "min_size" in own):
            checker.fail(
                where,
                f"style '{name}' takes its size from the type scale (type: ... "
                f"{ROLE_OF[name]}); expected no size or min_size here",
            )
        elif name not in ROLE_OF and not style.size:
            checker.fail(
                where, f"missing key 'size' of style '{name}' (expected a size such as 20pt)"
            )


def _check_scale(raw, values: dict, at: At, checker: Checker) -> None:
    """Per paper: caption < body; heading at least STEP x body; title the largest."""
    scale = values["type"]
    if not isinstance(scale, dict):
        return
    for paper, sizes in scale.items():
        if not isinstance(sizes, dict):
            continue
        where = at.key(raw["type"], paper)
        body, heading = sizes["body"], sizes["heading"]
        if not sizes["caption"] < body:
            checker.fail(
                where, f"caption {sizes['caption']:g}pt; expected smaller than body {body:g}pt"
            )
        if heading < STEP * body - 1e-6:
            checker.fail(
                where,
                f"heading {heading:g}pt; expected at least {STEP:g} x body ({STEP * body:g}pt)",
            )
        if not heading < sizes["figure"] <= sizes["title"]:
            checker.fail(
                where,
                f"figure {sizes['figure']:g}pt, title {sizes['title']:g}pt; expected the "
                f"title the largest and the figure larger than the heading {heading:g}pt",
            )
