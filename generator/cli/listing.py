"""`workshop list`: the content (decks, worksheets), layouts, sheets and brands of a kit,
one per line."""

from __future__ import annotations

from ..errors import InputError
from ..kinds import KINDS
from ..kit.catalogue import is_abstract, resolve_raw
from ..kit.project import Project


def list_kit(project: Project) -> list[str]:
    lines = []
    for name in project.content_names():
        kind, line = _content_line(project, name)
        lines.append(f"{kind:<9} {name:<24} {line}")
    for name in project.layouts.names():
        lines.append(f"layout    {name:<24} {_describe(lambda n=name: _layout_line(project, n))}")
    for name in project.sheets.names():
        lines.append(
            f"sheet     {name:<24} {_describe(lambda n=name: project.sheet(n).description)}"
        )
    for name in project.brand_names():
        lines.append(f"brand     {name:<24} {_describe(lambda n=name: project.brand(n).name)}")
    return lines


def _content_line(project: Project, name: str) -> tuple[str, str]:
    """(kind, description) of a content file; an invalid file says so."""
    try:
        content, raw = project.content(name)
    except InputError as exc:
        return "content", f"(invalid: {len(exc.problems)} problem(s); run workshop validate)"
    return raw["type"], KINDS[raw["type"]].describe(content)


def _layout_line(project: Project, name: str) -> str:
    if is_abstract(project.layouts, name):
        return "(base for other layouts)"
    kind = project.layout_kind(name)
    layout = project.layout(name, kind)  # loaded so that an invalid layout says so
    if KINDS[kind].describe_layout:
        return KINDS[kind].describe_layout(layout)
    description = resolve_raw(project.layouts, name).get("description")
    return f"{description} ({kind})" if description else f"({kind})"


def _describe(line) -> str:
    try:
        return line()
    except InputError as exc:
        return f"(invalid: {len(exc.problems)} problem(s); run workshop validate)"
