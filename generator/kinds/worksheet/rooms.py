"""Rooms to answer in: ruled lines, an open box, a tick box with a line to comment on.
With `answers` (a team's record after the session) each answer is printed in its room,
shortened with '…' if it is too long (the form field holds all of it)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from reportlab.pdfbase.pdfmetrics import stringWidth

from ...errors import ProblemKind, Severity
from ...kit.styles import Box
from ...kit.units import MM
from ...print import overflow, text
from ...print.fonts import IGNORED
from .flow import Spot
from .typeset import Typesetter

REPLACEMENT = "?"  # for a character of an answer that the font lacks


class Rooms:
    """Draws rooms on the typesetter's canvas; each returns the form field it holds."""

    def __init__(self, setter: Typesetter):
        self.setter, self.style, self.layout = setter, setter.style, setter.layout
        self.answers: Mapping[str, str] = {}  # field id -> text, for a record

    @property
    def canvas(self):
        return self.setter.canvas

    def rule(self) -> None:
        answers = self.layout.answers
        self.canvas.setStrokeColor(self.style.colour(answers.line_colour))
        self.canvas.setLineWidth(answers.line_width)

    def lines(self, name: str, question: str, area, label: bool = False) -> Spot:
        """Ruled lines filling `area` (x, y, width, height), one per pitch."""
        x, y, width, height = area
        pitch = self.layout.answers.pitch
        if label:  # beside a tick box: the line is for a comment, and says so
            x, width = self._label(x, y + height - pitch), width - (self._label_width())
        self.rule()
        rows = round(height / pitch)
        for row in range(1, rows + 1):
            self.canvas.line(x, y + height - row * pitch, x + width, y + height - row * pitch)
        self._record(name, (x, y, width, height), ruled=True)
        return Spot(name, "text", (x, y, width, height), question)

    def box(self, name: str, question: str, area) -> Spot:
        x, y, width, height = area
        self.rule()
        self.canvas.rect(x, y, width, height, stroke=1, fill=0)
        inner = (x + 1.5 * MM, y + 1.5 * MM, width - 3 * MM, height - 3 * MM)
        self._record(name, inner)
        return Spot(name, "text", inner, question)

    def tick(self, name: str, x: float, top: float) -> Spot:
        side = self.layout.answers.tick
        rect = (x, top - side - 0.5 * MM, side, side)
        self.rule()
        self.canvas.setLineWidth(max(self.layout.answers.line_width, 0.8))
        self.canvas.rect(*rect, stroke=1, fill=0)
        if self.answers.get(name, "").strip().lower() == "ja":
            draw_cross(self.canvas, rect)
        return Spot(name, "check", rect, name)

    def _label_width(self) -> float:
        style = self.layout.styles["url"]
        label = stringWidth(
            f"{self.style.words.comment}:", self.style.fonts.name(style.font), style.size
        )
        return self.layout.answers.tick + 3.5 * MM + label

    def _label(self, x: float, row_bottom: float) -> float:
        style = self.layout.styles["url"]
        self.canvas.setFillColor(self.style.colour(style.colour))
        self.canvas.setFont(self.style.fonts.name(style.font), style.size)
        start = x + self.layout.answers.tick + 2 * MM
        self.canvas.drawString(start, row_bottom + 1.2 * MM, f"{self.style.words.comment}:")
        return x + self._label_width()

    def _record(self, name: str, rect, ruled: bool = False) -> None:
        """A stored answer printed in its room, shortened with '…' if it is too long; on
        ruled lines, one line of text on each rule."""
        given = self.answers.get(name, "").strip()
        if not given:
            return
        x, y, width, height = rect
        inset = 1 * MM
        style = self.layout.styles["answer"]
        if ruled:
            pitch = self.layout.answers.pitch
            style = replace(style, min_size=style.size, leading=pitch / style.size)
            room = height - pitch + 1.2 * MM + style.size  # first baseline just above a rule
        else:
            room = height - inset
        box = Box(name, 0, 0, width - 2 * inset, room, "text")
        blocks = [text.Block(self._clean(line)) for line in given.splitlines() if line.strip()]
        fitted = self._fit_answer(name, blocks, style, box)
        text.draw(self.canvas, fitted, x + inset, y, box.width, box.height, "top")

    def _fit_answer(self, name: str, blocks, style, box: Box) -> text.Fitted:
        colour, lang = self.style.colour(style.colour), self.style.words.hyphenation
        fitted = text.fit(blocks, style, colour, self.style.fonts, box.width, box.height, lang)
        if fitted.fits:
            return fitted
        self.style.problems.report(
            ProblemKind.ANSWER,
            f"the answer to '{name}' is too long for its room; printed cut off with '…' "
            f"(the form field holds all of it)",
            severity=Severity.WARNING,
        )
        return overflow.cut(blocks, style, colour, self.style.fonts, box, lang)

    def _clean(self, value: str) -> str:
        known = self.style.fonts.charmaps[self.layout.styles["answer"].font]
        return "".join(ch if ord(ch) in known or ch in IGNORED else REPLACEMENT for ch in value)


def draw_cross(canvas, rect) -> None:
    """The mark of a ticked box: a cross, as people tick a box on paper."""
    x, y, width, height = rect
    inset = width * 0.2
    canvas.saveState()
    canvas.setLineWidth(1.2)
    canvas.setStrokeColorRGB(0.1, 0.1, 0.1)
    canvas.line(x + inset, y + inset, x + width - inset, y + height - inset)
    canvas.line(x + inset, y + height - inset, x + width - inset, y + inset)
    canvas.restoreState()
