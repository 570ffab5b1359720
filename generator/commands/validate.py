"""`workshop validate`: every problem in the kit file, content, layouts and brand."""

from __future__ import annotations

from ..errors import InputError
from ..layouts import is_abstract
from ..project import Project


def validate_kit(project: Project) -> list[str]:
    """Raise InputError listing every problem; return a summary of what was checked."""
    problems = project.check_all(every_deck=True)
    for name in project.layouts.names():
        if not is_abstract(project.layouts, name):
            problems += [p for p in project.check_layout(name) if p not in problems]
    if problems:
        raise InputError(problems)
    kit = project.kit()
    return [
        f"kit: {project.show(project.kit_file)} ({len(kit.materials)} materials)",
        f"content: {len(project.deck_names())} decks",
        f"layouts: {len(project.layouts.names())}",
        f"brand: {kit.brand}",
    ]
