"""A poster's overview: the page behind the code on a poster. A poster hangs for every
team, so its link names none (team NO_TEAM); the page asks which team is scanning and
then links that team's forms of what the poster shows (its kind says which:
Kind.overview). Only forms the kit lists have links, and only links the server
resolves are shown. Nothing is stored: the page is a GET form and a list."""

from __future__ import annotations

from dataclasses import dataclass

from ..answers.forms import Form
from ..answers.links import Links, Target, code_for
from ..kinds import KINDS
from ..kinds.codes import NO_TEAM, OVERVIEW
from ..kit.project import Project

MAX_TEAM = 200  # as many as `workshop deck --teams` prints (the page's number input)

Group = tuple[str, tuple[Form, ...]]  # (a material's title, or "" for the only group; forms)


@dataclass(frozen=True)
class Overview:
    title: str  # the poster's
    colour: str  # the brand colour role of its pages
    groups: tuple[Group, ...]


def kit_overviews(project: Project, forms: dict[tuple[str, str], Form]) -> dict[str, Overview]:
    """The overview of every material the kit lists whose kind has one (a poster), by
    name; `forms` are the kit's (targets.kit_forms)."""
    kit = project.kit()
    with_overview = [m for m in kit.materials if KINDS[m.kind].overview]
    listed = {
        m.name: (m.kind, KINDS[m.kind].title(project.material(m.kind, m.name)))
        for m in kit.materials
        if m not in with_overview
    }
    overviews = {}
    for material in with_overview:
        kind = KINDS[material.kind]
        content = project.material(material.kind, material.name)
        of = project.content_kind(material.name)
        colour, groups = kind.overview(material.name, content, of, listed, forms.values())
        overviews[material.name] = Overview(kind.title(content), colour, groups)
    return overviews


def overview_of(overviews: dict[str, Overview], target: Target) -> Overview | None:
    """The overview a resolved code leads to, or None if it leads to a form."""
    if target.team != NO_TEAM or target.form != OVERVIEW:
        return None
    return overviews.get(target.material)


def team_of(typed: str | None) -> int | None:
    """The team number typed in the page's form, or None if it cannot be one."""
    if typed is None or not (typed.isascii() and typed.isdigit()) or len(typed) > 3:
        return None
    team = int(typed)
    return team if 1 <= team <= MAX_TEAM else None


def team_links(
    overview: Overview, links: Links, session: str, team: int
) -> list[tuple[str, list[tuple[Form, str]]]]:
    """(group title, [(form, code)]) of one team's forms in a session, only the codes
    the server resolves (none for a team it does not serve)."""
    found = []
    for title, forms in overview.groups:
        entries = []
        for form in forms:
            target = Target(session, form.material, form.id, team)
            code = code_for(links.secret, target)
            if links.resolve(code) == target:
                entries.append((form, code))
        if entries:
            found.append((title, entries))
    return found
