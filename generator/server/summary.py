"""What the trainer's board shows, computed from the latest submissions: per success
factor the ja/twijfel/nee tallies, and per form (a question card, a worksheet) the
free-text answers of every team, each under its question. With a forward template the
answers go to the external form and the board only has the scans: how often, and by how
many teams, each form was opened."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..answers.forms import Form, VoteChoice
from ..answers.model import COMMENT, VOTE, Submission
from ..answers.votes import VOTE_VALUES, rank_key


@dataclass(frozen=True)
class Tally:
    form: Form
    counts: dict[str, int]  # vote -> teams, in VOTE_VALUES order
    choices: dict[str, VoteChoice] = field(default_factory=dict)  # vote -> its word and symbol
    comments: list[tuple[int, str]] = field(default_factory=list)  # (team, comment)

    @property
    def key(self) -> str:
        return f"{self.form.material}/{self.form.id}"

    @property
    def voted(self) -> int:
        return sum(self.counts.values())


@dataclass(frozen=True)
class FormAnswers:
    form: Form
    teams: list[tuple[int, int, tuple[tuple[str, str], ...]]]  # (team, version, answers)


@dataclass(frozen=True)
class Openings:
    form: Form
    count: int  # times its links were opened
    teams: int  # by this many teams


def tallies(forms, latest: list[Submission]) -> list[Tally]:
    """One tally per voting form."""
    found = []
    for form in (f for f in forms if f.voting):
        mine = _of(form, latest)
        votes = Counter(s.answer(VOTE) for s in mine)
        found.append(
            Tally(
                form,
                {vote: votes[vote] for vote in VOTE_VALUES},
                {c.value: c for c in form.choices},
                [(s.team, s.answer(COMMENT)) for s in mine if s.answer(COMMENT)],
            )
        )
    return found


def form_answers(forms, latest: list[Submission]) -> list[FormAnswers]:
    """The free-text answers per form that asks for text, each (question, answer) labelled
    with what the form asks under that key."""
    return [
        FormAnswers(
            form,
            [
                (s.team, s.version, tuple((form.label(k), a) for k, a in s.answers))
                for s in _of(form, latest)
            ],
        )
        for form in forms
        if not form.voting
    ]


def openings(forms, scans: Counter) -> list[Openings]:
    """Every form, in the kit's order, with how often and by how many teams it was
    opened: all a server that forwards to an external form knows."""
    found = []
    for form in forms:
        mine = {t: n for t, n in scans.items() if (t.material, t.form) == (form.material, form.id)}
        found.append(Openings(form, sum(mine.values()), len({t.team for t in mine})))
    return found


def _of(form: Form, latest: list[Submission]) -> list[Submission]:
    return sorted(
        (s for s in latest if s.material == form.material and s.form == form.id),
        key=lambda s: s.team,
    )


# --- the presentation view: the ranking on a projector ---------------------------------


def ranking(votes: list[Tally], revealed: set[str]) -> list[Tally]:
    """The factors as the results poster ranks them (votes.rank_key: most nee, then most
    twijfel; equal ones in the deck's order), the revealed ones first. A hidden factor
    keeps its place in the deck's order after them: its rank would give its votes away."""
    shown = [t for t in votes if t.key in revealed]
    shown.sort(key=lambda t: rank_key(lambda vote: t.counts.get(vote, 0)))
    return shown + [t for t in votes if t.key not in revealed]


def team_votes(forms, latest: list[Submission]) -> dict[str, dict[int, str]]:
    """Per voting form (key deck/card) each team's latest vote."""
    return {
        f"{form.material}/{form.id}": {s.team: s.answer(VOTE) for s in _of(form, latest)}
        for form in forms
        if form.voting
    }
