"""How a build is printed: on an office printer (duplex, or folded) or by a print shop
(each face on its own page with bleed and crop marks, or imposed on a press sheet).

Plain settings with no drawing, so the options of a build can carry them without
loading reportlab; the geometry lives in trim.py, imposition.py and folding.py."""

from __future__ import annotations

from dataclasses import dataclass

from ..kit.units import MM

DEFAULT_BLEED = 3 * MM
MAX_BLEED = 10 * MM
MAX_BACK_OFFSET = 10 * MM  # larger is no misregistration but a wrong page size or tray
SAFE_ZONE = 3 * MM  # text and codes keep this far inside the trim: a cut may wander


@dataclass(frozen=True)
class PrintSetup:
    mode: str = "office"  # office | shop
    bleed: float = DEFAULT_BLEED  # shop: colour printed past the trim, cut away
    sheet: str | None = None  # shop: a press sheet to impose a deck on (sra3)
    duplex: str | None = None  # office: long | short | fold; None: the sheet's own
    back_offset: tuple[float, float] = (0.0, 0.0)  # office: backs moved by x, y (points)

    @property
    def shop(self) -> bool:
        return self.mode == "shop"

    @property
    def fold(self) -> bool:
        return self.duplex == "fold"


DUPLEX_OF = {"long": "long-edge", "short": "short-edge"}  # --duplex as a sheet says it
