"""What a poster's blocks draw with: its colours (the palette, with `deck` the poster's
colour), its text set in the layout's styles (shrunk to fit a box, or at one size for
every cell of a block), and a record of every text line and code drawn (`boxes`), so
that tiles can be cut between them (tiles.py).

Text that does not fit is a problem (print/overflow.py cuts it off with '…' when
overflow is allowed)."""

from __future__ import annotations

from dataclasses import dataclass, replace

from ...errors import Problems
from ...kit.brand import Brand
from ...kit.styles import Box
from ...kit.words import Words
from ...print import overflow, text
from ...print.fonts import Fonts
from ...print.imposition import Rect
from ...print.palette import Palette
from .layout import PosterLayout

LARGER = "shorten it, or print the poster larger or in the other orientation"


@dataclass
class Pen:
    canvas: object
    layout: PosterLayout
    brand: Brand
    fonts: Fonts
    words: Words
    palette: Palette
    problems: Problems
    boxes: list[Rect]  # every text line and code drawn

    def colour(self, name: str):
        return self.palette.colour(name)

    def fit(
        self,
        blocks,
        style: str,
        width: float,
        height: float = 1e6,
        size=None,
        colour=None,
        hyphenate: bool = True,
        align: str | None = None,
    ):
        """`blocks` (texts or text.Blocks) set in `width`, shrunk to `height` if need be;
        `size` sets them at that size exactly, `colour` in another colour role;
        `hyphenate=False` breaks lines at word boundaries only (labels, legends), `align`
        aligns them otherwise than their style."""
        chosen = self.layout.styles[style]
        if not hyphenate:
            chosen = replace(chosen, hyphenate=False)
        if align is not None:
            chosen = replace(chosen, align=align)
        if size is not None:
            chosen = replace(chosen, size=size, min_size=size)
        if colour is not None:
            chosen = replace(chosen, colour=colour)
        blocks = [b if isinstance(b, text.Block) else text.Block(b) for b in blocks]
        for block in blocks:
            self.fonts.check(chosen.font, block.text, f"{style} text")
        lang = self.words.hyphenation
        colour = self.colour(chosen.colour)
        return text.fit(blocks, chosen, colour, self.fonts, max(1.0, width), height, lang)

    def put(self, fitted, x, y, width, height, where: str, valign: str = "top") -> None:
        """Draw fitted text in the box at (x, y); record its lines; report overflow."""
        if not fitted.fits:
            fitted = self._overflow(fitted, width, height, where)
        text.draw(self.canvas, fitted, x, y, width, height, valign)
        free = max(0.0, height - fitted.height)
        top = y + height - {"top": 0.0, "middle": free / 2, "bottom": free}[valign]
        for paragraph, h in fitted.paragraphs:
            lines = len(paragraph.blPara.lines) or 1
            leading = h / lines
            for number in range(lines):
                line_top = top - number * leading
                self.boxes.append(Rect(x, line_top - leading, width, leading))
            top -= h + fitted.size * text.GAP

    def _overflow(self, fitted, width: float, height: float, where: str):
        """Report text that does not fit; cut off with '…' when overflow is allowed."""
        message = (
            f"text does not fit at {self.layout.name}'s smallest size ({fitted.size:.1f}pt "
            f"at this paper)"
        )
        if not self.problems.overflow(where, message, LARGER, [b.text for b in fitted.blocks]):
            return fitted
        room = Box("cut", 0, 0, width, height, "text")
        colour, lang = self.colour(fitted.style.colour), self.words.hyphenation
        return overflow.cut(fitted.blocks, fitted.style, colour, self.fonts, room, lang)

    def line(self, words: str, style: str, x: float, y: float, width: float, where: str):
        """One text at its style's size on `y` (its baseline), recorded as a line."""
        chosen = self.layout.styles[style]
        self.fonts.check(chosen.font, words, where)
        font = self.fonts.name(chosen.font)
        self.canvas.setFont(font, chosen.size)
        self.canvas.setFillColor(self.colour(chosen.colour))
        draw = {
            "left": self.canvas.drawString,
            "center": lambda x, y, s: self.canvas.drawCentredString(x + width / 2, y, s),
            "right": lambda x, y, s: self.canvas.drawRightString(x + width, y, s),
        }[chosen.align]
        draw(x, y, words)
        self.boxes.append(Rect(x, y - chosen.size * 0.25, width, chosen.size * 1.1))

    def panel(self, x, y, width, height, colour: str) -> None:
        """A rounded panel in a colour ('tint:deck' for a grid cell)."""
        self.canvas.setFillColor(self.colour(colour))
        self.canvas.roundRect(x, y, width, height, self.layout.gap / 3, stroke=0, fill=1)

    def badge(self, number: str, left: float, middle: float, diameter: float, where: str):
        """A number in a disc of the poster's colour, its left edge at `left`."""
        self.canvas.setFillColor(self.colour("deck"))
        self.canvas.circle(left + diameter / 2, middle, diameter / 2, stroke=0, fill=1)
        size = self.layout.styles["number"].size
        self.line(number, "number", left, middle - size * 0.35, diameter, where)
