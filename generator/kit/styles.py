"""Text styles and boxes: what the layouts of every kind are made of.

A style is a font role, a size with the smallest it may shrink to, leading, a colour
(a brand role, '#RRGGBB', `deck` or `card`) and alignment; a box is a named rectangle
measured from the top-left corner of its card or page.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import units
from .brand import FONT_ROLES, OPTIONAL_FONT_ROLES, REQUIRED_COLOURS
from .schema import Choice, Colour, Field, Flag, Length, Number, Record

STYLE_FONTS = (
    *FONT_ROLES,
    *OPTIONAL_FONT_ROLES,
)  # bolditalic: the bold font where a brand has none
# brand roles, plus the deck's own colour and the colour of the response card being drawn
COLOUR = Colour((*REQUIRED_COLOURS, "deck", "card"))


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
    # a fill that, printed by a print shop, covers the whole face and its bleed
    bleed: bool = False


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


class Style(Record):
    """A text style: its size shrinks to fit down to min_size, so min_size above size is
    a mistake of the layout, said at the style (whose size and min_size may come from
    a parent layout each), not text that does not fit on every card."""

    def check(self, value, at, checker):
        style = super().check(value, at, checker)
        if isinstance(style, TextStyle) and style.min_size > style.size + 1e-9:
            return checker.fail(
                at,
                f"min_size {style.min_size:g}pt is larger than size {style.size:g}pt; "
                f"expected min_size at most size (text shrinks from size down to min_size)",
            )
        return style


STYLE = Style(
    {
        "font": Field(Choice(*STYLE_FONTS), default="regular"),
        "size": Field(TextSize()),
        "min_size": Field(TextSize(), default=None),
        "leading": Field(Number(minimum=0.8, maximum=3.0), default=1.2),
        "colour": Field(COLOUR, default="text"),
        "align": Field(Choice("left", "center", "right"), default="left"),
        "hyphenate": Field(Flag(), default=True),
    },
    make=lambda **v: TextStyle(**{**v, "min_size": v["min_size"] or v["size"]}),
)
