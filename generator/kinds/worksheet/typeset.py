"""What every part of a worksheet page is drawn with: the worksheet's style (layout,
brand, fonts, words, palette and the problems found) and its text, set in the layout's
styles on the canvas of the page being painted."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ...errors import Problems
from ...kit.brand import Brand
from ...kit.styles import Box
from ...kit.units import MM
from ...kit.words import Words
from ...print import overflow, text
from ...print.fonts import Fonts
from ...print.palette import Palette
from .content import Worksheet
from .layout import WorksheetLayout

UNBOUNDED = 10_000.0  # points: the height text is set in when it may take what it needs
TEXT_GAP = 2 * MM  # between a question's text and its room to answer
STACK_GAP = 1.5 * MM  # between the lines of the header
CUT_OR_FIX = "shorten the text, or pass --allow-overflow to print it cut off with '…'"


@dataclass
class SheetStyle:
    """Everything the pages of one worksheet need besides the team."""

    worksheet: Worksheet
    layout: WorksheetLayout
    brand: Brand
    fonts: Fonts
    kit_title: str
    words: Words
    labelled: bool  # a team or session label is printed: the header keeps a line for it
    problems: Problems = field(default_factory=Problems)
    palette: Palette = field(init=False)

    def __post_init__(self) -> None:
        self.palette = Palette(self.brand.colours)

    def colour(self, name: str):
        return self.palette.colour(name)


class Typesetter:
    """A worksheet's text in its layout's styles; `canvas` is the file being painted."""

    def __init__(self, style: SheetStyle):
        self.style, self.layout = style, style.layout
        self.canvas = None

    def fit(self, blocks: list[text.Block], role: str, width: float, where: str) -> text.Fitted:
        style = self.layout.styles[role]
        for block in blocks:
            font = "bold" if block.strong else style.font
            self.style.fonts.check(font, block.text + block.bullet, f"{where} ({role})")
        colour = self.style.colour(style.colour)
        lang = self.style.words.hyphenation
        return text.fit(blocks, style, colour, self.style.fonts, width, UNBOUNDED, lang)

    def set(self, blocks, role: str, width: float, where: str) -> tuple[float, Callable]:
        """The height of text set in `width`, and a function drawing it from (x, top)."""
        fitted = self.fit(blocks, role, width, where)

        def draw(x: float, top: float) -> None:
            height = fitted.height
            text.draw(self.canvas, fitted, x, top - height, width, height, "top")

        return fitted.height, draw

    def boxed(self, blocks, role: str, box: Box, where: str) -> text.Fitted:
        """Text in a box of fixed size: too long is a problem (an error, or cut off with
        '…' when overflow is allowed, as on cards)."""
        style = self.layout.styles[role]
        colour, lang = self.style.colour(style.colour), self.style.words.hyphenation
        for block in blocks:
            self.style.fonts.check(style.font, block.text, where)
        fitted = text.fit(blocks, style, colour, self.style.fonts, box.width, box.height, lang)
        if fitted.fits or not self._overflow(fitted, style, box, where, blocks):
            return fitted
        return overflow.cut(blocks, style, colour, self.style.fonts, box, lang)

    def _overflow(self, fitted: text.Fitted, style, box: Box, where: str, blocks) -> bool:
        """Report text too long for its room (where its first paragraph is written);
        whether to print it cut off."""
        over = fitted.height - box.height
        how = (
            "has a word wider than its room"
            if fitted.too_wide
            else f"is about {over / MM:.1f} mm too long for its room"
        )
        message = f"text {how} even at {style.min_size:g}pt in layout '{self.layout.name}'"
        texts = [b.text for b in blocks]
        return self.style.problems.overflow(where, message, CUT_OR_FIX, texts)
