"""Reading print-production PDFs back from rendered pages: where the card backs' colour
panels and the fronts' QR codes are, and what colour a spot has. Pixel work with PIL
only; positions in mm from the image's top-left corner."""

from __future__ import annotations

import zxingcpp
from PIL import Image, ImageChops, ImageOps

MM_PER_INCH = 25.4


def colour_mask(image: Image.Image, rgb: tuple[int, int, int], tolerance: int = 40) -> Image.Image:
    """An L image: 255 where `image` has about colour `rgb`."""
    bands = image.convert("RGB").split()
    masks = [
        b.point(lambda v, c=c: 255 if abs(v - c) <= tolerance else 0)
        for b, c in zip(bands, rgb, strict=True)
    ]
    return ImageChops.multiply(ImageChops.multiply(masks[0], masks[1]), masks[2])


def runs(mask: Image.Image, axis: str, dpi: int, least: float = 5.0) -> list[tuple[float, float]]:
    """(start, end) in mm of the runs of columns (axis 'x') or rows ('y') holding any
    masked pixel, ignoring runs shorter than `least` mm."""
    width, height = mask.size
    size = (width, 1) if axis == "x" else (1, height)
    profile = list(mask.resize(size, Image.BOX).get_flattened_data())
    found, start = [], None
    for index, value in enumerate([*profile, 0]):
        if value and start is None:
            start = index
        elif not value and start is not None:
            found.append((start, index))
            start = None
    scale = MM_PER_INCH / dpi
    return [(a * scale, b * scale) for a, b in found if (b - a) * scale >= least]


def panel_centres(image: Image.Image, rgb, dpi: int) -> list[tuple[float, float]]:
    """Centres (mm) of the coloured panels laid out in a grid on `image`."""
    mask = colour_mask(image, rgb)
    xs, ys = runs(mask, "x", dpi), runs(mask, "y", dpi)
    return [((a + b) / 2, (c + d) / 2) for a, b in xs for c, d in ys]


def qr_centres(image: Image.Image, dpi: int) -> list[tuple[float, float]]:
    """Centres (mm) of the QR codes found on `image`."""
    scale = MM_PER_INCH / dpi
    centres = []
    for found in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
        p = found.position
        corners = (p.top_left, p.top_right, p.bottom_right, p.bottom_left)
        centres.append(
            (sum(c.x for c in corners) / 4 * scale, sum(c.y for c in corners) / 4 * scale)
        )
    return centres


def flipped(image: Image.Image, over: str) -> Image.Image:
    """The image as seen from the other side of the paper, turned over its vertical
    edge ('vertical': left becomes right) or its horizontal edge."""
    return ImageOps.mirror(image) if over == "vertical" else ImageOps.flip(image)


def pixel(image: Image.Image, x_mm: float, y_mm: float, dpi: int) -> tuple[int, int, int]:
    scale = dpi / MM_PER_INCH
    rgb = image if image.mode == "RGB" else image.convert("RGB")
    return rgb.getpixel((round(x_mm * scale), round(y_mm * scale)))
