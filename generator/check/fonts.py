"""Every font a page uses is embedded: a font without its file is printed in whatever
the print shop's RIP substitutes (the standard 14 included: Helvetica is not Lato)."""

from __future__ import annotations

from .findings import Report

FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def fonts_of(resources, seen: set, depth: int = 0) -> dict[str, bool]:
    """Base font name -> embedded, of the fonts in `resources` and in its forms'."""
    found: dict[str, bool] = {}
    if resources is None or depth > 12:
        return found
    resources = resources.get_object()
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        found[str(font.get("/BaseFont", font.get("/Name", "?"))).lstrip("/")] = embedded(font)
    for xobject in (resources.get("/XObject") or {}).values():
        ref = getattr(xobject, "idnum", None)  # a form drawn on every page: read it once
        if ref is not None and ref in seen:
            continue
        seen.add(ref)
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            found.update(fonts_of(xobject.get("/Resources"), seen, depth + 1))
    return found


def embedded(font) -> bool:
    """Whether the font's program is in the file (a Type 3 font is drawn by the file)."""
    if font.get("/Subtype") == "/Type3":
        return True
    if font.get("/Subtype") == "/Type0":
        font = font["/DescendantFonts"][0].get_object()
    descriptor = font.get("/FontDescriptor")
    return descriptor is not None and any(key in descriptor.get_object() for key in FILES)


def check(report: Report, pages) -> dict:
    """The fonts of all pages (annotation appearances included), one error per font
    not embedded."""
    found: dict[str, bool] = {}
    for page in pages:
        seen: set = set()
        found.update(fonts_of(page.get("/Resources"), seen))
        for annot in page.get("/Annots") or []:
            normal = (annot.get_object().get("/AP") or {}).get("/N")
            if normal is not None and "/Resources" in normal.get_object():
                found.update(fonts_of(normal.get_object()["/Resources"], seen))
    for name, is_embedded in sorted(found.items()):
        if not is_embedded:
            report.error("fonts", f"font {name} is not embedded")
    return {"fonts": [{"name": n, "embedded": e} for n, e in sorted(found.items())]}
