"""Render PDF pages to PNG, to look at what the kit makes (and for the README pictures).

    python tools/preview.py output/open/elementen.pdf            # all pages -> output/preview/
    python tools/preview.py output/open/elementen.pdf --pages 1 2 --join docs/elementen-pages.png

Needs the test extras (pypdfium2): pip install -e '.[test]'
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pypdfium2 as pdfium
from PIL import Image


def main() -> None:
    parser = argparse.ArgumentParser(description="Render PDF pages to PNG.")
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--pages", type=int, nargs="*", help="1-based page numbers (default all)")
    parser.add_argument("--dpi", type=int, default=100)
    parser.add_argument("--to", type=Path, default=Path("output/preview"))
    parser.add_argument("--join", type=Path, help="one PNG with the pages side by side")
    args = parser.parse_args()
    document = pdfium.PdfDocument(str(args.pdf))
    numbers = args.pages or range(1, len(document) + 1)
    images = [document[n - 1].render(scale=args.dpi / 72).to_pil() for n in numbers]
    if args.join:
        save(join(images), args.join)
        return
    args.to.mkdir(parents=True, exist_ok=True)
    for number, image in zip(numbers, images, strict=True):
        save(image, args.to / f"{args.pdf.stem}-{number}.png")


def join(images: list[Image.Image], gap: int = 16) -> Image.Image:
    width = sum(i.width for i in images) + gap * (len(images) + 1)
    height = max(i.height for i in images) + 2 * gap
    sheet = Image.new("RGB", (width, height), (200, 200, 200))
    x = gap
    for image in images:
        sheet.paste(image, (x, gap))
        x += image.width + gap
    return sheet


def save(image: Image.Image, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    image.save(target, optimize=True)
    print(target)


if __name__ == "__main__":
    main()
