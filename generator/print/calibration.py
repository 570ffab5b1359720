"""`workshop calibrate`: an A4 sheet from which a user reads how far their printer
shifts the second side of a duplex print, as `--back-offset X,Y`.

The front carries a cross at the centre of the page and a 50 mm bar; the back a grid of
millimetres around the centre with its axes numbered, X to the right and Y up as the
back is read. The centre of a page lands on the centre of its back whichever edge the
sheet flips on, so one geometry serves long and short edge. A pin pushed through the
cross makes a hole on the back: where it falls on the grid is the offset that moves the
backs onto their fronts (a back printed 1 mm too far left shows the hole at +1).
The back's grid is drawn moved by the offset given, so a sheet printed with the offset
found shows the hole at 0,0. Printed text is Dutch."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import BuildError
from ..kit.units import MM
from .imposition import Rect

A4 = (210 * MM, 297 * MM)
CROSS = 15 * MM  # each arm
GRID = 10  # mm each way from the centre: the largest offset --back-offset takes
BAR = 50 * MM
TEXT_SIZE = 10
TITLE_SIZE = 15
EDGE_NAMES = {"long-edge": "de lange zijde", "short-edge": "de korte zijde"}

FRONT_STEPS = (
    "1. Print dit bestand (één vel) op A4 op ware grootte (100 %, niet ‘passend maken’), "
    "dubbelzijdig, omslaan via {edge}: dezelfde instelling als voor de kaarten.",
    "2. Meet de zwarte balk hieronder: die moet precies 50 mm zijn. Zo niet, dan is er "
    "geschaald: print opnieuw op 100 %.",
    "3. Prik met een punaise of passerpunt precies door het midden van het kruis.",
    "4. Draai het vel om en lees op het raster af waar het gaatje valt: X naar rechts, Y "
    "omhoog, in millimeters (bijvoorbeeld X = 1,5 en Y = −0,5).",
    "5. Geef die waarden mee bij het printen van de kaarten, met een punt als decimaalteken: "
    "workshop deck elementen --duplex {mode} --back-offset 1.5,-0.5",
    "6. Controle: print dit blad opnieuw met workshop calibrate --duplex {mode} --back-offset "
    "1.5,-0.5: het gaatje valt dan op 0,0 (binnen een halve millimeter).",
)
BACK_TEXT = (
    "Lees af waar het gaatje van het kruis op de voorkant valt: X (naar rechts) "
    "en Y (omhoog), in millimeters. Dat is je --back-offset X,Y."
)


@dataclass(frozen=True)
class _Paper:
    """What open_document needs to know of the paper."""

    paper_width: float
    paper_height: float
    duplex: str


def file_name(duplex: str) -> str:
    return f"kalibratie-{'lange' if duplex == 'long-edge' else 'korte'}-zijde.pdf"


def write_calibration(project, folder: Path, duplex: str, offset: tuple[float, float]) -> Path:
    """The calibration sheet for `duplex` (long-edge or short-edge) in `folder`, its
    back's grid moved by `offset`; returns its path. Written whole or not at all."""
    from .document import open_document, save
    from .fonts import register
    from .output import batch

    brand = project.brand(project.kit().brand)
    fonts = register(brand)
    with batch(folder) as out:
        target = out.target(file_name(duplex))
        canvas = open_document(
            target,
            _Paper(*A4, duplex),
            title="Kalibratie dubbelzijdig printen",
            subject="--back-offset aflezen",
            author=brand.name,
            font_name=fonts.name("regular"),
        )
        front_page(canvas, fonts, duplex)
        canvas.showPage()
        back_page(canvas, fonts, offset)
        canvas.showPage()
        missing = fonts.missing_glyphs()
        if missing:
            raise BuildError("\n".join(str(problem) for problem in missing))
        save(canvas)
    return folder / file_name(duplex)


