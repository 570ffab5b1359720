"""Images at their drawn size: the effective resolution a printer gets. Under 150 dpi
pixels show on paper (an error); under 225 dpi, three quarters of the 300 dpi a print
shop asks for, it is soft (a warning)."""

from __future__ import annotations

from .content import Drawn
from .findings import Report

TOO_LOW = 150
LOW = 225


def check(report: Report, drawn: list[Drawn]) -> dict:
    listed = []
    for number, page in enumerate(drawn, 1):
        for image in page.images:
            dpi = image.dpi
            said = (
                f"image {image.name} ({image.pixels[0]}x{image.pixels[1]} px, "
                f"{image.space}) is drawn at {dpi:.0f} dpi"
            )
            if dpi < TOO_LOW:
                report.error("images", f"{said}: under {TOO_LOW} dpi, pixels show", number)
            elif dpi < LOW:
                report.warn("images", f"{said}: under {LOW} dpi, it prints soft", number)
            listed.append(
                {
                    "page": number,
                    "name": image.name,
                    "pixels": list(image.pixels),
                    "drawn_mm": [round(v / 72 * 25.4, 1) for v in image.drawn],
                    "dpi": round(dpi) if dpi != float("inf") else None,
                    "space": image.space,
                }
            )
    return {"images": listed}
