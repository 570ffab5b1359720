"""Which codes a server resolves: every answerable card of every deck the kit lists,
for every team up to `teams`, in every session it serves. Codes are HMACs, so the
server computes them all up front (a few thousand a session) instead of storing any."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from ..errors import BuildError
from ..links import LinkError, Links, Target
from ..project import Project

DEFAULT_TEAMS = 200  # as many as `workshop deck --teams` prints; resolving them is cheap


def served_targets(project: Project, sessions: Sequence[str], teams: int) -> Iterator[Target]:
    decks = dict.fromkeys(m.name for m in project.kit().materials if m.kind == "deck")
    for session in dict.fromkeys(sessions):
        for name in decks:
            for card in project.deck(name).cards:
                if card.answerable:
                    for team in range(1, teams + 1):
                        yield Target(session, name, card.id, team)


def served_links(project: Project, sessions: Sequence[str], teams: int, secret: bytes) -> Links:
    try:
        return Links(secret, served_targets(project, sessions, teams))
    except LinkError as exc:
        raise BuildError(
            f"two cards share a short link ({exc}); use another session code"
        ) from None
