"""Every QR code on a page, decoded from a render as a phone would see it: its text, its
module size in mm and its quiet zone (the light margin around it) in modules.

A code that is found but cannot be decoded, or whose modules are under 0.3 mm, or whose
quiet zone is under two modules, is an error; modules under 0.4 mm (what the kit asks
for) and a quiet zone under four modules (the standard's) are warnings. Each is measured
on a render at `DPI`, to within a pixel, so the limits allow for half a module."""

from __future__ import annotations

from dataclasses import dataclass

import zxingcpp

from .findings import Report

MM = 72 / 25.4
DPI = 300  # about five pixels to the smallest module a phone reads (0.4 mm)
MAX_PIXELS = 16_000_000  # a larger page (A2 and up) is rendered at a lower resolution
TOO_SMALL_MM, SMALL_MM = 0.3, 0.38  # 0.4 mm asked for, less what a render measures off
QUIET, TOO_QUIET = 3.5, 2.0  # modules: 4 asked for, measured to half a module
LIGHT = 160  # grey level (of 255) at or above which a pixel counts as light paper
Rect = tuple[float, float, float, float]  # x0, y0, x1, y1 in pt, from the page's bottom left


@dataclass(frozen=True)
class FoundCode:
    text: str
    valid: bool
    error: str
    rect: Rect
    module_mm: float
    quiet_modules: float


def find(page, limit: Rect | None = None) -> list[FoundCode]:
    """The QR codes pdfium's `page` shows; `limit`: where the paper ends (the TrimBox)."""
    crop = page.get_cropbox()
    area = max(1.0, (crop[2] - crop[0]) * (crop[3] - crop[1]))
    scale = min(DPI, 72 * (MAX_PIXELS / area) ** 0.5) / 72
    image = page.render(scale=scale, grayscale=True).to_pil().convert("L")
    edge = _edge_px(limit, crop, scale, image.size)
    found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode, return_errors=True)
    return distinct([_measured(barcode, image, edge, crop, scale) for barcode in found])


def _measured(barcode, image, edge, crop: Rect, scale: float) -> FoundCode:
    """A barcode zxing found, with its place on the page, module size and quiet zone."""
    corners = barcode.position
    points = (corners.top_left, corners.top_right, corners.bottom_left, corners.bottom_right)
    xs, ys = [p.x for p in points], [p.y for p in points]
    box = (min(xs), min(ys), max(xs), max(ys))  # pixels, y down
    modules = modules_across(str(barcode.extra.get("Version", "")), barcode.valid)
    module_px = (box[2] - box[0] + 1) / modules
    quiet = _quiet(image, box, module_px, edge) / module_px
    left, top = crop[0], crop[3]
    rect = (
        left + box[0] / scale,
        top - box[3] / scale,
        left + box[2] / scale,
        top - box[1] / scale,
    )
    error = str(barcode.error or "")
    return FoundCode(barcode.text, barcode.valid, error, rect, module_px / scale / MM, quiet)


def distinct(codes: list[FoundCode]) -> list[FoundCode]:
    """One code per place: a damaged code is found many times over, as parts of itself
    (each a failed decode). The decoded ones first, then the largest, each kept when it
    overlaps none kept before."""
    kept: list[FoundCode] = []
    ranked = sorted(codes, key=lambda c: (not c.valid, -_area(c.rect)))
    for code in ranked:
        if not any(_overlap(code.rect, other.rect) for other in kept):
            kept.append(code)
    return sorted(kept, key=lambda c: (-c.rect[3], c.rect[0]))  # top to bottom, left to right


def _area(rect: Rect) -> float:
    return (rect[2] - rect[0]) * (rect[3] - rect[1])


def _overlap(a: Rect, b: Rect) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def modules_across(version: str, valid: bool) -> int:
    """The modules across a code of `version` ('2'; Micro QR 'M3'). A code that did not
    decode may carry a misread version: its size is guessed as the smallest."""
    digits = version.lstrip("M")
    if not valid or not digits.isdigit():
        return 21
    return 9 + 2 * int(digits) if version.startswith("M") else 17 + 4 * int(digits)


def _edge_px(limit: Rect | None, crop: Rect, scale: float, size) -> tuple[int, int, int, int]:
    """The paper's edges in the render's pixels (x0, y0, x1, y1, y down)."""
    if limit is None:
        return (0, 0, size[0], size[1])
    left, _, _, top = crop
    return (
        max(0, round((limit[0] - left) * scale)),
        max(0, round((top - limit[3]) * scale)),
        min(size[0], round((limit[2] - left) * scale)),
        min(size[1], round((top - limit[1]) * scale)),
    )


def _quiet(image, box, module_px: float, edge) -> float:
    """The narrowest light margin around the code, in pixels, up to six modules."""
    reach = round(6 * module_px)
    x0, y0, x1, y1 = (round(v) for v in box)
    sides = (
        lambda k: (x0 - k, y0, x0 - k + 1, y1 + 1),  # left column k pixels out
        lambda k: (x1 + k, y0, x1 + k + 1, y1 + 1),
        lambda k: (x0, y0 - k, x1 + 1, y0 - k + 1),
        lambda k: (x0, y1 + k, x1 + 1, y1 + k + 1),
    )
    narrowest = reach
    for strip in sides:
        for k in range(2, reach + 1):  # a pixel's slack at the code's own edge
            region = strip(k)
            outside = region[0] < edge[0] or region[1] < edge[1]
            if outside or region[2] > edge[2] or region[3] > edge[3]:
                narrowest = min(narrowest, k - 1)
                break
            if image.crop(region).getextrema()[0] < LIGHT:
                narrowest = min(narrowest, k - 1)
                break
    return narrowest


def check(report: Report, number: int, codes: list[FoundCode]) -> list[dict]:
    """Judge each code of page `number`; the codes as the report lists them."""
    for code in codes:
        _judge(report, number, code)
    return [_listed(number, code) for code in codes]


def _judge(report: Report, number: int, code: FoundCode) -> None:
    at = f"the QR code at {code.rect[0] / MM:.0f},{code.rect[1] / MM:.0f} mm"
    if not code.valid:  # its size and margin, as read, are guesses: not judged
        report.error("codes", f"{at} cannot be decoded ({code.error or 'unreadable'})", number)
        return
    module = f"{at} has {code.module_mm:.2f} mm modules"
    if code.module_mm < TOO_SMALL_MM:
        report.error("codes", f"{module} (under {TOO_SMALL_MM} mm)", number)
    elif code.module_mm < SMALL_MM:
        report.warn("codes", f"{module} (0.4 mm asked for)", number)
    quiet = f"{at} has a quiet zone of {code.quiet_modules:.1f} modules (4 asked for"
    if code.quiet_modules < TOO_QUIET:
        report.error("codes", f"{quiet}; under 2 many phones fail)", number)
    elif code.quiet_modules < QUIET:
        report.warn("codes", f"{quiet})", number)


def _listed(number: int, code: FoundCode) -> dict:
    return {
        "page": number,
        "text": code.text if code.valid else None,
        "decoded": code.valid,
        "error": code.error or None,
        "rect_mm": [round(v / MM, 1) for v in code.rect],
        "module_mm": round(code.module_mm, 2) if code.valid else None,
        "quiet_zone_modules": round(code.quiet_modules, 1) if code.valid else None,
    }
