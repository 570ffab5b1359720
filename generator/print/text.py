"""Text in a box: hyphenation (pyphen through reportlab), shrink to fit down to the
style's minimum size, and literal printing of characters such as & < >.

Hyphenation follows the rules of good typesetting: a break leaves at least three letters
on either side of the hyphen, and no more than two lines in a row end in a hyphen (a
paragraph that would have three is set again without hyphenation). The dictionary is
loaded once, when reportlab first asks where a word may break.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import cache, wraps

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from ..errors import BuildError
from ..kit.styles import TextStyle
from .fonts import Fonts

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}
STEP = 0.25  # points between the sizes tried when shrinking
GAP = 0.35  # space between paragraphs, in em
LANG = "nl_NL"  # hyphenation dictionary (pyphen) of the printed text
MIN_FRAGMENT = 3  # letters a hyphenated break leaves on either side
MAX_HYPHENATED_RUN = 2  # lines in a row that may end in a hyphen
HANGING = 0.35  # em a line may reach past its box: a hyphen's width
REMEMBERED = 4096  # fitted texts kept for the same text in the same box
RAGGED = 0.2  # running text may be set this much narrower to take a lone last word
BALANCE_TRIES = 8  # halvings of the width a balanced paragraph is searched in


def escape(text: str) -> str:
    """Text that reportlab's paragraph markup reads literally: xml.sax.saxutils.escape,
    without the urllib, http.client and ssl that importing it brings along."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class Block:
    """One paragraph of a box; bullet is '' for running text."""

    text: str
    bullet: str = ""
    strong: bool = False  # in the bold font: a question after an explanation
    indent: float = 0.0  # the first line starts this far in (beside a poster's badge)


@dataclass
class Fitted:
    paragraphs: list[tuple[Paragraph, float]]  # paragraph and the height it takes
    size: float
    height: float
    fits: bool
    too_wide: bool = False  # a word is wider than the box: no height makes it fit
    # what was set, to set it again cut off (print/overflow.py)
    blocks: list[Block] = field(default_factory=list)
    style: TextStyle | None = None
    clip: bool = False  # drawn clipped to its box though it fits (text cut off with '…')


def _remembered(fit_text):
    """The same text in the same box fits the same: a deck draws a team's label on each
    of its cards, the worksheet booklet sets every worksheet again, a poster that needs
    other columns is drawn again. Each caller gets a Fitted of its own (some set its
    `fits`), sharing the paragraphs, which drawing does not change."""
    known: dict[tuple, Fitted] = {}

    @wraps(fit_text)
    def fit(blocks, style, colour, fonts, width, height, lang=LANG):
        key = (tuple(blocks), style, type(colour), colour, tuple(fonts.names.items()))
        key += (width, height, lang)
        found = known.get(key)
        if found is None:
            if len(known) >= REMEMBERED:
                known.clear()
            found = known[key] = fit_text(blocks, style, colour, fonts, width, height, lang)
        return replace(found, paragraphs=list(found.paragraphs))

    fit.cache_clear = known.clear
    return fit


@_remembered
def fit(
    blocks: list[Block],
    style: TextStyle,
    colour,
    fonts: Fonts,
    width: float,
    height: float,
    lang: str = LANG,
) -> Fitted:
    """The largest size from style.size down to style.min_size at which all blocks fit;
    `lang` is the pyphen dictionary to hyphenate with (nl_NL, en_GB, ...). A word is
    broken only where that saves a line: text that takes no more height with whole
    words is set with whole words. (Not "wherever it fits": boxes measured with room to
    spare, such as a worksheet's table rows, would then grow and push pages apart.)"""
    best = _largest_fitting(_Layout(blocks, style, colour, fonts, width, lang), height)
    if not (style.hyphenate and best.fits):
        return best
    whole = _Layout(blocks, style, colour, fonts, width, lang, breaks=False).at(best.size)
    return whole if not whole.too_wide and whole.height <= best.height + 0.01 else best


