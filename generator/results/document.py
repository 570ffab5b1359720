"""The results PDF: an A4 document flowed by reportlab's platypus on the canvas that
`document.open_document` makes (embedded brand fonts, print preferences, content ID).

A title page, then the pages each kind contributes through its results hook (a deck's
ranking, ranking.py, and booklet of free-text answers, booklet.py), every page after the
first with a header (kit, session, date of export) and a page number.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NotAtTopPageBreak,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
)

from ..kit.sheet import CutMarks, Sheet
from ..kit.units import MM
from ..kit.words import words
from ..print.document import open_document
from ..print.fonts import register
from ..print.logo import draw_logo
from ..print.output import signals_held
from ..print.text import escape
from .look import Look, one_line

MARGIN = 15 * MM
BAND = 10 * MM  # header above the frame, page number below it
LOGO_WIDTH, LOGO_HEIGHT, LOGO_GAP = 45 * MM, 15 * MM, 6 * MM  # the logo on the first page
SHEET = Sheet("a4", "", *A4, 1, 1, 0.0, "long-edge", 5 * MM, CutMarks(0.0, 0.0, 0.25))


def paper(project, language: str) -> tuple[Look, Frame]:
    """How the results PDF looks (brand, fonts, words) and the frame its pages flow in."""
    brand = project.brand(project.kit().brand)
    look = Look(brand, register(brand), words(language))
    frame = Frame(MARGIN, MARGIN + BAND, A4[0] - 2 * MARGIN, A4[1] - 2 * (MARGIN + BAND))
    return look, frame


def draw_results(
    project, found, pages, target: Path, title_page: bool = True
) -> tuple[int, list[str]]:
    """Write the results PDF of a session (SessionAnswers, with the look and frame that
    `paper` made): the title page, then `pages` (flowables); or, with `title_page`
    False, the title at the head of the first page, the pages right below it. Returns
    its number of pages and the warnings."""
    kit_title = project.kit().title
    make = _title_page if title_page else title_block
    story = make(found.look, kit_title, found.session, found.exported) + list(pages)
    count = _build(story, target, found.frame, found.look, kit_title, found)
    return count, found.look.warnings()


def new_page(pages) -> list:
    """`pages` (flowables) from the top of a page: after a page break unless the page
    is still empty; nothing for no pages."""
    return [NotAtTopPageBreak(), *pages] if pages else []


def _build(story, target: Path, frame: Frame, look: Look, kit_title: str, options) -> int:
    said = look.words.results
    title = f"{kit_title}: {said.results} ({said.session} {options.session})"
    meta = {"title": title, "subject": title, "author": look.brand.owner}

    def canvas_maker(filename, **ignored):
        lang = look.words.tag
        return open_document(
            target,
            SHEET,
            **meta,
            font_name=look.font("regular"),
            lang=lang,
            color=options.color,
            inks=look.brand.inks,
        )

    counted = []

    def decorate(canvas, doc) -> None:
        counted.append(1)
        if len(counted) > 1:
            _header(canvas, look, kit_title, options, len(counted))

    doc = BaseDocTemplate(str(target), pagesize=A4, creator="workshop", producer="workshop", **meta)
    doc.addPageTemplates([PageTemplate("page", [frame], onPage=decorate)])
    with signals_held():  # reportlab's writer turns an interrupt into its own KeyError
        doc.build(story, canvasmaker=canvas_maker)
    return len(counted)


def export_date(look: Look, moment: datetime) -> str:
    month = look.words.results.months[moment.month - 1]
    return f"{moment.day} {month} {moment.year}, {moment:%H:%M}"


def title_block(look: Look, kit_title: str, session: str, exported: datetime) -> list:
    """The title at the head of the first page, the answers following below it."""
    said = look.words.results
    muted = look.colour("muted")
    line = f"{said.results} · {said.session}: {escape(look.clean(session))}"
    return [
        BrandLogo(look.brand.logo, LOGO_WIDTH, LOGO_HEIGHT),
        Paragraph(escape(look.clean(kit_title)), look.style("kit", 20, bold=True, spaceAfter=6)),
        Paragraph(line, look.style("results", 13, spaceAfter=2)),
        Paragraph(
            f"{said.exported} {export_date(look, exported)}",
            look.style("date", 10, textColor=muted, spaceAfter=6),
        ),
    ]


def _title_page(look: Look, kit_title: str, session: str, exported: datetime) -> list:
    return title_page(look, kit_title, session, exported)


def title_page(look: Look, kit_title: str, session: str, exported: datetime) -> list:
    said = look.words.results
    muted = look.colour("muted")
    return [
        BrandLogo(look.brand.logo, LOGO_WIDTH, LOGO_HEIGHT),
        Spacer(1, 60 * MM - LOGO_HEIGHT - LOGO_GAP),
        Paragraph(escape(look.clean(kit_title)), look.style("kit", 26, bold=True, spaceAfter=10)),
        Paragraph(said.results, look.style("results", 20, spaceAfter=24)),
        Paragraph(f"{said.session}: {escape(look.clean(session))}", look.style("session", 13)),
        Paragraph(
            f"{said.exported} {export_date(look, exported)}",
            look.style("date", 11, textColor=muted, spaceBefore=4),
        ),
        PageBreak(),
    ]


def _header(canvas, look: Look, kit_title: str, options, number: int) -> None:
    said = look.words.results
    width, height = A4
    top = height - MARGIN - 4 * MM
    canvas.saveState()
    canvas.setFillColor(look.colour("muted"))
    canvas.setFont(look.font("regular"), 8)
    right = f"{said.exported} {export_date(look, options.exported)}"
    canvas.drawRightString(width - MARGIN, top, right)
    left = look.clean(f"{kit_title} · {said.results} · {said.session} {options.session}")
    room = width - 2 * MARGIN - canvas.stringWidth(right, look.font("regular"), 8) - 6 * MM
    one_line(canvas, left, look.font("regular"), 8, MARGIN, top, room)
    canvas.setStrokeColor(look.colour("muted"))
    canvas.setLineWidth(0.4)
    canvas.line(MARGIN, top - 2 * MM, width - MARGIN, top - 2 * MM)
    canvas.drawCentredString(width / 2, MARGIN, f"{said.page} {number}")
    if look.brand.footer_parts:  # the brand's footer and contact line, under the number
        line = look.clean(" · ".join(look.brand.footer_parts))
        one_line(canvas, line, look.font("regular"), 7, MARGIN, MARGIN - 4 * MM, width - 2 * MARGIN)
    canvas.restoreState()


class BrandLogo(Flowable):
    """The brand's logo at the head of the first page, at its left."""

    def __init__(self, path: Path, width: float, height: float):
        super().__init__()
        self.path, self.width, self.height = path, width, height
        self.spaceAfter = LOGO_GAP

    def draw(self) -> None:
        draw_logo(self.canv, self.path, 0, 0, self.width, self.height, "sw")
