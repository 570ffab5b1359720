"""The pieces of a worksheet, measured once and painted for each team: section titles,
numbered questions with their room to answer, the worked example, and the table (its
title, its column titles repeated on every page, a piece per row)."""

from __future__ import annotations

import math

from ...kit.units import MM
from ...print import text
from .content import MAX_LINES, Question, Row, Section, Table, comment_field
from .flow import Piece, Spot
from .rooms import Rooms
from .typeset import STACK_GAP, TEXT_GAP, Typesetter

BULLETS = ("- ", "• ")
KEPT = 0.75  # of the lines asked, at least, when rooms are tightened to save a page


class Pieces:
    """Measures the pieces of the typesetter's worksheet, each question's room `take`
    lines shorter (see `lines`); painting a piece returns the form fields it holds."""

    def __init__(self, setter: Typesetter, rooms: Rooms, take: int = 0):
        self.setter, self.rooms, self.take = setter, rooms, take
        self.style, self.layout = setter.style, setter.layout

    def all(self) -> list[Piece]:
        worksheet = self.style.worksheet
        example = [self._example()] if worksheet.example else []
        start = self.layout.example_position == "start"
        pieces = list(example if start else [])
        number = 0
        for section in worksheet.sections:
            pieces.append(self._section(section))
            for question in section.questions:
                number += 1
                pieces.append(self._question(question, number))
        if worksheet.table:
            pieces += TablePieces(self.setter, self.rooms, worksheet.table).all()
        return pieces + ([] if start else example)

    def _section(self, section: Section) -> Piece:
        width, where = self.layout.body_width, f"section '{section.id}'"
        title_h, title = self.setter.set([text.Block(section.title)], "section", width, where)
        intro_h, intro = 0.0, None
        if section.intro:
            blocks = [text.Block(p) for p in section.intro]
            intro_h, intro = self.setter.set(blocks, "intro", width, where)

        def paint(x: float, top: float) -> list[Spot]:
            title(x, top)
            if intro:
                intro(x, top - title_h - STACK_GAP)
            return []

        height = title_h + (STACK_GAP + intro_h if intro else 0.0)
        return Piece(where, height, paint, self.layout.section_space, keep_with_next=True)

    def _question(self, question: Question, number: int) -> Piece:
        answers, where = self.layout.answers, f"question '{question.id}'"
        tick = question.answer == "tick"
        indent = answers.tick + 2 * MM if tick else 0.0
        width = self.layout.body_width - indent
        asked = [text.Block(question.text, f"{number}.")]
        text_h, draw = self.setter.set(asked, "question", width, where)
        room = self.lines(question) * answers.pitch
        head = max(text_h, answers.tick if tick else 0.0)

        def paint(x: float, top: float) -> list[Spot]:
            draw(x + indent, top)
            spots = [self.rooms.tick(question.id, x, top)] if tick else []
            area = (x, top - head - TEXT_GAP - room, self.layout.body_width, room)
            name = comment_field(question.id) if tick else question.id
            if question.answer == "box":
                return [*spots, self.rooms.box(name, question.id, area)]
            return [*spots, self.rooms.lines(name, question.id, area, label=tick)]

        return Piece(
            where, head + TEXT_GAP + room, paint, self.layout.question_space, question=question.id
        )

    def lines(self, question: Question) -> int:
        """The lines of a question's room to answer: `take` fewer than asked, but never
        below the layout's answers.min_lines nor below three quarters of what was asked
        (a typesetter tightens a room, he does not halve it)."""
        answers = self.layout.answers
        default = {"lines": answers.lines, "box": answers.box, "tick": answers.tick_lines}
        asked = question.lines or default[question.answer]
        kept = max(min(asked, answers.min_lines), math.ceil(asked * KEPT))
        return max(kept, asked - self.take)

    def spare(self) -> int:
        """The most lines `take` can take from a question's room."""
        questions = [q for s in self.style.worksheet.sections for q in s.questions]
        tightest = Pieces(self.setter, self.rooms, take=MAX_LINES)
        return max((self.lines(q) - tightest.lines(q) for q in questions), default=0)

    def _example(self) -> Piece:
        example, pad = self.style.worksheet.example, self.layout.example_padding
        width, where = self.layout.body_width - 2 * pad, "example"
        title_h, title = self.setter.set([text.Block(example.title)], "example-title", width, where)
        paragraphs = [text.Block(p) for p in example.text]
        body_h, body = self.setter.set(paragraphs, "example", width, where)
        height = 2 * pad + title_h + STACK_GAP + body_h

        def paint(x: float, top: float) -> list[Spot]:
            canvas = self.setter.canvas
            canvas.setFillColor(self.style.colour(self.layout.example_fill))
            canvas.rect(x, top - height, self.layout.body_width, height, stroke=0, fill=1)
            title(x + pad, top - pad)
            body(x + pad, top - pad - title_h - STACK_GAP)
            return []

        return Piece(where, height, paint, self.layout.section_space)


