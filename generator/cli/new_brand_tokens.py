"""Filling a new brand from design-token files, and saying what came from where.

Every value taken is told as `token path -> brand key  value  (file)`; every colour
token no key took, every token whose value cannot be worked out (a reference to
nothing, a cycle, a malformed colour) and every key left at the kit's value is told
too, with what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import listed
from ..kit.brand import REQUIRED_COLOURS as ROLE_KEYS
from ..kit.tokens import read_tokens
from ..kit.tokens_map import BrandMapping, Taken, map_tokens

MOST_SHOWN = 12  # tokens a list names before it counts the rest
# a token each role is taken from, to say which name was missing (see kit/tokens_map.py)
ROLE_EXAMPLES = {
    "primary": "basis.color.accent-1.color-default or <org>.color.primary",
    "secondary": "basis.color.accent-2.color-default or <org>.color.secondary",
    "accent": "basis.color.accent-3.color-default or <org>.color.accent",
    "text": "basis.color.default.color-document or <org>.document.color",
    "muted": "basis.color.default.color-subtle or <org>.color.text.subtle",
    "paper": "basis.color.default.bg-document or <org>.document.background-color",
    "ja": "basis.color.positive.color-default or <org>.feedback.success.color",
    "twijfel": "basis.color.warning.color-default or <org>.feedback.warning.color",
    "nee": "basis.color.negative.color-default or <org>.feedback.danger.color",
}
KIT_FONT = "Lato"  # the built-in brand's, used where the tokens' family has no files


@dataclass
class TokenReport:
    """What `new brand` says: files written, values taken, what it could not use."""

    written: list[Path] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def from_tokens(
    files: list[Path], values: dict, report: TokenReport, shown: str, root: Path
) -> None:
    """Fill `values` (see new_brand) from the tokens of `files`; tell `report`. In the
    brand file a token's file is named relative to the kit folder `root` where it is in
    it, else by its name (the brand is moved with the kit, the token file is not)."""
    table = read_tokens(files)
    mapping = map_tokens(table)
    if not table.tokens:
        report.warnings.append(
            f"no tokens found in {listed(str(f) for f in files)}: expected leaves with "
            f"value or $value; {shown} holds the kit's own values"
        )
    report.lines.append(
        f"read {_count(len(table.unique()), 'token')}; "
        f"organisation prefix: {mapping.org or 'none found'}"
    )
    report.lines.append("took from the tokens (token -> brand key, value, [file]):")
    for key in [*(f"colours.{role}" for role in ROLE_KEYS), "font"]:
        taken = mapping.taken.get(key)
        if taken is not None:
            report.lines.append(_taken_line(taken))
        if taken is not None and key != "font":
            source = _source(taken, root)
            values["colours"][key.removeprefix("colours.")] = (taken.value, source)
    _font(mapping, values, report, shown)
    _left(mapping, report, shown)
    if table.dark:
        report.lines.append(f"skipped as dark mode (print is on white): {listed(table.dark, 6)}")


def _taken_line(taken: Taken) -> str:
    how = f"  ({taken.how})" if taken.how else ""
    return f"  {taken.token.path} -> {taken.key}  {taken.value}  [{taken.token.file}]{how}"


def _source(taken: Taken, root: Path) -> str:
    how = f"; {taken.how}" if taken.how else ""
    file = Path(taken.token.file)
    inside = file.resolve().is_relative_to(root.resolve())
    named = file.resolve().relative_to(root.resolve()) if inside else file.name
    return f"from {taken.token.path} ({named}){how}"


def _font(mapping: BrandMapping, values: dict, report: TokenReport, shown: str) -> None:
    family = mapping.taken.get("font")
    if family is None or family.value.lower() == KIT_FONT.lower():
        return
    values["font_note"] = (
        f"  # the tokens name {family.value!r} ({family.token.path}); not supplied: {KIT_FONT}"
    )
    report.warnings.append(
        f"font family {family.value!r} (from {family.token.path}) is not supplied as "
        f"files: the brand uses the kit's font, {KIT_FONT}; to print in {family.value}, put "
        f"its font files (.ttf, .otf, .woff or .woff2: regular, bold, italic) in the brand "
        f"folder and name them under fonts: in {shown}"
    )


def _left(mapping: BrandMapping, report: TokenReport, shown: str) -> None:
    for role in (r for r in ROLE_KEYS if f"colours.{r}" not in mapping.taken):
        report.lines.append(
            f"  colours.{role}: kept the kit's value, as no token names it (such as "
            f"{ROLE_EXAMPLES[role].replace('<org>', mapping.org or '<org>')}); edit {shown} "
            f"to change it"
        )
    if mapping.unused:
        names = listed([t.path for t in mapping.unused], MOST_SHOWN)
        report.lines.append(
            f"not mapped ({_count(len(mapping.unused), 'colour token')}): {names}; to use "
            f"one, copy its value into {shown}"
        )
    for token, why in mapping.failed[:MOST_SHOWN]:
        report.warnings.append(f"{token.file} {token.path}: cannot be used: {why}")
    if len(mapping.failed) > MOST_SHOWN:
        report.warnings.append(
            f"... and {len(mapping.failed) - MOST_SHOWN:,} more tokens that cannot be used"
        )
    if mapping.other:
        report.lines.append(
            f"not used ({_count(mapping.other, 'token')}): neither a colour nor a font "
            f"family (sizes, spacing: print does not need them)"
        )


def _count(number: int, noun: str) -> str:
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
