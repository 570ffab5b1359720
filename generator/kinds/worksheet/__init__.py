"""A worksheet: a phase of the guide (or the essential aspects, or table 1) on A4, with
room to write under every question, fillable on screen, and a code to its phone form.

Files: one PDF per worksheet (every team's set after the other, each padded to an even
number of pages so duplex stacks stay apart), and the booklet `werkbladen.pdf` of all
worksheets of a build, with a bookmark per worksheet (and per team). After a session,
`build_record` draws the same pages with each team's answers filled in.

Form field names (the AcroForm, see kinds/worksheet/fields.py) are the content's ids:
- a question's write-in area (lines or box): `<question id>`, e.g. `1a-3`;
- a tick: the check box `<question id>` (checked: on state /Yes) and its comment line
  `<question id>-toelichting`;
- a table cell: `<row id>-<column id>` (Table.cell_id), e.g. `bestuur-fase-1`.
With more than one team the fields of team N hang under a parent `team-N`
(`team-2.1a-3`); in the booklet and the record the worksheet's name comes first
(`fase-1.1a-3`, `team-2.fase-1.1a-3`). Full names are unique in every file.

This module declares the kind with light imports only: the drawing modules (reportlab)
and the form fields (pypdf) are imported when a worksheet is drawn.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import Policy, ProblemKind, Problems
from ...kit.kitfile import Material
from ...kit.units import MM
from ...kit.words import words
from ...print.contrast import layout_style_problems
from ...print.logo import resolution_problems
from ...print.output import signals_held
from ..codes import link_for, team_label
from ..kind import Built, Combined, Command, Kind, Options
from .content import WORKSHEET_FILE, Worksheet, make_worksheet, shape_problems
from .flow import Flow
from .forms import worksheet_forms
from .layout import load_worksheet_layout
from .results import worksheet_results
from .wall import worksheet_wall

if TYPE_CHECKING:
    from .fields import PageField
    from .pages import WorksheetPainter
    from .typeset import SheetStyle

BOOKLET = "werkbladen"
RECORD = "werkbladen-ingevuld"
Answers = Mapping[tuple[str, int], Mapping[str, str]]  # (worksheet, team) -> {field: text}


@dataclass(frozen=True)
class PageSetup:
    """What open_document needs to know of the paper."""

    paper_width: float
    paper_height: float
    duplex: str


@dataclass
class Draft:
    """One worksheet measured and planned, ready to paint for any team."""

    material: Material
    painter: WorksheetPainter
    flow: Flow

    @property
    def style(self) -> SheetStyle:
        return self.painter.style


@dataclass(frozen=True)
class Part:
    """One team's copy of one worksheet in a file."""

    sheet: Draft
    team: int
    prefix: tuple[str, ...]  # the parents of its field names
    outline: tuple[str, ...] = ()  # bookmark titles, outermost first


def contrast_warnings(project, materials) -> list:
    """Text styles of the worksheet layouts in use against the paper, the example's fill
    and the table head's fill (WCAG AA)."""
    brand = project.brand(project.kit().brand)
    logos = [project.layout(m.layout, "worksheet").logo for m in materials]
    found = resolution_problems(brand, logos)
    return found + layout_style_problems(project, materials, "worksheet", _under)


def _under(layout) -> dict[str, tuple[str, ...]]:
    """What lies under a worksheet's styles besides the paper."""
    return {
        "example-title": (layout.example_fill,),
        "example": (layout.example_fill,),
        "table-head": (layout.table_fill,),
    }


def describe(worksheet: Worksheet) -> str:
    phase = f"fase {worksheet.phase}: " if worksheet.phase else ""
    return f"{phase}{worksheet.title} ({len(worksheet.field_ids())} answers)"


