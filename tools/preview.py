"""Render PDF pages to PNG, to look at what the kit makes (and for the README pictures).

    python tools/preview.py output/elementen.pdf            # all pages -> output/preview/
    python tools/preview.py output/elementen.pdf --pages 1 2 --dpi 60 --to docs/

Needs the test extras (pypdfium2): pip install -e '.[test]'
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pypdfium2 as pdfium


def main() -> None:
    parser = argparse.ArgumentParser(description="Render PDF pages to PNG.")
    parser.add_argument("pdf", type=Path)
    parser.add_argument("--pages", type=int, nargs="*", help="1-based page numbers (default all)")
    parser.add_argument("--dpi", type=int, default=100)
    parser.add_argument("--to", type=Path, default=Path("output/preview"))
    args = parser.parse_args()
    args.to.mkdir(parents=True, exist_ok=True)
    document = pdfium.PdfDocument(str(args.pdf))
    for number in args.pages or range(1, len(document) + 1):
        image = document[number - 1].render(scale=args.dpi / 72).to_pil()
        target = args.to / f"{args.pdf.stem}-{number}.png"
        image.save(target, optimize=True)
        print(target)


if __name__ == "__main__":
    main()
