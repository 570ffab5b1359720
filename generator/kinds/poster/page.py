"""A poster page: a header, the blocks a poster has (intro, key figures, the vote legend,
a grid of items or a cycle of them (cycle.py), table 1, a ranking, titled lists, a
closing message) and a footer with the source and, where there is one, a code with its
link (in the grid's last row instead when that row leaves cells free: the footer would
take a line from every cell).

Blocks above and below the main block take the height their text needs at the style's
size (kinds/poster/blocks.py); the main block gets what is left (grid.py, cycle.py,
tables.py): its text is set at the type scale's sizes in cells stretched to that room,
then its rows take their text's height and the room to spare is given out in one rhythm
(rhythm.py). Text that does not fit even stretched is an error, as on the cards.

Every text line and code drawn is recorded (`PosterPainter.boxes`), so that tiles can be cut
between them (tiles.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ...errors import Problem, ProblemKind, Problems, Severity
from ...kit.brand import Brand
from ...kit.styles import TextStyle
from ...kit.units import to_mm
from ...kit.words import Words
from ...print.codeblock import CodeBlock, CodeChecks
from ...print.fonts import Fonts
from ...print.imposition import Rect
from ...print.palette import Palette
from ..view import View
from . import blocks
from .cycle import Cycle
from .grid import Grid
from .layout import PosterLayout
from .pen import Pen
from .tables import MatrixBlock, RankingBlock

UNBOUNDED = 1e6  # points: the height a link under the code may take


@dataclass
class PosterPainter:
    """Draws one View on a canvas of width x height with a layout already scaled."""

    canvas: object
    view: View
    layout: PosterLayout
    brand: Brand
    fonts: Fonts
    words: Words
    width: float
    height: float
    orientation: str
    columns: int | None = None  # the grid's columns; None: the layout's for the orientation
    probe: bool = False  # drawn only to learn whether the grid's text fits (see Grid)
    boxes: list[Rect] = field(default_factory=list)  # every text line and code drawn
    arrows: list = field(default_factory=list)  # a cycle's arrows, each as its points
    problems: Problems = field(default_factory=Problems)
    beside_code: Rect | None = None  # the footer's free room above the source, by the code

    def __post_init__(self) -> None:
        palette = Palette(self.brand.colours, self.view.colour)
        look = (self.layout, self.brand, self.fonts, self.words, palette, self.problems)
        self.pen = Pen(self.canvas, *look, self.boxes)
        checks = poster_code_checks(self.layout)
        self.code_block = CodeBlock("code", self.fonts, self.problems, checks, self.boxes)

    @property
    def module(self) -> float:
        """The side of the code's modules, once drawn."""
        return self.code_block.module

    def draw(self) -> None:
        margin, gap, pen, view = self.layout.margin, self.layout.gap, self.pen, self.view
        left, inner = margin, self.width - 2 * margin
        top = blocks.header(pen, view, left, self.height - margin, inner) - gap
        for block in (blocks.intro, blocks.figures, blocks.legend):
            top = block(pen, view, left, top, inner)
        bottom = self._footer(left, margin, inner, with_code=not self._grid_room()) + gap
        if not self._cycles():  # a cycle's message labels its loop
            bottom = blocks.message(pen, view, left, bottom, inner, self.beside_code)
        main = self._main_block()
        if view.groups and main:
            bottom = blocks.groups(pen, view, left, bottom, inner, None)
        height = top - bottom
        if main:
            main(Rect(left, bottom, inner, height))
        elif view.groups:
            blocks.groups(pen, view, left, bottom, inner, height)
        if height <= 0:
            self.problems.report(
                ProblemKind.ROOM,
                "the blocks above and below take the whole page; shorten the texts or print "
                "the poster larger",
            )

    def _main_block(self):
        """What fills the room the other blocks leave: a function of that box, or None."""
        if self._cycles():
            return self._cycle
        if self.view.entries:
            return self._grid
        if self.view.matrix:
            return self._matrix
        if self.view.ranking:
            return self._ranking
        return None

    def _columns(self) -> int:
        if self.columns:
            return self.columns
        per_row = self.layout.vote_columns if self.view.votes else self.layout.columns
        columns, items = per_row.of(self.orientation), len(self.view.entries)
        if columns > 2 and items == columns + 1:
            # one item alone on a second row (5 items on 4 columns) leaves most of the
            # poster's lower half empty: one column fewer balances the rows
            return columns - 1
        return columns

    def _grid(self, box: Rect) -> None:
        last_row = self._code_cell_height(box) if self._grid_room() else 0.0
        grid = Grid(self.pen, self.view, self._columns(), self.probe, last_row)
        cells = grid.draw(box.x, box.y, box.width, box.height)
        if self._grid_room():
            last = cells[-1]
            left = last.right + self.layout.gap
            self._code_in_cell(Rect(left, last.y, box.right - left, last.height))

    def _cycles(self) -> bool:
        return self.view.shape == "cycle" and bool(self.view.entries)

    def _cycle(self, box: Rect) -> None:
        cycle = Cycle(self.pen, self.view, self.orientation, self.probe)
        cycle.draw(box)
        self.arrows.extend(cycle.arrows)

    def _matrix(self, box: Rect) -> None:
        MatrixBlock(self.pen, self.view, box).draw()

    def _ranking(self, box: Rect) -> None:
        RankingBlock(self.pen, self.view, box).draw()

    def _grid_room(self) -> int:
        """How many cells the grid's last row leaves free at its right when the poster has
        a code: the code goes there instead of the footer, which would take the room of
        a row of text from every cell (8 tips on 3 columns)."""
        if not (self.view.code and self.view.entries and self._main_block() == self._grid):
            return 0
        columns = min(self._columns(), len(self.view.entries))
        return -len(self.view.entries) % columns

    # --- the code block ------------------------------------------------------------------
    def _footer(self, x: float, bottom: float, width: float, with_code: bool) -> float:
        """The source at the left; the code and its link at the right (`with_code`)."""
        code = self.view.code and with_code
        code_size = self.layout.code_size if code else 0.0
        room = width - (code_size + self.layout.gap + width * 0.3 if code else 0.0)
        source_h = blocks.source(self.pen, self.view, x, bottom, room)
        if code:
            self._code(x + width - code_size, bottom, code_size, x + room + self.layout.gap)
            above = bottom + source_h + self.layout.gap / 2
            self.beside_code = Rect(x, above, room, bottom + code_size - above)
        return bottom + max(code_size, source_h)

    def _code(self, x: float, y: float, size: float, url_left: float) -> None:
        """The code at (x, y), its link beside it at its left, centred on it."""
        url, link = self.view.code
        self.code_block.code(self.canvas, url, x, y, size)
        room = Rect(url_left, y, x - self.layout.gap - url_left, size)
        style = self.layout.styles["url"]
        lines = self.code_block.fit(link, style, room, "url text", host_apart=True)
        if lines is not None:
            colour = self.pen.colour(style.colour)
            self.code_block.put(self.canvas, lines, style, colour, room, "middle")

    def _code_cell_height(self, box: Rect) -> float:
        """The height the code and its link under it take in the grid's free cells (the
        grid's last row is at least this high)."""
        columns, gap = min(self._columns(), len(self.view.entries)), self.layout.gap
        cell_w = (box.width - gap * (columns - 1)) / columns
        width = self._grid_room() * (cell_w + gap) - gap
        link = _link_under_code(self.code_block, self.layout, self.view.code[1], box.x, width)
        return self.layout.code_size + gap / 2 + link[1]

    def _code_in_cell(self, cell: Rect) -> None:
        """The code at the bottom right of the grid's free cells, its link under it."""
        url, size, style = self.view.code[0], self.layout.code_size, self.layout.styles["url"]
        link = self.view.code[1]
        lines, height = _link_under_code(self.code_block, self.layout, link, cell.x, cell.width)
        if size + height + self.layout.gap / 2 > cell.height:
            self.problems.report(
                ProblemKind.ROOM,
                "the code and its link do not fit the grid's free cell; print the poster "
                "larger or in the other orientation",
            )
        if lines is not None:
            under = Rect(cell.x, cell.y, cell.width, height)
            self.code_block.put(self.canvas, lines, style, self.pen.colour(style.colour), under)
        above = cell.y + height + self.layout.gap / 2
        self.code_block.code(self.canvas, url, cell.right - size, above, size)


def _link_under_code(code_block: CodeBlock, layout: PosterLayout, link: str, x, width):
    """The link set under the code in the grid's free cells, and its height."""
    room = Rect(x, 0.0, width, UNBOUNDED)
    lines = code_block.fit(link, layout.styles["url"], room, "url text", host_apart=True)
    return lines, lines.height if lines else 0.0


def poster_code_checks(layout: PosterLayout) -> CodeChecks:
    """A poster's code: modules at least min_module (never scaled: it is read from a
    distance), the link beside or under it."""

    def too_small(url: str, module: float) -> Problem:
        return Problem.drawn(
            ProblemKind.MODULE,
            f"the code's modules are {to_mm(module):.2f} mm, expected at least "
            f"{to_mm(layout.min_module):.2f} mm (min_module of {layout.name}): make code_size "
            f"larger",
        )

    def left_off(link: str, style: TextStyle) -> Problem:
        return Problem.drawn(
            ProblemKind.LINK,
            f"the link '{link}' does not fit by the code at {style.min_size:.1f}pt (at this "
            f"paper); it is left off (the code carries it)",
            severity=Severity.WARNING,
        )

    return CodeChecks(layout.min_module, too_small, left_off)