def _largest_fitting(layout: _Layout, height: float) -> Fitted:
    """The layout at the largest of its style's sizes at which it fits `height`, or at
    the smallest, marked as not fitting."""
    sizes = sizes_of(layout.style)
    best = layout.at(sizes[-1])
    if best.too_wide or best.height > height:
        best.fits = False
        return best
    if len(sizes) > 1:  # most text fits at its style's own size: then nothing to search
        largest = layout.at(sizes[0])
        if not largest.too_wide and largest.height <= height:
            return largest
    low, high = 0, len(sizes) - 1  # sizes[high] fits; find the smallest index that fits
    while low < high:
        middle = (low + high) // 2
        attempt = layout.at(sizes[middle])
        if not attempt.too_wide and attempt.height <= height:
            best, high = attempt, middle
        else:
            low = middle + 1
    return best


def sizes_of(style: TextStyle) -> list[float]:
    """The sizes text of this style is tried at, largest first, down to its minimum."""
    sizes, size = [], style.size
    while size > style.min_size + 1e-6:
        sizes.append(round(size, 2))
        size -= STEP
    sizes.append(style.min_size)
    return sizes


@dataclass(frozen=True)
class _Layout:
    """Blocks set in a box of a given width, at any size."""

    blocks: list[Block]
    style: TextStyle
    colour: object
    fonts: Fonts
    width: float
    lang: str
    breaks: bool = True  # hyphenate (where the style does): False sets it whole first

    def at(self, size: float) -> Fitted:
        breaking = self.style if self.breaks else replace(self.style, hyphenate=False)
        base = _paragraph_style(breaking, self.colour, self.fonts, size, self.lang)
        variants: dict[tuple[bool, bool, float], ParagraphStyle] = {}
        paragraphs, total, too_wide = [], 0.0, False
        for block in self.blocks:
            key = (bool(block.bullet), block.strong, block.indent)
            if key not in variants:
                variants[key] = _variant(base, block, self.fonts, size)
            paragraph, h = self._paragraph(block, variants[key])
            paragraphs.append((paragraph, h))
            total += h
            too_wide = too_wide or self._too_wide(paragraph)
        total += size * GAP * max(0, len(self.blocks) - 1)
        return Fitted(paragraphs, size, total, not too_wide, too_wide, self.blocks, self.style)

    def _paragraph(self, block: Block, used: ParagraphStyle) -> tuple[Paragraph, float]:
        paragraph = Paragraph(escape(block.text), used, bulletText=block.bullet or None)
        _, h = paragraph.wrap(self.width, 10_000)
        if hyphenated_run(paragraph) > MAX_HYPHENATED_RUN:
            # too many broken lines in a row: set it without breaks, unless a word then
            # runs past the box (a long compound in a narrow cell keeps its break)
            plain = ParagraphStyle("unhyphenated", parent=used, **NO_HYPHENATION)
            unbroken = Paragraph(escape(block.text), plain, bulletText=block.bullet or None)
            _, unbroken_h = unbroken.wrap(self.width, 10_000)
            if not overflowing_lines(unbroken):
                paragraph, h = unbroken, unbroken_h
        return self._balanced(block, paragraph, h)

    def _balanced(self, block: Block, paragraph: Paragraph, h: float) -> tuple[Paragraph, float]:
        """The paragraph set again narrower where that keeps its lines and evens them:
        a title, heading or label (text not hyphenated) at the narrowest width that
        keeps its number of lines, so no word is left alone on its last line; running
        text only where its last line is one word, as little narrower as takes a second
        word down (at most RAGGED of its width)."""
        lines = len(paragraph.blPara.lines)
        if lines < 2 or overflowing_lines(paragraph):
            return paragraph, h
        room = self.width - paragraph.style.leftIndent

        def kept(setting) -> bool:
            return len(setting[0].blPara.lines) == lines and not overflowing_lines(setting[0])

        def paired(setting) -> bool:  # the last line has a second word
            return kept(setting) and _words_on_last_line(setting[0]) > 1

        if not self.style.hyphenate:  # the most narrowing that keeps the lines
            found = self._bisect(block, paragraph.style, room / 2, kept, most=True)
        elif _words_on_last_line(paragraph) < 2:  # the least that takes a word down
            found = self._bisect(block, paragraph.style, room * RAGGED, paired, most=False)
        else:
            found = None
        found = found or (paragraph, h)
        if _words_on_last_line(found[0]) < 2:  # narrowing could not: tie the last two words
            found = self._set(_tied(block), paragraph.style, 0.0)
            if not kept(found):
                return paragraph, h
        return found

    def _bisect(self, block: Block, used: ParagraphStyle, limit: float, good, most: bool):
        """The setting narrowed by the most (`most`) or the least amount up to `limit`
        that is `good`, or None; good settings are taken to lie at one end of the range
        (the small narrowings keep the lines, the large ones take a word down)."""
        low, high, best = 0.0, limit, None
        for _ in range(BALANCE_TRIES):
            middle = (low + high) / 2
            setting = self._set(block, used, middle)
            if good(setting):
                best = setting
                low, high = (middle, high) if most else (low, middle)
            else:
                low, high = (low, middle) if most else (middle, high)
        return best

    def _set(self, block: Block, used: ParagraphStyle, narrower: float):
        """The block wrapped `narrower` points short of the box, on the side its
        alignment leaves ragged (both sides, half each, when centred)."""
        share = {TA_LEFT: (0.0, 1.0), TA_CENTER: (0.5, 0.5), TA_RIGHT: (1.0, 0.0)}
        left, right = share[used.alignment]
        indented = ParagraphStyle(
            "balanced",
            parent=used,
            leftIndent=used.leftIndent + left * narrower,
            rightIndent=used.rightIndent + right * narrower,
        )
        paragraph = Paragraph(escape(block.text), indented, bulletText=block.bullet or None)
        _, h = paragraph.wrap(self.width, 10_000)
        return paragraph, h

    def _too_wide(self, paragraph: Paragraph) -> bool:
        """A word wider than the box at this size: unhyphenated text cannot break it, and
        hyphenated text has no break that makes it narrow enough."""
        room = self.width - paragraph.style.leftIndent
        if not (self.style.hyphenate and self.breaks) and paragraph.minWidth() > room:
            return True
        return overflowing_lines(paragraph)


