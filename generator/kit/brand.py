"""Brand files (assets/<brand>/brand.yaml): name, colours, fonts and logo.

A municipality makes its own brand folder; nothing in the code names a colour or font.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..answers.votes import VOTE_VALUES
from .schema import Field, MapOf, Record, Text

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


@dataclass(frozen=True)
class Brand:
    name: str
    folder: Path
    colours: dict[str, str]  # role -> '#RRGGBB'
    fonts: dict[str, Path]  # role -> TrueType file
    logo: Path


HEX = Text(r"#[0-9a-fA-F]{6}", "a colour as '#RRGGBB'")
FONT_FILE = Text(
    r".+\.(ttf|TTF)", "a TrueType file: a path ending in .ttf, or package:NAME/FILE.ttf"
)

BRAND_FILE = Record(
    {
        "name": Field(Text()),
        "colours": Field(MapOf(HEX)),
        "fonts": Field(Record({role: Field(FONT_FILE) for role in FONT_ROLES}, make=dict)),
        "logo": Field(Text(r".+\.(png|PNG|jpg|JPG|jpeg|JPEG)", "an image file (.png or .jpg)")),
    },
    make=dict,
)
