"""Cut marks, drawn from the geometry plan.py computes."""

from __future__ import annotations


def draw_marks(canvas, lines, line_width: float) -> None:
    canvas.saveState()
    canvas.setLineWidth(line_width)
    canvas.setStrokeColorRGB(0, 0, 0)
    for line in lines:
        canvas.line(line.x1, line.y1, line.x2, line.y2)
    canvas.restoreState()
