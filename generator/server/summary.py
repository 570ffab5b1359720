"""What the trainer's board shows, computed from the latest submissions: per success
factor the ja/twijfel/nee tallies, and per form (a question card, a worksheet) the
free-text answers of every team, each under its question."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from ..answers.forms import Form, VoteChoice
from ..answers.model import COMMENT, VOTE, Submission
from ..answers.votes import VOTE_VALUES


@dataclass(frozen=True)
class Tally:
    form: Form
    counts: dict[str, int]  # vote -> teams, in VOTE_VALUES order
    choices: dict[str, VoteChoice] = field(default_factory=dict)  # vote -> its word and symbol
    comments: list[tuple[int, str]] = field(default_factory=list)  # (team, comment)
    scans: int = 0

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
    scans: int = 0


def tallies(forms, latest: list[Submission], scans: Counter) -> list[Tally]:
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
                _scans(form, scans),
            )
        )
    return found


def form_answers(forms, latest: list[Submission], scans: Counter) -> list[FormAnswers]:
    """The free-text answers per form that asks for text, each (question, answer) labelled
    with what the form asks under that key."""
    return [
        FormAnswers(
            form,
            [
                (s.team, s.version, tuple((form.label(k), a) for k, a in s.answers))
                for s in _of(form, latest)
            ],
            _scans(form, scans),
        )
        for form in forms
        if not form.voting
    ]


def _of(form: Form, latest: list[Submission]) -> list[Submission]:
    return sorted(
        (s for s in latest if s.material == form.material and s.form == form.id),
        key=lambda s: s.team,
    )


def _scans(form: Form, scans: Counter) -> int:
    return sum(n for t, n in scans.items() if t.material == form.material and t.form == form.id)