def prepare(project, material: Material, options: Options) -> Draft:
    """Measure and plan a worksheet (its pieces on pages), the same for every team."""
    from ...print.fonts import register
    from .pages import WorksheetPainter
    from .typeset import SheetStyle

    worksheet = project.material("worksheet", material.name)
    language = worksheet.language or options.language
    brand = project.brand(project.kit().brand)
    content_file = project.show(project.root / "content" / f"{material.name}.yaml")
    style = SheetStyle(
        worksheet,
        project.layout(material.layout, "worksheet"),
        brand,
        register(brand),
        project.kit().title,
        words(language),
        labelled=bool(team_label(1, options, language)),
        problems=Problems(
            Policy.of(options), worksheet.name, content_file, locate=project.locate(material.name)
        ),
    )
    painter = WorksheetPainter(style)
    flow = painter.plan()
    for tall in flow.too_tall:
        style.problems.report(
            ProblemKind.ROOM,
            f"{tall.label} is {tall.height / MM:.0f} mm tall, more than the {tall.room / MM:.0f}"
            f" mm a page of layout '{style.layout.name}' has for it; give it fewer lines or "
            f"split it",
        )
    return Draft(material, painter, flow)


def build(project, material: Material, options: Options, target: Path | None) -> Built:
    """Every team's copy of one worksheet; written to `target` unless it is None."""
    sheet = prepare(project, material, options)
    parts = [
        Part(sheet, team, (f"team-{team}",) if options.teams > 1 else ())
        for team in range(1, options.teams + 1)
    ]
    pages, warnings = _write(parts, options, target, sheet.style.worksheet.title, {})
    return Built(material.name, pages, _fields(parts, options), warnings, unit="fields")


def build_booklet(project, materials, options: Options, target: Path | None) -> Built:
    """All worksheets of a build in one file, each team's set after the other."""
    return _combined(project, materials, options, target, BOOKLET, {})


def build_record(
    project, materials, options: Options, answers: Answers, target: Path | None
) -> Built:
    """The worksheets with each team's answers printed in their rooms and set as the
    fields' values: the teams' record of a session (`workshop results`). `answers`
    holds (worksheet name, team) -> {field id: text}; a tick's "ja" is ticked."""
    return _combined(project, materials, options, target, RECORD, answers)


def _combined(project, materials, options, target, name: str, answers: Answers) -> Built:
    sheets = [prepare(project, m, options) for m in materials]
    parts = []
    for team in range(1, options.teams + 1):
        label = (words(options.language).team + f" {team}",) if options.teams > 1 else ()
        team_prefix = (f"team-{team}",) if options.teams > 1 else ()
        for sheet in sheets:
            title = sheet.style.worksheet.title
            prefix = (*team_prefix, sheet.material.name)
            parts.append(Part(sheet, team, prefix, (*label, title)))
    title = project.kit().title
    pages, warnings = _write(parts, options, target, title, answers)
    return Built(name, pages, _fields(parts, options), warnings, unit="fields")


def _fields(parts: list[Part], options: Options) -> int:
    """The form fields of a file: every answer of every team's copy (none in CMYK)."""
    if not _with_fields(options):
        return 0
    return sum(len(part.sheet.style.worksheet.field_ids()) for part in parts)


def _with_fields(options: Options) -> bool:
    """PDF/X (CMYK output) allows no form field on the printed page."""
    return options.color != "cmyk"


def _write(parts: list[Part], options: Options, target, title: str, answers: Answers):
    """Draw the parts into one PDF with its form fields; (pages, warnings)."""
    from ...print.document import open_document
    from .fields import add_fields

    first = parts[0].sheet.style
    layout = first.layout
    canvas = open_document(
        None,
        PageSetup(layout.width, layout.height, layout.duplex),
        title=f"{title} ({first.brand.name})",
        subject=f"{first.words.source}: {first.worksheet.source}",
        author=first.brand.owner,
        font_name=first.fonts.name("regular"),
        lang=first.words.tag,
        color=options.color,
        inks=first.brand.inks,
    )
    fields: list[PageField] = []
    outlined: set[str] = set()
    for part in parts:
        _outline(canvas, part, outlined)
        fields += _draw_part(canvas, part, options, answers)
        if options.progress is not None:
            options.progress(part.sheet.material.name, part.team, options.teams)
    sheets = list({id(p.sheet): p.sheet for p in parts}.values())
    warnings = _raise_errors(sheets, options)
    pages = canvas.getPageNumber() - 1
    data = canvas.getpdfdata()
    if _with_fields(options):
        answer = layout.styles["answer"]
        font = first.brand.fonts["regular"].resolve()
        data = add_fields(data, fields, font, answer.size, first.colour(answer.colour))
    if target is not None:
        with signals_held():
            Path(target).write_bytes(data)
    return pages, warnings


