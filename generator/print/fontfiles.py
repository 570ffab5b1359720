"""Fonts as a municipality has them, made into TrueType files that reportlab embeds.

TrueType (.ttf) is used as it is; OpenType with CFF outlines (.otf), WOFF and WOFF2 are
converted with fontTools (cubic outlines to quadratic with cu2qu) into a TrueType file
kept in a cache folder, named by the source's SHA-256, so each font is converted once.
A font whose licence forbids embedding (OS/2 fsType 'restricted licence') is refused
before anything is converted: a PDF with it would break its licence.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path

RESTRICTED = 0x0002  # OS/2 fsType: restricted licence embedding, no embedding at all
USAGE_BITS = 0x000F  # the bits that say how a font may be embedded (the others are flags
# maxp fields of a TrueType font without hinting instructions
ZEROED_MAXP = (
    "maxTwilightPoints",
    "maxStorage",
    "maxFunctionDefs",
    "maxInstructionDefs",
    "maxStackElements",
    "maxSizeOfInstructions",
    "maxComponentElements",
)
CACHE_ENV = "WORKSHOP_FONT_CACHE"  # where converted fonts go (default ~/.cache/workshop/fonts)


class FontFileError(ValueError):
    """A font that cannot be embedded; the message says why, the caller says where."""


class UnreadableFont(FontFileError):
    """A file fontTools cannot read or convert; the message is fontTools' reason."""


def embeddable(path: Path) -> Path:
    """A TrueType file with the outlines of the font at `path`: the file itself when it
    is TrueType, else a converted copy in the cache. Raises FontFileError when the font
    forbids embedding or cannot be read."""
    from fontTools.ttLib import TTFont

    try:
        with path.open("rb") as file, TTFont(file, lazy=True) as font:
            _check_licence(font)
            if font.flavor is None and "glyf" in font:
                return path
    except FontFileError:
        raise
    except Exception as exc:  # a damaged font fails anywhere in fontTools (and in brotli)
        raise UnreadableFont(str(exc) or type(exc).__name__) from exc
    return _converted(path)


def _check_licence(font) -> None:
    fs_type = font["OS/2"].fsType if "OS/2" in font else 0
    if fs_type & USAGE_BITS == RESTRICTED:
        raise FontFileError(
            f"its licence forbids embedding it in a PDF (OS/2 fsType {fs_type:#06x}: "
            f"restricted licence); expected a font that may be embedded, such as an OFL "
            f"font, or one the municipality has an embedding licence for"
        )


def cache_folder() -> Path:
    default = Path.home() / ".cache" / "workshop" / "fonts"
    return Path(os.environ.get(CACHE_ENV) or default)


def _converted(path: Path) -> Path:
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:32]
    target = cache_folder() / f"{path.stem[:40]}-{digest}.ttf"
    if target.is_file():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        font = _to_truetype(path)
    except Exception as exc:  # a damaged font fails anywhere in fontTools' parsers
        raise UnreadableFont(f"not convertible to TrueType: {exc}") from exc
    # written under a temporary name and renamed: a parallel build never reads half a file
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".part", delete=False) as part:
        font.save(part)
    os.replace(part.name, target)
    return target


def _to_truetype(path: Path):
    from fontTools.ttLib import TTFont

    with path.open("rb") as file:
        font = TTFont(file)
        font.ensureDecompiled()  # every table read while the file is open
    font.flavor = None  # WOFF and WOFF2 are saved as plain sfnt
    if "CFF " in font or "CFF2" in font:
        _cff_to_glyf(font)
    return font


def _cff_to_glyf(font) -> None:
    """Cubic CFF outlines as quadratic glyf outlines (fontTools' otf2ttf recipe)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    glyphs = font.getGlyphSet()
    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    for name in order:
        pen = TTGlyphPen(glyphs)
        glyphs[name].draw(Cu2QuPen(pen, 1.0, reverse_direction=True))
        glyf.glyphs[name] = pen.glyph()
    for tag in ("CFF ", "CFF2", "VORG"):
        if tag in font:
            del font[tag]
    glyf.compile(font)
    _finish_tables(font, glyf, order)


def _finish_tables(font, glyf, order) -> None:
    from fontTools.ttLib import newTable

    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        if hasattr(glyph, "xMin"):
            hmtx[name] = (hmtx[name][0], glyph.xMin)
    font["maxp"] = maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.maxZones = 1
    for key in ZEROED_MAXP:
        setattr(maxp, key, 0)
    maxp.compile(font)
    post = font["post"]
    post.formatType, post.extraNames, post.mapping, post.glyphOrder = 2.0, [], {}, order
    font.sfntVersion = "\000\001\000\000"
