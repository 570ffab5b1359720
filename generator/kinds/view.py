"""What a material shows on a wall, whatever content it is drawn from: a View, made by a
kind's `wall` hook (a deck's cards, a worksheet's table), by the poster from its own
content or from the results of a session, and drawn by kinds/poster/page.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .deck.content import Response


@dataclass(frozen=True)
class Entry:
    """An item of a grid: an element, a phase, a tip, a factor."""

    number: str
    title: str
    text: tuple[str, ...] = ()
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class Matrix:
    """Table 1: rows (layers) by columns (phases), the text of each cell."""

    corner: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...]], ...]  # (row title, its cells)


@dataclass(frozen=True)
class Ranked:
    """A factor on the results poster: its votes counted, and each team's vote."""

    number: str
    title: str
    counts: dict[str, int]  # vote colour -> teams
    marks: tuple[str | None, ...]  # per team (in View.teams order): its vote, or None


@dataclass(frozen=True)
class View:
    """What one poster shows, whatever content it is drawn from."""

    name: str
    title: str
    source: str
    colour: str = "primary"  # the brand role of the poster's colour
    subtitle: str = ""
    intro: tuple[str, ...] = ()
    figures: tuple[tuple[str, str], ...] = ()  # (value, label)
    votes: tuple[Response, ...] = ()  # the legend; with entries, room for votes beside each
    entries: tuple[Entry, ...] = ()
    shape: str = "grid"  # the entries as a grid, or as a "cycle": in order, back to the start
    matrix: Matrix | None = None
    ranking: tuple[Ranked, ...] = ()
    teams: tuple[int, ...] = ()
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (title, items)
    message: str = ""
    code: tuple[str, str] | None = None  # (what the code carries, what is printed)
