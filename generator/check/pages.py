"""Page sizes in mm with the paper's name, and the page boxes: TrimBox inside BleedBox
inside MediaBox (a box outside the one that holds it is an error)."""

from __future__ import annotations

from .findings import Report

MM = 72 / 25.4
PAPER = {  # portrait width, height in mm
    "A0": (841, 1189), "A1": (594, 841), "A2": (420, 594), "A3": (297, 420),
    "A4": (210, 297), "A5": (148, 210), "A6": (105, 148), "A7": (74, 105),
    "SRA3": (320, 450), "SRA2": (450, 640), "Letter": (215.9, 279.4),
    "Legal": (215.9, 355.6), "Tabloid": (279.4, 431.8),
}  # fmt: skip
TOLERANCE_MM = 1.0  # a paper size within this of a named one has its name
SLACK_PT = 0.01  # box coordinates as written: rounding, not a misplaced box
BOXES = ("/MediaBox", "/CropBox", "/BleedBox", "/TrimBox", "/ArtBox")
Box = tuple[float, float, float, float]


def paper_name(width_mm: float, height_mm: float) -> str:
    """'A4 portrait', 'A2 landscape', or '' for a size with no name."""
    for name, (short, long) in PAPER.items():
        if abs(width_mm - short) <= TOLERANCE_MM and abs(height_mm - long) <= TOLERANCE_MM:
            return f"{name} portrait"
        if abs(width_mm - long) <= TOLERANCE_MM and abs(height_mm - short) <= TOLERANCE_MM:
            return f"{name} landscape"
    return ""


def boxes(page) -> dict[str, Box]:
    """The boxes the page sets itself (CropBox and the others inherit nothing here:
    pypdf answers the MediaBox for an absent one, so the page's keys are read)."""
    found = {"MediaBox": _box(page.mediabox)}
    for key in BOXES[1:]:
        if key in page:
            found[key.lstrip("/")] = _box(page[key])
    return found


def _box(value) -> Box:
    x0, y0, x1, y1 = (float(v) for v in value)
    return min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1)


def inside(inner: Box, outer: Box, slack: float = SLACK_PT) -> bool:
    return (
        inner[0] >= outer[0] - slack
        and inner[1] >= outer[1] - slack
        and inner[2] <= outer[2] + slack
        and inner[3] <= outer[3] + slack
    )


def check(report: Report, number: int, page) -> dict:
    """The page's size and boxes (in mm), with an error for each box that does not nest."""
    found = boxes(page)
    media = found["MediaBox"]
    width, height = (media[2] - media[0]) / MM, (media[3] - media[1]) / MM
    nest = [("TrimBox", "BleedBox"), ("BleedBox", "MediaBox"), ("TrimBox", "MediaBox")]
    for inner, outer in nest:
        if inner in found and outer in found and not inside(found[inner], found[outer]):
            report.error(
                "pages",
                f"the {inner} {_mm(found[inner])} is not inside the {outer} {_mm(found[outer])}",
                number,
            )
    return {
        "page": number,
        "size_mm": [round(width, 1), round(height, 1)],
        "paper": paper_name(width, height),
        "boxes_mm": {name: [round(v / MM, 2) for v in box] for name, box in found.items()},
    }


def _mm(box: Box) -> str:
    return "[" + " ".join(f"{v / MM:.2f}" for v in box) + "] mm"