def overflowing_lines(paragraph: Paragraph) -> bool:
    """Whether a wrapped paragraph has a word wider than its box, alone on its line (with
    splitLongWords off reportlab leaves it whole instead of cutting it between letters).
    A line of several words may run a little past the edge where reportlab shrinks its
    spaces, as typesetters do; a lone word has no spaces to shrink."""
    tolerance = -HANGING * paragraph.style.fontSize  # a closing hyphen may hang
    para = paragraph.blPara
    if para.kind == 0:
        return any(len(words) == 1 and extra < tolerance for extra, words in para.lines)
    return any(
        getattr(line, "wordCount", 2) == 1 and getattr(line, "extraSpace", 0) < tolerance
        for line in para.lines
    )


def _tied(block: Block) -> Block:
    """The block with its last two words joined by a no-break space: they take a line
    together (a first line indented beside a badge may leave no width that evens the
    lines, as in 'Randvoorwaarden / om te investeren in / samenwerking')."""
    head, _, tail = block.text.rpartition(" ")
    return replace(block, text=f"{head}\u00a0{tail}") if head else block


def _words_on_last_line(paragraph: Paragraph) -> int:
    return len(line_texts(paragraph)[-1].split())


def line_texts(paragraph: Paragraph) -> list[str]:
    """The text of each line of a wrapped paragraph, as reportlab broke it."""
    para = paragraph.blPara
    if para.kind == 0:  # one font: each line is (free space, words)
        return [" ".join(str(w) for w in words) for _, words in para.lines]
    return ["".join(getattr(f, "text", "") for f in line.words) for line in para.lines]


def hyphenated_run(paragraph: Paragraph) -> int:
    """The most lines in a row of a wrapped paragraph that end in a hyphen."""
    longest = run = 0
    for line in line_texts(paragraph)[:-1]:  # the last line never ends in a break
        run = run + 1 if line.rstrip().endswith("-") else 0
        longest = max(longest, run)
    return longest


