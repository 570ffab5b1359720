"""Colours and images as CMYK, for `--color cmyk`: the one place an RGB colour becomes
process colour.

- A brand colour with its own CMYK values (brand.yaml `{rgb: ..., cmyk: [...]}`) is
  written in exactly those inks, and so is a 10 % tint of it (a poster cell: a tenth of
  each ink): the brand's printer knows its inks better than any conversion. Layouts name
  brand colours by role but they reach the canvas as RGB, so each document's hook
  (`Inks`) knows the brand's colours by their RGB value: a colour drawn in the RGB of a
  brand colour is that brand colour. (A brand file may therefore not give one RGB value
  two different CMYK values: brand_files.py refuses it.)
- A colour already given as CMYK (a `CMYKColor`) is written as it is.
- A grey (red, green and blue equal, to `GREY` for rounding) is black ink only,
  (0, 0, 0, 1 - lightness), and so is a near-black (no channel above `DARK`, the three
  within `NEUTRAL` of each other, such as #1A1A1A or #1C1F22: meant as black text):
  black text in four inks prints blurred when the plates are not in register, and a
  grey should not take on a colour cast. A light colour close to grey, such as a 10 %
  tint of a brand colour, is a colour: it goes through the profile.
- Every other colour is converted from sRGB through the shipped FOGRA39 profile
  (relative colorimetric with black point compensation, through LittleCMS in Pillow).
- Images are converted the same way (the alpha channel stays a soft mask).

reportlab asks one callable for every colour it sets on a canvas, its text objects and
paragraphs included (`enforceColorSpace`), so no painter needs to know the colour space.
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

from PIL import Image, ImageCms
from reportlab.lib.colors import CMYKColor, Color, toColor
from reportlab.lib.utils import ImageReader

from .palette import TINT, tinted

PROFILE = Path(__file__).resolve().parent.parent / "builtin" / "icc" / "FOGRA39L-workshop.icc"
CONDITION = "FOGRA39"  # the output condition the profile describes (ISO 12647-2, coated)
CONDITION_INFO = "Offset printing on coated paper, ISO 12647-2:2004/Amd 1 (FOGRA39L)"
GREY = 2 / 255  # channels this close are one grey (8-bit rounding)
DARK, NEUTRAL = 0.25, 0.04  # a colour this dark with channels this close: black


@cache
def profile_bytes() -> bytes:
    return PROFILE.read_bytes()


@cache
def _transform(mode: str) -> ImageCms.ImageCmsTransform:
    """sRGB to the profile's CMYK."""
    target = ImageCms.ImageCmsProfile(io.BytesIO(profile_bytes()))
    return ImageCms.buildTransform(
        ImageCms.createProfile("sRGB"),
        target,
        mode,
        "CMYK",
        renderingIntent=ImageCms.Intent.RELATIVE_COLORIMETRIC,
        flags=ImageCms.Flags.BLACKPOINTCOMPENSATION,
    )


@cache
def _converted(red: int, green: int, blue: int) -> tuple[float, float, float, float]:
    pixel = Image.new("RGB", (1, 1), (red, green, blue))
    values = ImageCms.applyTransform(pixel, _transform("RGB")).getpixel((0, 0))
    return tuple(round(v / 255, 4) for v in values)


def cmyk_of(colour) -> CMYKColor:
    """`colour` (anything reportlab takes: a Color, a CMYKColor, '#RRGGBB', a tuple) as
    the CMYK it is printed in, its alpha kept."""
    found = toColor(colour)
    if isinstance(found, CMYKColor):
        return found
    if not isinstance(found, Color):  # pragma: no cover - toColor gives one of the two
        raise ValueError(f"not a colour: {colour!r}")
    channels = (found.red, found.green, found.blue)
    spread = max(channels) - min(channels)
    if spread <= GREY or (max(channels) <= DARK and spread <= NEUTRAL):
        grey = sum(channels) / 3
        return CMYKColor(0, 0, 0, round(1 - grey, 4), alpha=found.alpha)
    eight = (round(c * 255) for c in channels)
    return CMYKColor(*_converted(*eight), alpha=found.alpha)


