"""The blocks above and below a poster's main block, each at the height its text needs:
the header, the intro, the key figures, the vote legend, the closing message, the
source line, and the titled lists (which may also be the main block).

Each takes the edge it starts from and returns the edge it leaves for the next block:
blocks above the main block go down from `top`, blocks below it go up from `bottom`."""

from __future__ import annotations

from ...print import text
from ...print.imposition import Rect
from ...print.logo import draw_logo
from ..view import View
from .pen import Pen

BULLET = "•"


LOGO_SHARE = 0.2  # of the poster's width: the logo's box at the header's right
LOGO_ASPECT = 0.4  # its height to its width (a logo is wide; a square one is drawn smaller)


def header(pen: Pen, view: View, x: float, top: float, width: float) -> float:
    """The title and the subtitle with the brand's logo at their right, and a rule in
    the poster's colour."""
    logo_w = width * LOGO_SHARE
    logo_h = logo_w * LOGO_ASPECT
    draw_logo(pen.canvas, pen.brand.logo, x + width - logo_w, top - logo_h, logo_w, logo_h, "ne")
    room, start = width - logo_w - pen.layout.gap, top
    title = pen.fit([view.title], "title", room)
    pen.put(title, x, top - title.height, room, title.height, "title")
    top -= title.height
    if view.subtitle:
        top -= pen.layout.gap / 3
        sub = pen.fit([view.subtitle], "subtitle", room)
        pen.put(sub, x, top - sub.height, room, sub.height, "subtitle")
        top -= sub.height
    top = min(top, start - logo_h)
    rule = pen.layout.gap / 2
    top -= rule
    pen.canvas.setFillColor(pen.colour("deck"))
    pen.canvas.rect(x, top - rule / 3, width, rule / 3, stroke=0, fill=1)
    return top - rule / 3


def intro(pen: Pen, view: View, x: float, top: float, width: float) -> float:
    if not view.intro:
        return top
    fitted = pen.fit(view.intro, "body", width)
    pen.put(fitted, x, top - fitted.height, width, fitted.height, "intro")
    return top - fitted.height - pen.layout.gap


def figures(pen: Pen, view: View, x: float, top: float, width: float) -> float:
    """Key figures side by side, each a large value over its label on a tinted card."""
    if not view.figures:
        return top
    gap = pen.layout.gap
    cell = (width - gap * (len(view.figures) - 1)) / len(view.figures)
    pad = gap / 2
    values = [pen.fit([value], "figure", cell) for value, _ in view.figures]
    # a label is centred under its value, and breaks only between words
    labels = [
        pen.fit([label], "body", cell - 2 * pad, hyphenate=False, align="center")
        for _, label in view.figures
    ]
    value_h = max(f.height for f in values)
    label_h = max(f.height for f in labels)
    height = value_h + label_h + 3 * pad
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        left = x + index * (cell + gap)
        pen.canvas.setFillColor(pen.colour("tint:deck"))
        pen.canvas.roundRect(left, top - height, cell, height, gap / 2, stroke=0, fill=1)
        pen.put(value, left, top - pad - value_h, cell, value_h, "figures", "bottom")
        pen.put(label, left + pad, top - height + pad, cell - 2 * pad, label_h, "figures")
    return top - height - gap


def legend(pen: Pen, view: View, x: float, top: float, width: float) -> float:
    """Green ja, orange twijfel, red nee: each as a mark with its symbol and word, and
    below the word what that answer means (the deck's text for it), never left out:
    it takes another line at a word boundary where it is long."""
    from ...results.look import Look
    from ...results.ranking import mark  # the results' own mark, so wall and page agree

    if not view.votes:
        return top
    look = Look(pen.brand, pen.fonts, pen.words)
    style = pen.layout.styles["heading"]
    size = style.size * 1.5
    each = width / len(view.votes)
    room = each - size * 1.5
    explained = [
        pen.fit([vote.text], "body", room, hyphenate=False) if vote.text else None
        for vote in view.votes
    ]
    word_h = style.size * style.leading
    height = max(size, word_h + max((f.height for f in explained if f), default=0.0))
    for index, (vote, fitted) in enumerate(zip(view.votes, explained, strict=True)):
        left = x + index * each
        mark(pen.canvas, look, vote, left, top - size, size)
        baseline = top - size / 2 - style.size * 0.35 if fitted is None else top - style.size
        pen.line(vote.word, "heading", left + size * 1.3, baseline, room, "legend")
        if fitted is not None:
            below = top - word_h - fitted.height
            pen.put(fitted, left + size * 1.3, below, room, fitted.height, "legend")
    return top - height - pen.layout.gap


def message(
    pen: Pen, view: View, x: float, bottom: float, width: float, beside: Rect | None = None
) -> float:
    """The closing message across the page above `bottom`; or in `beside` (the footer's
    free room above the source, by the code, which is otherwise empty) where it fits
    there, leaving `bottom` where it was."""
    if not view.message:
        return bottom
    if beside is not None:
        fitted = pen.fit([view.message], "message", beside.width)
        if fitted.height <= beside.height:
            pen.put(fitted, beside.x, beside.y, beside.width, beside.height, "message", "middle")
            return bottom
    fitted = pen.fit([view.message], "message", width)
    pen.put(fitted, x, bottom, width, fitted.height, "message")
    return bottom + fitted.height + pen.layout.gap


def source(pen: Pen, view: View, x: float, bottom: float, width: float) -> float:
    """The source line at the foot of the poster, and under it the brand's footer and
    contact line where it has them; returns its height."""
    said = [f"{pen.words.source}: {view.source}"]
    if pen.brand.footer_parts:
        said.append(" · ".join(pen.brand.footer_parts))
    fitted = pen.fit(said, "small", width)
    pen.put(fitted, x, bottom, width, fitted.height, "source", "bottom")
    return fitted.height


def groups(pen: Pen, view: View, x: float, bottom: float, width: float, height) -> float:
    """Titled lists side by side: at their natural height above `bottom`, or filling
    `height` when they are the poster's main block."""
    gap, pad = pen.layout.gap, pen.layout.gap * 0.7
    each = (width - gap * (len(view.groups) - 1)) / len(view.groups)
    heads = [pen.fit([title], "heading", each - 2 * pad) for title, _ in view.groups]
    head_h = max(f.height for f in heads)
    blocks = [[text.Block(i, BULLET) for i in items] for _, items in view.groups]
    if height is None:
        bodies = [pen.fit(b, "body", each - 2 * pad) for b in blocks]
        height = head_h + max(f.height for f in bodies) + 3 * pad
    body_h = height - head_h - 3 * pad
    size = min(pen.fit(b, "body", each - 2 * pad, body_h).size for b in blocks)
    for index, (head, items) in enumerate(zip(heads, blocks, strict=True)):
        left = x + index * (each + gap)
        pen.panel(left, bottom, each, height, "tint:deck")
        top = bottom + height - pad
        pen.put(head, left + pad, top - head_h, each - 2 * pad, head_h, "list title")
        body = pen.fit(items, "body", each - 2 * pad, size=size)
        body.fits = body.height <= body_h + 0.01
        where = f"list '{view.groups[index][0]}'"
        pen.put(body, left + pad, bottom + pad, each - 2 * pad, body_h, where)
    return bottom + height + gap
