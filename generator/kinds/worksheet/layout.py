"""Worksheet layouts (layouts/*.yaml with `material: worksheet`): the page, its margins,
header and footer, the text styles, and how much room each kind of answer gets.

Unlike a card layout there are no boxes: a worksheet's text flows from page to page,
so the layout gives sizes and spacing and the renderer places everything in turn.
`extends` is resolved before this schema sees the data (kit/catalogue.py).
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import InputError, Where
from ...kit.catalogue import checked_values
from ...kit.schema import (
    SLUG,
    At,
    Checker,
    Choice,
    Field,
    Flag,
    Integer,
    Length,
    ListOf,
    MapOf,
    Record,
    Text,
)
from ...kit.sheet import Paper
from ...kit.styles import COLOUR, STYLE, TextStyle
from ...kit.units import MM

PRINTER_EDGE = 5 * MM  # office printers leave this edge of the paper blank
MIN_CODE_TEXT = 7.0  # points: the printed link must be legible enough to type
MIN_QUESTION_TEXT = 7.0  # points: the questions people answer
# every style the renderer uses, and what for
STYLES = {
    "phase": "the phase number in the header ('Fase 1')",
    "title": "the worksheet's title",
    "goal": "the phase's goal under the title",
    "running": "the short header of the following pages",
    "team": "the team and session in the header",
    "section": "a section's title",
    "intro": "a section's introduction",
    "question": "a numbered question",
    "example-title": "the title of the worked example",
    "example": "the text of the worked example",
    "table-head": "the column titles of the table",
    "row-title": "the row titles of the table",
    "cell": "the printed text of a table cell",
    "answer": "text typed into a field, and the answers of a record",
    "url": "the link printed beside the code",
    "footer": "the footer: page x of y, source and kit title",
}


@dataclass(frozen=True)
class AnswerSpace:
    """The room each kind of answer gets."""

    pitch: float  # distance between ruled lines
    lines: int  # lines of a 'lines' answer, unless the question says
    box: int  # height of a 'box' answer in lines, unless the question says
    tick: float  # side of a tick box
    tick_lines: int  # lines to comment on beside a tick
    min_lines: int  # fewest lines a room is cut to, to keep a last page from one item alone
    line_width: float
    line_colour: str


@dataclass(frozen=True)
class WorksheetLayout:
    name: str
    description: str
    width: float
    height: float
    duplex: str
    margins: dict[str, float]  # top, bottom, left, right
    logo: tuple[float, float]  # width, height of the brand's logo in the header
    gap: float  # between the logo, the header text and the code
    header_space: float  # below the header's rule
    rule_colour: str
    qr_size: float
    qr_min_module: float
    qr_side: str  # left | right of the header
    answers: AnswerSpace
    example_fill: str
    example_padding: float
    example_position: str  # start | end of the worksheet
    table_title_width: float
    table_lines: int
    table_padding: float
    table_fill: str  # behind the column titles
    footer_height: float
    question_space: float  # between two questions
    section_space: float  # before a section's title
    styles: dict[str, TextStyle]

    @property
    def body_width(self) -> float:
        return self.width - self.margins["left"] - self.margins["right"]


def _record(fields: dict) -> Record:
    return Record(fields, make=dict)


MARGINS = _record({side: Field(Length()) for side in ("top", "bottom", "left", "right")})
SIZE = _record({"width": Field(Length(positive=True)), "height": Field(Length(positive=True))})
HEADER = _record(
    {
        "logo": Field(SIZE),
        "gap": Field(Length(), default=4 * MM),
        "space_after": Field(Length(), default=5 * MM),
        "rule": Field(COLOUR, default="primary"),
    }
)
QR = _record(
    {
        "size": Field(Length(positive=True)),
        "min_module": Field(Length(positive=True), default=0.6 * MM),
        "position": Field(Choice("right", "left"), default="right"),
    }
)
LINES = Integer(minimum=1, maximum=40)
ANSWERS = _record(
    {
        "pitch": Field(Length(positive=True)),
        "lines": Field(LINES, default=3),
        "box": Field(LINES, default=6),
        "tick": Field(Length(positive=True), default=5 * MM),
        "tick_lines": Field(LINES, default=1),
        "min_lines": Field(LINES, default=3),
        "line_width": Field(Length(positive=True), default=0.4),
        "line_colour": Field(COLOUR, default="muted"),
    }
)
EXAMPLE = _record(
    {
        "fill": Field(COLOUR),
        "padding": Field(Length(), default=4 * MM),
        "position": Field(Choice("start", "end"), default="start"),
    }
)
TABLE = _record(
    {
        "title_width": Field(Length(positive=True)),
        "lines": Field(LINES, default=4),
        "padding": Field(Length(), default=2 * MM),
        "fill": Field(COLOUR, default="primary"),
    }
)
SPACING = _record(
    {"question": Field(Length(), default=4 * MM), "section": Field(Length(), default=6 * MM)}
)

WORKSHEET_LAYOUT_FILE = Record(
    {
        "extends": Field(ListOf(SLUG, text_alone=True), default=()),  # resolved in kit/catalogue.py
        "material": Field(Choice("worksheet")),
        "description": Field(Text(), default=""),
        "abstract": Field(Flag(), default=False),
        "page": Field(Paper(), default=None),
        "duplex": Field(Choice("long-edge", "short-edge"), default="long-edge"),
        "margins": Field(MARGINS, default=None),
        "header": Field(HEADER, default=None),
        "qr": Field(QR, default=None),
        "answers": Field(ANSWERS, default=None),
        "example": Field(EXAMPLE, default=None),
        "table": Field(TABLE, default=None),
        "footer": Field(_record({"height": Field(Length(positive=True))}), default=None),
        "spacing": Field(SPACING, default={"question": 4 * MM, "section": 6 * MM}),
        "styles": Field(MapOf(STYLE), default={}),
    },
    make=dict,
)
REQUIRED = ("page", "margins", "header", "qr", "answers", "example", "table", "footer")


def make_layout(name: str, values: dict) -> WorksheetLayout:
    header, qr, answers = values["header"], values["qr"], values["answers"]
    example, table = values["example"], values["table"]
    return WorksheetLayout(
        name=name,
        description=values["description"],
        width=values["page"][0],
        height=values["page"][1],
        duplex=values["duplex"],
        margins=values["margins"],
        logo=(header["logo"]["width"], header["logo"]["height"]),
        gap=header["gap"],
        header_space=header["space_after"],
        rule_colour=header["rule"],
        qr_size=qr["size"],
        qr_min_module=qr["min_module"],
        qr_side=qr["position"],
        answers=AnswerSpace(**answers),
        example_fill=example["fill"],
        example_padding=example["padding"],
        example_position=example["position"],
        table_title_width=table["title_width"],
        table_lines=table["lines"],
        table_padding=table["padding"],
        table_fill=table["fill"],
        footer_height=values["footer"]["height"],
        question_space=values["spacing"]["question"],
        section_space=values["spacing"]["section"],
        styles=values["styles"],
    )


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
