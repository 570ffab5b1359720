"""Pieces that flow down pages, as pure geometry: a piece is never split (a question
and its room to answer stay on one page), a piece marked keep_with_next goes to the
page of the piece after it (a section's title never ends a page), and a piece marked
repeat (a table's column titles) is placed again at the top of each later page.

A last page that would hold one item alone, after a page of several, is avoided as a
typesetter would: `balance` moves items from the page before it so that both hold at
least two (the planner first tries to take lines from the answers, pages.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

MIN_ITEMS = 2  # items a last page holds, when the page before it can spare them


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


@dataclass(frozen=True)
class TooTall:
    """Pieces that must share a page (a section's title and its first question, or one
    question) taller than the body of the page they are on."""

    label: str
    height: float
    room: float


@dataclass
class Flow:
    pages: list[list[Placed]] = field(default_factory=list)
    too_tall: list[TooTall] = field(default_factory=list)

    def items(self, page: int) -> int:
        """The questions (and table rows) on a page."""
        return sum(1 for placed in self.pages[page] if placed.piece.question)

    def lone_last(self) -> bool:
        """Whether the last page holds a lone item after a page of several."""
        return len(self.pages) > 1 and self.items(-1) == 1 and self.items(-2) > 1


def paginate(pieces: list[Piece], first: float, rest: float, breaks=frozenset()) -> Flow:
    """Place pieces on pages whose bodies are `first` (page 1) and `rest` tall; a group
    whose index is in `breaks` starts a page."""
    flow, used, repeat = Flow([[]]), 0.0, None
    for index, group in enumerate(_groups(pieces)):
        room = rest if len(flow.pages) > 1 else first
        full = used + _height(group, False) > room or index in breaks
        if flow.pages[-1] and full:
            flow.pages.append([])
            room, used = rest, 0.0
            if repeat is not None and group[0] is not repeat:
                flow.pages[-1].append(Placed(repeat, 0.0))
                used = repeat.height
        if used + _height(group, not flow.pages[-1]) > room + 1e-6:
            flow.too_tall.append(TooTall(_label(group), _height(group, True), room - used))
        for piece in group:
            gap = piece.space_before if flow.pages[-1] else 0.0
            flow.pages[-1].append(Placed(piece, used + gap))
            used += gap + piece.height
            if piece.repeat:
                repeat = piece
    return flow


def balance(pieces: list[Piece], first: float, rest: float) -> Flow:
    """The flow of `paginate`, with items moved from the page before a last page that
    would hold one alone, as long as each of the two keeps at least MIN_ITEMS."""
    flow, groups = paginate(pieces, first, rest), _groups(pieces)
    while flow.lone_last() and flow.items(-2) > MIN_ITEMS:
        start = _first_group(groups, flow.pages[-1])
        # the page before the last one ends a group earlier; the rest flows on
        moved = paginate(pieces, first, rest, frozenset({start - 1}))
        if len(moved.pages) != len(flow.pages) or moved.items(-2) < MIN_ITEMS:
            break
        flow = moved
    return flow


def _first_group(groups: list[list[Piece]], page: list[Placed]) -> int:
    """The index of the first group that starts on `page` (a repeated piece is not one)."""
    first = next(placed.piece for placed in page if not placed.piece.repeat)
    return next(index for index, group in enumerate(groups) if group[0] is first)


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


def _label(group: list[Piece]) -> str:
    if len(group) == 1:
        return group[0].label
    return f"{group[-1].label} with the {' and '.join(p.label for p in group[:-1])} before it"
