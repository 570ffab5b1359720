"""The brand's TrueType fonts, registered with reportlab and embedded in every PDF.

Every text is checked against the font's character map before it is drawn: a missing
glyph would print as an empty box, so it fails the build instead.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..errors import Problem, ProblemKind, Where
from ..kit.brand import Brand

IGNORED = {"\n", "\r", "\t", "\u00ad"}
# a brand without a bold italic font sets bold italic text in its bold (README: brands)
FALLBACKS = {"bolditalic": "bold"}


# (texts with missing glyphs, the characters missing) -> where the text is written
Locate = Callable[[list[str], set[str]], Where | None]
KEPT_TEXTS = 4  # texts kept per place, to find where they are written


@dataclass
class Fonts:
    """Registered font names per role, and the glyphs each font lacks that we asked for
    (with the texts that asked, to find where they are written)."""

    names: dict[str, str]
    charmaps: dict[str, frozenset[int]]
    missing: dict[tuple[str, str], set[str]] = field(default_factory=dict)
    texts: dict[tuple[str, str], list[str]] = field(default_factory=dict)

    def name(self, role: str) -> str:
        return self.names[role]

    def check(self, role: str, text: str, where: str) -> None:
        absent = {ch for ch in text if ord(ch) not in self.charmaps[role] and ch not in IGNORED}
        if absent:
            self.missing.setdefault((role, where), set()).update(absent)
            texts = self.texts.setdefault((role, where), [])
            if len(texts) < KEPT_TEXTS and text not in texts:
                texts.append(text)

    def missing_glyphs(self, locate: Locate | None = None) -> list[Problem]:
        """A problem for each place whose text asked for characters its font lacks; with
        `locate`, each names the file, line and key where that text is written."""
        problems = []
        for (role, where), chars in sorted(self.missing.items()):
            shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in sorted(chars))
            message = f"the brand's {role} font has no glyph for {shown}"
            at = locate(self.texts.get((role, where), []), chars) if locate else None
            problems.append(Problem.drawn(ProblemKind.GLYPH, message, path=where, at=at))
        return problems


@cache
def load_font(path: Path) -> TTFont:
    """Parse a TrueType file once per process (raises TTFError if it cannot be embedded)."""
    return TTFont(f"WS-{path.stem}-{zlib.crc32(str(path).encode()) % 10_000}", str(path))


def register(brand: Brand) -> Fonts:
    names, charmaps = {}, {}
    for role, path in brand.fonts.items():
        font = load_font(path.resolve())
        if font.fontName not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(font)
        names[role], charmaps[role] = font.fontName, _charmap(font)
    for role, instead in FALLBACKS.items():
        names.setdefault(role, names[instead])
        charmaps.setdefault(role, charmaps[instead])
    return Fonts(names, charmaps)


@cache
def _charmap(font: TTFont) -> frozenset[int]:
    return frozenset(font.face.charToGlyph)
