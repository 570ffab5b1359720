"""Card layouts (layouts/*.yaml): card size, text styles and named boxes.

A layout names the sheet it is imposed on, the boxes of a card front (with overrides
per card kind) and the boxes of the back. Box positions are measured from the card's
top-left corner, as a designer measures them; the renderer turns them into PDF space.
`extends` is resolved before this schema sees the data (see layouts.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import units
from ..schema import (
    SLUG,
    Choice,
    Colour,
    Field,
    Flag,
    Length,
    ListOf,
    MapOf,
    Number,
    Record,
    Spec,
    Text,
)
from .brand import REQUIRED_COLOURS

# brand roles, plus the deck's own colour and the colour of the response card being drawn
COLOUR = Colour((*REQUIRED_COLOURS, "deck", "card"))
TEXT_CONTENTS = (
    "title",
    "subtitle",
    "number",
    "body",
    "url",
    "footer",
    "source",
    "deck_title",
    "kit_title",
    "brand_name",
    "word",
    "response_text",
    "text",
)
CONTENTS = (*TEXT_CONTENTS, "qr", "logo", "symbol", "none")
# what `requires` may name: a box's own content, or a template value such as the team label
REQUIREMENTS = (*TEXT_CONTENTS, "team_label")
FACE_KINDS = ("cover", "howto", "question", "list", "response")


@dataclass(frozen=True)
class TextStyle:
    font: str
    size: float
    min_size: float
    leading: float
    colour: str
    align: str
    hyphenate: bool = True


@dataclass(frozen=True)
class Box:
    name: str
    x: float
    y: float
    width: float
    height: float
    content: str
    style: str | None = None
    fill: str | None = None
    radius: float = 0.0
    valign: str = "top"
    text: str = ""
    min_module: float = 0.0
    requires: str | None = None  # drawn only when the card has this text (e.g. number)


@dataclass(frozen=True)
class CardLayout:
    name: str
    description: str
    width: float
    height: float
    sheet: str
    styles: dict[str, TextStyle]
    faces: dict[str, tuple[Box, ...]]  # front boxes per card kind, in drawing order
    back: tuple[Box, ...]
    back_as_front: frozenset[str] = field(default_factory=frozenset)  # kinds printed alike


MIN_TEXT_SIZE = 6.0  # points: smaller text is not legible on an office printer
MAX_TEXT_SIZE = 200.0  # points: a bound that catches a mistyped size before reportlab does


class TextSize(Length):
    """A font size in points, between MIN_TEXT_SIZE and MAX_TEXT_SIZE."""

    expected = (
        f"a size of at least {MIN_TEXT_SIZE:g}pt and at most {MAX_TEXT_SIZE:g}pt such as 9pt "
        f"(smaller text is not legible on an office printer)"
    )

    def check(self, value, at, checker):
        try:
            points = units.parse_length(value)
        except units.UnitError:
            return self.mismatch(value, at, checker)
        if not MIN_TEXT_SIZE - 1e-9 <= points <= MAX_TEXT_SIZE:
            return self.mismatch(value, at, checker)
        return points


STYLE = Record(
    {
        "font": Field(Choice("regular", "bold", "italic"), default="regular"),
        "size": Field(TextSize()),
        "min_size": Field(TextSize(), default=None),
        "leading": Field(Number(minimum=0.8, maximum=3.0), default=1.2),
        "colour": Field(COLOUR, default="text"),
        "align": Field(Choice("left", "center", "right"), default="left"),
        "hyphenate": Field(Flag(), default=True),
    },
    make=lambda **v: TextStyle(**{**v, "min_size": v["min_size"] or v["size"]}),
)

BOX_FIELDS = {
    "x": Field(Length()),
    "y": Field(Length()),
    "width": Field(Length(positive=True)),
    "height": Field(Length(positive=True)),
    "content": Field(Choice(*CONTENTS), default=None),
    "style": Field(SLUG, default=None),
    "fill": Field(COLOUR, default=None),
    "radius": Field(Length(), default=0.0),
    "valign": Field(Choice("top", "middle", "bottom"), default="top"),
    "text": Field(Text(), default=""),
    "min_module": Field(Length(positive=True), default=None),
    "requires": Field(Choice(*REQUIREMENTS), default=None),
}

BOX = Record(BOX_FIELDS, make=dict)


class Optional(Spec):
    """A value that may be null: in `boxes`, null removes a box a parent layout defined."""

    def __init__(self, inner: Spec):
        self.inner = inner
        self.expected = f"{inner.expected} or null"

    def check(self, value, at, checker):
        return None if value is None else self.inner.check(value, at, checker)


BOX_NAME = Text(r"[a-z][a-z0-9_-]*", "a box name of lowercase letters, digits, '_' and '-'")
BOXES = MapOf(Optional(BOX), key=BOX_NAME)

FACE = Record(
    {
        "boxes": Field(BOXES, default={}),
        "back": Field(Choice("default", "front"), default="default"),
    },
    make=dict,
)

LAYOUT_FILE = Record(
    {
        "extends": Field(ListOf(SLUG, text_alone=True), default=()),  # resolved in layouts.py
        "material": Field(Choice("deck"), default="deck"),  # the kind it is for
        "description": Field(Text(), default=""),
        "abstract": Field(Flag(), default=False),
        "size": Field(
            Record(
                {"width": Field(Length(positive=True)), "height": Field(Length(positive=True))},
                make=dict,
            ),
            default=None,
        ),
        "sheet": Field(SLUG, default=None),
        "styles": Field(MapOf(STYLE), default={}),
        "boxes": Field(BOXES, default={}),
        "kinds": Field(MapOf(FACE, key=Choice(*FACE_KINDS)), default={}),
        "back": Field(Record({"boxes": Field(BOXES, default={})}, make=dict), default=None),
    },
    make=dict,
)


# The {names} a box's `text:` template may use; render/cards.py fills in each of them.
TEMPLATE_FIELDS = (
    "deck_title",
    "subtitle",
    "kit_title",
    "brand_name",
    "source",
    "title",
    "number",
    "word",
    "response_text",
    "team",
    "session",
    "team_label",
)
