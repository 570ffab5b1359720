"""Cut marks and the scale check of a front page, drawn from the geometry that
imposition.py computes; a print shop's page begun and finished with its crop marks
(trim.py)."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from ..kit.sheet import Sheet
from .fonts import Fonts
from .imposition import Rect, ScaleCheck, cut_marks, scale_check
from .trim import MARK_WIDTH, TrimPage, corner_marks, set_boxes

SCALE_LABEL_SIZE = 6  # pt; the smallest size a print shop accepts for text


def draw_front_marks(
    canvas, sheet: Sheet, width: float, height: float, fonts: Fonts, label: str
) -> None:
    """The cut marks of a sheet of `width` x `height` cards, and, where a margin has room,
    the 50 mm bar (with `label`, in the deck's language) that shows a print scaled to fit
    the page before anyone cuts it."""
    draw_marks(canvas, cut_marks(sheet, width, height), sheet.cut_marks.line_width)
    font = fonts.name("regular")
    fonts.check("regular", label, "the scale check in the margin")
    label_width = stringWidth(label, font, SCALE_LABEL_SIZE)
    check = scale_check(sheet, width, height, label_width)
    if check is not None:
        draw_scale_check(canvas, check, font, label)


def draw_marks(canvas, lines, line_width: float) -> None:
    canvas.saveState()
    canvas.setLineWidth(line_width)
    canvas.setStrokeColorRGB(0, 0, 0)
    for line in lines:
        canvas.line(line.x1, line.y1, line.x2, line.y2)
    canvas.restoreState()


def draw_scale_check(canvas, check: ScaleCheck, font: str, text: str) -> None:
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    bar = check.bar
    canvas.rect(bar.x, bar.y, bar.width, bar.height, stroke=0, fill=1)
    label = check.label
    # centre the lower-case letters on the bar (x-height is about half the size)
    baseline = label.y + label.height / 2 - SCALE_LABEL_SIZE * 0.25
    canvas.setFont(font, SCALE_LABEL_SIZE)
    canvas.drawString(label.x, baseline, text)
    canvas.restoreState()


def begin_page(canvas, page: TrimPage | None, width: float, height: float) -> None:
    """Start a page of `width` x `height`: the paper itself, or a print shop's page
    with its boxes, the origin moved to the trim's corner so drawing is unchanged."""
    if page is None:
        canvas.setPageSize((width, height))
        return
    canvas.setPageSize(page.size)
    set_boxes(canvas, page.trim, page.bleed_box)
    canvas.translate(page.margin, page.margin)


def end_page(canvas, page: TrimPage | None) -> None:
    """Finish a page begun by begin_page: a print shop's gets its crop marks."""
    if page is not None:
        trim = Rect(0, 0, page.width, page.height)
        draw_marks(canvas, corner_marks(trim, page.bleed), MARK_WIDTH)
    canvas.showPage()
