"""The lines of text of a finished PDF as a reader sees them: each with its font, size
and position (pdfium's text objects; reportlab draws a paragraph's line as one), and
the paragraphs they make, for tests of how text is set (hyphens, lone last words, where
a cell's text starts)."""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass
from pathlib import Path

import pypdfium2.raw as pdfium_c

from tests.pdfcheck import open_pdf

HYPHENS = "-\u00ad\u2010\ufffe\x02"  # how a hyphen added at a break may come back


@dataclass(frozen=True)
class Line:
    page: int
    text: str
    font: str  # base font name, such as Lato-Bold
    size: float  # points, on the page
    x: float  # left edge, points from the page's left
    y: float  # baseline, points from the page's bottom
    right: float  # right edge of its glyphs

    @property
    def bold(self) -> bool:
        return "bold" in self.font.lower()

    @property
    def words(self) -> int:
        return len(self.text.split())


def lines(path: Path) -> list[Line]:
    """Every text object of every page (forms placed on the page), in drawing order."""
    found = []
    for index, page in enumerate(open_pdf(path)):
        textpage = page.get_textpage()
        for obj in page.get_objects(max_depth=8):
            if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT:
                found.append(_line(index, obj, textpage))
    return [line for line in found if line.text.strip()]


def _line(index: int, obj, textpage) -> Line:
    matrix, container, bounds = obj.get_matrix(), obj.container, obj.get_bounds()
    while container is not None:  # forms place their content: go up to the page
        outer = container.get_matrix()
        matrix, bounds = matrix.multiply(outer), outer.on_rect(*bounds)
        container = container.container
    size = ctypes.c_float()
    pdfium_c.FPDFTextObj_GetFontSize(obj.raw, ctypes.byref(size))
    length = pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = (ctypes.c_ushort * (length // 2 + 1))()
    pdfium_c.FPDFTextObj_GetText(obj.raw, textpage.raw, buffer, length)
    text = bytes(buffer).decode("utf-16-le", errors="replace").split("\x00")[0]
    font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
    name_length = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    name = ctypes.create_string_buffer(name_length)
    pdfium_c.FPDFFont_GetBaseFontName(font, name, name_length)
    scale = math.hypot(matrix.c, matrix.d)
    size = round(size.value * scale, 2)
    return Line(index, text, name.value.decode(), size, matrix.e, matrix.f, bounds[2])


def paragraphs(found: list[Line]) -> list[list[Line]]:
    """Runs of lines drawn one after another in one font and size, each a leading (at
    most 1.5 em) under the one before it, starting at the same left edge or centred
    (any left edge): a paragraph as text.fit set it."""
    runs: list[list[Line]] = []
    for line in found:
        last = runs[-1][-1] if runs else None
        if last is not None and _follows(last, line):
            runs[-1].append(line)
        else:
            runs.append([line])
    return runs


def _follows(last: Line, line: Line) -> bool:
    step = last.y - line.y
    same = (last.page, last.font, last.size) == (line.page, line.font, line.size)
    return same and 0.9 * line.size < step < 1.5 * line.size
