"""Text cut off so that the cut shows: with --allow-overflow, a box too small for its
text prints as many whole words as fit at the style's minimum size, ending in '…',
instead of a line clipped through the middle. A word wider than the box is broken
into pieces that are not, so that it too is cut where it leaves the box; what is drawn
is clipped to the box, so no ink lands outside it."""

from __future__ import annotations

from dataclasses import replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..kit.styles import Box, TextStyle
from . import text
from .fonts import Fonts

ELLIPSIS = "…"


def cut(
    blocks: list[text.Block], style: TextStyle, colour, fonts: Fonts, box: Box, lang: str
) -> text.Fitted:
    """The longest run of whole words (from the start) that fits with '…' after it."""
    smallest = replace(style, size=style.min_size)
    words = [
        (index, piece)
        for index, block in enumerate(blocks)
        for word in block.text.split()
        for piece in _pieces(word, block, smallest, fonts, box.width)
    ]
    low, high = 0, len(words)  # find the largest count of words that fits
    best = _attempt(blocks, words, 0, smallest, colour, fonts, box, lang)
    while low < high:
        middle = (low + high + 1) // 2
        attempt = _attempt(blocks, words, middle, smallest, colour, fonts, box, lang)
        if attempt.fits:
            best, low = attempt, middle
        else:
            high = middle - 1
    best.clip = True
    return best


def _pieces(word: str, block: text.Block, style: TextStyle, fonts: Fonts, width: float):
    """The word, or where it is wider than the box (with the block's bullet and the
    ellipsis after it), pieces of it that each fit, cut between letters."""
    font = fonts.name("bold" if block.strong else style.font)
    size = style.size
    room = width - (stringWidth(block.bullet, font, size) + 0.6 * size if block.bullet else 0.0)
    room -= stringWidth(f"\u00a0{ELLIPSIS}", font, size)
    if stringWidth(word, font, size) <= room:
        return [word]
    pieces, piece = [], ""
    for letter in word:
        if piece and stringWidth(piece + letter, font, size) > room:
            pieces.append(piece)
            piece = ""
        piece += letter
    return [*pieces, piece]


def _attempt(blocks, words, count: int, style, colour, fonts, box, lang) -> text.Fitted:
    kept = _first_words(blocks, words, count)
    fitted = text.fit(kept, style, colour, fonts, box.width, box.height, lang)
    fitted.fits = fitted.height <= box.height and not fitted.too_wide
    return fitted


def _first_words(blocks: list[text.Block], words, count: int) -> list[text.Block]:
    """The blocks holding the first `count` words, the last of them ending in '…'."""
    if count == 0:
        return [replace(blocks[0], text=ELLIPSIS)]
    last_block = words[count - 1][0]
    kept = []
    for index, block in enumerate(blocks[: last_block + 1]):
        chosen = [w for i, w in words[:count] if i == index]
        body = " ".join(chosen)
        kept.append(
            replace(block, text=body + (f"\u00a0{ELLIPSIS}" if index == last_block else ""))
        )
    return kept
