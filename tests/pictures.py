"""Golden page images: every page of a PDF rendered at low resolution and compared with a
stored PNG within a tolerance, so that a change of layout, colour or text is seen.

A page compares equal when the mean difference over the page is small AND few pixels
differ much. The mean alone would miss one changed word on an A2 poster (a few hundred
pixels among 350 000); the count alone would miss a faint colour shift over a whole
background. Both bounds sit far above what two renders of one PDF differ by (nothing, with
the pinned pdfium of pypdfium2) and what anti-aliasing of another pdfium build may move
(a few levels along edges), and far below a moved heading, a changed colour or a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image, ImageChops

DPI = 30  # an A4 page is 248 x 351 pixels, an A2 poster 496 x 702: the set stays < 2 MB
# A pixel "differs" when a channel moves by more than this (of 255): more than
# anti-aliasing noise, less than any ink on paper.
THRESHOLD = 24
MAX_MEAN = 0.5  # mean difference over the page, in levels of 255
MAX_CHANGED = 8  # pixels that may differ: a word of a card title changes ~20
UPDATE_COMMAND = "pytest tests/test_golden.py --update-goldens"


def render(pdf: Path) -> list[Image.Image]:
    """Every page of the PDF as an RGB image at DPI (pdfium draws the same pixels each
    time: no time, randomness or system font enters)."""
    document = pdfium.PdfDocument(str(pdf))
    try:
        return [page.render(scale=DPI / 72).to_pil().convert("RGB") for page in document]
    finally:
        document.close()


def page_file(folder: Path, number: int) -> Path:
    return folder / f"page-{number:02d}.png"


def save_pages(pages: list[Image.Image], folder: Path) -> None:
    """Store the pages as folder/page-NN.png, removing pages a shorter PDF no longer has."""
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("page-*.png"):
        old.unlink()
    for number, page in enumerate(pages, start=1):
        page.save(page_file(folder, number), optimize=True)


def load_pages(folder: Path) -> list[Image.Image]:
    pages = []
    for path in sorted(folder.glob("page-*.png")):
        with Image.open(path) as stored:
            pages.append(stored.convert("RGB"))
    return pages


@dataclass(frozen=True)
class Difference:
    mean: float  # mean over pixels of the largest channel difference, 0..255
    changed: int  # pixels whose largest channel difference exceeds THRESHOLD
    pixels: int
    image: Image.Image  # the largest channel difference per pixel (L)

    @property
    def too_large(self) -> bool:
        return self.mean > MAX_MEAN or self.changed > MAX_CHANGED

    def describe(self) -> str:
        return (
            f"mean difference {self.mean:.2f} (at most {MAX_MEAN}), "
            f"{self.changed} of {self.pixels} pixels differ by more than {THRESHOLD} "
            f"(at most {MAX_CHANGED})"
        )


def difference(expected: Image.Image, actual: Image.Image) -> Difference:
    """How two renders of one page size differ."""
    red, green, blue = ImageChops.difference(expected, actual).split()
    largest = ImageChops.lighter(ImageChops.lighter(red, green), blue)
    histogram = largest.histogram()
    pixels = largest.width * largest.height
    mean = sum(level * count for level, count in enumerate(histogram)) / pixels
    changed = sum(histogram[THRESHOLD + 1 :])
    return Difference(mean, changed, pixels, largest)


def diff_picture(expected: Image.Image, actual: Image.Image, diff: Difference) -> Image.Image:
    """Expected, actual and the changed pixels (red over a faded copy of the expected page)
    side by side, for a reviewer to look at."""
    faded = Image.blend(expected, Image.new("RGB", expected.size, "white"), 0.75)
    mask = diff.image.point(lambda level: 255 if level > THRESHOLD else 0)
    marked = Image.composite(Image.new("RGB", expected.size, (230, 0, 0)), faded, mask)
    gap = 8
    sheet = Image.new("RGB", (3 * expected.width + 4 * gap, expected.height + 2 * gap), "grey")
    for column, picture in enumerate((expected, actual, marked)):
        sheet.paste(picture, (gap + column * (expected.width + gap), gap))
    return sheet


def compare(
    name: str, expected: list[Image.Image], actual: list[Image.Image], out: Path
) -> list[str]:
    """What differs between the golden pages and the rendered ones of the PDF `name`, one
    line per page; the actual render and a diff picture of each differing page go to
    `out`/<name>/ (named in the line)."""
    if len(expected) != len(actual):
        save_pages(actual, out / name)
        return [
            f"{name}.pdf: {len(actual)} pages, the golden images have {len(expected)} "
            f"(rendered pages in {out / name})"
        ]
    problems = []
    for number, (old, new) in enumerate(zip(expected, actual, strict=True), start=1):
        problem = compare_page(name, number, old, new, out / name)
        if problem:
            problems.append(problem)
    return problems


def compare_page(name: str, number: int, old: Image.Image, new: Image.Image, out: Path) -> str:
    where = f"{name}.pdf page {number}"
    if old.size != new.size:
        out.mkdir(parents=True, exist_ok=True)
        new.save(page_file(out, number))
        return (
            f"{where}: rendered {new.width} x {new.height} pixels, the golden image is "
            f"{old.width} x {old.height} (page size changed; actual in {page_file(out, number)})"
        )
    diff = difference(old, new)
    if not diff.too_large:
        return ""
    out.mkdir(parents=True, exist_ok=True)
    new.save(page_file(out, number))
    picture = out / f"page-{number:02d}-diff.png"
    diff_picture(old, new, diff).save(picture)
    return f"{where}: {diff.describe()}; expected | actual | changed in {picture}"
