"""The marks of a PDF/X file: an output intent (/S /GTS_PDFX with an embedded
/DestOutputProfile), and where the XMP metadata claims PDF/X, what that version
requires of the rest (a TrimBox on every page, /Trapped True or False, a document /ID,
no annotation but printer's marks: form fields and links are for screens).
A file without an output intent is an office file: nothing here is asked of it."""

from __future__ import annotations

import re

from .findings import Report

ALLOWED_ANNOTATIONS = {"PrinterMark", "TrapNet"}  # the only ones PDF/X allows on a page
_VERSION = re.compile(rb"GTS_PDFXVersion(?:>|=\")\s*([^<\"]+)")


def intents(reader) -> list:
    root = reader.trailer["/Root"]
    return [i.get_object() for i in root.get("/OutputIntents") or []]


def claimed_version(reader) -> str | None:
    """The PDF/X version the XMP metadata names, if any."""
    metadata = reader.trailer["/Root"].get("/Metadata")
    if metadata is None:
        return None
    found = _VERSION.search(metadata.get_object().get_data())
    return found.group(1).decode("ascii", "replace").strip() if found else None


def check(report: Report, reader) -> dict:
    pdfx = [i for i in intents(reader) if i.get("/S") == "/GTS_PDFX"]
    version = claimed_version(reader)
    condition = str(pdfx[0].get("/OutputConditionIdentifier", "")) if pdfx else None
    if pdfx and "/DestOutputProfile" not in pdfx[0]:
        report.error("intent", f"the output intent {condition} embeds no ICC profile")
    if version and not pdfx:
        report.error("intent", f"the metadata claims {version} but there is no output intent")
    if version:
        _claims(report, reader, version)
    return {"pdfx": version, "output_intent": condition}


def _claims(report: Report, reader, version: str) -> None:
    trapped = str((reader.trailer.get("/Info") or {}).get("/Trapped", ""))
    if trapped not in ("/True", "/False"):
        report.error("intent", f"{version} asks /Trapped True or False, found {trapped or 'none'}")
    if "/ID" not in reader.trailer:
        report.error("intent", f"{version} asks for a document /ID, the file has none")
    for number, page in enumerate(reader.pages, 1):
        if "/TrimBox" not in page and "/ArtBox" not in page:
            report.error("intent", f"{version} asks for a TrimBox on every page", number)
        kinds = sorted(
            {
                str(a.get_object().get("/Subtype", "?")).lstrip("/")
                for a in page.get("/Annots") or []
            }
            - ALLOWED_ANNOTATIONS
        )
        if kinds:
            report.error(
                "intent",
                f"{version} allows no {', '.join(kinds)} annotation (form field, link) on the page",
                number,
            )
