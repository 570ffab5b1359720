"""Loading a worksheet layout: `extends` resolved, the schema applied, then what the
schema cannot see: every style the renderer needs is there, the margins keep out of
the printer's blank edge, and the text people must read or type is large enough."""

from __future__ import annotations

from ..errors import InputError, Where
from ..layouts import checked_values
from ..model.worksheet_layout import (
    MIN_CODE_TEXT,
    MIN_QUESTION_TEXT,
    PRINTER_EDGE,
    REQUIRED,
    STYLES,
    WORKSHEET_LAYOUT_FILE,
    WorksheetLayout,
    make_layout,
)
from ..schema import At, Checker
from ..units import MM

# (style, smallest size allowed, why)
MIN_SIZES = (
    ("url", MIN_CODE_TEXT, "the printed link must be easy to type"),
    ("footer", MIN_CODE_TEXT, "the page number and source must be legible"),
    ("question", MIN_QUESTION_TEXT, "the questions are what people answer"),
)


def load_worksheet_layout(project, name: str, named_at: Where | None) -> WorksheetLayout:
    raw, values, problems = checked_values(
        project.layouts, name, named_at, WORKSHEET_LAYOUT_FILE, REQUIRED, "one to print with"
    )
    if problems:
        raise InputError(problems)
    layout = make_layout(name, values)
    checker = Checker()
    _check(layout, raw, checker)
    if checker.problems:
        raise InputError(checker.problems)
    return layout


def _at(raw, *keys: str) -> At:
    """The most specific place of a key path that the file (or a parent) writes."""
    node, at = raw, At("", raw.mark)
    for key in keys:
        if not isinstance(node, dict) or key not in node:
            return At(".".join(keys), at.mark)
        at, node = at.key(node, key), node[key]
    return at


def _check(layout: WorksheetLayout, raw, checker: Checker) -> None:
    missing = [style for style in STYLES if style not in layout.styles]
    for style in missing:
        checker.fail(
            _at(raw, "styles"),
            f"missing style '{style}' ({STYLES[style]}); expected it under styles",
        )
    for side, value in layout.margins.items():
        if value < PRINTER_EDGE - 1e-6:
            checker.fail(
                _at(raw, "margins", side),
                f"margin {side} is {value / MM:g} mm; expected at least {PRINTER_EDGE / MM:g} mm, "
                f"the edge office printers leave blank",
            )
    for style, smallest, why in MIN_SIZES:
        found = layout.styles.get(style)
        if found and found.min_size < smallest - 1e-9:
            checker.fail(
                _at(raw, "styles", style),
                f"style '{style}' may shrink to {found.min_size:g}pt; expected at least "
                f"{smallest:g}pt ({why})",
            )
    _check_room(layout, raw, checker)


def _check_room(layout: WorksheetLayout, raw, checker: Checker) -> None:
    """The header's logo and code, and the table's row titles, leave room for text."""
    header = layout.logo[0] + layout.qr_size + 2 * layout.gap
    if header > layout.body_width - 40 * MM:
        checker.fail(
            _at(raw, "header", "logo"),
            f"the logo ({layout.logo[0] / MM:g} mm) and code ({layout.qr_size / MM:g} mm) "
            f"leave less than 40 mm of the {layout.body_width / MM:g} mm between the margins "
            f"for the title; expected a smaller logo or code",
        )
    if layout.table_title_width > layout.body_width / 2:
        checker.fail(
            _at(raw, "table", "title_width"),
            f"row titles {layout.table_title_width / MM:g} mm wide take more than half the "
            f"{layout.body_width / MM:g} mm between the margins; expected a narrower column",
        )
