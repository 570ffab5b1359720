"""Which codes a server resolves: every form of every material the kit lists (a deck's
answerable cards, a worksheet), for every team up to `teams`, in every session it
serves; and every poster's overview (team NO_TEAM: the page asks the team). Codes are
HMACs, so the server computes them all up front (a few thousand a session) instead of
storing any."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..answers.forms import Form
from ..answers.links import LinkError, Links, Target
from ..errors import BuildError
from ..kinds import KINDS
from ..kinds.codes import NO_TEAM, OVERVIEW
from ..kit.project import Project

DEFAULT_TEAMS = 200  # as many as `workshop deck --teams` prints; resolving them is cheap


def kit_forms(project: Project) -> dict[tuple[str, str], Form]:
    """Every form of the kit's materials, in the kit's order, by (material, form id):
    the deck and card of the Target its short links stand for."""
    kit = project.kit()
    found: dict[tuple[str, str], Form] = {}
    for material in kit.materials:
        content = project.material(material.kind, material.name)
        for form in KINDS[material.kind].forms(content, kit.language):
            found[(material.name, form.id)] = form
    return found


def served_targets(project: Project, sessions: Sequence[str], teams: int) -> Iterator[Target]:
    forms = kit_forms(project)
    posters = [m.name for m in project.kit().materials if KINDS[m.kind].overview]
    for session in dict.fromkeys(sessions):
        for name, form_id in forms:
            for team in range(1, teams + 1):
                yield Target(session, name, form_id, team)
        for name in posters:
            yield Target(session, name, OVERVIEW, NO_TEAM)


def served_links(project: Project, sessions: Sequence[str], teams: int, secret: bytes) -> Links:
    try:
        return Links(secret, served_targets(project, sessions, teams))
    except LinkError as exc:
        raise BuildError(
            f"two forms share a short link ({exc}); use another session code"
        ) from None
