"""A worksheet's form: one for the whole sheet, every question under its section's
heading, then the table's cells. Answers are stored under the field ids the printed
sheet's fields carry, so a team's record can be filled in from them:

- a question (lines or box): its id;
- a tick: its id, with the value TICKED ("ja"), and its comment `<id>-toelichting`;
- a table cell: `<row id>-<column id>`, labelled "<row title> – <column title>".
"""

from __future__ import annotations

from ...answers.forms import TEXT, TICK, Form, FormQuestion, FormSection
from ...kit.words import words
from .content import Question, Table, Worksheet, comment_field


def worksheet_forms(worksheet: Worksheet, language: str) -> tuple[Form, ...]:
    """The worksheet's one form; `language` is the kit's, for a worksheet without its own."""
    comment = words(worksheet.language or language).comment
    sections = [
        FormSection(
            section.title,
            tuple(f for q in section.questions for f in _fields(q, comment)),
            section.intro,
        )
        for section in worksheet.sections
    ]
    if worksheet.table:
        sections.append(_table_section(worksheet.table))
    return (
        Form(
            material=worksheet.name,
            id=worksheet.name,
            title=worksheet.title,
            sections=tuple(sections),
            intro=worksheet.goal,
            number=worksheet.phase,
        ),
    )


def _fields(question: Question, comment: str) -> tuple[FormQuestion, ...]:
    if question.answer != "tick":
        return (FormQuestion(question.id, question.text, TEXT, question.id, question.lines),)
    remark = comment_field(question.id)
    return (
        FormQuestion(question.id, question.text, TICK, question.id),
        FormQuestion(remark, comment, TEXT, remark, question.lines, of=question.id),
    )


def _table_section(table: Table) -> FormSection:
    cells = tuple(
        FormQuestion(
            table.cell_id(row, column),
            f"{row.title} – {column.title}",
            TEXT,
            table.cell_id(row, column),
            table.lines,
            hint=(text,) if text else (),
        )
        for row in table.rows
        for column, text in zip(table.columns, row.cells, strict=True)
    )
    return FormSection(table.title, cells)
