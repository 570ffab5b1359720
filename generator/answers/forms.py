"""What a team answers, the same on paper, on screen and on a phone: a material's forms.

Each kind of material makes its forms from its content (`Kind.forms`): a deck one per
answerable card, a worksheet one for the whole sheet. A form's short link is
Target(session, form.material, form.id, team); its answers are stored under each
question's `key`, so every place that shows or prints them finds them by that key.
"""

from __future__ import annotations

from dataclasses import dataclass

TEXT = "text"  # a text area (a multi-line field on paper)
TICK = "tick"  # a check box: ticked or not
QUESTION_KINDS = (TEXT, TICK)
TICKED = "ja"  # the one value a ticked box is stored as


@dataclass(frozen=True)
class VoteChoice:
    """One vote button: the stored value (a response colour), its word and symbol."""

    value: str
    word: str
    symbol: str


@dataclass(frozen=True)
class FormQuestion:
    field: str  # the field's name: in the phone's form and the PDF (q1, 1a-2, ...)
    text: str  # what is asked: the field's label
    kind: str  # TEXT or TICK
    key: str  # what the answer is stored under
    lines: int | None = None  # room to write, in lines; None: the page's default
    hint: tuple[str, ...] = ()  # printed text that goes with it (a table cell's)
    of: str = ""  # the field of the tick this text comments on; "" if its own question

    def __post_init__(self) -> None:
        if self.kind not in QUESTION_KINDS:
            raise ValueError(f"question kind {self.kind!r}, expected one of {QUESTION_KINDS}")


@dataclass(frozen=True)
class FormSection:
    """A heading and the questions under it; a form without parts has one untitled."""

    title: str
    questions: tuple[FormQuestion, ...]
    intro: tuple[str, ...] = ()


@dataclass(frozen=True)
class Form:
    material: str  # the material's name: deck or worksheet (the Target's `deck`)
    id: str  # the form's id in it: a card's id, a worksheet's name (the Target's `card`)
    title: str
    sections: tuple[FormSection, ...] = ()
    choices: tuple[VoteChoice, ...] = ()  # a vote's buttons (a success factor); else empty
    intro: tuple[str, ...] = ()  # paragraphs above the questions
    prompts: tuple[str, ...] = ()  # a vote's questions, shown as text
    heading: str = ""  # the material's title above the form's, if it has one of its own
    number: int | None = None  # the card's or phase's number, shown before the title
    colour: str = "primary"  # the brand colour role of its pages

    @property
    def voting(self) -> bool:
        return bool(self.choices)

    @property
    def questions(self) -> tuple[FormQuestion, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    def label(self, key: str) -> str:
        """What a stored answer's key stands for, to show beside the answer: the question
        (a tick's comment with its tick's text); a key the form does not ask, as it is."""
        by_field = {q.field: q for q in self.questions}
        for question in self.questions:
            if question.key == key:
                tick = by_field.get(question.of)
                return f"{tick.text} – {question.text}" if tick else question.text
        return key
