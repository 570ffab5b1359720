"""Vector symbols for the response cards, so the answer reads without colour vision."""

from __future__ import annotations


def draw(canvas, symbol: str, x: float, y: float, size: float, colour, font: str) -> None:
    """Draw `symbol` (check, question, cross) centred in the square at (x, y)."""
    canvas.saveState()
    canvas.setStrokeColor(colour)
    canvas.setFillColor(colour)
    canvas.setLineWidth(size * 0.11)
    canvas.setLineCap(1)
    canvas.setLineJoin(1)
    if symbol == "check":
        path = canvas.beginPath()
        path.moveTo(x + size * 0.2, y + size * 0.5)
        path.lineTo(x + size * 0.42, y + size * 0.27)
        path.lineTo(x + size * 0.8, y + size * 0.72)
        canvas.drawPath(path, stroke=1, fill=0)
    elif symbol == "cross":
        canvas.line(x + size * 0.25, y + size * 0.25, x + size * 0.75, y + size * 0.75)
        canvas.line(x + size * 0.25, y + size * 0.75, x + size * 0.75, y + size * 0.25)
    else:
        font_size = size * 0.75
        canvas.setFont(font, font_size)
        canvas.drawCentredString(x + size / 2, y + size / 2 - font_size * 0.36, "?")
    canvas.restoreState()
