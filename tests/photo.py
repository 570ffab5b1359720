"""A phone's photo of one printed card, simulated: grey office print, a few degrees of
rotation, a tilted phone (perspective), the phone's blur at its own resolution, sensor
noise and JPEG compression. Deterministic: the same card gives the same photo."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass

from PIL import Image, ImageChops, ImageFilter

PAPER, INK = 228, 82  # an office print photographed under room light: no black, no white


@dataclass(frozen=True)
class Shot:
    """How bad the photo is."""

    rotate: float = 4.0  # degrees
    tilt: float = 0.06  # far edge this much narrower than the near edge (perspective)
    per_mm: float = 5.4  # the phone's pixels per mm of card (a 63 mm card: 340 px)
    blur: float = 1.4  # Gaussian radius, in the phone's pixels
    noise: float = 6.0  # standard deviation of sensor noise, grey levels
    quality: int = 60  # JPEG


def photograph(card: Image.Image, dpi: float, shot: Shot = Shot()) -> Image.Image:
    """`card`: the card rendered from the PDF at `dpi` (any mode)."""
    image = _office_print(card.convert("L"))
    image = image.rotate(shot.rotate, resample=Image.BICUBIC, expand=True, fillcolor=PAPER)
    image = _tilt(image, shot.tilt)
    scale = shot.per_mm * 25.4 / dpi
    image = image.resize((round(image.width * scale), round(image.height * scale)), Image.LANCZOS)
    image = image.filter(ImageFilter.GaussianBlur(shot.blur))
    image = ImageChops.add(image, _noise(image.size, shot.noise), 1, -128)
    return _jpeg(image, shot.quality)


def _office_print(grey: Image.Image) -> Image.Image:
    scale = (PAPER - INK) / 255
    return grey.point(lambda v: round(INK + v * scale))


def _tilt(image: Image.Image, amount: float) -> Image.Image:
    """The phone held tilted back: the card's top edge looks narrower than its bottom."""
    w, h = image.size
    inset = amount * w / 2
    # where each corner of the output is found in the input: top corners spread out
    corners = [(-inset, 0), (w + inset, 0), (w, h), (0, h)]
    target = [(0, 0), (w, 0), (w, h), (0, h)]
    return image.transform(
        (w, h), Image.PERSPECTIVE, _coefficients(target, corners), Image.BICUBIC, fillcolor=PAPER
    )


def _coefficients(target, source) -> list[float]:
    """PIL's eight perspective coefficients mapping output points to input points."""
    rows, values = [], []
    for (x, y), (u, v) in zip(target, source, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        values += [u, v]
    return _solve(rows, values)


def _solve(rows: list[list[float]], values: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting (8 unknowns: no numpy needed)."""
    n = len(values)
    matrix = [[*row, value] for row, value in zip(rows, values, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(matrix[r][col]))
        matrix[col], matrix[pivot] = matrix[pivot], matrix[col]
        for r in range(n):
            if r != col:
                factor = matrix[r][col] / matrix[col][col]
                matrix[r] = [a - factor * b for a, b in zip(matrix[r], matrix[col], strict=True)]
    return [matrix[i][n] / matrix[i][i] for i in range(n)]


_NOISE: dict[tuple[int, int, float], Image.Image] = {}


def _noise(size: tuple[int, int], sigma: float) -> Image.Image:
    """Grey noise around 128, the same for every photo of this size."""
    key = (*size, sigma)
    if key not in _NOISE:
        draw = random.Random(6).gauss
        count = size[0] * size[1]
        data = bytes(max(0, min(255, round(128 + draw(0, sigma)))) for _ in range(count))
        _NOISE[key] = Image.frombytes("L", size, data)
    return _NOISE[key]


def _jpeg(image: Image.Image, quality: int) -> Image.Image:
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=quality)
    buffer.seek(0)
    return Image.open(buffer).convert("L")
