"""Text and codes in the safe zone, on pages with a TrimBox: outside the TrimBox (in the
bleed, or past it) they are cut off, an error; within `SAFE_MM` inside it a cut that is
a little off clips them, a warning. A page without a TrimBox has no trim to check."""

from __future__ import annotations

from .findings import Report
from .pages import Box

MM = 72 / 25.4
SAFE_MM = 3.0
SHOWN = 3  # pieces of text named per page; the rest are counted


def texts(page) -> list[tuple[Box, str]]:
    """The text runs pdfium finds on `page`, each with its rectangle in pt."""
    textpage = page.get_textpage()
    found = []
    for index in range(textpage.count_rects()):
        rect = textpage.get_rect(index)
        words = textpage.get_text_bounded(*rect).strip()
        if words:
            found.append((rect, words))
    return found


class Sight:
    """Whether a part of the page shows anything, from a render made when first asked:
    pdfium lists text a clip hides (a poster's tile draws the whole poster and shows its
    part), so text is only blamed where the page shows it. A part shows something when
    it is not one even colour."""

    DPI = 100
    SPREAD = 40  # grey levels between the lightest and darkest pixel: something drawn

    def __init__(self, page):
        self.page, self.image = page, None

    def shows(self, part: Box) -> bool:
        if self.image is None:
            self.image = self.page.render(scale=self.DPI / 72, grayscale=True).to_pil()
        left, _, _, top = self.page.get_cropbox()
        scale = self.DPI / 72
        x0, x1 = (round((v - left) * scale) for v in (part[0], part[2]))
        y0, y1 = (round((top - v) * scale) for v in (part[3], part[1]))
        x0, y0 = max(0, x0), max(0, y0)
        x1, y1 = min(self.image.width, max(x1, x0 + 1)), min(self.image.height, max(y1, y0 + 1))
        if x0 >= x1 or y0 >= y1:
            return False
        low, high = self.image.convert("L").crop((x0, y0, x1, y1)).getextrema()
        return high - low > self.SPREAD


def check(report: Report, number: int, boxes: tuple[Box, Box], sight: Sight, pieces) -> None:
    """`pieces`: (rect, what) of every text run and code on the page; `boxes`: the
    TrimBox and the MediaBox. A piece is blamed for the part of it that the sheet shows
    beyond the trim (cut off), or else within SAFE_MM inside it (close)."""
    trim, media = boxes
    margin = SAFE_MM * MM
    safe = (trim[0] + margin, trim[1] + margin, trim[2] - margin, trim[3] - margin)
    cut, close = [], []
    for rect, what in pieces:
        if any(sight.shows(part) for part in beyond(rect, trim, media)):
            cut.append(what)
        elif any(sight.shows(part) for part in beyond(rect, safe, media)):
            close.append(what)
    if cut:
        report.error("safe", f"outside the TrimBox, cut off: {_named(cut)}", number)
    if close:
        report.warn("safe", f"within {SAFE_MM:g} mm of the trim: {_named(close)}", number)


def beyond(rect: Box, box: Box, media: Box, slack: float = 0.5) -> list[Box]:
    """The parts of `rect` outside `box` (by more than `slack`) that lie on the sheet."""
    x0, y0 = max(rect[0], media[0]), max(rect[1], media[1])
    x1, y1 = min(rect[2], media[2]), min(rect[3], media[3])
    if x0 >= x1 or y0 >= y1:
        return []
    parts = [
        (x0, y0, min(x1, box[0] - slack), y1),  # left of the box
        (max(x0, box[2] + slack), y0, x1, y1),  # right
        (x0, y0, x1, min(y1, box[1] - slack)),  # below
        (x0, max(y0, box[3] + slack), x1, y1),  # above
    ]
    return [p for p in parts if p[0] < p[2] and p[1] < p[3]]


def _named(what: list[str]) -> str:
    shown = ", ".join(repr(w[:40]) for w in what[:SHOWN])
    return shown if len(what) <= SHOWN else f"{shown} and {len(what) - SHOWN} more"