def front_page(canvas, fonts, duplex: str) -> None:
    width, height = A4
    mode = "long" if duplex == "long-edge" else "short"
    title = f"Kalibratie dubbelzijdig printen, omslaan via {EDGE_NAMES[duplex]}"
    steps = [s.format(edge=EDGE_NAMES[duplex], mode=mode) for s in FRONT_STEPS]
    top = _paragraphs(canvas, fonts, title, steps, height - 20 * MM)
    _cross(canvas, width / 2, height / 2)
    _bar(
        canvas,
        fonts,
        Rect((width - BAR) / 2, min(top, height / 2 + 40 * MM) - 12 * MM, BAR, 2 * MM),
    )


def back_page(canvas, fonts, offset: tuple[float, float]) -> None:
    width, height = A4
    cx, cy = width / 2 + offset[0], height / 2 + offset[1]
    _grid(canvas, fonts, cx, cy)
    lines = [BACK_TEXT]
    if any(offset):
        shown = ",".join(f"{v / MM:g}" for v in offset)
        lines.append(CHECKED.format(offset=shown))
    _paragraphs(canvas, fonts, "Achterkant", lines, height - 20 * MM)


CHECKED = (
    "Dit blad is geprint met --back-offset {offset}: valt het gaatje op 0,0, dan komen de "
    "achterkanten met die waarde achter hun voorkant."
)


def _paragraphs(canvas, fonts, title: str, lines: list[str], top: float) -> float:
    """The title and `lines`, each wrapped to the page's width; returns the y below."""
    from reportlab.lib.utils import simpleSplit

    left, room = 20 * MM, A4[0] - 40 * MM
    bold, regular = fonts.name("bold"), fonts.name("regular")
    fonts.check("bold", title, "the calibration sheet")
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(bold, TITLE_SIZE)
    canvas.drawString(left, top, title)
    y = top - TITLE_SIZE * 1.8
    canvas.setFont(regular, TEXT_SIZE)
    for line in lines:
        fonts.check("regular", line, "the calibration sheet")
        for part in simpleSplit(line, regular, TEXT_SIZE, room):
            canvas.drawString(left, y, part)
            y -= TEXT_SIZE * 1.3
        y -= TEXT_SIZE * 0.5
    return y


def _cross(canvas, x: float, y: float) -> None:
    canvas.saveState()
    canvas.setStrokeColorRGB(0, 0, 0)
    canvas.setLineWidth(0.3)
    canvas.line(x - CROSS, y, x + CROSS, y)
    canvas.line(x, y - CROSS, x, y + CROSS)
    canvas.circle(x, y, 2 * MM, stroke=1, fill=0)
    canvas.restoreState()


def _bar(canvas, fonts, bar: Rect) -> None:
    canvas.setFillColorRGB(0, 0, 0)
    canvas.rect(bar.x, bar.y, bar.width, bar.height, stroke=0, fill=1)
    label = "50 mm"
    canvas.setFont(fonts.name("regular"), TEXT_SIZE)
    canvas.drawString(bar.right + 3 * MM, bar.y, label)


def _grid(canvas, fonts, cx: float, cy: float) -> None:
    """Lines every mm within GRID mm of (cx, cy), darker every 5, the axes darkest and
    numbered."""
    canvas.saveState()
    for step in range(-GRID, GRID + 1):
        grey, weight = (0.0, 0.8) if step == 0 else (0.35, 0.4) if step % 5 == 0 else (0.65, 0.2)
        canvas.setStrokeColorRGB(grey, grey, grey)
        canvas.setLineWidth(weight)
        canvas.line(cx + step * MM, cy - GRID * MM, cx + step * MM, cy + GRID * MM)
        canvas.line(cx - GRID * MM, cy + step * MM, cx + GRID * MM, cy + step * MM)
    canvas.setFillColorRGB(0, 0, 0)
    canvas.setFont(fonts.name("regular"), 7)
    for step in range(-GRID, GRID + 1, 5):
        label = f"{step:+d}".replace("-", "−") if step else "0"
        canvas.drawCentredString(cx + step * MM, cy - GRID * MM - 4 * MM, label)
        canvas.drawRightString(cx - GRID * MM - 2 * MM, cy + step * MM - 2.5, label)
    canvas.setFont(fonts.name("bold"), 9)
    canvas.drawString(cx + GRID * MM + 2 * MM, cy - 3, "X")
    canvas.drawCentredString(cx, cy + GRID * MM + 2 * MM, "Y")
    canvas.restoreState()
