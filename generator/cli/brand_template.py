"""The brand.yaml that `workshop new brand` writes: every key explained in a comment,
every optional key as an example to uncomment.

An example is a line `#key: value` (the # right before the key, at the key's
indentation): removing that one # makes it part of the file, and every example can be
uncommented at once without making the file invalid (no key twice). Other comments
start with '# '. The file as written holds the required keys only.

A colour is written as a mapping (`rgb:`, and `#cmyk:` under it) rather than as
"#RRGGBB", so that giving its CMYK values is one # removed, not a line rewritten. The
example CMYK values are the colour as the shipped profile converts it (what
`--color cmyk` prints without them): uncommented unchanged, the print stays as it was.
"""

from __future__ import annotations

import re

from ..kit.brand import REQUIRED_COLOURS
from ..print.cmyk import cmyk_of

# what each colour role is for, said in the file beside its value
ROLE_NOTES = {
    "primary": "card backs and titles of the first deck; worksheet and poster headings",
    "secondary": "the second deck's colour",
    "accent": "the third deck's colour",
    "text": "body text on paper",
    "muted": "small print: footers, page numbers, hints",
    "paper": "the page; white for print",
    "ja": "green answer card (ja); white text is printed on it",
    "twijfel": "orange answer card (twijfel); white text is printed on it",
    "nee": "red answer card (nee); white text is printed on it",
}
HEADER = """\
# Brand '{name}': the colours, fonts and logo every material is printed in.
# Use it with `brand: {name}` in workshop.yaml, then run `workshop build`.
# A line starting with #key: (no space after the #) is an example of a key you may
# add: remove that # to use it, and change the value after the colon to yours.
# Every other line starting with # is an explanation.

# name: the organisation or project, printed on the materials and in each PDF's details.
name: {title}
# organisation: who hands out the material, such as your municipality; each PDF names
# it as its author (without it, the name above).
#organisation: "Gemeente Voorbeeld"

# colours: one per role; every role must be there. rgb: is the colour on screen and in
# normal print, written "#RRGGBB" (six hexadecimal digits, in quotes). cmyk: gives the
# four percentages [C, M, Y, K] your print shop uses for it: with
# `workshop build --color cmyk` the colour is printed in exactly those inks. The values
# after #cmyk: are what it becomes without them (on coated paper, FOGRA39).
colours:"""
FONTS = """
# fonts: font files relative to this folder (fonts/MyFont-Regular.ttf): TrueType (.ttf),
# OpenType (.otf), WOFF or WOFF2; or package:NAME/FILE for a font that comes with an
# installed Python package.
fonts:{note}
  regular: package:font_lato/files/Lato-Regular.ttf   # body text
  bold:    package:font_lato/files/Lato-Bold.ttf      # titles and headings
  italic:  package:font_lato/files/Lato-Italic.ttf    # emphasis and hints
  # bolditalic: bold italic text; without it, bold italic text is set in the bold font
  #bolditalic: package:font_lato/files/Lato-BoldItalic.ttf

# logo: your logo, a file in this folder, printed on every material: SVG (drawn as
# vectors, sharp at any size: best for print), PNG or JPEG (at least 300 dpi at the
# size it is printed). logo.svg is a placeholder (the kit's own logo): put your logo
# in this folder and write its name here instead, such as gemeente.svg or logo.png.
logo: logo.svg

# contact: a contact line, printed under the footer of worksheets, under the source of
# posters and on every page of the results.
#contact: "Vragen? wijkteam@gemeente.example · 14 0123"
# footer: a footer line, printed there too and on the back of the default cards
# (without it, the name above).
#footer: "Gemeente Voorbeeld · Team Jeugd en Gezin"
# answers: the words of the votes on the response cards, the phone's buttons and the
# results, where you say them otherwise than the kit (their colours are ja, twijfel and
# nee above); leave out a word you keep.
#answers: {{ja: Eens, twijfel: Weet niet, nee: Oneens}}
"""


def brand_text(name: str, values: dict) -> str:
    """brand.yaml for brand `name`: values' name, colours ((hex, where it came from) per
    role) and font note (a comment line, or '')."""
    lines = [HEADER.format(name=name, title=_quoted(values["name"]))]
    for role in REQUIRED_COLOURS:
        colour, source = values["colours"][role]
        lines.append(f"  # {role}: {ROLE_NOTES[role]}")
        lines.append(f"  {role}:")
        lines.append(f'    rgb: "{colour}"   # {_one_line(source)}')
        lines.append(f"    #cmyk: {_profile_cmyk(colour)}")
    lines.append(FONTS.format(note=values["font_note"]))
    return "\n".join(lines)


def _profile_cmyk(colour: str) -> str:
    """The colour's CMYK percentages as print/cmyk.py converts it: '[82, 38, 1, 48]'."""
    return "[" + ", ".join(str(round(v * 100)) for v in cmyk_of(colour).cmyk()) + "]"


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _one_line(text: str) -> str:
    """A comment's text: on one line, without what would end or confuse it."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029\x85]+", " ", text)
