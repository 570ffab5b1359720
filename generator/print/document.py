"""Opening the PDF of one material so a print shop's preflight accepts it.

- Fonts: reportlab starts every page (and form) by selecting its initial font, which
  is Helvetica unless told otherwise (`Canvas._make_preamble` writes `BT /F1 12 Tf ET`
  for a non-TrueType initial font). That puts an unembedded Helvetica in the font
  dictionary every page refers to. Starting with the brand's embedded TrueType font
  instead writes no such operator and adds no font.
- The printer is asked for actual size and the sheet's duplex mode
  (`/ViewerPreferences`), so "fit to page" is not the default; a poster (whole or in
  tiles) asks for simplex, so no tile is printed on the back of another.
- Metadata: title, subject, author (the brand), creator and `/Lang`.
- Streams are compressed and binary (no ASCII85 layer): smaller files, built faster.
- The document `/ID` is an MD5 of the finished file: reportlab's `invariant` mode
  derives it from the metadata only, so two decks with the same title shared an ID.
- Creation and modification date: the time of the build, or `SOURCE_DATE_EPOCH` when
  set (reproducible builds: the same input then gives the same bytes). reportlab's
  `invariant` mode alone wrote 2000-01-01 into every PDF.
"""

from __future__ import annotations

import hashlib
import os
import types
from collections.abc import Mapping, Sequence
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.utils import TimeStamp
from reportlab.pdfgen.canvas import Canvas

from ..errors import BuildError
from ..kit.sheet import Sheet
from . import cmyk, pdfx
from .output import signals_held

DUPLEX = {
    "long-edge": "DuplexFlipLongEdge",
    "short-edge": "DuplexFlipShortEdge",
    "simplex": "Simplex",  # one side only: posters, whole or in tiles
    "fold": "Simplex",  # fronts and backs side by side on one side, folded by hand
}
# what reportlab writes in the trailer for the ID, replaced once the file is complete
_PLACEHOLDER = b"<" + b"0" * 32 + b">"


def open_document(
    target: Path | None,
    sheet: Sheet,
    *,
    title: str,
    subject: str,
    author: str,
    font_name: str,
    lang: str = "nl-NL",
    color: str = "rgb",
    page: tuple[float, float] | None = None,
    inks: Mapping[str, Sequence[float]] | None = None,
) -> Canvas:
    """A canvas for `target` with the sheet's paper size (or `page`: a print shop's
    page of trim, bleed and marks) and print preferences.

    `font_name` is a registered (embedded) TrueType font: the canvas starts each page
    with it, so no other font is referenced. `color` 'cmyk': every colour and image is
    written as CMYK and the file is marked PDF/X-4 (see cmyk.py, pdfx.py); `inks` are
    the brand's own CMYK values ('#RRGGBB' -> percentages, Brand.inks), printed as
    given. The file is written by `canvas.save()`.
    """
    # compressed streams stay binary: ASCII85 on top of them adds a quarter to the file
    # and a pure-Python pass over every stream; printers and viewers read binary PDF
    rl_config.useA85 = 0
    stamp = creation_time()  # checked first: reportlab's own reading of it would crash
    canvas = Canvas(
        str(target) if target else None,  # None: drawn to check it, never saved
        pagesize=page or (sheet.paper_width, sheet.paper_height),
        pageCompression=1,
        invariant=1,
        initialFontName=font_name,
        lang=lang,
        enforceColorSpace=cmyk.Inks(inks or {}) if color == "cmyk" else None,
    )
    canvas.setTitle(title)
    canvas.setSubject(subject)
    canvas.setAuthor(author)
    canvas.setCreator("workshop")
    canvas.setViewerPreference("PrintScaling", "None")
    canvas.setViewerPreference("Duplex", DUPLEX[sheet.duplex])
    _content_id(canvas._doc)
    canvas._doc._timeStamp = stamp
    if color == "cmyk":
        pdfx.mark(canvas._doc, stamp)
        _trim_when_formatted(canvas._doc)
    return canvas


def creation_time() -> TimeStamp:
    """The PDF's creation date: `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when set,
    else now, in this machine's time zone."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch and not (epoch.isascii() and epoch.isdigit() and int(epoch) < 253402300800):
        raise BuildError(
            "SOURCE_DATE_EPOCH must be a whole number of seconds since 1970"
            f" (before the year 10000), found {epoch!r}"
        )
    # reportlab reads SOURCE_DATE_EPOCH itself; without it, not invariant means now
    return TimeStamp(invariant=False)


def save(canvas: Canvas) -> None:
    """Write the file with Ctrl-C and SIGTERM held: reportlab's writer turns an exception
    raised inside it into a KeyError of its own, so an interrupt landing there showed a
    traceback. Held, the signal arrives right after, as anywhere else."""
    with signals_held():
        canvas.save()


def _content_id(doc) -> None:
    """Make the trailer's /ID a hash of the file itself.

    reportlab formats every object before the trailer and asks `doc.ID()` last, so the
    ID is written as a fixed placeholder and replaced, at equal length, by the MD5 of
    the file holding that placeholder: byte offsets stay valid.
    """
    doc._ID = b"\n[" + _PLACEHOLDER + _PLACEHOLDER + b"]\n"
    formatted = doc.format

    def format_with_id(self):
        data = formatted()
        if data.count(_PLACEHOLDER) != 2:
            raise BuildError("the PDF's document ID could not be set (reportlab changed?)")
        digest = b"<" + hashlib.md5(data, usedforsecurity=False).hexdigest().encode() + b">"
        return data.replace(_PLACEHOLDER, digest)

    doc.format = types.MethodType(format_with_id, doc)


def _trim_when_formatted(doc) -> None:
    """Every page gets its TrimBox as the file is formatted, when all pages are known."""
    formatted = doc.format

    def format_trimmed(self):
        pdfx.trim_every_page(self)
        return formatted()

    doc.format = types.MethodType(format_trimmed, doc)
