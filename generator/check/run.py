"""One preflight of one PDF: read it, walk its pages once, and let each check judge.

`codes=False` leaves out the QR render (the slowest part, about a second per poster);
the build's one-line summary does, see `summary`."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from pathlib import Path

from ..errors import WorkshopError
from . import codes as code_check
from . import colours, fonts, images, intent, lines, pages, safe
from .content import walk
from .findings import Report


class CheckError(WorkshopError):
    """A file `workshop check` cannot read as a PDF."""


def check_file(path: Path, codes: bool = True) -> Report:
    """The preflight report of the PDF at `path`."""
    import pypdfium2
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        with _pypdf_quiet():
            reader = PdfReader(path)
            report = Report(str(path))
            report.pages = len(reader.pages)
        if not report.pages:
            raise CheckError(f"{path}: the PDF has no pages")
        document = pypdfium2.PdfDocument(path)
    except (OSError, PyPdfError, pypdfium2.PdfiumError) as exc:
        raise CheckError(f"{path}: cannot be read as a PDF ({exc})") from None
    try:
        with _pypdf_quiet():
            return _checked(report, reader, document, codes)
    finally:
        document.close()


@contextmanager
def _pypdf_quiet():
    """pypdf logs what it repairs in a damaged file ('EOF marker not found'): the report
    says what matters, in one message when the file cannot be read at all."""
    logger = logging.getLogger("pypdf")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _checked(report: Report, reader, document, codes: bool) -> Report:
    marks = intent.check(report, reader)
    drawn, listed, found, read = [], [], [], {}
    for number, page in enumerate(reader.pages, 1):
        listed.append(pages.check(report, number, page))
        drawn.append(walk(reader, page, read))
        found += _page_codes(report, number, page, document[number - 1], codes)
    report.facts = {
        "page_sizes": listed,
        **marks,
        **colours.check(report, drawn, marks["output_intent"] is not None),
        **fonts.check(report, reader.pages),
        **images.check(report, drawn),
        **lines.check(report, drawn),
        "codes": found if codes else None,
    }
    return report


def _page_codes(report: Report, number: int, page, rendered, codes: bool) -> list[dict]:
    """The codes of a page (when `codes`), and its safe zone when it has a TrimBox."""
    boxes = pages.boxes(page)
    trim = boxes.get("TrimBox")
    found = code_check.find(rendered, trim) if codes else []
    if trim is not None:
        pieces = safe.texts(rendered) + [(c.rect, f"QR code {c.text[:30]}") for c in found]
        safe.check(report, number, (trim, boxes["MediaBox"]), safe.Sight(rendered), pieces)
    return code_check.check(report, number, found)


def summary(paths: list[Path]) -> tuple[str, list[Report]]:
    """The build's last line, 'preflight: 17 PDFs, 84 pages, ok' (or '..., 2 warnings'),
    from a check of every file without the QR render (no count of nothing: a build's
    output says 'warning' only when there is one)."""
    reports = [check_file(path, codes=False) for path in paths]
    pages_ = sum(r.pages for r in reports)
    errors = sum(len(r.errors) for r in reports)
    warnings = sum(len(r.warnings) for r in reports)
    said = [f"{errors} errors" if errors != 1 else "1 error"] if errors else []
    said += [f"{warnings} warnings" if warnings != 1 else "1 warning"] if warnings else []
    files = "1 PDF" if len(reports) == 1 else f"{len(reports)} PDFs"
    pages_said = "1 page" if pages_ == 1 else f"{pages_} pages"
    line = f"preflight: {files}, {pages_said}, {', '.join(said) or 'ok'}"
    return line, reports
