"""What one poster shows, whatever content it is drawn from (poster content, a deck, a
worksheet's table, the results of a session): kinds/poster/__init__.py makes a View,
kinds/poster/page.py draws it."""

from __future__ import annotations

from dataclasses import dataclass

from ..deck.content import Response


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
    matrix: Matrix | None = None
    ranking: tuple[Ranked, ...] = ()
    teams: tuple[int, ...] = ()
    groups: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (title, items)
    message: str = ""
    code: tuple[str, str] | None = None  # (what the code carries, what is printed)
