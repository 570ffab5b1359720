"""How the results print: the brand's colours and fonts, the kit's words, the text
styles built from them, and characters the fonts lack replaced (and counted)."""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..kit.brand import Brand
from ..kit.words import Words
from ..print.fonts import IGNORED, Fonts
from ..print.palette import Palette
from ..print.text import hyphenator

MIN_SIZE = 7.0  # the smallest text of the results (6pt is the floor for print)


REPLACEMENT = "?"  # printed for a character the brand's fonts lack


@dataclass
class Look:
    """Brand, fonts and words of the results, and the text styles built from them."""

    brand: Brand
    fonts: Fonts
    words: Words
    replaced: dict[str, int] = field(default_factory=dict)  # character -> times

    def colour(self, role: str):
        return Palette(self.brand.colours).colour(role)

    def font(self, role: str) -> str:
        return self.fonts.name(role)

    def clean(self, text: str) -> str:
        """The text with characters the fonts lack (an emoji in an answer) replaced, and
        counted for a warning: a missing glyph would print as an empty box."""
        known = self.fonts.charmaps["regular"] & self.fonts.charmaps["bold"]
        out = []
        for ch in text:
            if ord(ch) in known or ch in IGNORED:
                out.append(ch)
            else:
                self.replaced[ch] = self.replaced.get(ch, 0) + 1
                out.append(REPLACEMENT)
        return "".join(out)

    def style(self, name: str, size: float, bold: bool = False, **extra) -> ParagraphStyle:
        values = {
            "fontName": self.font("bold" if bold else "regular"),
            "fontSize": size,
            "leading": size * 1.3,
            "textColor": self.colour("text"),
            "hyphenationLang": hyphenator(self.words.hyphenation),
            "embeddedHyphenation": 1,
            "uriWasteReduce": 0.3,
            "splitLongWords": 1,  # a 2000-letter "word" breaks at the margin
        }
        return ParagraphStyle(name, **{**values, **extra})

    def warnings(self) -> list[str]:
        if not self.replaced:
            return []
        shown = ", ".join(f"'{ch}' (U+{ord(ch):04X})" for ch in sorted(self.replaced)[:5])
        count = sum(self.replaced.values())
        return [
            f"results: {count} character(s) the brand's fonts have no glyph for were "
            f"printed as '{REPLACEMENT}': {shown}"
        ]


def one_line(canvas, line: str, font: str, size: float, x: float, y: float, width: float):
    """A line at `size`, smaller down to MIN_SIZE if it is too wide, then cut with '…'."""
    size = max(MIN_SIZE, min(size, size * width / max(1.0, stringWidth(line, font, size))))
    whole, keep = line, len(line)
    while keep > 1 and stringWidth(line, font, size) > width:
        keep -= max(1, keep // 10)
        line = whole[:keep].rstrip() + "…"
    canvas.setFont(font, size)
    canvas.drawString(x, y, line)
