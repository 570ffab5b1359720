"""What teams submit: one submission per card, team and version, holding the answer to
each question of the card (or a vote and a comment). Shared by the store, the server,
the CSV import and the results material, so they never disagree on the shape."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

VOTE = "vote"  # the field of a success-factor card's ja/twijfel/nee vote
COMMENT = "comment"  # its optional comment
MAX_ANSWER = 2000  # characters in one free-text answer


@dataclass(frozen=True)
class Submission:
    session: str
    material: str  # the material's name (a deck's, a worksheet's)
    form: str  # the form's id in it (a card's; a worksheet's own name)
    team: int
    version: int  # 1 for the first submission of this card by this team, then 2, ...
    submitted_at: datetime  # timezone-aware, UTC
    answers: tuple[tuple[str, str], ...]  # (question or VOTE/COMMENT, answer), in order

    def answer(self, question: str) -> str:
        return dict(self.answers).get(question, "")


def latest(submissions) -> list[Submission]:
    """The newest version per (session, material, form, team): what results count."""
    newest: dict[tuple, Submission] = {}
    for item in submissions:
        key = (item.session, item.material, item.form, item.team)
        if key not in newest or item.version > newest[key].version:
            newest[key] = item
    return sorted(newest.values(), key=lambda s: (s.session, s.material, s.form, s.team))
