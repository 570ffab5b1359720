"""Design tokens mapped onto a brand's colour roles and font family.

The NL Design System layers, in the order they are tried for each role: the common
`basis` layer (`basis.color.accent-1.color-default`, `basis.color.default.color-document`,
`basis.color.positive.color-default`, `basis.text.font-family.default`), then any layer's
semantic names (`<org>.color.primary`, `<org>.feedback.danger.color`,
`<org>.typography.sans-serif.font-family`). A path is compared in lower case with its
dashes and underscores read as dots, so flat keys (`voorbeeld-color-primary`) match too.

What no semantic name gives, the organisation's own palette may: its prefix is the
most common first path part that is not a shared layer, and its `<org>.color.<hue>.<shade>`
families fill primary, secondary and accent in the order they come (the lightest shade
white text is legible on, as cards print white on them) and muted from a grey family.
The answer colours (ja, twijfel, nee) come only from success, warning and danger tokens.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ..print.contrast import NORMAL_TEXT, contrast_ratio, luminance
from .tokens import Token, TokenError, TokenTable
from .tokens_colour import ColourError, ParsedColour, parse_colour

SHARED_LAYERS = {"basis", "brand", "nl", "common", "components", "component", "global", "core"}
ANY = r"(?:.+\.)?"
SHADE = r"(?:\.(?:default|base|main|500))?"
ROLES = {
    "primary": (
        r"basis\.colou?r\.accent\.1\.color\.default",
        rf"{ANY}colou?r\.primary{SHADE}",
        r"basis\.colou?r\.action\.1\.color\.default",
    ),
    "secondary": (
        r"basis\.colou?r\.accent\.2\.color\.default",
        rf"{ANY}colou?r\.secondary{SHADE}",
        r"basis\.colou?r\.action\.2\.color\.default",
    ),
    "accent": (r"basis\.colou?r\.accent\.3\.color\.default", rf"{ANY}colou?r\.accent{SHADE}"),
    "text": (
        r"basis\.colou?r\.default\.color\.document",
        r"basis\.colou?r\.default\.color\.default",
        rf"{ANY}document\.colou?r",
        rf"{ANY}colou?r\.(?:text|foreground|body){SHADE}",
    ),
    "muted": (
        r"basis\.colou?r\.default\.color\.subtle",
        rf"{ANY}colou?r\.(?:text\.)?(?:muted|subtle){SHADE}",
    ),
    "paper": (
        r"basis\.colou?r\.default\.bg\.document",
        rf"{ANY}document\.background\.colou?r",
        rf"{ANY}colou?r\.(?:background|bg|paper){SHADE}",
    ),
}
# the three answer colours, from the tokens' feedback colours only
FEEDBACK = {"ja": "positive|success", "twijfel": "warning", "nee": "negative|danger|error"}
ROLES.update(
    {
        role: (
            rf"basis\.colou?r\.(?:{words})\.colou?r\.default",
            rf"{ANY}feedback\.(?:{words})\.colou?r",
            rf"{ANY}colou?r\.(?:{words}){SHADE}",
        )
        for role, words in FEEDBACK.items()
    }
)
FONT_FAMILY = (
    r"basis\.text\.font\.family(?:\.default)?",
    rf"{ANY}document\.font\.family",
    rf"{ANY}typography\.(?:.+\.)?font\.family(?:\.(?:default|body|base|sans|sans\.serif))?",
    rf"{ANY}font\.?famil(?:y|ies)(?:\..+)?",  # Tokens Studio: fontFamilies.body
    rf"{ANY}typography(?:\..+)?",  # a typography token's fontFamily
)
PALETTE_ROLES = ("primary", "secondary", "accent")
GREYS = {"grey", "gray", "neutral", "grijs", "cool-grey", "warm-grey"}
NOT_A_FAMILY = GREYS | {"white", "black", "wit", "zwart", "transparent"}
WHITE = "#FFFFFF"


@dataclass(frozen=True)
class Taken:
    key: str  # colours.primary, or font
    value: str  # '#RRGGBB', or the first family named
    token: Token
    how: str = ""  # what was done to the value on the way (alpha mixed, a palette shade)


@dataclass
class BrandMapping:
    org: str  # the organisation's own prefix, "" when none
    taken: dict[str, Taken] = field(default_factory=dict)  # brand key -> what filled it
    unused: list[Token] = field(default_factory=list)  # colour tokens no key took
    failed: list[tuple[Token, str]] = field(default_factory=list)  # cannot be used: why
    other: int = 0  # tokens that are neither a colour nor a font family


def map_tokens(table: TokenTable) -> BrandMapping:
    values, failed = _resolved(table)
    mapping = BrandMapping(_organisation(table), failed=failed)
    colours = _colours(values, mapping)
    for role, patterns in ROLES.items():
        _take_first(mapping, f"colours.{role}", _matching(patterns, colours), _colour_taken)
    families = [(t, f) for t, v in values if (f := _family(t, v))]
    _take_first(mapping, "font", _matching(FONT_FAMILY, dict(families)), _family_taken)
    _from_palette(mapping, colours)
    used = {t.token.path for t in mapping.taken.values()}
    mapping.unused = [t for t in colours if t.path not in used]
    mapping.other = len(values) - len(colours) - len(families)
    return mapping


def _resolved(table: TokenTable) -> tuple[list[tuple[Token, object]], list]:
    values, failed = [], []
    for token in table.unique():
        try:
            values.append((token, table.resolve(token)))
        except TokenError as exc:
            failed.append((token, str(exc)))
    return values, failed


def _colours(values, mapping: BrandMapping) -> dict[Token, ParsedColour]:
    """The tokens whose value is a colour; a value that looks like one but is not
    (`#12`, `rgb(1, 2)`) is reported, a size or a word is not a colour at all."""
    found = {}
    for token, value in values:
        try:
            found[token] = parse_colour(value)
        except ColourError as exc:
            if isinstance(value, str) and re.match(r"\s*(#|rgba?\(|hsla?\()", value, re.I):
                mapping.failed.append((token, str(exc)))
    return found


def _name(token: Token) -> str:
    return re.sub(r"[-_]", ".", token.path.lower())


def _family(token: Token, value: object) -> str:
    """The font-family list a token gives ('"Noto Sans", Arial, sans-serif'): a font
    family token's text, or the fontFamily of a typography token; else ''."""
    if isinstance(value, dict):  # W3C and Tokens Studio typography: a composite value
        value = value.get("fontFamily", "")
        return value if isinstance(value, str) and _first_family(value) else ""
    family_path = re.search(r"(^|\.)font\.?famil(y|ies)($|\.)", _name(token))
    return value if family_path and isinstance(value, str) and _first_family(value) else ""


