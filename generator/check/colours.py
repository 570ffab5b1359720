"""The colour spaces a file uses, in its operators and its images: 'RGB', 'CMYK',
'Gray' (and any other by its PDF name). RGB is fine for an office printer; in a file
that declares a print condition (a PDF/X output intent) it is an error, since the
print shop's conversion of it is not the one proofed."""

from __future__ import annotations

from .content import Drawn
from .findings import Report

PROCESS = frozenset({"CMYK", "Gray", "mask"})


def kind(spaces: set[str]) -> str:
    """'CMYK' (process colour and grey only), 'RGB', 'RGB and CMYK', or 'none'."""
    if not spaces:
        return "none"
    if spaces <= PROCESS:
        return "CMYK" if "CMYK" in spaces else "Gray"
    return "RGB and CMYK" if "CMYK" in spaces else "RGB"


def check(report: Report, drawn: list[Drawn], for_print: bool) -> dict:
    """`for_print`: the file declares an output intent (see intent.py)."""
    every: set[str] = set()
    for number, page in enumerate(drawn, 1):
        every |= page.spaces
        other = sorted(page.spaces - PROCESS)
        if for_print and other:
            report.error(
                "colours",
                f"{', '.join(other)} colour in a file with a PDF/X output intent "
                "(expected CMYK or grey only)",
                number,
            )
    return {"colour": kind(every), "colour_spaces": sorted(every)}
