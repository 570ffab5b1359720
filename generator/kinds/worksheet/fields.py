"""Form fields (AcroForm) added to a finished PDF, so a worksheet can be typed into.

reportlab's own form fields only know the 14 standard fonts for the text typed into a
field (their /DA), and would bring an unembedded Helvetica that the print rules forbid.
So the pages are drawn without fields, and this pass (pypdf) adds them afterwards:

- every field's /DA names `/WSF`, a full (not subset) embedding of the brand's regular
  TrueType font in the form's /DR: a viewer needs every glyph, not only those printed;
  it is a simple TrueType font in WinAnsi encoding, which all viewers lay out;
- widgets have no border and no background (/MK empty), so the printed page looks the
  same with or without them; /NeedAppearances asks viewers to draw typed text;
- a check box draws its own cross (/AP /Yes), no ZapfDingbats.

A record (answers filled in) prints the answers on the page itself; its fields hold
the same text as their value, hidden and read-only, so it never shows twice.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import (
    ArrayObject,
    BooleanObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
    NumberObject,
    StreamObject,
    TextStringObject,
)
from reportlab.pdfbase.ttfonts import TTFontFile

FONT_KEY = "/WSF"
MULTILINE = 1 << 12  # text field flag
READ_ONLY = 1
PRINT, HIDDEN = 4, 2  # annotation flags
ON = "/Yes"


@dataclass(frozen=True)
class PageField:
    page: int  # index in the document
    path: tuple[str, ...]  # ("team-2", "fase-1", "1a-3"): the field's full name, in parts
    kind: str  # text | check
    rect: tuple[float, float, float, float]  # x, y, width, height
    value: str | None = None  # a record's answer


def add_fields(data: bytes, fields: list[PageField], font: Path, size: float, colour) -> bytes:
    """The PDF `data` with `fields` added as an AcroForm typed in `font` at `size`."""
    writer = PdfWriter(clone_from=io.BytesIO(data))
    font_ref = writer._add_object(_font(writer, font))
    appearance = f"{FONT_KEY} {size:g} Tf {colour.red:.3f} {colour.green:.3f} {colour.blue:.3f} rg"
    tops, parents = ArrayObject(), {}
    annots: dict[int, ArrayObject] = {}
    for spec in fields:
        widget = _widget(writer, spec, appearance)
        page = writer.pages[spec.page]
        widget[NameObject("/P")] = page.indirect_reference
        ref = writer._add_object(widget)
        annots.setdefault(spec.page, ArrayObject()).append(ref)
        _attach(writer, ref, widget, spec.path[:-1], parents, tops)
    for index, refs in annots.items():
        writer.pages[index][NameObject("/Annots")] = refs
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {
            NameObject("/Fields"): tops,
            NameObject("/DR"): DictionaryObject(
                {NameObject("/Font"): DictionaryObject({NameObject(FONT_KEY): font_ref})}
            ),
            NameObject("/DA"): TextStringObject(appearance),
            NameObject("/NeedAppearances"): BooleanObject(True),
        }
    )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _attach(writer, ref, widget, parent_path, parents: dict, tops: ArrayObject) -> None:
    """Hang a field under its parents (team-2, fase-1), made on first use."""
    if not parent_path:
        tops.append(ref)
        return
    if parent_path not in parents:
        parent = DictionaryObject(
            {
                NameObject("/T"): TextStringObject(parent_path[-1]),
                NameObject("/Kids"): ArrayObject(),
            }
        )
        parents[parent_path] = (writer._add_object(parent), parent)
        _attach(writer, parents[parent_path][0], parent, parent_path[:-1], parents, tops)
    parent_ref, parent = parents[parent_path]
    parent["/Kids"].append(ref)
    widget[NameObject("/Parent")] = parent_ref


def _widget(writer, spec: PageField, appearance: str) -> DictionaryObject:
    x, y, width, height = spec.rect
    record = spec.value is not None
    widget = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/T"): TextStringObject(spec.path[-1]),
            NameObject("/Rect"): ArrayObject(
                [FloatObject(round(v, 2)) for v in (x, y, x + width, y + height)]
            ),
            NameObject("/F"): NumberObject(HIDDEN if record else PRINT),
            NameObject("/MK"): DictionaryObject(),  # no border, no background
            NameObject("/Border"): ArrayObject([NumberObject(0)] * 3),
            NameObject("/DA"): TextStringObject(appearance),
        }
    )
    if spec.kind == "check":
        _check_box(writer, widget, spec, record)
    else:
        widget[NameObject("/FT")] = NameObject("/Tx")
        widget[NameObject("/Ff")] = NumberObject(MULTILINE | (READ_ONLY if record else 0))
        if record:
            widget[NameObject("/V")] = TextStringObject(spec.value)
    return widget


def _check_box(writer, widget, spec: PageField, record: bool) -> None:
    state = NameObject(ON if (spec.value or "").strip().lower() == "ja" else "/Off")
    width, height = spec.rect[2], spec.rect[3]
    widget[NameObject("/FT")] = NameObject("/Btn")
    widget[NameObject("/Ff")] = NumberObject(READ_ONLY if record else 0)
    widget[NameObject("/V")] = state
    widget[NameObject("/AS")] = state
    on = _stream(writer, width, height, _cross(width, height))
    off = _stream(writer, width, height, "")
    widget[NameObject("/AP")] = DictionaryObject(
        {NameObject("/N"): DictionaryObject({NameObject(ON): on, NameObject("/Off"): off})}
    )


def _cross(width: float, height: float) -> str:
    """The same cross kinds/worksheet/rooms.draw_cross prints in a ticked box."""
    a, b, c, d = width * 0.2, height * 0.2, width * 0.8, height * 0.8
    strokes = f"{a:.2f} {b:.2f} m {c:.2f} {d:.2f} l S {a:.2f} {d:.2f} m {c:.2f} {b:.2f} l S"
    return f"q 0.1 0.1 0.1 RG 1.2 w {strokes} Q"


def _stream(writer, width: float, height: float, operators: str):
    stream = DecodedStreamObject()
    stream.set_data(operators.encode("ascii"))
    stream.update(
        {
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject(
                [FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)]
            ),
        }
    )
    return writer._add_object(stream)


def _font(writer, path: Path) -> DictionaryObject:
    """A simple TrueType font in WinAnsi encoding with the whole font file embedded."""
    face = _face(path)
    name = NameObject("/" + face.name.decode("latin-1"))
    file = _font_file(path).clone(writer)
    descriptor = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/FontDescriptor"),
            NameObject("/FontName"): name,
            NameObject("/Flags"): NumberObject(32),  # nonsymbolic: WinAnsi applies
            NameObject("/FontBBox"): ArrayObject([FloatObject(v) for v in face.bbox]),
            NameObject("/ItalicAngle"): FloatObject(face.italicAngle),
            NameObject("/Ascent"): FloatObject(face.ascent),
            NameObject("/Descent"): FloatObject(face.descent),
            NameObject("/CapHeight"): FloatObject(face.capHeight),
            NameObject("/StemV"): NumberObject(face.stemV),
            NameObject("/FontFile2"): writer._add_object(file),
        }
    )
    return DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/TrueType"),
            NameObject("/BaseFont"): name,
            NameObject("/FirstChar"): NumberObject(32),
            NameObject("/LastChar"): NumberObject(255),
            NameObject("/Widths"): ArrayObject([FloatObject(w) for w in _widths(path)]),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/FontDescriptor"): writer._add_object(descriptor),
        }
    )


@cache
def _font_file(path: Path):
    """The whole font file, compressed once per process: a build embeds it in every
    worksheet and again in the booklet."""
    file = StreamObject()
    data = path.read_bytes()
    file.set_data(data)
    file[NameObject("/Length1")] = NumberObject(len(data))
    return file.flate_encode()


@cache
def _face(path: Path) -> TTFontFile:
    return TTFontFile(str(path))


@cache
def _widths(path: Path) -> tuple[float, ...]:
    """Widths of WinAnsi codes 32 to 255 (thousandths of an em); unused codes are 0."""
    face, widths = _face(path), []
    for code in range(32, 256):
        try:
            char = bytes([code]).decode("cp1252")
        except UnicodeDecodeError:
            widths.append(0.0)
            continue
        widths.append(round(face.charWidths.get(ord(char), face.defaultWidth), 1))
    return tuple(widths)
