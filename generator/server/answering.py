"""Turning a posted form into answers to store, and stored answers back into a form.

Material, form, team and session come from the resolved short link, never from the
posted form: that only carries the answers, each checked against what the form asks.
Fields the form does not ask are ignored (never stored)."""

from __future__ import annotations

from collections.abc import Mapping

from ..answers.forms import TICK, TICKED, Form, FormQuestion
from ..answers.model import COMMENT, MAX_ANSWER, VOTE

# a text area's height on a phone, in rows: the question's room to write on paper, kept
# within what a phone shows at once (the area grows as one types beyond it)
ROWS = 5  # without lines of its own (as the cards have always had)
COMMENT_ROWS = 3  # a tick's comment without lines of its own
MIN_ROWS, MAX_ROWS = 2, 10


class Refused(ValueError):
    """A posted form that is not stored; `reason` names the text to show."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def answers_from(form: Form, posted: Mapping[str, str]) -> list[tuple[str, str]]:
    """The answers to store from a posted form, in the form's order, or Refused."""
    if form.voting:
        vote = posted.get(VOTE, "")
        if vote not in {c.value for c in form.choices}:
            raise Refused("unknown_vote")
        comment = _text(posted, COMMENT)
        return [(VOTE, vote)] + ([(COMMENT, comment)] if comment else [])
    answers = []
    for question in form.questions:
        if question.kind == TICK:
            value = posted.get(question.field, "")
            if value not in ("", TICKED):
                raise Refused("unknown_tick")
        else:
            value = _text(posted, question.field)
        answers.append((question.key, value))
    filled = [(key, answer) for key, answer in answers if answer]
    if not filled:
        raise Refused("nothing_filled")
    return filled


def prefill(form: Form, answers) -> dict[str, str]:
    """Form values from a stored submission, to change it."""
    stored = dict(answers)
    if form.voting:
        return {COMMENT: stored.get(COMMENT, ""), VOTE: stored.get(VOTE, "")}
    return {q.field: stored.get(q.key, "") for q in form.questions}


def shown(form: Form, answers, comment_label: str) -> list[tuple[str, str]]:
    """A stored submission as a page lists it: (label, answer), the vote as symbol and
    word without a label, the comment under the page's own word for it, a tick as ✓."""
    if form.voting:
        words = {c.value: f"{c.symbol} {c.word}" for c in form.choices}
        labels = {VOTE: "", COMMENT: comment_label}
        return [
            (labels.get(key, key), words.get(answer, answer) if key == VOTE else answer)
            for key, answer in answers
        ]
    ticks = {q.key for q in form.questions if q.kind == TICK}
    return [(form.label(key), f"✓ {answer}" if key in ticks else answer) for key, answer in answers]


def rows(question: FormQuestion) -> int:
    asked = question.lines or (COMMENT_ROWS if question.of else ROWS)
    return min(max(asked, MIN_ROWS), MAX_ROWS)


def _text(posted: Mapping[str, str], name: str) -> str:
    value = posted.get(name, "").replace("\r\n", "\n").strip()
    if len(value) > MAX_ANSWER:
        raise Refused("too_long")
    return value
