"""Card faces: the boxes of a layout filled from a card, a response or the deck.

What is the same for every team (all but the QR code and its URL) is drawn once per
card as a PDF form XObject and placed again for each team: a deck for 20 teams costs
little more than the QR codes themselves.

`CardPainter` places the faces and draws what differs per team (the code block, print/
codeblock.py); `FaceBoxes` draws the boxes of a face: fills, the logo, the response
symbol and text, filled in by `face_blocks`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...errors import Problem, ProblemKind, Problems, Severity, shorten
from ...kit.brand import Brand
from ...kit.styles import TextStyle
from ...kit.units import MM
from ...kit.words import Words
from ...print import overflow, symbols, text
from ...print.codeblock import CodeBlock, CodeChecks, printed_link
from ...print.fonts import Fonts
from ...print.imposition import Rect
from ...print.logo import draw_logo
from ...print.palette import Palette
from .content import Card, Deck, Response
from .layout import Box, CardLayout, logo_sizes

DEFAULT_MIN_MODULE = 0.4 * MM
TEAM_FIELDS = ("team", "session", "team_label")  # template values that differ per team
CUT_OR_FIX = (
    "shorten the text, choose a layout with a larger box, or pass --allow-overflow to "
    "print it cut off with '…'"
)


@dataclass(frozen=True)
class Face:
    """One printed card: a content card (for a team) or a response card."""

    kind: str
    card: Card | None = None
    response: Response | None = None
    team: int | None = None
    url: str | None = None  # what the QR code carries
    shown: str | None = None  # what is printed beside it, for people to type
    stack: str = ""  # "Team 2 · 2026-11-noord": which stack the card belongs to

    @property
    def key(self) -> str:
        return f"card-{self.card.id}" if self.card else f"response-{self.response.id}"

    @property
    def label(self) -> str:
        return f"card '{self.card.id}'" if self.card else f"response card '{self.response.id}'"


@dataclass
class DeckStyle:
    """Everything a face needs besides its own content."""

    deck: Deck
    layout: CardLayout
    brand: Brand
    fonts: Fonts
    kit_title: str
    words: Words
    session: str
    problems: Problems = field(default_factory=Problems)
    url_origin: str = "form_url"  # where the URLs come from, to name in a message
    bleed: float = 0.0  # printed for a print shop: how far fills run past the trim
    palette: Palette = field(init=False)

    def __post_init__(self) -> None:
        self.palette = Palette(self.brand.colours, self.deck.colour)

    def palette_of(self, face: Face | None) -> Palette:
        """The colours of a face: `card` is a response card's own colour."""
        return self.palette.for_card(face.response.colour if face and face.response else None)


class CardPainter:
    def __init__(self, canvas, style: DeckStyle):
        self.canvas, self.style = canvas, style
        self.layout = style.layout
        self.boxes = FaceBoxes(canvas, style)
        self._forms: set[str] = set()
        self._codes: dict[str, CodeBlock] = {}  # per box: each reports its problems once

    # --- faces -------------------------------------------------------------------------
    def front(self, face: Face, rect: Rect) -> None:
        """What all teams share is one form; what differs per team is drawn on top."""
        boxes = self.layout.faces[face.kind]
        shared = tuple(b for b in boxes if not _per_team(b))
        self._place(f"front-{face.key}", rect, lambda: self.boxes.draw(face, shared))
        self.canvas.saveState()
        self.canvas.translate(rect.x, rect.y)
        self.boxes.draw(face, tuple(b for b in boxes if _per_team(b)))
        self.canvas.restoreState()
        for box in boxes:
            if box.content == "qr" and face.url:
                self._qr(face, box, rect)
            elif box.content == "url" and face.url:
                self._url(face, box, rect)

    def back(self, face: Face, rect: Rect) -> None:
        if face.kind in self.layout.back_as_front:
            self.front(face, rect)
        else:
            self._place("back", rect, lambda: self.boxes.draw(None, self.layout.back))

    def _place(self, name: str, rect: Rect, draw) -> None:
        if name not in self._forms:
            # the form's box clips: it holds the bleed, where fills run past the trim
            b, layout = self.style.bleed, self.layout
            self.canvas.beginForm(name, -b, -b, layout.width + b, layout.height + b)
            draw()
            self.canvas.endForm()
            self._forms.add(name)
        self.canvas.saveState()
        self.canvas.translate(rect.x, rect.y)
        self.canvas.doForm(name)
        self.canvas.restoreState()

    # --- the code block, per team ----------------------------------------------------------
    def _qr(self, face: Face, box: Box, rect: Rect) -> None:
        room = self._room(box, rect)
        size = min(box.width, box.height)
        x, y = room.x + (box.width - size) / 2, room.y + (box.height - size) / 2
        self._code_block(box).code(self.canvas, face.url, x, y, size)

    def _url(self, face: Face, box: Box, rect: Rect) -> None:
        style = self.layout.styles[box.style]
        colour = self.style.palette_of(face).colour(style.colour)
        link = printed_link(face.url, face.shown)
        where = f"{face.label}, box '{box.name}'"
        self._code_block(box).link(self.canvas, link, style, colour, self._room(box, rect), where)

    def _room(self, box: Box, rect: Rect) -> Rect:
        """A box on the card placed at `rect`, in page space."""
        x, y = self.boxes.frame(box)
        return Rect(rect.x + x, rect.y + y, box.width, box.height)

    def _code_block(self, box: Box) -> CodeBlock:
        if box.name not in self._codes:
            checks, style = card_code_checks(self.style, box), self.style
            self._codes[box.name] = CodeBlock(box.name, style.fonts, style.problems, checks)
        return self._codes[box.name]


