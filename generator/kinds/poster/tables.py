"""A poster's main blocks that are tables: table 1 (rows by columns, `MatrixBlock`) and
the ranking of a session's factors (a row per factor with its votes as bars and each
team's mark, `RankingBlock`). Table 1's rows take their text's height in the box
they are given (rhythm.py), its cells' text at one size; the ranking fills its box."""

from __future__ import annotations

from reportlab.pdfbase.pdfmetrics import stringWidth

from ...answers.votes import BY_VALUE, VOTE_VALUES
from ...print import symbols, text
from ...print.imposition import Rect
from ..view import Ranked, View
from . import rhythm
from .pen import Pen

FIRST = 0.25  # of a table's width, for its row titles at most


class MatrixBlock:
    def __init__(self, pen: Pen, view: View, box: Rect):
        self.pen, self.matrix, self.box = pen, view.matrix, box
        self.gap = self.pad = pen.layout.gap / 2
        self.air = 0.0  # padding above and below a row's text beyond `pad` (rhythm.py)
        columns = len(self.matrix.columns)
        self.first = self._first_column(pen, box.width)  # the row titles
        self.cell_w = (box.width - self.first - self.gap * columns) / columns

    def _first_column(self, pen: Pen, width: float) -> float:
        """The row titles' column: as wide as its longest word at the heading's size
        (the rest goes to the cells), at most FIRST of the table."""
        heading = pen.layout.styles["heading"]
        font = pen.fonts.name(heading.font)
        words = [word for title, _ in self.matrix.rows for word in title.split()]
        longest = max((stringWidth(w, font, heading.size) for w in words), default=0.0)
        return min(width * FIRST, longest * 1.01 + 2 * self.pad)  # 1%: rounding

    def draw(self) -> None:
        """The column heads, then the rows: the cells' text at one size that fits the
        rows stretched to the box, each row then as high as its text (rhythm.py)."""
        pen, pad, matrix = self.pen, self.pad, self.matrix
        heads = [pen.fit([c], "heading", self.cell_w - 2 * pad) for c in matrix.columns]
        head_h = max(f.height for f in heads) + 2 * pad
        count = len(matrix.rows)
        room = self.box.height - head_h - self.gap
        row_h = (room - self.gap * (count - 1)) / count
        fitted = [
            [pen.fit([c], "body", self.cell_w - 2 * pad, row_h - 2 * pad) for c in cells]
            for _, cells in matrix.rows
        ]
        size = self._common_size(min(f.size for row in fitted for f in row), row_h - 2 * pad)
        texts = [self._text_height(title, cells, size) for title, cells in matrix.rows]
        style = pen.layout.styles["body"]
        top = self.box.top - head_h - self.gap
        found = rhythm.rows(
            [t + 2 * pad for t in texts], texts, top, room, self.gap, style.size * style.leading
        )
        self.air = found.air
        # the heads a row's gap above the rows, as far as the room above them allows
        under = self.gap + min(found.between - self.gap, top - found.tops[0])
        self._heads(found.tops[0] + under + head_h, head_h)
        placed = zip(matrix.rows, found.tops, found.heights, strict=True)
        for (title, cells), row_top, height in placed:
            self._row(title, cells, row_top, height, size)

    def _text_height(self, title: str, cells, size: float) -> float:
        """The height of a row's tallest text: its name or one of its cells."""
        pad, pen = self.pad, self.pen
        name = pen.fit([title], "heading", self.first - 2 * pad).height
        bodies = (pen.fit([c], "body", self.cell_w - 2 * pad, size=size).height for c in cells)
        return max(name, *bodies)

    def _common_size(self, size: float, room: float) -> float:
        """The largest size from `size` down at which every cell fits its box: all cells
        share one size, and a cell that fits alone at a size may not at a smaller one (a
        compound broken at one size and not at another)."""
        width = self.cell_w - 2 * self.pad
        cells = [cell for _, row in self.matrix.rows for cell in row]
        tried = size
        while tried >= self.pen.layout.styles["body"].min_size - 1e-6:
            fitted = (self.pen.fit([cell], "body", width, size=tried) for cell in cells)
            if all(not f.too_wide and f.height <= room + 0.01 for f in fitted):
                return tried
            tried = round(tried - text.STEP, 2)
        return size  # none fits: each cell that does not says so where it is drawn

    def _left(self, column: int) -> float:
        return self.box.x + self.first + self.gap + column * (self.cell_w + self.gap)

    def _heads(self, top: float, head_h: float) -> None:
        """The column titles on the poster's colour, and the corner's text."""
        pen, pad, matrix, width = self.pen, self.pad, self.matrix, self.cell_w - 2 * self.pad
        for index, column in enumerate(matrix.columns):
            left = self._left(index)
            pen.panel(left, top - head_h, self.cell_w, head_h, "deck")
            head = pen.fit([column], "heading", width, colour="paper")
            where = f"table column {column}"
            pen.put(head, left + pad, top - head_h + pad, width, head_h - 2 * pad, where)
        if matrix.corner:
            corner = pen.fit([matrix.corner], "small", self.first - pad)
            pen.put(corner, self.box.x, top - head_h, self.first - pad, head_h, "corner", "bottom")

    def _row(self, title: str, cells, row_top: float, row_h: float, size: float) -> None:
        pen, x = self.pen, self.box.x
        pad = self.pad + self.air / 2  # the row's text sits in the middle of its air
        pen.panel(x, row_top - row_h, self.first, row_h, "tint:deck")
        name = pen.fit([title], "heading", self.first - 2 * self.pad, row_h - 2 * pad)
        room = (self.first - 2 * self.pad, row_h - 2 * pad)
        pen.put(name, x + self.pad, row_top - row_h + pad, *room, title)
        for c, cell in enumerate(cells):
            left = self._left(c)
            pen.panel(left, row_top - row_h, self.cell_w, row_h, "tint:deck")
            body = pen.fit([cell], "body", self.cell_w - 2 * self.pad, size=size)
            # fits when no word runs past the cell's side and the lines end above its
            # bottom: a cell is never clipped without a word said
            body.fits = body.height <= row_h - 2 * pad + 0.01 and not body.too_wide
            where = f"table cell {title} / {self.matrix.columns[c]}"
            room = (self.cell_w - 2 * self.pad, row_h - 2 * pad)
            pen.put(body, left + self.pad, row_top - row_h + pad, *room, where)


