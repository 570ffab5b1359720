"""Images at print resolution: a logo with far more pixels than its box can print is
scaled down before it is embedded, so a 12000-pixel photo costs no more in the PDF
than the 300 dpi that a printer can put on paper."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader

from .cmyk import cmyk_image

PRINT_DPI = 300
SLACK = 1.5  # keep the original up to this factor above print resolution: no resampling


@cache
def print_image(path: Path, width: float, height: float, cmyk: bool = False) -> ImageReader | str:
    """What to hand reportlab for an image fitted into a width x height pt box (aspect
    ratio kept): the file itself, or a copy scaled down to PRINT_DPI; with `cmyk`,
    converted to CMYK (see cmyk.py)."""
    if cmyk:
        return cmyk_image(print_image(path, width, height))
    with Image.open(path) as image:
        scale = min(width / image.width, height / image.height)  # points per pixel
        needed = (
            max(1, round(image.width * scale / 72 * PRINT_DPI)),
            max(1, round(image.height * scale / 72 * PRINT_DPI)),
        )
        if image.width <= needed[0] * SLACK:
            return str(path)
        mode = "RGBA" if image.mode in ("P", "LA", "PA", "RGBA") else "RGB"
        if image.mode in ("L", "1"):
            mode = "L"
        image.draft(mode, needed)  # JPEG: decode at a fraction of the size directly
        return ImageReader(image.convert(mode).resize(needed, Image.Resampling.LANCZOS))
