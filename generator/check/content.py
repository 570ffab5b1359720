"""What a page draws, read from its content streams in one pass: the colour spaces its
operators and images use, each image with the size it is drawn at, and the width of
every stroke; forms (XObjects) and the appearance streams of annotations are followed
with their own resources and matrix.

Only the graphics state the checks need is kept: the transformation matrix (q, Q, cm)
and the line width (w, and /LW of an ExtGState)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from pypdf.generic import ContentStream, DictionaryObject

from .operations import Unreadable, operations

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1, 0, 0, 1, 0, 0)
STROKES = frozenset({b"S", b"s", b"B", b"B*", b"b", b"b*"})
DIRECT_SPACES = {
    b"rg": "RGB", b"RG": "RGB", b"k": "CMYK", b"K": "CMYK", b"g": "Gray", b"G": "Gray"
}  # fmt: skip
DEVICE = {"/DeviceRGB": "RGB", "/DeviceCMYK": "CMYK", "/DeviceGray": "Gray"}
ICC_COMPONENTS = {1: "Gray", 3: "RGB", 4: "CMYK"}
MAX_DEPTH = 12  # forms within forms: deeper is a loop or an attack, not a document


@dataclass(frozen=True)
class PlacedImage:
    name: str
    pixels: tuple[int, int]
    drawn: tuple[float, float]  # width and height on the page, in pt
    space: str

    @property
    def dpi(self) -> float:
        """The effective resolution: pixels per inch as drawn, the lower of the two axes."""
        width, height = self.drawn
        if width <= 0 or height <= 0:
            return math.inf
        return min(self.pixels[0] / width * 72, self.pixels[1] / height * 72)


@dataclass
class Drawn:
    """Everything one page draws that a check looks at."""

    spaces: set[str] = field(default_factory=set)
    images: list[PlacedImage] = field(default_factory=list)
    strokes: list[float] = field(default_factory=list)  # effective line widths, pt


def multiply(m: Matrix, n: Matrix) -> Matrix:
    """m then n (PDF's row-vector convention: cm pre-multiplies the CTM)."""
    a, b, c, d, e, f = m
    p, q, r, s, t, u = n
    return (
        a * p + b * r,
        a * q + b * s,
        c * p + d * r,
        c * q + d * s,
        e * p + f * r + t,
        e * q + f * s + u,
    )


def scale(m: Matrix) -> float:
    """How much a length grows under m (the square root of its area factor)."""
    return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))


def space_of(value, resources) -> str:
    """The colour space a name or array stands for: 'RGB', 'CMYK', 'Gray' or its PDF name."""
    value = value.get_object() if hasattr(value, "get_object") else value
    if isinstance(value, str) and value in DEVICE:
        return DEVICE[value]
    if isinstance(value, str):  # a name in the resources' /ColorSpace
        named = (resources or {}).get("/ColorSpace", {})
        named = named.get_object() if hasattr(named, "get_object") else named
        return space_of(named[value], resources) if value in named else value.lstrip("/")
    family = str(value[0])
    if family == "/ICCBased":
        return ICC_COMPONENTS.get(int(value[1].get_object().get("/N", 0)), "ICC")
    if family == "/Indexed":
        return space_of(value[1], resources)
    return family.lstrip("/")


