"""The booklet of free-text answers: per deck, per question card its title, each
question and each team's answer, and the comments on a factor's votes; flowing over as
many pages as it takes (long answers wrap and break across pages).

Cards nobody wrote anything on are not printed in full: they are listed in one line at
the end of their deck, so the booklet shows they were not forgotten.
"""

from __future__ import annotations

from reportlab.platypus import CondPageBreak, Paragraph

from ..kit.units import MM
from ..print.text import escape  # saxutils' own would import urllib, http and ssl
from .look import Look

SIZE = 9.5  # answers and questions


def booklet(look: Look, decks) -> list:
    """The flowables of the booklet for DeckResults that have any card."""
    story = []  # the pages before (title, rankings) end in a page break
    for found in decks:
        story += _deck(look, found)
    return story


def _deck(look: Look, found) -> list:
    said = look.words.results
    heading = look.style("deck", 15, bold=True, spaceBefore=14, spaceAfter=4, keepWithNext=1)
    story = [
        CondPageBreak(60 * MM),
        Paragraph(_text(look, f"{said.answers}: {found.deck.title}"), heading),
    ]
    words = {r.colour: r.word for r in found.deck.responses}
    for card in found.answers:
        if not card.empty:
            story += _card(look, card, words)
    unanswered = [_card_name(c.card) for c in found.answers if c.empty]
    if unanswered:
        label = said.uncommented if found.deck.responses else said.unanswered
        line = _bold(look, f"{label}:") + " "
        line += "; ".join(_text(look, name) for name in unanswered)
        story.append(Paragraph(line, _styles(look)["note"]))
    return story


def worksheet_booklet(look: Look, sheets) -> list:
    """The flowables of the worksheets' answers: per worksheet (title, questions), where
    `questions` is [(question, [(team, answer), ...]), ...] for each question answered,
    in the worksheet's order."""
    said, styles = look.words.results, _styles(look)
    heading = look.style("sheet", 15, bold=True, spaceBefore=14, spaceAfter=4, keepWithNext=1)
    story = []
    for title, questions in sheets:
        story += [
            CondPageBreak(60 * MM),
            Paragraph(_text(look, f"{said.answers}: {title}"), heading),
        ]
        for question, given in questions:
            story.append(Paragraph(_text(look, question), styles["question"]))
            story += [_answer(look, team, "", answer) for team, answer in given]
    return story


def _card(look: Look, found, vote_words: dict[str, str]) -> list:
    styles = _styles(look)
    story = [Paragraph(_text(look, _card_name(found.card)), styles["card"])]
    for question, given in found.questions:
        if not given and vote_words:  # a factor's question: what the comments are about
            story.append(Paragraph(_text(look, question), styles["context"]))
            continue
        story.append(Paragraph(_text(look, question), styles["question"]))
        if not given:
            story.append(Paragraph("–", styles["none"]))
        story += [_answer(look, team, "", answer) for team, answer in given]
    if found.comments:
        story.append(Paragraph(look.words.results.comments, styles["question"]))
        for team, vote, comment in found.comments:
            story.append(_answer(look, team, vote_words.get(vote, vote), comment))
    return story


def _answer(look: Look, team: int, vote: str, answer: str) -> Paragraph:
    label = f"{look.words.team} {team}" + (f" · {vote}" if vote else "")
    body = _text(look, answer).replace("\n", "<br/>")
    return Paragraph(f"{_bold(look, label)}  {body}", _styles(look)["answer"])


def _bold(look: Look, value: str) -> str:
    """Inline bold in the brand's bold font (<b> would look for a font family)."""
    return f'<font name="{look.font("bold")}">{_text(look, value)}</font>'


def _card_name(card) -> str:
    return f"{card.number}. {card.title}" if card.number is not None else card.title


def _text(look: Look, value: str) -> str:
    """Text as a paragraph shows it literally: characters the fonts lack replaced,
    & < > escaped, line breaks kept."""
    return escape(look.clean(value.replace("\r\n", "\n").replace("\r", "\n")))


def _styles(look: Look) -> dict:
    muted = look.colour("muted")
    return {
        "card": look.style("card", 12, bold=True, spaceBefore=10, spaceAfter=2, keepWithNext=1),
        "question": look.style("question", SIZE, bold=True, spaceBefore=5, keepWithNext=1),
        "context": look.style("context", SIZE, spaceBefore=5, keepWithNext=1),
        "answer": look.style("answer", SIZE, leftIndent=5 * MM, spaceBefore=2),
        "none": look.style("none", SIZE, leftIndent=5 * MM, textColor=muted),
        "note": look.style("note", SIZE, spaceBefore=10, textColor=muted),
    }
