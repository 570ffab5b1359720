"""The colours a layout names, resolved for what is being drawn: the one place a colour
name becomes a colour, for the painters and for the contrast checks alike.

A layout names a colour as
- '#RRGGBB': that colour;
- a brand role ('primary', 'text', 'muted', 'paper', 'ja', ...): the brand's colour;
- 'deck': the colour of the deck (or poster) being drawn, itself a role or '#RRGGBB';
- 'card': the colour of the response card being drawn; on any other face the deck's;
- 'tint:<name>': that colour at 10 % on white paper (a poster's grid cells).

    palette = Palette(brand.colours, deck="secondary")
    palette.colour("deck")                        # a reportlab colour, to draw with
    palette.for_card("twijfel").paint("card")     # Paint('card colour twijfel', '#B85C00')

A brand colour's own CMYK values are not the palette's business: every colour reaches
the canvas as RGB, and a CMYK document's colour hook (print/cmyk.py, `Inks`) prints a
brand colour, and its tint, in the brand's inks.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from ..answers.votes import VOTE_VALUES

PAPER = "#FFFFFF"  # the sheet itself: what shows where no box is filled
DECK_ROLES = ("primary", "secondary", "accent")  # the colours a deck may use
CARD_ROLES = VOTE_VALUES  # the colours of the response cards: a vote's
TINT = 0.1  # a poster grid cell: its colour at this strength on white paper
TINTED = "tint:"


@dataclass(frozen=True)
class Paint:
    """A colour as the layout names it and as it prints: 'card colour twijfel (#B85C00)'."""

    label: str
    hex: str
    role: str | None = None  # the brand role it comes from; None: a '#RRGGBB' of a layout

    def __str__(self) -> str:
        return f"{self.label} ({self.hex})" if self.label != self.hex else self.hex


WHITE_PAPER = Paint("the paper", PAPER)


@dataclass(frozen=True)
class Palette:
    """How the colour names of a layout resolve for one deck colour and one response
    colour (`card`; None: the deck's)."""

    colours: Mapping[str, str]  # the brand's roles: name -> '#RRGGBB'
    deck: str = "primary"
    card: str | None = None

    def for_card(self, card: str | None) -> Palette:
        """The palette of a face: a response card's colour, or none (the deck's)."""
        return self if card == self.card else replace(self, card=card)

    def paint(self, name: str) -> Paint:
        """The colour `name` stands for, with a label for messages."""
        if name.startswith(TINTED):
            return _tint(self.paint(name.removeprefix(TINTED)))
        if name.startswith("#"):
            return Paint(name.upper(), name.upper())
        if name in ("deck", "card"):
            role = self.deck if name == "deck" else self.card or self.deck
            if role.startswith("#"):
                return Paint(f"{name} colour", role.upper())
            return Paint(f"{name} colour {role}", self.colours[role].upper(), role)
        return Paint(name, self.colours[name].upper(), name)

    def colour(self, name: str):
        """The reportlab colour to draw `name` in (a tint is mixed exactly, unrounded)."""
        from reportlab.lib.colors import HexColor  # only when drawing

        if name.startswith(TINTED):
            return tinted(self.colour(name.removeprefix(TINTED)))
        return HexColor(self.paint(name).hex)


def tinted(base):
    """A reportlab colour at TINT on white paper, mixed exactly (unrounded)."""
    from reportlab.lib.colors import Color

    return Color(*(1 - TINT + TINT * c for c in (base.red, base.green, base.blue)))


def _tint(base: Paint) -> Paint:
    channels = [int(base.hex[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    mixed = "#" + "".join(f"{round((1 - TINT + TINT * c) * 255):02X}" for c in channels)
    return Paint(f"{base.label} at {TINT:.0%}", mixed, base.role)
