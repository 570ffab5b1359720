"""Pieces that flow down pages, as pure geometry: a piece is never split (a question
and its room to answer stay on one page), a piece marked keep_with_next goes to the
page of the piece after it (a section's title never ends a page), and a piece marked
repeat (a table's column titles) is placed again at the top of each later page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Spot:
    """A form field's place: its name in the worksheet and its rectangle on the page."""

    name: str
    kind: str  # text | check
    rect: tuple[float, float, float, float]  # x, y, width, height in page space
    question: str  # the question (or table cell) it answers


@dataclass
class Piece:
    label: str  # for messages: "question '1a-3'"
    height: float
    paint: Callable[[float, float], list[Spot]]  # (left x, top y) -> its fields
    space_before: float = 0.0  # left out at the top of a page
    keep_with_next: bool = False
    repeat: bool = False
    question: str | None = None  # the question id whose text and answer room it holds


@dataclass
class Placed:
    piece: Piece
    top: float  # distance from the top of the page's body


@dataclass
class Flow:
    pages: list[list[Placed]] = field(default_factory=list)
    too_tall: list[Piece] = field(default_factory=list)  # pieces taller than a page


def paginate(pieces: list[Piece], first: float, rest: float) -> Flow:
    """Place pieces on pages whose bodies are `first` (page 1) and `rest` tall."""
    flow, used, repeat = Flow([[]]), 0.0, None
    for group in _groups(pieces):
        room = rest if len(flow.pages) > 1 else first
        if flow.pages[-1] and used + _height(group, False) > room:
            flow.pages.append([])
            used = 0.0
            if repeat is not None and group[0] is not repeat:
                flow.pages[-1].append(Placed(repeat, 0.0))
                used = repeat.height
        for piece in group:
            gap = piece.space_before if flow.pages[-1] else 0.0
            if piece.height > rest:
                flow.too_tall.append(piece)
            flow.pages[-1].append(Placed(piece, used + gap))
            used += gap + piece.height
            if piece.repeat:
                repeat = piece
    return flow


def _groups(pieces: list[Piece]) -> list[list[Piece]]:
    """Runs of pieces kept with the piece after them, each with that piece."""
    groups, current = [], []
    for piece in pieces:
        current.append(piece)
        if not piece.keep_with_next:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return groups


def _height(group: list[Piece], at_top: bool) -> float:
    spaces = sum(p.space_before for p in group[1:])
    return sum(p.height for p in group) + spaces + (0.0 if at_top else group[0].space_before)
