"""What a deck is printed on, as the build's print setup asks (print/press.py): the
layout's office sheet (duplex, or folded), a print shop's page per face, or a press
sheet. Each gives the document's page size and duplex, how many cards a sheet holds
(each team's set starts on a fresh one) and how to draw the cards."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from ...errors import BuildError, Problems
from ...kit.catalogue import resolve_raw
from ...kit.sheet import Sheet
from ...print.folding import fold_sheet
from ...print.imposition import PlanError
from ...print.press import DUPLEX_OF, PrintSetup
from ...print.trim import TrimPage
from .layout import CardLayout


@dataclass(frozen=True)
class Medium:
    sheet: Sheet  # for the document: its paper (unless `page`) and duplex mode
    page: tuple[float, float] | None  # a page size other than the sheet's paper
    slots: int  # cards per sheet
    draw: Callable  # (canvas, painter, printed, tell) -> pages drawn


def medium_for(project, press: PrintSetup, layout: CardLayout) -> Medium:
    if press.shop:
        return _shop(project, press, layout)
    sheet = project.sheet(layout.sheet)
    if press.fold:
        return _folded(sheet, press, layout)
    if press.duplex:
        sheet = replace(sheet, duplex=DUPLEX_OF[press.duplex])
    from .office import draw_duplex

    def draw(canvas, painter, printed, tell):
        return draw_duplex(canvas, painter, printed, sheet, layout, press, tell)

    return Medium(sheet, None, sheet.slots, draw)


def _folded(sheet: Sheet, press: PrintSetup, layout: CardLayout) -> Medium:
    from .office import draw_folded

    try:
        paper = fold_sheet(sheet, layout.width, layout.height)
    except PlanError as exc:
        raise BuildError(str(exc)) from None

    def draw(canvas, painter, printed, tell):
        return draw_folded(canvas, painter, printed, paper, sheet, press, tell)

    page = (paper.width, paper.height)
    return Medium(replace(sheet, duplex="fold"), page, paper.slots, draw)


def _shop(project, press: PrintSetup, layout: CardLayout) -> Medium:
    """A page per face, or the press sheet `--sheet` names; the layout's text and codes
    checked against the safe zone first."""
    from .shop import choose_sheet, draw_pages, draw_press_sheets, safe_zone_problems

    raw = resolve_raw(project.layouts, layout.name)
    Problems().extend(safe_zone_problems(layout, raw)).stop()
    page = TrimPage(layout.width, layout.height, press.bleed)
    if press.sheet is None:
        sheet = replace(project.sheet(layout.sheet), duplex="simplex")

        def draw(canvas, painter, printed, tell):
            return draw_pages(canvas, painter, printed, page, tell)

        return Medium(sheet, page.size, 1, draw)
    sheet = choose_sheet(project, press.sheet, page)

    def draw_sheets(canvas, painter, printed, tell):
        return draw_press_sheets(canvas, painter, printed, sheet, page, tell)

    return Medium(sheet, None, sheet.slots, draw_sheets)
