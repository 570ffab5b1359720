"""The brand's logo on a page: an SVG drawn as vectors (svglib), a PNG or JPEG as an
image at print resolution. Either is embedded once per PDF: the SVG as one form
XObject that every page draws, the image as one image XObject (reportlab keeps one per
distinct image).

    draw_logo(canvas, brand.logo, x, y, width, height, anchor="c")
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from ..errors import Problem, ProblemKind, Severity
from ..kit.brand import is_svg

MIN_DPI = 300  # below this a raster logo prints visibly soft (images.PRINT_DPI)


@cache
def svg_drawing(path: Path):
    """The SVG as a reportlab Drawing (parsed once per process), or None when svglib
    finds no drawing in it."""
    from svglib.svglib import svg2rlg

    return svg2rlg(str(path))


def draw_logo(canvas, path: Path, x, y, width, height, anchor: str = "c", largest=None) -> None:
    """The logo fitted into the box (aspect ratio kept), placed at `anchor` ('c', 'nw').
    `largest`: (width, height) of the largest box this PDF prints it in (default: this
    one), so that a raster logo is scaled down once, for that box, and embedded once
    (reportlab keeps one XObject per distinct image)."""
    if not is_svg(path):
        from .cmyk import prints_cmyk
        from .images import print_image  # Pillow: only where a raster logo is drawn

        image = print_image(path, *(largest or (width, height)), prints_cmyk(canvas))
        canvas.drawImage(
            image, x, y, width, height, preserveAspectRatio=True, anchor=anchor, mask="auto"
        )
        return
    drawing = svg_drawing(path)
    scale = min(width / drawing.width, height / drawing.height)
    left, bottom = _placed(x, y, width, height, drawing, scale, anchor)
    name = _form(canvas, path, drawing)
    canvas.saveState()
    canvas.translate(left, bottom)
    canvas.scale(scale, scale)
    canvas.doForm(name)
    canvas.restoreState()


def _placed(x, y, width, height, drawing, scale: float, anchor: str) -> tuple[float, float]:
    """The bottom-left corner of the scaled drawing in the box, at `anchor`."""
    spare_w, spare_h = width - drawing.width * scale, height - drawing.height * scale
    left = x if "w" in anchor else x + spare_w if "e" in anchor else x + spare_w / 2
    bottom = y + spare_h if "n" in anchor else y if "s" in anchor else y + spare_h / 2
    return left, bottom


def _form(canvas, path: Path, drawing) -> str:
    """The name of the logo's form XObject in this PDF, made on first use."""
    from reportlab.graphics import renderPDF

    name = f"logo{zlib.crc32(str(path).encode()):08x}"
    if not canvas.hasForm(name):
        # reportlab's renderer starts a drawing in Helvetica (STATE_DEFAULTS), which put
        # an unembedded Helvetica in every PDF with an SVG logo, although the logo draws
        # no text: it starts in the canvas's own (embedded) font instead
        drawing.initialFontName, drawing.initialFontSize = canvas._fontname, canvas._fontsize
        canvas.beginForm(name, 0, 0, drawing.width, drawing.height)
        renderPDF.draw(drawing, canvas, 0, 0, showBoundary=False)
        canvas.endForm()
    return name


def resolution_problems(brand, boxes: Iterable[tuple[float, float]]) -> list[Problem]:
    """A raster logo with fewer pixels than MIN_DPI at the largest box it is printed in
    (width, height in points; aspect ratio kept): a warning naming the file and its dpi,
    at brand.yaml's `logo`. An SVG prints sharp at any size."""
    sizes = list(boxes)
    if is_svg(brand.logo) or not sizes:
        return []
    from PIL import Image

    with Image.open(brand.logo) as image:
        pixels = image.size
    width, height = max(sizes, key=lambda size: size[0] * size[1])
    points_per_pixel = min(width / pixels[0], height / pixels[1])
    dpi = 72 / points_per_pixel
    if dpi >= MIN_DPI - 0.5:
        return []
    shown = brand.logo.relative_to(brand.folder).as_posix()
    mm = 25.4 / 72
    wide, high = pixels[0] * points_per_pixel * mm, pixels[1] * points_per_pixel * mm
    needed = round(pixels[0] * MIN_DPI / dpi)
    message = (
        f"logo {shown} ({pixels[0]} x {pixels[1]} pixels) prints at {dpi:.0f} dpi at "
        f"{wide:.0f} x {high:.0f} mm; expected at least {MIN_DPI} dpi: a file of at least "
        f"{needed} pixels across, or an SVG logo"
    )
    place = brand.places["logo"]
    return [
        Problem(place.file, place.line, place.path, message, ProblemKind.IMAGE, Severity.WARNING)
    ]
