"""Contrast of printed text against what lies under it, by the WCAG 2 rules (level AA).

Text needs 4.5:1 against its background, large text (18pt, or 14pt bold) and the
response-card symbols 3:1. A card's colours come from the layout (text styles, box
fills) and the brand (the colour roles), so the two are checked together: for every
text box on every face, in every colour a deck or response card may give it, against
each fill that may lie under it, or the white paper when none does. Colour names resolve
as the painters resolve them, through print/palette.py.

    problems = contrast_problems(layout, resolve_raw(catalogue, name), brand, ("primary",))
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import replace

from ..errors import Problem, ProblemKind, Severity, Where
from ..kit.brand import Brand
from ..kit.catalogue import resolve_raw
from ..kit.styles import TextStyle
from ..kit.yamlfile import MarkedDict
from .palette import WHITE_PAPER, Paint, Palette

BOLD_FONTS = ("bold", "bolditalic")
PRINTED_AT = " (printed at "  # where a low contrast blamed on a brand colour is printed
NORMAL_TEXT = 4.5
LARGE_TEXT = 3.0  # also for graphics such as the response symbols (WCAG 1.4.11)
CONTRAST_WARNING = (ProblemKind.CONTRAST, Severity.WARNING)  # what a low contrast is


def luminance(colour: str) -> float:
    """WCAG 2 relative luminance of '#RRGGBB': 0 for black, 1 for white."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(first: str, second: str) -> float:
    """WCAG 2 contrast ratio of two '#RRGGBB' colours, from 1 (equal) to 21 (black on white)."""
    light, dark = sorted((luminance(first), luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_large(style: TextStyle) -> bool:
    """Large text by WCAG, judged at the smallest size the text may shrink to."""
    return style.min_size >= 18 or (is_bold(style) and style.min_size >= 14)


def is_bold(style: TextStyle) -> bool:
    return style.font in BOLD_FONTS


def required_ratio(style: TextStyle) -> float:
    return LARGE_TEXT if is_large(style) else NORMAL_TEXT


def _ratio(ratio: float) -> str:
    # rounded down, so a ratio just below the minimum never reads as the minimum
    return f"{math.floor(ratio * 100) / 100:g}"


def contrast_problem(brand: Brand, fore: Paint, back: Paint, at: Where, message: str) -> Problem:
    """A low contrast, blamed where the colour is chosen: text on a brand colour (or in
    one, on the paper) names brand.yaml and the colour's key, and says in which layout
    line it is printed; a colour a layout writes as '#RRGGBB' names that layout line."""
    chosen = [p for p in (back, fore) if p.role in brand.places]
    written = [p for p in (back, fore) if p.role is None and p != WHITE_PAPER]
    if written or not chosen:  # the layout wrote a '#RRGGBB' of its own
        return Problem(at.file, at.line, at.path, message, *CONTRAST_WARNING)
    role = next((p.role for p in chosen if p.role != "paper"), chosen[0].role)
    place = brand.places[role]
    said = f"{message}{PRINTED_AT}{at} {at.path})"
    return Problem(place.file, place.line, place.path, said, *CONTRAST_WARNING)


def merged(problems: list[Problem]) -> list[Problem]:
    """Low contrasts blamed on one brand colour said once: the first found, with the
    places of the others (a pale colour is printed in many boxes of many layouts)."""
    groups: dict[tuple, list[Problem]] = {}
    for problem in problems:
        if problem.kind is ProblemKind.CONTRAST and PRINTED_AT in problem.message:
            groups.setdefault((problem.file, problem.line, problem.path), []).append(problem)
    firsts = {id(group[0]): _merge(group) for group in groups.values()}
    blamed = {id(p) for group in groups.values() for p in group}
    return [firsts.get(id(p), p) for p in problems if id(p) in firsts or id(p) not in blamed]


def _merge(group: list[Problem]) -> Problem:
    """The first problem, printed at the lines of every problem of the group, by file."""
    if len(group) == 1:
        return group[0]
    lines: dict[str, list[str]] = {}
    for problem in group:
        place = problem.message.rpartition(PRINTED_AT)[2].split(" ", 1)[0]
        file, _, line = place.rpartition(":")
        lines.setdefault(file, []).append(line)
    said = "; ".join(
        f"{file} line{'s' if len(found) > 1 else ''} {', '.join(dict.fromkeys(found))}"
        for file, found in lines.items()
    )
    first = group[0].message.rpartition(PRINTED_AT)[0]
    return replace(group[0], message=f"{first}{PRINTED_AT}{said})")


def style_problems(
    styles: dict,
    raw: MarkedDict,
    brand: Brand,
    backgrounds: dict[str, tuple[str, ...]],
    deck_colours: Iterable[str] = ("primary",),
) -> list[Problem]:
    """Text styles of a page layout (a worksheet, a poster) against what they are printed
    on: `backgrounds` names, per style, the colours that may lie under it (default: the
    paper); a colour is a brand role, '#RRGGBB', 'deck' (each of `deck_colours`) or
    'tint:<colour>' (that colour at 10 % on paper, as a poster's grid cells). Each problem
    names the style, both colours and the ratio, at the style's line."""
    problems: dict[tuple, Problem] = {}
    for deck in dict.fromkeys(deck_colours):
        palette = Palette(brand.colours, deck)
        for name, style in styles.items():
            fore = palette.paint(style.colour)
            for under in backgrounds.get(name, ("paper",)):
                back = palette.paint(under)
                ratio = contrast_ratio(fore.hex, back.hex)
                if ratio >= required_ratio(style):
                    continue
                at = raw.get("styles", {}) if isinstance(raw, dict) else {}
                mark = at.mark_of(name) if isinstance(at, MarkedDict) else raw.mark
                size = f"{style.min_size:g}pt{' bold' if is_bold(style) else ''} text"
                message = (
                    f"text colour {fore} on {back} has contrast {_ratio(ratio)}:1; expected "
                    f"at least {required_ratio(style):g}:1 (WCAG AA) for {size}; choose a "
                    f"darker or lighter colour in the brand or the layout"
                )
                at = Where(mark.file, mark.line, f"styles.{name}")
                problem = contrast_problem(brand, fore, back, at, message)
                problems.setdefault((name, str(fore), str(back)), problem)
    return list(problems.values())


def layout_style_problems(
    project, materials, kind: str, backgrounds, deck_colours: Iterable[str] = ("primary",)
) -> list[Problem]:
    """`style_problems` of every layout of `kind` these materials use, with the brand of
    the kit; `backgrounds(layout)` names what may lie under each of that layout's styles."""
    brand = project.brand(project.kit().brand)
    found: list[Problem] = []
    for name in dict.fromkeys(m.layout for m in materials):
        layout = project.layout(name, kind)
        raw = resolve_raw(project.layouts, name)
        found += style_problems(layout.styles, raw, brand, backgrounds(layout), deck_colours)
    return found
