"""`workshop new brand NAME [--from-tokens FILE...]`: a brand folder assets/NAME/ that
builds at once.

Its brand.yaml (brand_template.py) explains every key in a comment and shows every
optional one as an example to uncomment; without token files it holds the kit's own
colours and font, with them what the tokens give, each value followed by the token
path and file it came from. The logo is the built-in brand's, a placeholder to replace.
The folder is written whole or not at all (made beside, then renamed into place).
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from ..errors import BuildError, display_path
from ..kit.brand import REQUIRED_COLOURS
from ..kit.yamlfile import load_yaml
from ..print.contrast import NORMAL_TEXT, contrast_ratio
from .brand_template import brand_text
from .new import BUILTIN, DEFAULT_BRAND
from .new_brand_tokens import TokenReport, from_tokens

NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
KIT_BRAND = BUILTIN / "brands" / DEFAULT_BRAND
PLACEHOLDER = "logo.svg"  # the kit's own logo, until the user puts theirs
# roles white (paper) text is printed on, on card backs and answer cards
UNDER_TEXT = ("primary", "secondary", "accent", "ja", "twijfel", "nee")


def check_name(name: str) -> None:
    if not NAME.fullmatch(name):
        raise BuildError(
            f"cannot make brand {name!r}: expected a folder name of letters, digits, - and _ "
            f"(at most 64, starting with a letter or digit), such as gemeente-voorbeeld"
        )


def new_brand(root: Path, name: str, token_files: list[Path]) -> TokenReport:
    """Write assets/<name>/ under the kit folder `root`; the report of what was done."""
    check_name(name)
    target = root / "assets" / name
    shown = display_path(target / "brand.yaml", root)
    if target.exists() or target.is_symlink():
        raise BuildError(
            f"cannot make brand '{name}': {display_path(target, root)} already exists; "
            f"expected a new brand name (or remove that folder first)"
        )
    if target.parent.exists() and not target.parent.is_dir():
        raise BuildError(
            f"cannot make brand '{name}': {display_path(target.parent, root)} is a file; "
            f"expected a folder assets/ for the kit's brands (rename that file)"
        )
    report = TokenReport()
    values = _kit_values()
    if token_files:
        from_tokens(token_files, values, report, shown, root)
    report.warnings += contrast_warnings(values["colours"], shown)
    _write(target, brand_text(name, values), report)
    return report


def _kit_values() -> dict:
    """The built-in brand's colours, each (value, where it came from)."""
    raw = load_yaml(Path(str(KIT_BRAND / "brand.yaml")))
    colours = {role: (raw["colours"][role], "kit default") for role in REQUIRED_COLOURS}
    return {"name": raw["name"], "colours": colours, "font_note": ""}


def contrast_warnings(colours: dict[str, tuple[str, str]], shown: str) -> list[str]:
    """Roles whose text would print below WCAG AA: paper on the card colours, text and
    muted on paper."""
    paper = colours["paper"][0]
    pairs = [(role, paper, "paper-coloured text on it") for role in UNDER_TEXT]
    pairs += [(role, paper, "it as text on paper") for role in ("text", "muted")]
    found = []
    for role, other, what in pairs:
        ratio = contrast_ratio(colours[role][0], other)
        if ratio < NORMAL_TEXT:
            found.append(
                f"{shown} colours.{role}: {colours[role][0]} with {what} ({paper}) has "
                f"contrast {int(ratio * 100) / 100:g}:1; expected at least {NORMAL_TEXT:g}:1 "
                f"(WCAG AA); choose a darker shade for {role}"
            )
    return found


def _write(target: Path, text: str, report: TokenReport) -> None:
    """The folder made beside its place and renamed into it: whole or not at all."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
        try:
            (work / "brand.yaml").write_text(text, encoding="utf-8")
            (work / PLACEHOLDER).write_bytes((KIT_BRAND / PLACEHOLDER).read_bytes())
            work.rename(target)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    except OSError as exc:
        raise BuildError(f"cannot write to {exc.filename or target}: {exc.strerror}") from None
    report.written += [target / "brand.yaml", target / PLACEHOLDER]
