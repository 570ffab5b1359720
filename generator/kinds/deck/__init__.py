"""A card deck: which faces are printed, imposed on sheets, drawn front and back.

This module declares the kind with light imports only (content, forms, layouts,
checks): the answer server and a build of other kinds use it without loading reportlab.
The drawing modules are imported by `build`, when a deck is drawn."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from ...errors import Policy, Problems
from ...kit.kitfile import Material
from ...kit.words import words
from ..codes import link_for, team_label
from ..kind import Built, Command, CommandOption, Kind, Options
from .checks import check_card_layout, contrast_warnings
from .content import DECK_FILE, Deck, make_deck
from .forms import deck_forms
from .layout import load_layout
from .medium import medium_for
from .results import deck_results
from .wall import deck_wall

if TYPE_CHECKING:
    from .faces import DeckStyle, Face


def printed_faces(deck: Deck, options: Options, per_sheet: int, language: str) -> list[Face | None]:
    """Every card once per team, each team's set from a fresh sheet, each card with its
    own URL; then, from a fresh sheet, the response cards: one of each colour per
    participant, a participant's set side by side. None marks a slot left empty."""
    from .faces import Face

    result: list[Face | None] = []
    for team in range(1, options.teams + 1):
        result += [None] * (-len(result) % per_sheet)
        label = team_label(team, options, language)
        for card in deck.cards:
            url, shown = (None, None)
            if card.answerable:
                url, shown = link_for(deck.name, card.id, team, options)
            face = Face(card.kind, card=card, team=team, url=url, shown=shown, stack=label)
            result.append(face)
    if deck.responses and options.participants:
        result += [None] * (-len(result) % per_sheet)
        for _ in range(options.participants):
            result += [Face("response", response=r) for r in deck.responses]
    return result


def build(project, material: Material, options: Options, target: Path | None) -> Built:
    """Draw the deck; write it to `target`, or nowhere when target is None (validate)."""
    from ...print.document import open_document, save
    from ...print.fonts import register
    from .faces import CardPainter, DeckStyle

    deck = project.material("deck", material.name)
    layout = project.layout(material.layout, "deck")
    brand = project.brand(project.kit().brand)
    language = deck.language or options.language
    content_file = project.show(project.root / "content" / f"{material.name}.yaml")
    press = options.press
    style = DeckStyle(
        deck,
        layout,
        brand,
        register(brand),
        project.kit().title,
        words(language),
        options.session,
        Problems(Policy.of(options), deck.name, content_file, locate=project.locate(deck.name)),
        options.url_origin,
        bleed=press.bleed if press.shop else 0.0,
    )
    medium = medium_for(project, press, layout)
    printed = printed_faces(deck, options, medium.slots, language)

    canvas = open_document(
        target,
        medium.sheet,
        title=f"{deck.title} ({brand.name})",
        subject=f"{words(language).source}: {deck.source}",
        author=brand.owner,
        font_name=style.fonts.name("regular"),
        lang=words(language).tag,
        color=options.color,
        page=medium.page,
        inks=brand.inks,
    )
    painter = CardPainter(canvas, style)
    pages = medium.draw(canvas, painter, printed, _teller(options, material, printed))
    warnings = _raise_errors(style)
    if target is not None:
        save(canvas)
    cards = sum(1 for face in printed if face)
    return Built(material.name, pages, cards, warnings)


def _teller(options: Options, material: Material, printed) -> Callable[[int], None]:
    """Reports cards done after each sheet (slots up to `end`), if anyone listens."""
    total = sum(1 for face in printed if face)

    def tell(end: int) -> None:
        if options.progress is not None:
            options.progress(material.name, sum(1 for face in printed[:end] if face), total)

    return tell


def _raise_errors(style: DeckStyle) -> tuple[str, ...]:
    """Stop on the deck's errors (missing glyphs among them, each said where its text
    is written); its warnings otherwise."""
    style.problems.extend(style.fonts.missing_glyphs(style.problems.locate))
    return style.problems.stop("the deck cannot be printed as asked")


def branded_answers(deck: Deck, words: Mapping[str, str]) -> Deck:
    """The deck with each response card's word replaced by the brand's for its vote."""
    responses = tuple(replace(r, word=words.get(r.colour, r.word)) for r in deck.responses)
    return replace(deck, responses=responses)


def describe(deck: Deck) -> str:
    extra = f" + {len(deck.responses)} response cards" if deck.responses else ""
    return f"{deck.title} ({len(deck.cards)} cards{extra})"


def with_participants(options: Options, given) -> Options:
    """`--participants N` replaces the kit's number of response-card sets."""
    if given.get("participants") is None:
        return options
    return replace(options, participants=given["participants"])


COMMAND = Command(
    """Build one card deck into output/<session>/: elementen, vijf-vs or succesfactoren.

    Example: workshop deck elementen --teams 4 --session 2026-11-noord
    """,
    (
        CommandOption(
            "--participants",
            "Response cards: one green, orange and red card per participant (in total).",
            span=(0, 500),
        ),
    ),
)


KIND = Kind(
    name="deck",
    plural="decks",
    content=DECK_FILE,
    make=make_deck,
    describe=describe,
    load_layout=lambda project, name, named_at: load_layout(project.layouts, name, named_at),
    check_layout=check_card_layout,
    warnings=contrast_warnings,
    build=build,
    command=COMMAND,
    wall=deck_wall,
    answers=branded_answers,
    options=with_participants,
    describe_layout=lambda layout: (
        layout.description or f"{layout.width:.0f} x {layout.height:.0f} pt"
    ),
    forms=deck_forms,
    results=deck_results,
    imposed=True,
)
