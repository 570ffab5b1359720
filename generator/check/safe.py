"""Text and codes in the safe zone, on pages with a TrimBox: outside the TrimBox (in the
bleed, or past it) they are cut off, an error; within `SAFE_MM` inside it a cut that is
a little off clips them, a warning. A page without a TrimBox has no trim to check."""

from __future__ import annotations

from .findings import Report
from .pages import Box, inside

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


def check(report: Report, number: int, trim: Box, texts_and_codes) -> None:
    """`texts_and_codes`: (rect, what) of every text run and code on the page."""
    margin = SAFE_MM * MM
    safe = (trim[0] + margin, trim[1] + margin, trim[2] - margin, trim[3] - margin)
    cut, close = [], []
    for rect, what in texts_and_codes:
        if not inside(rect, trim, 0.5):
            cut.append(what)
        elif not inside(rect, safe, 0.5):
            close.append(what)
    if cut:
        report.error("safe", f"outside the TrimBox, cut off: {_named(cut)}", number)
    if close:
        report.warn("safe", f"within {SAFE_MM:g} mm of the trim: {_named(close)}", number)


def _named(what: list[str]) -> str:
    shown = ", ".join(repr(w[:40]) for w in what[:SHOWN])
    return shown if len(what) <= SHOWN else f"{shown} and {len(what) - SHOWN} more"
