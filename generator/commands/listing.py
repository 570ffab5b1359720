"""`workshop list`: the decks, layouts, sheets and brands a kit can use, one per line."""

from __future__ import annotations

from ..errors import InputError
from ..layouts import is_abstract
from ..project import Project


def list_kit(project: Project) -> list[str]:
    lines = []
    for name in project.deck_names():
        lines.append(f"deck    {name:<16} {_describe(lambda n=name: _deck_line(project, n))}")
    for name in project.layouts.names():
        lines.append(f"layout  {name:<16} {_describe(lambda n=name: _layout_line(project, n))}")
    for name in project.sheets.names():
        lines.append(f"sheet   {name:<16} {_describe(lambda n=name: project.sheet(n).description)}")
    for name in project.brand_names():
        lines.append(f"brand   {name:<16} {_describe(lambda n=name: project.brand(n).name)}")
    return lines


def _deck_line(project: Project, name: str) -> str:
    deck = project.deck(name)
    extra = f" + {len(deck.responses)} response cards" if deck.responses else ""
    return f"{deck.title} ({len(deck.cards)} cards{extra})"


def _layout_line(project: Project, name: str) -> str:
    if is_abstract(project.layouts, name):
        return "(base for other layouts)"
    layout = project.layout(name)
    return layout.description or f"{layout.width:.0f} x {layout.height:.0f} pt"


def _describe(line) -> str:
    try:
        return line()
    except InputError as exc:
        return f"(invalid: {len(exc.problems)} problem(s); run workshop validate)"