def _first_family(value: str) -> str:
    return value.split(",")[0].strip().strip("'\"").strip()


def _matching(patterns: tuple[str, ...], candidates: dict) -> list:
    """(token, value) of the candidates, in the order of the patterns they match."""
    return [
        (token, value)
        for pattern in patterns
        for token, value in candidates.items()
        if re.fullmatch(pattern, _name(token))
    ]


def _take_first(mapping: BrandMapping, key: str, found: list, make) -> None:
    if found:
        mapping.taken[key] = make(key, *found[0])


def _colour_taken(key: str, token: Token, colour: ParsedColour, how: str = "") -> Taken:
    if colour.alpha is not None:
        how = f"{how}; " if how else ""
        how += f"{token.value!r} has alpha {colour.alpha:.2f}: mixed onto white paper"
    return Taken(key, colour.hex, token, how)


def _family_taken(key: str, token: Token, value: str) -> Taken:
    how = f"the tokens name {value!r}" if "," in value else ""
    return Taken(key, _first_family(value), token, how)


def _organisation(table: TokenTable) -> str:
    """The most common first part of a path (of a flat key: before its first dash)."""
    tops = Counter(_name(token).split(".")[0] for token in table.unique())
    own = [(count, top) for top, count in tops.items() if top.lower() not in SHARED_LAYERS]
    return max(own)[1] if own else ""


def _families(
    org: str, colours: dict[Token, ParsedColour]
) -> dict[str, list[tuple[Token, ParsedColour]]]:
    """The organisation's palette: <org>.color.<hue>.<shade>, by hue in file order."""
    found: dict[str, list] = {}
    pattern = re.compile(rf"{re.escape(org.lower())}\.colou?r\.([^.]+)\.[^.]+")
    for token, colour in colours.items():
        # a dotted path as it is (a hue may be cool-grey), a flat key with its dashes read
        match = pattern.fullmatch(token.path.lower()) or pattern.fullmatch(_name(token))
        if org and match:
            found.setdefault(match.group(1).lower(), []).append((token, colour))
    return found


def _from_palette(mapping: BrandMapping, colours: dict[Token, ParsedColour]) -> None:
    families = _families(mapping.org, colours)
    taken = {t.value for t in mapping.taken.values()}
    hues = [  # a family a semantic token already took a colour of is not offered again
        hue
        for hue, shades in families.items()
        if hue not in NOT_A_FAMILY and not taken & {c.hex for _, c in shades}
    ]
    for role in (r for r in PALETTE_ROLES if f"colours.{r}" not in mapping.taken):
        if hues:
            hue = hues.pop(0)
            mapping.taken[f"colours.{role}"] = _shade(f"colours.{role}", families[hue], hue)
    greys = [hue for hue in families if hue in GREYS]
    if "colours.muted" not in mapping.taken and greys:
        mapping.taken["colours.muted"] = _shade("colours.muted", families[greys[0]], greys[0])


def _shade(key: str, shades: list[tuple[Token, ParsedColour]], hue: str) -> Taken:
    """The lightest shade white text is legible on (4.5:1), else the darkest."""
    legible = [s for s in shades if contrast_ratio(s[1].hex, WHITE) >= NORMAL_TEXT]
    pick = max if legible else min
    token, colour = pick(legible or shades, key=lambda s: luminance(s[1].hex))
    how = f"palette family '{hue}': its lightest shade with legible white text"
    if not legible:
        how = f"palette family '{hue}': its darkest shade (none is dark enough for white text)"
    return _colour_taken(key, token, colour, how)
