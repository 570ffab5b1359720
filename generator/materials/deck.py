"""A card deck: which faces are printed, imposed on sheets, drawn front and back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..model.content import Deck
from ..model.kit import Material
from ..plan import impose
from ..render.cards import CardPainter, DeckStyle, Face
from ..render.document import open_document
from ..render.fonts import register
from ..render.marks import draw_front_marks
from ..urls import form_url


@dataclass(frozen=True)
class Options:
    teams: int
    participants: int
    session: str
    form_url: str
    strict: bool = False


@dataclass(frozen=True)
class Built:
    name: str
    pages: int
    cards: int
    warnings: tuple[str, ...]


def faces(deck: Deck, options: Options, per_sheet: int) -> list[Face | None]:
    """Every card once per team, each with its own URL; then, from a fresh sheet, the
    response cards: one of each colour per participant, a participant's set side by
    side. None marks a slot left empty."""
    result: list[Face | None] = []
    for team in range(1, options.teams + 1):
        for card in deck.cards:
            url = None
            if card.answerable:
                url = form_url(
                    options.form_url,
                    deck=deck.name,
                    card=card.id,
                    team=team,
                    session=options.session,
                )
            result.append(Face(card.kind, card=card, team=team, url=url))
    if deck.responses and options.participants:
        result += [None] * (-len(result) % per_sheet)
        for _ in range(options.participants):
            result += [Face("response", response=r) for r in deck.responses]
    return result


def build(project, material: Material, options: Options, target: Path) -> Built:
    deck = project.deck(material.name)
    layout = project.layout(material.layout)
    sheet = project.sheet(layout.sheet)
    brand = project.brand(project.kit().brand)
    style = DeckStyle(deck, layout, brand, register(brand), project.kit().title)
    printed = faces(deck, options, sheet.slots)

    canvas = open_document(
        target,
        sheet,
        title=f"{deck.title} ({brand.name})",
        subject=f"Bron: {deck.source}",
        author=brand.name,
        font_name=style.fonts.name("regular"),
    )
    painter = CardPainter(canvas, style)
    plans = impose(sheet, layout.width, layout.height, len(printed))
    for plan in plans:
        draw_front_marks(canvas, sheet, layout.width, layout.height, style.fonts)
        for placement in plan.placements:
            if printed[placement.item]:
                painter.front(printed[placement.item], placement.front)
        canvas.showPage()
        for placement in plan.placements:
            if printed[placement.item]:
                painter.back(printed[placement.item], placement.back)
        canvas.showPage()
    _raise_errors(style, options)
    canvas.save()
    cards = sum(1 for face in printed if face)
    return Built(material.name, 2 * len(plans), cards, tuple(style.warnings))


def _raise_errors(style: DeckStyle, options: Options) -> None:
    errors = list(dict.fromkeys(style.errors))  # once each, not once per team
    for (role, where), chars in sorted(style.fonts.missing.items()):
        shown = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in sorted(chars))
        errors.append(
            f"{style.deck.name}: {where}: the brand's {role} font has no glyph for {shown}"
        )
    if options.strict:
        errors += [f"{w} (--strict)" for w in style.warnings]
    if errors:
        raise BuildError(
            "the deck cannot be printed as asked:\n" + "\n".join(f"  {e}" for e in errors)
        )