class Walker:
    """Walks one page; `drawn` holds what it found. `read`: the operators of the file's
    streams read so far, by object number: a form every page draws (a QR code, the
    logo) is read once per file, and walked wherever it is drawn."""

    def __init__(self, reader, read: dict | None = None):
        self.reader, self.drawn = reader, Drawn()
        self.read = {} if read is None else read

    def page(self, page) -> Drawn:
        self.stream(page.get_contents(), page.get("/Resources"), IDENTITY, 0)
        for annot in page.get("/Annots") or []:
            self.annotation(annot.get_object())
        return self.drawn

    def annotation(self, annot: DictionaryObject) -> None:
        if " rg" in str(annot.get("/DA", "")):  # the colour a viewer fills a field in
            self.drawn.spaces.add("RGB")
        normal = (annot.get("/AP") or {}).get("/N")
        normal = normal.get_object() if normal is not None else None
        rect = [float(v) for v in annot.get("/Rect", [0, 0, 0, 0])]
        place = (1, 0, 0, 1, min(rect[0], rect[2]), min(rect[1], rect[3]))
        forms = normal.values() if normal is not None and "/BBox" not in normal else [normal]
        for form in forms:
            if form is not None:
                self.form(form.get_object(), place, 1)

    def form(self, form, ctm: Matrix, depth: int) -> None:
        matrix = tuple(float(v) for v in form.get("/Matrix", IDENTITY))
        self.stream(form, form.get("/Resources"), multiply(matrix, ctm), depth)

    def stream(self, content, resources, ctm: Matrix, depth: int) -> None:
        if content is None or depth > MAX_DEPTH:
            return
        resources = resources.get_object() if resources is not None else {}
        state = [ctm, 1.0]  # matrix, line width
        stack = []
        for operands, operator in self.operations(content):
            if operator == b"q":
                stack.append(list(state))
            elif operator == b"Q" and stack:
                state = stack.pop()
            else:
                self.operator(operator, operands, state, resources, depth)

    def operations(self, content) -> list:
        """The stream's operators, by the fast reader (operations.py), or by pypdf for a
        stream it leaves (an inline image)."""
        number = getattr(getattr(content, "indirect_reference", None), "idnum", None)
        if number in self.read:
            return self.read[number]
        try:
            found = list(operations(content.get_data()))
        except Unreadable:
            found = ContentStream(content, self.reader).operations
        if number is not None:
            self.read[number] = found
        return found

    def operator(self, operator: bytes, operands, state: list, resources, depth: int) -> None:
        if operator == b"cm":
            state[0] = multiply(tuple(float(v) for v in operands), state[0])
        elif operator == b"w":
            state[1] = float(operands[0])
        elif operator in STROKES:
            self.drawn.strokes.append(state[1] * scale(state[0]))
        elif operator in DIRECT_SPACES:
            self.drawn.spaces.add(DIRECT_SPACES[operator])
        elif operator in (b"cs", b"CS"):
            self.drawn.spaces.add(space_of(operands[0], resources))
        elif operator == b"gs":
            self.ext_state(resources, operands[0], state)
        elif operator == b"Do":
            self.xobject(resources, operands[0], state[0], depth)
        elif operator == b"INLINE IMAGE":
            self.inline_image(operands, state[0], resources)

    def ext_state(self, resources, name, state: list) -> None:
        found = (resources.get("/ExtGState") or {}).get(name)
        if found is not None and "/LW" in found.get_object():
            state[1] = float(found.get_object()["/LW"])

    def xobject(self, resources, name, ctm: Matrix, depth: int) -> None:
        found = (resources.get("/XObject") or {}).get(name)
        if found is None:
            return
        xobject = found.get_object()
        if xobject.get("/Subtype") == "/Form":
            self.form(xobject, ctm, depth + 1)
        elif xobject.get("/Subtype") == "/Image":
            self.image(str(name), xobject, ctm, resources)

    def image(self, name: str, image, ctm: Matrix, resources) -> None:
        space = "mask" if image.get("/ImageMask") else space_of(image["/ColorSpace"], resources)
        self.drawn.spaces.add(space)
        pixels = (int(image["/Width"]), int(image["/Height"]))
        drawn = (math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3]))
        self.drawn.images.append(PlacedImage(name.lstrip("/"), pixels, drawn, space))

    def inline_image(self, operands, ctm: Matrix, resources) -> None:
        settings = operands["settings"]
        space = settings.get("/CS", settings.get("/ColorSpace", "/DeviceGray"))
        space = {"/RGB": "/DeviceRGB", "/G": "/DeviceGray", "/CMYK": "/DeviceCMYK"}.get(
            space, space
        )
        wide, high = settings.get("/W", settings.get("/Width")), settings.get("/H")
        if high is None:
            high = settings.get("/Height")
        drawn = (math.hypot(ctm[0], ctm[1]), math.hypot(ctm[2], ctm[3]))
        found = space_of(space, resources)
        self.drawn.spaces.add(found)
        self.drawn.images.append(PlacedImage("inline", (int(wide), int(high)), drawn, found))


def walk(reader, page, read: dict | None = None) -> Drawn:
    """What `page` (of pypdf's `reader`) draws; `read`: a dict kept for the file's pages
    (see Walker)."""
    return Walker(reader, read).page(page)