def card_code_checks(style: DeckStyle, box: Box) -> CodeChecks:
    """A card's code box: modules at least its min_module; its URL box, in the words of
    the setting the URLs come from."""
    minimum, origin, layout = box.min_module or DEFAULT_MIN_MODULE, style.url_origin, style.layout

    def too_small(url: str, module: float) -> Problem:
        return Problem.drawn(
            ProblemKind.MODULE,
            f"{origin} gives URLs such as '{shorten(url)}' ({len(url)} characters): QR "
            f"modules would be {module / MM:.2f} mm, below the {minimum / MM:.2f} mm minimum "
            f"of box '{box.name}' in layout '{layout.name}'",
            fix=f"shorten {origin.split(' (')[0]} or make the box larger",
        )

    def left_off(link: str, text_style: TextStyle) -> Problem:
        return Problem.drawn(
            ProblemKind.LINK,
            f"{origin}: URLs such as '{shorten(link)}' do not fit box '{box.name}' at "
            f"{text_style.min_size:g}pt in layout '{layout.name}'; they are left off (the QR "
            f"code carries them)",
            severity=Severity.WARNING,
        )

    return CodeChecks(minimum, too_small, left_off)


class FaceBoxes:
    """The boxes of a face besides the code block: fills, the logo, the response symbol
    and text, drawn in card space."""

    def __init__(self, canvas, style: DeckStyle):
        self.canvas, self.style, self.layout = canvas, style, style.layout
        # the largest logo box: a raster logo is scaled for it, and embedded once
        self.logo_room = max(logo_sizes(self.layout), key=lambda s: s[0] * s[1], default=None)

    def draw(self, face: Face | None, boxes: tuple[Box, ...]) -> None:
        # panels (boxes with only a fill) go first, so a kind's panel never hides a
        # box it inherited
        palette = self.style.palette_of(face)
        for box in sorted(boxes, key=lambda b: b.content != "none"):
            if box.requires and not face_blocks(self.style, box.requires, box, face):
                continue
            if box.fill:
                self._fill(box, palette)
            if box.content in ("qr", "url", "none"):
                continue
            if box.content == "logo":
                self._logo(box)
            elif box.content == "symbol":
                self._symbol(box, face, palette)
            else:
                self._text(box, face, palette)

    def frame(self, box: Box) -> tuple[float, float]:
        """Bottom-left corner of a box in card space (boxes are measured from the top)."""
        return box.x, self.layout.height - box.y - box.height

    def _fill(self, box: Box, palette: Palette) -> None:
        x, y = self.frame(box)
        self.canvas.setFillColor(palette.colour(box.fill))
        bled = self._bled(box, Rect(x, y, box.width, box.height))
        if bled is not None:
            self.canvas.rect(bled.x, bled.y, bled.width, bled.height, stroke=0, fill=1)
        elif box.radius:
            self.canvas.roundRect(x, y, box.width, box.height, box.radius, stroke=0, fill=1)
        else:
            self.canvas.rect(x, y, box.width, box.height, stroke=0, fill=1)

    def _bled(self, box: Box, rect: Rect) -> Rect | None:
        """Printed for a print shop, a fill that reaches the trim runs on into the bleed
        (a cut a little off then shows colour, not a white edge), and a `bleed: true`
        fill covers the whole face and its bleed; None: the fill stays as drawn."""
        bleed, width, height = self.style.bleed, self.layout.width, self.layout.height
        if not bleed:
            return None
        if box.bleed:
            return Rect(-bleed, -bleed, width + 2 * bleed, height + 2 * bleed)
        eps = 0.01
        left = rect.x - bleed if rect.x < eps else rect.x
        bottom = rect.y - bleed if rect.y < eps else rect.y
        right = rect.right + bleed if rect.right > width - eps else rect.right
        top = rect.top + bleed if rect.top > height - eps else rect.top
        if (left, bottom, right, top) == (rect.x, rect.y, rect.right, rect.top):
            return None
        return Rect(left, bottom, right - left, top - bottom)

    def _logo(self, box: Box) -> None:
        x, y = self.frame(box)
        logo = self.style.brand.logo
        draw_logo(self.canvas, logo, x, y, box.width, box.height, "c", self.logo_room)

    def _symbol(self, box: Box, face: Face | None, palette: Palette) -> None:
        if face is None or face.response is None:
            return
        x, y = self.frame(box)
        size = min(box.width, box.height)
        x, y = x + (box.width - size) / 2, y + (box.height - size) / 2
        colour = palette.colour(self.layout.styles[box.style].colour if box.style else "card")
        bold = self.style.fonts.name("bold")
        symbols.draw(self.canvas, face.response.symbol, x, y, size, colour, bold)

    def _text(self, box: Box, face: Face | None, palette: Palette) -> None:
        blocks = face_blocks(self.style, box.content, box, face)
        if not blocks:
            return
        style, fonts = self.layout.styles[box.style], self.style.fonts
        where = f"{face.label if face else 'card back'}, box '{box.name}'"
        for block in blocks:
            fonts.check(style.font, block.text + block.bullet, where)
        colour, lang = palette.colour(style.colour), self.style.words.hyphenation
        fitted = text.fit(blocks, style, colour, fonts, box.width, box.height, lang)
        if not fitted.fits and self._overflow(where, fitted, style, box, blocks):
            fitted = overflow.cut(blocks, style, colour, fonts, box, lang)
        x, y = self.frame(box)
        text.draw(self.canvas, fitted, x, y, box.width, box.height, box.valign)

    def _overflow(self, where: str, fitted: text.Fitted, style: TextStyle, box: Box, blocks):
        """Report text too long for its box (where its first paragraph is written);
        whether to print it cut off."""
        over = fitted.height - box.height
        lines = max(1, round(over / (style.min_size * style.leading)))
        how = (
            "has a word wider than the box"
            if fitted.too_wide
            else f"is about {lines} line(s) ({over / MM:.1f} mm) too long for the box"
        )
        message = f"text {how} even at {style.min_size:g}pt in layout '{self.layout.name}'"
        return self.style.problems.overflow(where, message, CUT_OR_FIX, [b.text for b in blocks])


