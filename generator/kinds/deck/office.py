"""A deck for an office printer: cards imposed on the sheet of its layout, fronts on one
page and their backs on the next (duplex, flipped on the long or the short edge), or
fronts and backs side by side on one page to fold (`--duplex fold`). Backs move by
`--back-offset`, read off the calibration sheet (print/calibration.py), so they land
behind their fronts on a printer that shifts its second side."""

from __future__ import annotations

from dataclasses import replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from ...kit.sheet import Sheet
from ...kit.units import MM
from ...print.folding import FoldSheet, fold_plans, fold_scale_check
from ...print.imposition import Rect, impose
from ...print.marks import SCALE_LABEL_SIZE, draw_front_marks, draw_marks, draw_scale_check
from ...print.press import PrintSetup
from ...print.trim import MARK_GAP, MARK_LENGTH, clipped, sheet_marks

FOLD_DASH = (3 * MM, 2 * MM)
FOLD_LABEL_SIZE = 6  # pt


def draw_duplex(canvas, painter, printed, sheet: Sheet, layout, press: PrintSetup, tell) -> int:
    """Front page and back page of every sheet; returns the number of pages."""
    plans = impose(sheet, layout.width, layout.height, len(printed))
    scale_label = painter.style.words.scale_check
    for number, plan in enumerate(plans):
        draw_front_marks(
            canvas, sheet, layout.width, layout.height, painter.style.fonts, scale_label
        )
        for placement in plan.placements:
            if printed[placement.item]:
                painter.front(printed[placement.item], placement.front)
        canvas.showPage()
        for placement in plan.placements:
            if printed[placement.item]:
                painter.back(printed[placement.item], shifted(placement.back, press))
        canvas.showPage()
        tell(min((number + 1) * sheet.slots, len(printed)))
    return 2 * len(plans)


def shifted(rect: Rect, press: PrintSetup) -> Rect:
    dx, dy = press.back_offset
    return replace(rect, x=rect.x + dx, y=rect.y + dy)


def draw_folded(canvas, painter, printed, paper: FoldSheet, sheet: Sheet, press, tell) -> int:
    """One page per sheet: fronts left of the fold, backs right of it; returns pages."""
    layout = painter.layout
    plans = fold_plans(paper, layout.width, layout.height, len(printed), press.back_offset)
    edge = sheet.printable_margin
    printable = Rect(edge, edge, paper.width - 2 * edge, paper.height - 2 * edge)
    for number, plan in enumerate(plans):
        cards = [r for p in plan.placements for r in (p.front, p.back)]
        draw_marks(canvas, clipped(sheet_marks(cards, 0.0), printable), sheet.cut_marks.line_width)
        _fold_line(canvas, paper, edge, painter.style)
        _scale_check(canvas, paper, edge, painter.style)
        for placement in plan.placements:
            if printed[placement.item]:
                painter.front(printed[placement.item], placement.front)
                painter.back(printed[placement.item], placement.back)
        canvas.showPage()
        tell(min((number + 1) * paper.slots, len(printed)))
    return len(plans)


def _fold_line(canvas, paper: FoldSheet, edge: float, style) -> None:
    """A dashed line where the sheet is folded, and what to do, in the top margin."""
    label = style.words.fold
    font = style.fonts.name("regular")
    style.fonts.check("regular", label, "the fold line's label")
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.5)
    canvas.setDash(*FOLD_DASH)
    canvas.line(paper.fold, edge, paper.fold, paper.height - edge)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(font, FOLD_LABEL_SIZE)
    canvas.drawString(paper.fold + 2 * MM, paper.height - edge - FOLD_LABEL_SIZE, label)
    canvas.restoreState()


def _scale_check(canvas, paper: FoldSheet, edge: float, style) -> None:
    """The 50 mm bar, as on a duplex sheet: a sheet printed one-sided is as easily
    scaled to fit the page."""
    label, font = style.words.scale_check, style.fonts.name("regular")
    style.fonts.check("regular", label, "the scale check in the margin")
    width = stringWidth(label, font, SCALE_LABEL_SIZE)
    check = fold_scale_check(paper, edge, MARK_GAP + MARK_LENGTH, width)
    if check is not None:
        draw_scale_check(canvas, check, font, label)
