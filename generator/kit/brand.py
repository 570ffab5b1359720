"""Brand files (assets/<brand>/brand.yaml): names, colours, fonts, logo and the lines a
municipality prints under its material.

A municipality makes its own brand folder; nothing in the code names a colour or font.
A colour is '#RRGGBB', or {rgb: '#RRGGBB', cmyk: [C, M, Y, K]} with the print shop's
values beside it (percentages): a CMYK build prints that colour in exactly those inks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..answers.votes import VOTE_VALUES
from .schema import INVALID, Field, MapOf, Number, Record, Spec, Text, describe

REQUIRED_COLOURS = (
    "primary",
    "secondary",
    "accent",
    "text",
    "muted",
    "paper",
    *VOTE_VALUES,
)
FONT_ROLES = ("regular", "bold", "italic")
# bold italic is optional: where it is not given, bold italic text is set in the bold
# font (the documented rule; reportlab's <b><i> then picks bold)
OPTIONAL_FONT_ROLES = ("bolditalic",)
FONT_SUFFIXES = (".ttf", ".otf", ".woff", ".woff2")
LOGO_SUFFIXES = (".svg", ".png", ".jpg", ".jpeg")


@dataclass(frozen=True)
class Brand:
    name: str
    folder: Path
    colours: dict[str, str]  # role -> '#RRGGBB'
    fonts: dict[str, Path]  # role -> TrueType file (converted from OpenType/WOFF if need be)
    logo: Path
    organisation: str = ""  # who hands out the material ('Gemeente Voorbeeld'); else name
    cmyk: dict[str, tuple[float, ...]] = field(default_factory=dict)  # role -> C, M, Y, K %
    contact: str = ""  # a contact line printed in footers
    footer: str = ""  # a footer text printed in footers
    # where each colour is set (brand.yaml, line, 'colours.primary'): a low contrast is
    # blamed there, not on the layout lines it ends up in
    places: dict = field(default_factory=dict, compare=False)
    answers: dict[str, str] = field(default_factory=dict)  # vote value -> the word printed

    @property
    def owner(self) -> str:
        """Who the material is from, as its PDFs name their author."""
        return self.organisation or self.name

    @property
    def inks(self) -> dict[str, tuple[float, ...]]:
        """The colours with their own CMYK values: '#RRGGBB' -> C, M, Y, K percentages
        (one RGB value has one CMYK value: brand_files.py refuses two)."""
        return {self.colours[role].upper(): inks for role, inks in self.cmyk.items()}

    @property
    def footer_parts(self) -> list[str]:
        """The brand's own footer lines, in print order (none when it has none)."""
        return [part for part in (self.footer, self.contact) if part]


def is_svg(path: Path) -> bool:
    """Whether a logo is drawn as vectors (an SVG) rather than as an image."""
    return path.suffix.lower() == ".svg"


HEX = Text(r"#[0-9a-fA-F]{6}", "a colour as '#RRGGBB'")


class Cmyk(Spec):
    """A print colour as four percentages [C, M, Y, K]."""

    expected = "cmyk as four percentages [C, M, Y, K], each from 0 to 100"
    PERCENT = Number(minimum=0, maximum=100)

    def check(self, value, at, checker):
        if not isinstance(value, list) or len(value) != 4:
            shown = f"{len(value)} values" if isinstance(value, list) else describe(value)
            return checker.fail(at, f"expected {self.expected}, found {shown}")
        values = [self.PERCENT.check(v, at.index(value, i), checker) for i, v in enumerate(value)]
        return INVALID if INVALID in values else tuple(values)


class BrandColour(Spec):
    """'#RRGGBB', or {rgb: '#RRGGBB', cmyk: [C, M, Y, K]}: (hex, cmyk or None)."""

    expected = "a colour as '#RRGGBB' or {rgb: '#RRGGBB', cmyk: [C, M, Y, K]}"
    RECORD = Record({"rgb": Field(HEX), "cmyk": Field(Cmyk(), default=None)})

    def check(self, value, at, checker):
        if isinstance(value, str):
            checked = HEX.check(value, at, checker)
            return INVALID if checked is INVALID else (checked, None)
        if not isinstance(value, dict):
            return self.mismatch(value, at, checker)
        if "rgb" not in value:
            keys = ", ".join(str(k) for k in list(value)[:5]) or "nothing"
            return checker.fail(at, f"expected {self.expected}, found a mapping of {keys}")
        checked = self.RECORD.check(value, at, checker)
        return INVALID if checked is INVALID else (checked["rgb"], checked["cmyk"])


def _suffixed(suffixes: tuple[str, ...], expected: str) -> Text:
    ends = "|".join(s.removeprefix(".") for s in suffixes)
    return Text(rf"(?i).+\.({ends})", expected)


FONT_FILE = _suffixed(
    FONT_SUFFIXES,
    "a font file (.ttf, .otf, .woff or .woff2): a path, or package:NAME/FILE.ttf",
)
LOGO_FILE = _suffixed(LOGO_SUFFIXES, "an image file (.svg, .png or .jpg)")
FONTS = Record(
    {
        **{role: Field(FONT_FILE) for role in FONT_ROLES},
        **{role: Field(FONT_FILE, default=None) for role in OPTIONAL_FONT_ROLES},
    },
    make=dict,
)

BRAND_FILE = Record(
    {
        "name": Field(Text()),
        "organisation": Field(Text(), default=""),
        "colours": Field(MapOf(BrandColour())),
        "fonts": Field(FONTS),
        "logo": Field(LOGO_FILE),
        "contact": Field(Text(), default=""),
        "footer": Field(Text(), default=""),
        # the words of the votes, where the brand says them otherwise than the kit
        "answers": Field(
            Record({vote: Field(Text(), default=None) for vote in VOTE_VALUES}, make=dict),
            default=None,
        ),
    },
    make=dict,
)
