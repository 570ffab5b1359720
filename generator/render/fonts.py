"""The brand's TrueType fonts, registered with reportlab and embedded in every PDF.

Every text is checked against the font's character map before it is drawn: a missing
glyph would print as an empty box, so it fails the build instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ..model.brand import Brand

IGNORED = {"\n", "\r", "\t", "\u00ad"}


@dataclass
class Fonts:
    """Registered font names per role, and the glyphs each font lacks that we asked for."""

    names: dict[str, str]
    charmaps: dict[str, frozenset[int]]
    missing: dict[tuple[str, str], set[str]] = field(default_factory=dict)

    def name(self, role: str) -> str:
        return self.names[role]

    def check(self, role: str, text: str, where: str) -> None:
        absent = {ch for ch in text if ord(ch) not in self.charmaps[role] and ch not in IGNORED}
        if absent:
            self.missing.setdefault((role, where), set()).update(absent)


_registered: dict[str, tuple[str, frozenset[int]]] = {}


def register(brand: Brand) -> Fonts:
    names, charmaps = {}, {}
    for role, path in brand.fonts.items():
        key = str(path.resolve())
        if key not in _registered:
            font_name = f"WS{len(_registered)}-{path.stem}"
            font = TTFont(font_name, str(path))
            pdfmetrics.registerFont(font)
            _registered[key] = (font_name, frozenset(font.face.charToGlyph))
        names[role], charmaps[role] = _registered[key]
    return Fonts(names, charmaps)
