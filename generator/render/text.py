"""Text in a box: Dutch hyphenation (pyphen through reportlab), shrink to fit down to the
style's minimum size, and literal printing of characters such as & < >.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from ..model.layout import TextStyle
from .fonts import Fonts

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
STEP = 0.25  # points between the sizes tried when shrinking
GAP = 0.35  # space between paragraphs, in em


@dataclass(frozen=True)
class Block:
    """One paragraph of a box; bullet is '' for running text."""

    text: str
    bullet: str = ""
    strong: bool = False  # in the bold font: a question after an explanation


@dataclass
class Fitted:
    paragraphs: list[tuple[Paragraph, float]]  # paragraph and the height it takes
    size: float
    height: float
    fits: bool


def fit(
    blocks: list[Block], style: TextStyle, colour, fonts: Fonts, width: float, height: float
) -> Fitted:
    """The largest size from style.size down to style.min_size at which all blocks fit."""
    sizes = _sizes(style)
    best = _layout(blocks, style, colour, fonts, width, sizes[-1])
    if best.height > height:
        best.fits = False
        return best
    low, high = 0, len(sizes) - 1  # sizes[high] fits; find the smallest index that fits
    while low < high:
        middle = (low + high) // 2
        attempt = _layout(blocks, style, colour, fonts, width, sizes[middle])
        if attempt.height <= height:
            best, high = attempt, middle
        else:
            low = middle + 1
    return best


def _sizes(style: TextStyle) -> list[float]:
    sizes, size = [], style.size
    while size > style.min_size + 1e-6:
        sizes.append(round(size, 2))
        size -= STEP
    sizes.append(style.min_size)
    return sizes


def _layout(blocks, style, colour, fonts, width, size) -> Fitted:
    base = _paragraph_style(style, colour, fonts, size)
    variants: dict[tuple[bool, bool], ParagraphStyle] = {}
    paragraphs, total = [], 0.0
    for block in blocks:
        key = (bool(block.bullet), block.strong)
        if key not in variants:
            variants[key] = _variant(base, block, fonts, size)
        used = variants[key]
        paragraph = Paragraph(escape(block.text), used, bulletText=block.bullet or None)
        _, h = paragraph.wrap(width, 10_000)
        if not style.hyphenate and paragraph.minWidth() > width - used.leftIndent:
            h = 10_000  # a word wider than the box: treat as not fitting at this size
        paragraphs.append((paragraph, h))
        total += h
    total += size * GAP * max(0, len(blocks) - 1)
    return Fitted(paragraphs, size, total, True)


def _variant(base: ParagraphStyle, block: Block, fonts: Fonts, size: float) -> ParagraphStyle:
    font = fonts.name("bold") if block.strong else base.fontName
    if not block.bullet:
        return ParagraphStyle("strong", parent=base, fontName=font)
    # reportlab starts the first line 0.6 em after the bullet: indent the rest alike
    indent = stringWidth(block.bullet, font, size) + 0.6 * size
    return ParagraphStyle(
        "bullet",
        parent=base,
        fontName=font,
        leftIndent=indent,
        bulletIndent=0,
        bulletFontName=font,
        bulletFontSize=size,
    )


def _paragraph_style(style: TextStyle, colour, fonts: Fonts, size: float) -> ParagraphStyle:
    return ParagraphStyle(
        "text",
        fontName=fonts.name(style.font),
        fontSize=size,
        leading=size * style.leading,
        textColor=colour,
        alignment=ALIGN[style.align],
        hyphenationLang="nl_NL" if style.hyphenate else "",
        embeddedHyphenation=1,
        uriWasteReduce=0.3,
    )


def draw(
    canvas, fitted: Fitted, x: float, y: float, width: float, height: float, valign: str
) -> None:
    """Draw fitted text in the box whose bottom-left corner is (x, y); clip what overflows."""
    free = max(0.0, height - fitted.height)
    offset = {"top": 0.0, "middle": free / 2, "bottom": free}[valign]
    top = y + height - offset
    canvas.saveState()
    if not fitted.fits:
        path = canvas.beginPath()
        path.rect(x, y, width, height)
        canvas.clipPath(path, stroke=0, fill=0)
    gap = fitted.size * GAP
    for paragraph, h in fitted.paragraphs:
        top -= h
        paragraph.drawOn(canvas, x, top)
        top -= gap
    canvas.restoreState()
