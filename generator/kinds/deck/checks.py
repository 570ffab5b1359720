"""What a deck's layouts must satisfy beyond their schema: the card fits its sheet, no
box reaches into the printer's blank edge, and text has contrast enough."""

from __future__ import annotations

from ...errors import InputError, Problem, Where
from ...kit.catalogue import resolve_raw
from ...kit.sheet import Sheet
from ...kit.units import MM
from ...print.imposition import PlanError, Rect, grid, outside_printable
from ...print.logo import resolution_problems
from .contrast import contrast_problems
from .layout import CardLayout, box_at, logo_sizes


def check_card_layout(project, name: str) -> list[Problem]:
    """Every problem of a card layout: its file, its sheet, and where its boxes land."""
    try:
        layout = project.layout(name, "deck")
        sheet = project.sheet(layout.sheet, _sheet_ref(project, name))
    except InputError as exc:
        return exc.problems
    label = project.layouts.path(name)[1]
    try:
        slots = grid(sheet, layout.width, layout.height)
    except PlanError as exc:
        return [Problem(label, None, "sheet", str(exc))]
    return _unprintable_boxes(layout, sheet, slots, resolve_raw(project.layouts, name))


def contrast_warnings(project, materials, teams: int) -> list[Problem]:
    """Text with too little contrast on the layouts and brand these decks use."""
    brand = project.brand(project.kit().brand)
    names = list(dict.fromkeys(m.layout for m in materials))
    sizes = [size for name in names for size in logo_sizes(project.layout(name, "deck"))]
    found = resolution_problems(brand, sizes)
    for layout_name in names:
        decks = [project.material("deck", m.name) for m in materials if m.layout == layout_name]
        found += contrast_problems(
            project.layout(layout_name, "deck"),
            resolve_raw(project.layouts, layout_name),
            brand,
            deck_colours={d.colour for d in decks},
            card_colours={r.colour for d in decks for r in d.responses},
        )
    return found


def _sheet_ref(project, layout: str) -> Where | None:
    raw = project.layouts.raw(layout)
    if not (isinstance(raw, dict) and "sheet" in raw):
        return None
    mark = raw.mark_of("sheet")
    return Where(mark.file, mark.line, "sheet")


def _unprintable_boxes(layout: CardLayout, sheet: Sheet, slots, raw) -> list[Problem]:
    """Boxes that would land in the printer's blank edge: they would print cut off."""
    problems, seen = [], set()
    for face, boxes in [*layout.faces.items(), ("back", layout.back)]:
        for box in boxes:
            rect = Rect(box.x, layout.height - box.y - box.height, box.width, box.height)
            at = box_at(raw, face, box.name)
            if at.path in seen or not outside_printable(sheet, slots, rect):
                continue
            seen.add(at.path)
            problems.append(
                Problem(
                    at.mark.file,
                    at.mark.line,
                    at.path,
                    f"box '{box.name}' ({face}) reaches into the "
                    f"{sheet.printable_margin / MM:g} mm edge that office printers "
                    f"leave blank on sheet '{sheet.name}'; keep it further from "
                    f"the card edge",
                )
            )
    return problems
