"""What a poster drawn from a worksheet shows (Kind.wall): its table (table 1) as a
matrix of rows by columns, with the worksheet's goal as the intro."""

from __future__ import annotations

from ...errors import BuildError
from ..view import Matrix, View
from .content import Worksheet


def worksheet_wall(name: str, worksheet: Worksheet) -> View:
    table = worksheet.table
    if table is None:
        raise BuildError(
            f"poster '{name}': worksheet '{worksheet.name}' has no table; expected a "
            f"worksheet with a table (table 1) or poster content (type: poster)"
        )
    matrix = Matrix(
        table.corner,
        tuple(c.title for c in table.columns),
        tuple((r.title, r.cells) for r in table.rows),
    )
    subtitle = table.title if table.title != worksheet.title else ""
    return View(
        name,
        worksheet.title,
        worksheet.source,
        subtitle=subtitle,
        intro=worksheet.goal,
        matrix=matrix,
    )
