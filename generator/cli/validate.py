"""`workshop validate`: every problem in the kit file, content, layouts and brand, and
everything a build would find while drawing (missing glyphs, text that does not fit,
QR modules too small), short of writing the files."""

from __future__ import annotations

from ..errors import InputError
from ..kinds import KINDS
from ..kinds.kind import Options
from ..kit.catalogue import is_abstract
from ..kit.project import Project
from .build import Result, build_all


def validate_kit(project: Project, options: Options) -> tuple[list[str], Result]:
    """Raise InputError or BuildError on any problem; return a summary of what was
    checked and the warnings a build would give."""
    problems = project.check_all(every_content=True)
    for name in project.layouts.names():
        if not is_abstract(project.layouts, name):
            problems += [p for p in project.check_layout(name) if p not in problems]
    if problems:
        raise InputError(problems)
    result = build_all(project, None, options)  # draws every material, writes nothing
    kit = project.kit()
    summary = [
        f"kit: {project.show(project.kit_file)} ({len(kit.materials)} materials, "
        f"{sum(b.pages for b in result.built)} pages drawn)",
        f"content: {_count_kinds(project)}",
        f"layouts: {len(project.layouts.names())}",
        f"brand: {kit.brand}",
    ]
    return summary, result


def _count_kinds(project: Project) -> str:
    """How many content files of each kind: '3 decks, 6 worksheets'."""
    kinds = [project.content(name)[1].get("type") for name in project.content_names()]
    counts = {kind: kinds.count(kind) for kind in dict.fromkeys(kinds)}
    return ", ".join(f"{n} {KINDS[k].plural if n != 1 else k}" for k, n in counts.items())
