"""Hairlines: strokes thinner than 0.25 pt (as drawn, after scaling) may vanish or break
up on a press (a warning); a width of 0 is the thinnest line the device can make, a
different line on every printer (an error)."""

from __future__ import annotations

from .content import Drawn
from .findings import Report

HAIRLINE = 0.25  # pt


def check(report: Report, drawn: list[Drawn]) -> dict:
    thinnest = None
    for number, page in enumerate(drawn, 1):
        if not page.strokes:
            continue
        width = min(page.strokes)
        thinnest = width if thinnest is None else min(thinnest, width)
        count = sum(1 for w in page.strokes if w < HAIRLINE)
        if width == 0:
            report.error("lines", "a line of width 0 (the device's thinnest)", number)
        elif width < HAIRLINE:
            report.warn(
                "lines",
                f"{count} line(s) under {HAIRLINE} pt, the thinnest {width:.3g} pt",
                number,
            )
    return {"thinnest_line_pt": None if thinnest is None else round(thinnest, 3)}