class RankingBlock:
    """A row per factor, in the order given: its number, its title, its votes as bars
    (red first) and each team's mark."""

    def __init__(self, pen: Pen, view: View, box: Rect):
        self.pen, self.view, self.box = pen, view, box
        rows, self.gap = view.ranking, pen.layout.gap / 2
        teams = len(view.teams)
        # each team's column is named above the rows: "Team" over its number
        self.label_size = pen.layout.styles["heading"].size * 0.7
        self.head_h = self.label_size * 2.4 + self.gap if teams else 0.0
        self.row_h = (box.height - self.head_h - self.gap * (len(rows) - 1)) / len(rows)
        self.badge = min(self.row_h * 0.8, pen.layout.styles["number"].size * 2)
        self.title_w = box.width * 0.36
        self.mark_size = min(self.row_h * 0.6, box.width * 0.3 / max(1, teams) * 0.85)
        self.label_size = min(self.label_size, self.mark_size / 0.85 * 0.4)  # "Team" fits
        marks_w = teams * self.mark_size / 0.85
        self.bar_x = box.x + self.badge + self.gap + self.title_w + self.gap
        self.bar_w = box.right - marks_w - self.gap - self.bar_x

    def draw(self) -> None:
        from ...results.look import Look

        look = Look(self.pen.brand, self.pen.fonts, self.pen.words)
        rows = self.view.ranking
        size = min(self.pen.fit([r.title], "heading", self.title_w, self.row_h).size for r in rows)
        self._team_names()
        for index, row in enumerate(self.view.ranking):
            self._row(index, row, size, look)

    def _team_names(self) -> None:
        """Above each team's column of marks: the word for team, and its number."""
        pen, canvas, size = self.pen, self.pen.canvas, self.label_size
        canvas.setFillColor(pen.colour("text"))
        top = self.box.top
        for index, team in enumerate(self.view.teams):
            column = self.mark_size / 0.85
            centre = self.bar_x + self.bar_w + self.gap + index * column + self.mark_size / 2
            for line, (font, said) in enumerate((("regular", pen.words.team), ("bold", str(team)))):
                pen.fonts.check(font, said, "the results poster's team names")
                canvas.setFont(pen.fonts.name(font), size)
                baseline = top - size * (1.0 + 1.2 * line)
                canvas.drawCentredString(centre, baseline, said)
                width = canvas.stringWidth(said, pen.fonts.name(font), size)
                pen.boxes.append(Rect(centre - width / 2, baseline - size * 0.25, width, size))

    def _row(self, index: int, row: Ranked, size: float, look) -> None:
        pen, box, gap, row_h = self.pen, self.box, self.gap, self.row_h
        top = box.top - self.head_h - index * (row_h + gap)
        middle = top - row_h / 2
        pen.panel(box.x, top - row_h, box.width, row_h, "tint:deck")
        pen.badge(row.number, box.x + gap / 2, middle, self.badge, f"factor {row.number}")
        title = pen.fit([row.title], "heading", self.title_w, size=size)
        left = box.x + self.badge + gap
        pen.put(title, left, top - row_h, self.title_w, row_h, f"factor {row.number}", "middle")
        self._bar(row, self.bar_x, middle - row_h * 0.3, self.bar_w, row_h * 0.6)
        self._marks(row, middle, look)

    def _marks(self, row: Ranked, middle: float, look) -> None:
        """Each team's vote as the results' own mark, so wall and page agree."""
        from ...results.ranking import mark

        by_colour = {vote.colour: vote for vote in self.view.votes}
        size = self.mark_size
        for team, vote in enumerate(row.marks):
            left = self.bar_x + self.bar_w + self.gap + team * size / 0.85
            if vote is not None:
                mark(self.pen.canvas, look, by_colour[vote], left, middle - size / 2, size)

    def _bar(self, row: Ranked, x: float, y: float, width: float, height: float) -> None:
        """The votes as three bars side by side, red first, each with its number."""
        pen, canvas = self.pen, self.pen.canvas
        teams = max(1, len(self.view.teams))
        style = pen.layout.styles["heading"]
        font, paper = pen.fonts.name("bold"), pen.colour("paper")
        symbol_of = {v.colour: v.symbol for v in self.view.votes}
        left = x
        for colour in reversed(VOTE_VALUES):
            count = row.counts.get(colour, 0)
            if not count:
                continue
            length = width * count / teams
            canvas.setFillColor(pen.colour(colour))
            canvas.rect(left, y, length, height, stroke=0, fill=1)
            mark_size, inset = min(height * 0.8, length * 0.45), height * 0.1
            symbol = symbol_of.get(colour, BY_VALUE[colour].symbol)
            symbols.draw(canvas, symbol, left + inset, y + inset, mark_size, paper, font)
            canvas.setFont(font, min(style.size, height * 0.7))
            canvas.setFillColor(paper)
            canvas.drawRightString(left + length - height * 0.15, y + height * 0.28, str(count))
            pen.boxes.append(Rect(left, y, length, height))
            left += length
