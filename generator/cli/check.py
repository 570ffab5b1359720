"""`workshop check FILE.pdf...`: the preflight report of each file, as lines or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from ..check import Report, check_file


def check_files(paths: list[Path], as_json: bool) -> tuple[str, bool]:
    """(what to print, whether any file has an error)."""
    reports = [check_file(path) for path in paths]
    failed = any(report.errors for report in reports)
    if as_json:
        said = json.dumps({"files": [r.as_json() for r in reports]}, indent=2, ensure_ascii=False)
        return said, failed
    return "\n".join(line for report in reports for line in described(report)), failed


def described(report: Report) -> list[str]:
    """A report as lines: what the file is, then its findings, then its verdict."""
    facts = report.facts
    lines = [
        f"{report.file}: {report.pages} page{'' if report.pages == 1 else 's'}, {_papers(facts)}",
        f"  colour: {_colour(facts)}",
    ]
    fonts = facts["fonts"]
    embedded = sum(1 for font in fonts if font["embedded"])
    lines.append(f"  fonts: {len(fonts)}, {embedded} embedded")
    lines.append(f"  images: {_images(facts['images'])}")
    lines.append(f"  QR codes: {_codes(facts['codes'])}")
    thinnest = facts["thinnest_line_pt"]
    lines.append(f"  thinnest line: {'none' if thinnest is None else f'{thinnest:g} pt'}")
    lines += [f"  {finding}" for finding in report.findings]
    errors, warnings = len(report.errors), len(report.warnings)
    verdict = "ok" if not errors else "NOT READY FOR PRINT"
    lines.append(f"  {verdict}: {errors} errors, {warnings} warnings")
    return lines


def _papers(facts) -> str:
    sizes = dict.fromkeys(
        p["paper"] or f"{p['size_mm'][0]:g} x {p['size_mm'][1]:g} mm" for p in facts["page_sizes"]
    )
    boxes = sorted({b for p in facts["page_sizes"] for b in p["boxes_mm"]} - {"MediaBox"})
    return ", ".join(sizes) + (f" (boxes: {', '.join(boxes)})" if boxes else "")


def _colour(facts) -> str:
    said = facts["colour"]
    if facts["output_intent"]:
        said += f", output intent {facts['output_intent']}"
    if facts["pdfx"]:
        said += f", {facts['pdfx']}"
    return said


def _images(images: list[dict]) -> str:
    if not images:
        return "none"
    lowest = min((i["dpi"] for i in images if i["dpi"] is not None), default=None)
    return f"{len(images)} drawn" + (f", lowest {lowest} dpi" if lowest is not None else "")


def _codes(codes: list[dict]) -> str:
    decoded = [c for c in codes if c["decoded"]]
    said = f"{len(codes)} found, {len(decoded)} decoded"
    if decoded:
        smallest = min(c["module_mm"] for c in decoded)
        quiet = min(c["quiet_zone_modules"] for c in decoded)
        # measured up to six modules: past that, what lies beyond does not matter
        shown = f"{quiet:.1f}" if quiet < 6 else "6 or more"
        said += f", smallest module {smallest:.2f} mm, narrowest quiet zone {shown} modules"
    return said
