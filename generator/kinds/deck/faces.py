"""Card faces: the boxes of a layout filled from a card, a response or the deck.

What is the same for every team (all but the QR code and its URL) is drawn once per
card as a PDF form XObject and placed again for each team: a deck for 20 teams costs
little more than the QR codes themselves.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

from ...answers.links import PATH
from ...kit.brand import Brand
from ...kit.units import MM
from ...kit.words import Words
from ...print import overflow, qr, symbols, text
from ...print.fonts import Fonts
from ...print.images import print_image
from ...print.imposition import Rect
from .content import Card, Deck, Response
from .layout import Box, CardLayout

DEFAULT_MIN_MODULE = 0.4 * MM
_URL_BREAK = re.compile(f"(?=[?&]|{re.escape(PATH)})")  # where a printed URL may break
TEAM_FIELDS = ("team", "session", "team_label")  # template values that differ per team


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
    allow_overflow: bool = False
    url_origin: str = "form_url"  # where the URLs come from, to name in a message
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def colour(self, name: str, face: Face | None = None):
        if name.startswith("#"):
            return HexColor(name)
        if name == "card" and face is not None and face.response is not None:
            name = face.response.colour
        if name in ("deck", "card"):
            name = self.deck.colour
        return HexColor(self.brand.colours[name])


class CardPainter:
    def __init__(self, canvas, style: DeckStyle):
        self.canvas, self.style = canvas, style
        self.layout = style.layout
        self._forms: set[str] = set()
        self._reported: set[str] = set()  # boxes whose URL or QR problem was reported

    # --- faces -------------------------------------------------------------------------
    def front(self, face: Face, rect: Rect) -> None:
        """What all teams share is one form; what differs per team is drawn on top."""
        boxes = self.layout.faces[face.kind]
        shared = tuple(b for b in boxes if not _per_team(b))
        self._place(f"front-{face.key}", rect, lambda: self._static(face, shared))
        self.canvas.saveState()
        self.canvas.translate(rect.x, rect.y)
        self._static(face, tuple(b for b in boxes if _per_team(b)))
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
            self._place("back", rect, lambda: self._static(None, self.layout.back))

    def _place(self, name: str, rect: Rect, draw) -> None:
        if name not in self._forms:
            self.canvas.beginForm(name, 0, 0, self.layout.width, self.layout.height)
            draw()
            self.canvas.endForm()
            self._forms.add(name)
        self.canvas.saveState()
        self.canvas.translate(rect.x, rect.y)
        self.canvas.doForm(name)
        self.canvas.restoreState()

    # --- boxes -------------------------------------------------------------------------
    def _static(self, face: Face | None, boxes: tuple[Box, ...]) -> None:
        # panels (boxes with only a fill) go first, so a kind's panel never hides a
        # box it inherited
        for box in sorted(boxes, key=lambda b: b.content != "none"):
            if box.requires and not self._blocks_of(box.requires, box, face):
                continue
            if box.fill:
                self._fill(box, face)
            if box.content in ("qr", "url", "none"):
                continue
            if box.content == "logo":
                self._logo(box)
            elif box.content == "symbol":
                self._symbol(box, face)
            else:
                self._text(box, face)

    def _frame(self, box: Box) -> tuple[float, float]:
        """Bottom-left corner of a box in card space (boxes are measured from the top)."""
        return box.x, self.layout.height - box.y - box.height

    def _fill(self, box: Box, face: Face | None) -> None:
        x, y = self._frame(box)
        self.canvas.setFillColor(self.style.colour(box.fill, face))
        if box.radius:
            self.canvas.roundRect(x, y, box.width, box.height, box.radius, stroke=0, fill=1)
        else:
            self.canvas.rect(x, y, box.width, box.height, stroke=0, fill=1)

    def _logo(self, box: Box) -> None:
        x, y = self._frame(box)
        self.canvas.drawImage(
            print_image(self.style.brand.logo, box.width, box.height),
            x,
            y,
            box.width,
            box.height,
            preserveAspectRatio=True,
            anchor="c",
            mask="auto",
        )

    def _symbol(self, box: Box, face: Face | None) -> None:
        if face is None or face.response is None:
            return
        x, y = self._frame(box)
        size = min(box.width, box.height)
        x, y = x + (box.width - size) / 2, y + (box.height - size) / 2
        colour = self.style.colour(
            self.layout.styles[box.style].colour if box.style else "card", face
        )
        symbols.draw(
            self.canvas, face.response.symbol, x, y, size, colour, self.style.fonts.name("bold")
        )

    def _text(self, box: Box, face: Face | None) -> None:
        blocks = self._blocks(box, face)
        if not blocks:
            return
        style = self.layout.styles[box.style]
        where = f"{face.label if face else 'card back'}, box '{box.name}'"
        for block in blocks:
            self.style.fonts.check(style.font, block.text + block.bullet, where)
        colour = self.style.colour(style.colour, face)
        lang = self.style.words.hyphenation
        fitted = text.fit(blocks, style, colour, self.style.fonts, box.width, box.height, lang)
        if not fitted.fits:
            self._overflow(where, fitted, style, box)
            if self.style.allow_overflow:
                fitted = overflow.cut(blocks, style, colour, self.style.fonts, box, lang)
        x, y = self._frame(box)
        text.draw(self.canvas, fitted, x, y, box.width, box.height, box.valign)

    def _overflow(self, where: str, fitted: text.Fitted, style, box: Box) -> None:
        over = fitted.height - box.height
        lines = max(1, round(over / (style.min_size * style.leading)))
        how = (
            "has a word wider than the box"
            if fitted.too_wide
            else f"is about {lines} line(s) ({over / MM:.1f} mm) too long for the box"
        )
        message = (
            f"{self.style.deck.name}: {where}: text {how} even at {style.min_size:g}pt "
            f"in layout '{self.layout.name}'"
        )
        if self.style.allow_overflow:
            self.style.warnings.append(f"{message}; printed cut off with '…' (--allow-overflow)")
        else:
            self.style.errors.append(
                f"{message}; shorten the text, choose a layout with a larger box, "
                f"or pass --allow-overflow to print it cut off with '…'"
            )

    def _blocks(self, box: Box, face: Face | None) -> list[text.Block]:
        return self._blocks_of(box.content, box, face)

    def _blocks_of(self, content: str, box: Box, face: Face | None) -> list[text.Block]:
        deck, card = self.style.deck, face.card if face else None
        response = face.response if face else None
        values = {
            "team": str(face.team) if face and face.team else "",
            "session": self.style.session,
            "team_label": face.stack if face else "",
            "deck_title": deck.title,
            "subtitle": deck.subtitle,
            "kit_title": self.style.kit_title,
            "brand_name": self.style.brand.name,
            "source": f"{self.style.words.source}: {deck.source}",
            "title": card.title if card else "",
            "number": str(card.number) if card and card.number is not None else "",
            "word": response.word if response else "",
            "response_text": response.text if response else "",
        }
        if content == "body":
            return _body(card) if card else []
        if content in ("text", "footer"):
            template = box.text or "{deck_title}"
            return [text.Block(_fill_template(template, values))]
        value = values.get(content, "")
        return [text.Block(value)] if value else []

    # --- per team ----------------------------------------------------------------------
    def _qr(self, face: Face, box: Box, rect: Rect) -> None:
        x, y = self._frame(box)
        size = min(box.width, box.height)
        code = qr.encode(face.url)
        module = qr.module_size(code.size, size)
        minimum = box.min_module or DEFAULT_MIN_MODULE
        if module < minimum - 1e-9 and self._first(f"qr-{box.name}"):
            self.style.errors.append(
                f"{self.style.deck.name}: {self.style.url_origin} gives URLs such as "
                f"'{face.url}' ({len(face.url)} characters): QR modules would be "
                f"{module / MM:.2f} mm, below the {minimum / MM:.2f} mm minimum of box "
                f"'{box.name}' in layout '{self.layout.name}'; shorten "
                f"{self.style.url_origin.split(' (')[0]} or make the box larger"
            )
        qr.draw(
            self.canvas,
            code,
            rect.x + x + (box.width - size) / 2,
            rect.y + y + (box.height - size) / 2,
            size,
        )

    def _first(self, key: str) -> bool:
        """True the first time a problem of this box is met: report it once per deck."""
        first = key not in self._reported
        self._reported.add(key)
        return first

    def _url(self, face: Face, box: Box, rect: Rect) -> None:
        style = self.layout.styles[box.style]
        shown = face.shown or face.url.split("://", 1)[-1]
        font = self.style.fonts.name(style.font)
        lines, size = url_lines(shown, font, style, box.width, box.height)
        if lines is None:
            if self._first(f"url-{box.name}"):
                self.style.warnings.append(
                    f"{self.style.deck.name}: {self.style.url_origin}: URLs such as "
                    f"'{shown}' do not fit box '{box.name}' at {style.min_size:g}pt in layout "
                    f"'{self.layout.name}'; they are left off (the QR code carries them)"
                )
            return
        x, y = self._frame(box)
        self.canvas.setFillColor(self.style.colour(style.colour, face))
        self.canvas.setFont(font, size)
        top = rect.y + y + box.height - size
        for line in lines:
            self.canvas.drawString(rect.x + x, top, line)
            top -= size * style.leading


def _per_team(box: Box) -> bool:
    """A box whose text differs per team or session, drawn outside the shared form."""
    return box.requires in TEAM_FIELDS or any("{" + name + "}" in box.text for name in TEAM_FIELDS)


def _body(card: Card) -> list[text.Block]:
    blocks = [text.Block(p) for p in card.text]
    # after an explanation, the question is what the group answers: set it in bold
    blocks += [text.Block(q, "•", strong=bool(card.text)) for q in card.questions]
    blocks += [text.Block(i, "•") for i in card.items]
    return blocks


def _fill_template(template: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        template = template.replace("{" + key + "}", value)
    return template


def url_lines(url: str, font: str, style, width: float, height: float):
    """Break a URL before '?', '&' and a short link's path into lines that fit the box,
    shrinking if needed."""
    pieces = [piece for piece in _URL_BREAK.split(url) if piece]
    size = style.size
    while size >= style.min_size - 1e-6:
        lines, line = [], ""
        for piece in pieces:
            if line and stringWidth(line + piece, font, size) > width:
                lines.append(line)
                line = piece
            else:
                line += piece
        lines.append(line)
        tall_enough = len(lines) * size * style.leading <= height + 0.01
        if tall_enough and all(stringWidth(li, font, size) <= width for li in lines):
            return lines, size
        size -= text.STEP
    return None, style.min_size