class TablePieces:
    """A worksheet's table: its title, its column titles (repeated at the top of every
    page the table continues on) and a piece per row, with room to write in each cell."""

    def __init__(self, setter: Typesetter, rooms: Rooms, table: Table):
        self.setter, self.rooms, self.table = setter, rooms, table
        self.style, self.layout = setter.style, setter.layout
        first, count = self.layout.table_title_width, len(table.columns)
        width = (self.layout.body_width - first) / count
        # (x offset, width) of the row titles, then of each column
        self.columns = [(0.0, first), *((first + i * width, width) for i in range(count))]

    def all(self) -> list[Piece]:
        table, width, where = self.table, self.layout.body_width, "table"
        title_h, title = self.setter.set([text.Block(table.title)], "section", width, where)

        def paint_title(x: float, top: float) -> list[Spot]:
            title(x, top)
            return []

        head = Piece(where, title_h + STACK_GAP, paint_title, self.layout.section_space, True)
        return [head, self._head(), *(self._row(row) for row in table.rows)]

    def _head(self) -> Piece:
        table, pad, columns = self.table, self.layout.table_padding, self.columns
        titles = [table.corner, *(c.title for c in table.columns)]
        cells = [
            self.setter.set([text.Block(t)], "table-head", w - 2 * pad, "table column titles")
            for t, (_, w) in zip(titles, columns, strict=True)
            if t
        ]
        height = 2 * pad + max(h for h, _ in cells)

        def paint(x: float, top: float) -> list[Spot]:
            canvas = self.setter.canvas
            canvas.setFillColor(self.style.colour(self.layout.table_fill))
            canvas.rect(x, top - height, self.layout.body_width, height, stroke=0, fill=1)
            drawn = iter(cells)
            for value, (offset, _) in zip(titles, columns, strict=True):
                if value:
                    next(drawn)[1](x + offset + pad, top - pad)
            return []

        return Piece("table column titles", height, paint, repeat=True)

    def _row(self, row: Row) -> Piece:
        table, pad, columns = self.table, self.layout.table_padding, self.columns
        where = f"row '{row.id}'"
        room = (table.lines or self.layout.table_lines) * self.layout.answers.pitch
        title_w = columns[0][1] - 2 * pad
        title_h, title = self.setter.set([text.Block(row.title)], "row-title", title_w, where)
        cells = [
            self.setter.set(_cell_blocks(value), "cell", w - 2 * pad, f"{where}, column '{c.id}'")
            for value, c, (_, w) in zip(row.cells, table.columns, columns[1:], strict=True)
        ]
        height = 2 * pad + max(title_h, max(h for h, _ in cells) + TEXT_GAP + room)

        def paint(x: float, top: float) -> list[Spot]:
            title(x + pad, top - pad)
            spots = []
            for (_, draw), column, (offset, w) in zip(
                cells, table.columns, columns[1:], strict=True
            ):
                draw(x + offset + pad, top - pad)
                name = table.cell_id(row, column)
                area = (x + offset + pad, top - height + pad, w - 2 * pad, room)
                spots.append(self.rooms.lines(name, name, area))
            self._grid(x, top, height, columns)
            return spots

        return Piece(where, height, paint, question=row.id)

    def _grid(self, x: float, top: float, height: float, columns) -> None:
        canvas = self.setter.canvas
        self.rooms.rule()
        canvas.rect(x, top - height, self.layout.body_width, height, stroke=1, fill=0)
        for offset, _ in columns[1:]:
            canvas.line(x + offset, top, x + offset, top - height)


def _cell_blocks(value: str) -> list[text.Block]:
    """A table cell's text: a line starting with '- ' or '• ' is a bullet point."""
    blocks = []
    for line in (part.strip() for part in value.splitlines()):
        if not line:
            continue
        bullet = next((b for b in BULLETS if line.startswith(b)), None)
        blocks.append(text.Block(line[len(bullet) :], "•") if bullet else text.Block(line))
    return blocks
