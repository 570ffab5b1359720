"""A deck for a print shop: each face on a page of its own (front, then its back), at the
card's trim size plus bleed, crop marks in the slug outside; or imposed N-up on a press
sheet (SRA3) with marks around the group. Fills that reach the trim run into the bleed
(faces.py). Text and codes must keep SAFE_ZONE inside the trim: a layout that puts them
closer is a problem, said before anything is drawn."""

from __future__ import annotations

from ...errors import BuildError, Problem, ProblemKind
from ...kit.sheet import Sheet
from ...kit.units import MM
from ...print.imposition import PlanError, Rect, impose
from ...print.marks import draw_marks
from ...print.press import SAFE_ZONE
from ...print.trim import (
    MARK_GAP,
    MARK_LENGTH,
    MARK_WIDTH,
    TrimPage,
    corner_marks,
    grow,
    set_boxes,
    sheet_marks,
)
from .layout import TEXT_CONTENTS, CardLayout, box_at

# what the safe zone is for: text (its URL too) and the code; panels, logos and symbols
# may come closer, as a panel runs into the bleed
SAFE_CONTENTS = (*TEXT_CONTENTS, "qr")


def draw_pages(canvas, painter, printed, page: TrimPage, tell) -> int:
    """Front and back of every card, each on a page of its own; returns the pages."""
    trim = page.trim
    set_boxes(canvas, trim, page.bleed_box)
    pages = 0
    for number, face in enumerate(printed):
        if face is None:
            continue
        for side in (painter.front, painter.back):
            side(face, trim)
            draw_marks(canvas, corner_marks(trim, page.bleed), MARK_WIDTH)
            canvas.showPage()
            pages += 1
        tell(number + 1)
    return pages


def draw_press_sheets(canvas, painter, printed, sheet: Sheet, page: TrimPage, tell) -> int:
    """Fronts on one side of each press sheet, backs on the other, each card with its
    bleed; returns the pages."""
    plans = press_plan(sheet, page)(len(printed))
    for number, plan in enumerate(plans):
        for back in (False, True):
            cards = [_trim(p.back if back else p.front, page.bleed) for p in plan.placements]
            _sheet_boxes(canvas, cards, page.bleed)
            for placement, card in zip(plan.placements, cards, strict=True):
                if printed[placement.item]:
                    (painter.back if back else painter.front)(printed[placement.item], card)
            draw_marks(canvas, sheet_marks(cards, page.bleed), MARK_WIDTH)
            canvas.showPage()
        tell(min((number + 1) * sheet.slots, len(printed)))
    return 2 * len(plans)


def press_plan(sheet: Sheet, page: TrimPage):
    """impose() for cards with their bleed on `sheet`, after checking that the marks
    fit on the paper beside them; a BuildError says why not."""
    slot_w, slot_h = page.width + 2 * page.bleed, page.height + 2 * page.bleed
    try:
        plans = impose(sheet, slot_w, slot_h, 1)
    except PlanError as exc:
        raise BuildError(f"{exc} with {page.bleed / MM:g} mm bleed") from None
    slots = [p.front for p in plans[0].placements]
    need = MARK_GAP + MARK_LENGTH
    if min(slots[0].x, sheet.paper_height - slots[0].top) < need - 0.01:
        raise BuildError(
            f"sheet '{sheet.name}' leaves less than {need / MM:g} mm beside its cards "
            f"for the crop marks; choose a sheet with fewer cards"
        )
    return lambda count: impose(sheet, slot_w, slot_h, count)


def choose_sheet(project, name: str, page: TrimPage) -> Sheet:
    """The sheet `name`, or for a family name (`sra3`) the sheet `sra3-*` that holds the
    most of these cards with their bleed and marks."""
    names = project.sheets.names()
    if name in names:
        return project.sheet(name)
    fitting = []
    for candidate in (n for n in names if n.startswith(f"{name}-")):
        sheet = project.sheet(candidate)
        try:
            press_plan(sheet, page)
        except BuildError:
            continue
        fitting.append(sheet)
    if not fitting:
        raise BuildError(
            f"--sheet {name}: no sheet '{name}' or '{name}-*' holds "
            f"{page.width / MM:g} x {page.height / MM:g} mm cards with "
            f"{page.bleed / MM:g} mm bleed and crop marks (sheets: {', '.join(names)})"
        )
    return max(fitting, key=lambda sheet: sheet.slots)


def _trim(slot: Rect, bleed: float) -> Rect:
    return grow(slot, -bleed)


def _sheet_boxes(canvas, cards: list[Rect], bleed: float) -> None:
    """TrimBox around all the sheet's cards, BleedBox around their bleeds."""
    x, y = min(c.x for c in cards), min(c.y for c in cards)
    trim = Rect(x, y, max(c.right for c in cards) - x, max(c.top for c in cards) - y)
    set_boxes(canvas, trim, grow(trim, bleed))


def safe_zone_problems(layout: CardLayout, raw) -> list[Problem]:
    """Each box of text or a code that comes closer than SAFE_ZONE to the trim."""
    found, seen = [], set()
    for face_name, boxes in [*layout.faces.items(), ("back", layout.back)]:
        for box in boxes:
            if box.content not in SAFE_CONTENTS:
                continue
            at = box_at(raw, face_name, box.name)
            gap = min(box.x, box.y, layout.width - box.x - box.width)
            gap = min(gap, layout.height - box.y - box.height)
            if gap < SAFE_ZONE - 0.01 and at.path not in seen:
                seen.add(at.path)
                found.append(_unsafe(layout, box.name, gap, at))
    return found


def _unsafe(layout: CardLayout, name: str, gap: float, at) -> Problem:
    return Problem(
        at.mark.file,
        at.mark.line,
        at.path,
        f"box '{name}' of layout '{layout.name}' comes {gap / MM:.1f} mm from the trim; "
        f"expected text and codes at least {SAFE_ZONE / MM:g} mm inside it for a print "
        f"shop (a cut may wander): move the box inward",
        ProblemKind.INPUT,
    )
