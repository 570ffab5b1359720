"""A poster's overview: the page behind the code on a poster. A poster hangs for every
team, so its link names none (team NO_TEAM); the page asks which team is scanning and
then links that team's forms of what the poster shows:
- a deck's poster: each answerable card of the deck, in order;
- a worksheet's poster (table 1): that worksheet's form;
- poster content: the phases (fasen) lead to the kit's worksheets, the others (the
  tips, the study) to every form of the kit, grouped by material.
Only forms the kit lists have links, and only links the server resolves are shown.
Nothing is stored: the page is a GET form and a list."""

from __future__ import annotations

from dataclasses import dataclass

from ..answers.forms import Form
from ..answers.links import Links, Target, code_for
from ..kinds.codes import NO_TEAM, OVERVIEW
from ..kinds.deck.content import Deck
from ..kinds.worksheet.content import Worksheet
from ..kit.project import Project

# poster content whose overview lists the kit's worksheets only (the phases are worked
# through on the phase worksheets); any other lists every form of the kit
WORKSHEET_POSTERS = frozenset({"fasen"})
MAX_TEAM = 200  # as many as `workshop deck --teams` prints (the page's number input)

Group = tuple[str, tuple[Form, ...]]  # (a material's title, or "" for the only group; forms)


@dataclass(frozen=True)
class Overview:
    title: str  # the poster's
    colour: str  # the brand colour role of its pages
    groups: tuple[Group, ...]


def kit_overviews(project: Project, forms: dict[tuple[str, str], Form]) -> dict[str, Overview]:
    """The overview of every poster the kit lists, by poster name; `forms` are the
    kit's (targets.kit_forms)."""
    kit = project.kit()
    listed = [m for m in kit.materials if m.kind != "poster"]
    titles = {m.name: project.material(m.kind, m.name).title for m in listed}
    overviews = {}
    for material in kit.materials:
        if material.kind != "poster":
            continue
        content = project.material("poster", material.name)
        colour = content.colour if isinstance(content, Deck) else "primary"
        groups = _groups(material.name, content, forms.values(), listed, titles)
        overviews[material.name] = Overview(content.title, colour, groups)
    return overviews


def _groups(name: str, content, forms, listed, titles: dict[str, str]) -> tuple[Group, ...]:
    if isinstance(content, Deck | Worksheet):
        return (("", tuple(f for f in forms if f.material == content.name)),)
    if name in WORKSHEET_POSTERS:
        sheets = {m.name for m in listed if m.kind == "worksheet"}
        return (("", tuple(f for f in forms if f.material in sheets)),)
    grouped = ((titles[m.name], tuple(f for f in forms if f.material == m.name)) for m in listed)
    return tuple((title, found) for title, found in grouped if found)


def overview_of(overviews: dict[str, Overview], target: Target) -> Overview | None:
    """The overview a resolved code leads to, or None if it leads to a form."""
    if target.team != NO_TEAM or target.card != OVERVIEW:
        return None
    return overviews.get(target.deck)


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