def face_blocks(style: DeckStyle, content: str, box: Box, face: Face | None) -> list[text.Block]:
    """The text of a box: the card's body, a template filled in, or one value."""
    card = face.card if face else None
    if content == "body":
        return _body(card) if card else []
    values = _values(style, face)
    if content in ("text", "footer"):
        return [text.Block(_fill_template(box.text or "{deck_title}", values))]
    value = values.get(content, "")
    return [text.Block(value)] if value else []


def _values(style: DeckStyle, face: Face | None) -> dict[str, str]:
    """What a template's {names} stand for on this face."""
    deck, card = style.deck, face.card if face else None
    response = face.response if face else None
    return {
        "team": str(face.team) if face and face.team else "",
        "session": style.session,
        "team_label": face.stack if face else "",
        "deck_title": deck.title,
        "subtitle": deck.subtitle,
        "kit_title": style.kit_title,
        "brand_name": style.brand.name,
        # the brand's footer text where it has one, else its name (a card back's foot)
        "brand_footer": style.brand.footer or style.brand.name,
        "organisation": style.brand.owner,
        "contact": style.brand.contact,
        "source": f"{style.words.source}: {deck.source}",
        "title": card.title if card else "",
        "number": str(card.number) if card and card.number is not None else "",
        "word": response.word if response else "",
        "response_text": response.text if response else "",
    }


def _per_team(box: Box) -> bool:
    """A box whose text differs per team or session, drawn outside the shared form."""
    return box.requires in TEAM_FIELDS or any("{" + name + "}" in box.text for name in TEAM_FIELDS)


def _body(card: Card) -> list[text.Block]:
    blocks = [text.Block(p) for p in card.text]
    # after an explanation, the question is what the group answers: set it in bold
    blocks += [text.Block(q, "•", strong=bool(card.text)) for q in card.questions]
    blocks += [text.Block(i, "•") for i in card.items]
    return blocks


PLACEHOLDER = re.compile(r"{([a-z_]+)}")


def _fill_template(template: str, values: dict[str, str]) -> str:
    """The layout's template with each {name} replaced by its value, in one pass: a
    value is printed as it is, never read as a template itself (a deck title that says
    '{source}' prints '{source}')."""
    return PLACEHOLDER.sub(lambda found: values.get(found[1], found[0]), template)
