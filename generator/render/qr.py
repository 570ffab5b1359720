"""QR codes as vector paths with a white quiet zone of four modules."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_M

QUIET_MODULES = 4


def matrix(data: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(data)
    code.make(fit=True)
    return code.get_matrix()


def module_size(modules: int, size: float) -> float:
    """The side of one module when the code and its quiet zone fill `size`."""
    return size / (modules + 2 * QUIET_MODULES)


def draw(canvas, rows: list[list[bool]], x: float, y: float, size: float) -> float:
    """Draw a white square of side `size` at (x, y), the code inside it; return the module."""
    count = len(rows)
    module = module_size(count, size)
    canvas.saveState()
    canvas.setFillColorRGB(1, 1, 1)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColorRGB(0, 0, 0)
    origin_x = x + QUIET_MODULES * module
    origin_y = y + QUIET_MODULES * module
    path = canvas.beginPath()
    for r, row in enumerate(rows):
        col = 0
        while col < count:
            if row[col]:
                start = col
                while col < count and row[col]:
                    col += 1
                # a hair wider than the module so no seam shows between runs
                path.rect(
                    origin_x + start * module,
                    origin_y + (count - 1 - r) * module,
                    (col - start) * module,
                    module * 1.001,
                )
            col += 1
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
    return module
