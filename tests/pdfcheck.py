"""Reading finished PDFs back the way a printer and a phone would: page sizes, text,
fonts, card positions and QR codes (rendered with pypdfium2, decoded with zxing-cpp)."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c
import zxingcpp

MM = 72 / 25.4


def open_pdf(path: Path) -> pdfium.PdfDocument:
    return pdfium.PdfDocument(str(path))


def page_sizes_mm(path: Path) -> list[tuple[int, int]]:
    doc = open_pdf(path)
    return [(round(page.get_width() / MM), round(page.get_height() / MM)) for page in doc]


def page_text(path: Path, index: int) -> str:
    return open_pdf(path)[index].get_textpage().get_text_range()


def squeeze(text: str) -> str:
    """Text with whitespace and hyphens removed, so hyphenated line breaks compare equal."""
    # pdfium reports a hyphen added at a line break as U+FFFE
    return re.sub(r"[\s\-\u00ad\u2010\u2011\ufffe]+", "", text)


def fonts(path: Path) -> set[tuple[str, bool]]:
    """(base font name, embedded) of every text object, inside forms too."""
    found = set()
    for page in open_pdf(path):
        for obj in page.get_objects(max_depth=8):
            if obj.type != pdfium_c.FPDF_PAGEOBJ_TEXT:
                continue
            font = pdfium_c.FPDFTextObj_GetFont(obj.raw)
            size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
            buffer = ctypes.create_string_buffer(size)
            pdfium_c.FPDFFont_GetBaseFontName(font, buffer, size)
            found.add((buffer.value.decode(), bool(pdfium_c.FPDFFont_GetIsEmbedded(font))))
    return found


def card_origins(path: Path, index: int) -> list[tuple[float, float]]:
    """Bottom-left corners (mm) of the cards placed on a page (each card is a form)."""
    page = open_pdf(path)[index]
    origins = []
    for obj in page.get_objects(max_depth=0):
        if obj.type == pdfium_c.FPDF_PAGEOBJ_FORM:
            matrix = obj.get_matrix()
            origins.append((round(matrix.e / MM, 2), round(matrix.f / MM, 2)))
    return origins


def render(path: Path, index: int, dpi: int = 200):
    return open_pdf(path)[index].render(scale=dpi / 72).to_pil()


def qr_codes(path: Path, index: int, dpi: int = 200) -> list[str]:
    image = render(path, index, dpi)
    return [r.text for r in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