def _outline(canvas, part: Part, outlined: set[str]) -> None:
    """Bookmarks: the team (once), then the worksheet under it."""
    for level, title in enumerate(part.outline):
        key = "/".join(part.outline[: level + 1])
        if key in outlined:
            continue
        outlined.add(key)
        canvas.bookmarkPage(key)
        canvas.addOutlineEntry(title, key, level=level, closed=level < len(part.outline) - 1)


def _draw_part(canvas, part: Part, options: Options, answers: Answers) -> list[PageField]:
    from ...print.marks import begin_page, end_page
    from ...print.trim import shop_page
    from .fields import PageField

    sheet, team = part.sheet, part.team
    painter, layout, name = sheet.painter, sheet.style.layout, sheet.material.name
    record = answers.get((name, team))
    painter.canvas, painter.answers = canvas, (record or {})
    label = team_label(team, options, sheet.style.worksheet.language or options.language)
    link = link_for(name, name, team, options)
    fields, pages = [], len(sheet.flow.pages)
    trim = shop_page(options.press, layout.width, layout.height)
    shift = trim.margin if trim else 0.0  # fields are placed on the page, not the trim
    for index, placed in enumerate(sheet.flow.pages):
        begin_page(canvas, trim, layout.width, layout.height)
        top = painter.paint_header(index == 0, label, link if index == 0 else None)
        page = canvas.getPageNumber() - 1
        for item in placed:
            for spot in item.piece.paint(layout.margins["left"], top - item.top):
                value = (record or {}).get(spot.name, "") if answers else None
                x, y, width, height = spot.rect
                rect = (x + shift, y + shift, width, height)
                fields.append(PageField(page, (*part.prefix, spot.name), spot.kind, rect, value))
        painter.paint_footer(index + 1, pages)
        end_page(canvas, trim)
    if pages % 2:  # the next set starts on a fresh sheet when printed on both sides
        begin_page(canvas, trim, layout.width, layout.height)
        end_page(canvas, trim)
    return fields


def _raise_errors(sheets: list[Draft], options: Options) -> tuple[str, ...]:
    """Stop on the errors of the worksheets in a file (missing glyphs among them); their
    warnings otherwise."""
    found = Problems(Policy.of(options))
    for sheet in sheets:
        problems = sheet.style.problems
        problems.extend(sheet.style.fonts.missing_glyphs(problems.locate))
        found.extend(problems.found)
    return found.stop("the worksheet cannot be printed as asked")


COMMAND = Command(
    """Build one worksheet into output/<session>/: fase-1 to fase-4, aspecten or lagen.

    Example: workshop worksheet fase-1 --teams 4 --session 2026-11-noord
    """
)


KIND = Kind(
    name="worksheet",
    plural="worksheets",
    content=WORKSHEET_FILE,
    make=make_worksheet,
    describe=describe,
    load_layout=load_worksheet_layout,
    check_layout=lambda project, name: [],
    warnings=lambda project, materials, teams: contrast_warnings(project, materials),
    build=build,
    command=COMMAND,
    wall=worksheet_wall,
    forms=worksheet_forms,
    combined=Combined(BOOKLET, build_booklet),
    content_check=shape_problems,
    results=worksheet_results,
)
