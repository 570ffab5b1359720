"""Worksheet content (content/*.yaml with `type: worksheet`): a phase of the guide, the
essential aspects or table 1, as questions with room to answer.

Every question, tick and table cell has an `id` that is unique in its worksheet: it
names the form field in the PDF and the answer on the answer server, so that paper,
screen and phone ask the same thing under the same name.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...kit.schema import SLUG, Choice, Field, Integer, ListOf, Record, Text
from ...kit.words import LANGUAGES

# how a question is answered on paper and on screen:
#   lines: ruled lines to write on (a multi-line text field)
#   box:   an open box, for a sketch or a list (a multi-line text field)
#   tick:  a check box with a line to comment on (a check box and a text field)
ANSWER_KINDS = ("lines", "box", "tick")
MAX_LINES = 40
# answers in one worksheet: the longest phase asks 35; a bound keeps a build of many
# teams from drawing millions of fields (a list is bounded by MAX_ITEMS, sections of
# them would not be)
MAX_FIELDS = 300
COMMENT_SUFFIX = "-toelichting"  # a tick's comment field: <question id>-toelichting


def comment_field(question_id: str) -> str:
    """The field of a tick's comment."""
    return f"{question_id}{COMMENT_SUFFIX}"


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    answer: str = "lines"
    lines: int | None = None  # room to write, in lines; None: the layout's default
    editorial: bool = False  # worded by us, not quoted from the source


@dataclass(frozen=True)
class Section:
    """A part of a worksheet: 1a externe analyse, 2b netwerkbijeenkomsten, ..."""

    id: str
    title: str
    intro: tuple[str, ...] = ()
    questions: tuple[Question, ...] = ()


@dataclass(frozen=True)
class Example:
    """An excerpt of the guide's worked case, printed beside the questions."""

    title: str
    text: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    id: str
    title: str


@dataclass(frozen=True)
class Row:
    """A row of a table: its title, the printed text of each cell, and room to write in
    each; the write-in field of a cell is named `<row id>-<column id>`."""

    id: str
    title: str
    cells: tuple[str, ...]


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    corner: str = ""  # the text of the top-left cell
    lines: int | None = None  # room to write in each cell, in lines

    def cell_id(self, row: Row, column: Column) -> str:
        return f"{row.id}-{column.id}"


@dataclass(frozen=True)
class Worksheet:
    name: str
    source: str
    title: str
    sections: tuple[Section, ...] = ()
    phase: int | None = None  # the phase number the header shows, if any
    goal: tuple[str, ...] = ()  # the phase's goal, in one or two sentences
    example: Example | None = None
    table: Table | None = None
    language: str | None = None  # None: the kit's language

    def questions(self) -> tuple[Question, ...]:
        """Every question in the order printed."""
        return tuple(q for s in self.sections for q in s.questions)

    def field_ids(self) -> tuple[str, ...]:
        """Every answer's id: the questions' (a tick's and its comment's), then the
        table cells'."""
        ids = []
        for question in self.questions():
            ids.append(question.id)
            if question.answer == "tick":
                ids.append(comment_field(question.id))
        if self.table:
            ids += [self.table.cell_id(r, c) for r in self.table.rows for c in self.table.columns]
        return tuple(ids)


TEXTS = ListOf(Text(), text_alone=True)

QUESTION = Record(
    {
        "id": Field(SLUG),
        "text": Field(Text()),
        "answer": Field(Choice(*ANSWER_KINDS), default="lines"),
        "lines": Field(Integer(minimum=1, maximum=MAX_LINES), default=None),
        "editorial": Field(Choice("text"), default=None),
    },
    make=lambda editorial, **v: Question(editorial=editorial is not None, **v),
)

SECTION = Record(
    {
        "id": Field(SLUG),
        "title": Field(Text()),
        "intro": Field(TEXTS, default=()),
        "questions": Field(ListOf(QUESTION, unique="id"), default=()),
    },
    make=lambda intro, questions, **v: Section(intro=tuple(intro), questions=tuple(questions), **v),
)

EXAMPLE = Record(
    {"title": Field(Text()), "text": Field(TEXTS)},
    make=lambda title, text: Example(title, tuple(text)),
)

COLUMN = Record({"id": Field(SLUG), "title": Field(Text())}, make=Column)
ROW = Record(
    {"id": Field(SLUG), "title": Field(Text()), "cells": Field(ListOf(Text(), min_items=1))},
    make=lambda cells, **v: Row(cells=tuple(cells), **v),
)
TABLE = Record(
    {
        "title": Field(Text()),
        "corner": Field(Text(), default=""),
        "lines": Field(Integer(minimum=1, maximum=MAX_LINES), default=None),
        "columns": Field(ListOf(COLUMN, min_items=1, unique="id")),
        "rows": Field(ListOf(ROW, min_items=1, unique="id")),
    },
    make=lambda columns, rows, **v: Table(columns=tuple(columns), rows=tuple(rows), **v),
)

WORKSHEET_FILE = Record(
    {
        "type": Field(Choice("worksheet")),
        "source": Field(Text()),
        "language": Field(Choice(*LANGUAGES), default=None),
        "title": Field(Text()),
        "phase": Field(Integer(minimum=1, maximum=99), default=None),
        "goal": Field(TEXTS, default=()),
        "example": Field(EXAMPLE, default=None),
        "sections": Field(ListOf(SECTION, unique="id"), default=()),
        "table": Field(TABLE, default=None),
    },
    make=dict,
)


def make_worksheet(name: str, values: dict) -> Worksheet:
    values = dict(values)
    values.pop("type")
    return Worksheet(
        name=name,
        sections=tuple(values.pop("sections")),
        goal=tuple(values.pop("goal")),
        **values,
    )


def shape_problems(worksheet: Worksheet) -> list[tuple[str, str]]:
    """(key path, message) for what the schema cannot see: ids used twice across
    sections and table cells, rows with the wrong number of cells, nothing to answer."""
    problems, seen = [], {}
    for index, section in enumerate(worksheet.sections):
        for number, question in enumerate(section.questions):
            path = f"sections[{index}].questions[{number}].id"
            names = [question.id]
            if question.answer == "tick":
                names.append(comment_field(question.id))
            for name in names:
                if name in seen:
                    problems.append(
                        (
                            path,
                            f"field '{name}' is also used at {seen[name]}; expected each id "
                            f"once in a worksheet (a tick's comment is <id>{COMMENT_SUFFIX}): "
                            f"it names the answer field",
                        )
                    )
                seen.setdefault(name, path)
    table = worksheet.table
    for index, row in enumerate(table.rows if table else ()):
        if len(row.cells) != len(table.columns):
            problems.append(
                (
                    f"table.rows[{index}].cells",
                    f"expected {len(table.columns)} cells (one per column), found {len(row.cells)}",
                )
            )
        for column in table.columns:
            cell = table.cell_id(row, column)
            if cell in seen:
                problems.append(
                    (
                        f"table.rows[{index}].id",
                        f"cell id '{cell}' is also used at {seen[cell]}; expected each id once",
                    )
                )
    if not worksheet.field_ids():
        problems.append(("sections", "expected at least one question or a table, found none"))
    if len(worksheet.field_ids()) > MAX_FIELDS:
        problems.append(
            (
                "sections",
                f"expected at most {MAX_FIELDS} answers in one worksheet, found "
                f"{len(worksheet.field_ids()):,}; split it into several worksheets",
            )
        )
    return problems