@cache
def hyphenator(lang: str):
    """Hyphenation points of a word, as reportlab asks for them: (head, tail) pairs,
    each part at least MIN_FRAGMENT letters. The language is checked now; its dictionary
    (about 0.06 s to parse for nl_NL) is read at the first word to break."""
    import pyphen

    if pyphen.language_fallback(lang) is None:
        raise BuildError(
            f"no hyphenation dictionary for language '{lang}'; expected a language such as "
            f"nl_NL, en_GB or en_US"
        )
    corrected = CORRECTIONS.get(lang.split("_")[0], {})
    dictionary = []  # the pyphen dictionary, once read

    def points(word: str):
        core = word.strip(PUNCTUATION)
        known = corrected.get(core.lower())
        if known is None:
            if not dictionary:
                dictionary.append(pyphen.Pyphen(lang=lang, left=MIN_FRAGMENT, right=MIN_FRAGMENT))
            return dictionary[0].iterate(word)
        lead = word.index(core)
        parts = [len(part) for part in known.split("-")[:-1]]
        ends = [lead + sum(parts[: i + 1]) for i in range(len(parts))]
        keep = [end for end in ends if MIN_FRAGMENT <= end <= len(word) - MIN_FRAGMENT]
        return [(word[:end], word[end:]) for end in reversed(keep)]

    return points


PUNCTUATION = ".,;:!?()‘’“”'\"«»…"
# Compounds the hyphenation dictionary splits inside a part (pyphen's nl_NL gives
# "welzijn-smedewerker"): the right breaks for words the kit's texts use.
CORRECTIONS = {
    "nl": {
        "welzijnsmedewerker": "wel-zijns-me-de-wer-ker",
        "welzijnsdomein": "wel-zijns-do-mein",
    },
}


# no breaks a text did not ask for: not by dictionary, not at a hyphen or in a URL
NO_HYPHENATION = {"hyphenationLang": "", "embeddedHyphenation": 0, "uriWasteReduce": 0}
# a word too wide for its box is never cut between letters without a hyphen: it stays
# whole, and fitting takes a smaller size or reports it (Fitted.too_wide)
NO_SPLITTING = {"splitLongWords": 0}


def _variant(base: ParagraphStyle, block: Block, fonts: Fonts, size: float) -> ParagraphStyle:
    font = fonts.name("bold") if block.strong else base.fontName
    # bold text is never hyphenated, in running text too: every bold line of a PDF then
    # ends in a whole word (titles, headings, labels and a card's question alike)
    whole = NO_HYPHENATION if block.strong else {}
    if not block.bullet:
        return ParagraphStyle(
            "strong", parent=base, fontName=font, firstLineIndent=block.indent, **whole
        )
    # reportlab starts the first line 0.6 em after the bullet: indent the rest alike
    indent = stringWidth(block.bullet, font, size) + 0.6 * size
    return ParagraphStyle(
        "bullet",
        parent=base,
        fontName=font,
        leftIndent=indent,
        bulletIndent=0,
        bulletFontName=font,
        bulletFontSize=size,
        **whole,
    )


def _paragraph_style(
    style: TextStyle, colour, fonts: Fonts, size: float, lang: str
) -> ParagraphStyle:
    hyphenation = {
        "hyphenationLang": hyphenator(lang),
        "embeddedHyphenation": 1,
        "uriWasteReduce": 0.3,
    }
    return ParagraphStyle(
        "text",
        fontName=fonts.name(style.font),
        fontSize=size,
        leading=size * style.leading,
        textColor=colour,
        alignment=ALIGN[style.align],
        **(hyphenation if style.hyphenate else NO_HYPHENATION),
        **NO_SPLITTING,
    )


def draw(
    canvas, fitted: Fitted, x: float, y: float, width: float, height: float, valign: str
) -> None:
    """Draw fitted text in the box whose bottom-left corner is (x, y); clip what overflows."""
    free = max(0.0, height - fitted.height)
    offset = {"top": 0.0, "middle": free / 2, "bottom": free}[valign]
    top = y + height - offset
    canvas.saveState()
    if not fitted.fits or fitted.too_wide or fitted.clip:
        path = canvas.beginPath()
        path.rect(x, y, width, height)
        canvas.clipPath(path, stroke=0, fill=0)
    gap = fitted.size * GAP
    for paragraph, h in fitted.paragraphs:
        top -= h
        paragraph.drawOn(canvas, x, top)
        top -= gap
    canvas.restoreState()