def enforce(colour) -> CMYKColor:
    """reportlab's colour-space hook (Canvas(enforceColorSpace=...)): CMYK, always; a
    separation (spot) colour is written as its process equivalent."""
    found = cmyk_of(colour)
    if type(found) is not CMYKColor:  # a CMYKColorSep would be written as a spot colour
        found = CMYKColor(found.cyan, found.magenta, found.yellow, found.black)
    return found


class Inks:
    """One document's colour-space hook (Canvas(enforceColorSpace=Inks(...))): a brand
    colour with its own CMYK values in exactly those inks, every other colour `enforce`d.

    `given` maps a brand colour '#RRGGBB' to its C, M, Y, K percentages (Brand.inks)."""

    __name__ = "enforce"  # reportlab's form fields ask the hook's name (not '_enforceRGB')

    def __init__(self, given: Mapping[str, Sequence[float]]):
        self.given: dict[tuple[int, int, int], tuple[float, ...]] = {}
        for colour, percentages in given.items():  # tints first: a brand colour wins
            inks = tuple(v / 100 for v in percentages)
            self.given[_eight_bit(tinted(toColor(colour)))] = tuple(TINT * v for v in inks)
        for colour, percentages in given.items():
            self.given[_eight_bit(toColor(colour))] = tuple(v / 100 for v in percentages)

    def __call__(self, colour) -> CMYKColor:
        found = toColor(colour)
        if isinstance(found, Color) and not isinstance(found, CMYKColor):
            inks = self.given.get(_eight_bit(found))
            if inks is not None:
                return CMYKColor(*inks, alpha=found.alpha)
        return enforce(found)


def _eight_bit(colour: Color) -> tuple[int, int, int]:
    """An RGB colour as '#RRGGBB' holds it: a palette's exact tint rounds to its hex."""
    return tuple(round(c * 255) for c in (colour.red, colour.green, colour.blue))


def prints_cmyk(canvas) -> bool:
    """Whether `canvas` was opened to print CMYK (open_document(color='cmyk'))."""
    return isinstance(getattr(canvas, "_enforceColorSpace", None), Inks)


class CmykImage(ImageReader):
    """A CMYK image with an optional alpha channel, drawn as a soft mask.

    reportlab's ImageReader only keeps the alpha of RGBA and LA images: it forgets the
    mask when it first reads the pixels, so it is put back after that."""

    def __init__(self, image: Image.Image, alpha: Image.Image | None):
        super().__init__(image)
        self._alpha = ImageReader(alpha) if alpha is not None else None

    def getRGBData(self):  # reportlab's name: the pixels, whatever their mode
        data = super().getRGBData()
        self._dataA = self._alpha
        return data


def cmyk_image(source: ImageReader | str | Path) -> CmykImage:
    """The image reportlab would draw from `source` (a file or an ImageReader), as CMYK:
    a greyscale image in black ink only, colour through the profile."""
    if isinstance(source, ImageReader):
        image = source._image
    else:
        with Image.open(source) as opened:
            image = opened.copy()
    if image.mode in ("P", "PA", "1", "I;16", "I", "F"):
        image = image.convert("RGBA" if _has_alpha(image) else "RGB")
    alpha = image.getchannel("A") if "A" in image.getbands() else None
    if image.mode == "CMYK":
        return CmykImage(image, alpha)
    if image.mode in ("L", "LA"):
        black = Image.eval(image.getchannel("L"), lambda v: 255 - v)
        blank = Image.new("L", image.size, 0)
        return CmykImage(Image.merge("CMYK", (blank, blank, blank, black)), alpha)
    converted = ImageCms.applyTransform(image.convert("RGB"), _transform("RGB"))
    return CmykImage(converted, alpha)


def _has_alpha(image: Image.Image) -> bool:
    return "A" in image.getbands() or "transparency" in image.info
