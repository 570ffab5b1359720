"""Brand folders (assets/<name>/): brand.yaml checked, fonts and logo found and opened.

A font that reportlab cannot embed or a logo Pillow cannot read is reported with the
line that names it, like any other input problem."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from PIL import Image, UnidentifiedImageError
from reportlab.pdfbase.ttfonts import TTFError

from .errors import InputError, Problem, Where
from .model.brand import BRAND_FILE, REQUIRED_COLOURS, Brand
from .render.fonts import load_font
from .schema import validate
from .yamlfile import load_yaml


def load_brand(folder: Path, label: str, available: list[str]) -> Brand:
    path = folder / "brand.yaml"
    if not path.is_file():
        where = Where(label)
        raise InputError(
            [
                where.problem(
                    f"no brand '{folder.name}' (available: {', '.join(available) or 'none'})"
                )
            ]
        )
    raw = load_yaml(path, label)
    values = validate(BRAND_FILE, raw, label)
    problems = [
        _where(raw, "colours").problem(
            f"missing colour '{role}' (every brand defines {', '.join(REQUIRED_COLOURS)})"
        )
        for role in REQUIRED_COLOURS
        if role not in values["colours"]
    ]
    fonts = {role: font_path(spec, folder) for role, spec in values["fonts"].items()}
    for role, font in fonts.items():
        problems += _check_font(font, _where(raw["fonts"], role, "fonts."))
    logo = folder / values["logo"]
    problems += _check_image(logo, _where(raw, "logo"))
    if problems:
        raise InputError(problems)
    return Brand(values["name"], folder, values["colours"], fonts, logo)


def font_path(spec: str, brand_folder: Path) -> Path:
    """A path relative to the brand folder, or 'package:NAME/FILE.ttf' for a font that
    comes with an installed Python package (the default brand's Lato)."""
    if spec.startswith("package:"):
        package, _, inner = spec.removeprefix("package:").partition("/")
        try:
            return Path(str(resources.files(package) / inner))
        except ModuleNotFoundError:
            return Path(f"<package {package} is not installed>") / inner
    return brand_folder / spec


def _where(node, key: str, prefix: str = "") -> Where:
    mark = node.mark_of(key)
    return Where(mark.file, mark.line, f"{prefix}{key}")


def _check_font(path: Path, where: Where) -> list[Problem]:
    if not path.is_file():
        return [where.problem(f"font file not found: {path}")]
    try:
        load_font(path.resolve())
    except TTFError as exc:
        return [
            where.problem(f"expected a TrueType font, found a file reportlab cannot embed ({exc})")
        ]
    return []


def _check_image(path: Path, where: Where) -> list[Problem]:
    if not path.is_file():
        return [where.problem(f"image file not found: {path}")]
    try:
        with Image.open(path) as image:
            image.verify()
    except (UnidentifiedImageError, OSError) as exc:
        return [where.problem(f"expected a PNG or JPEG image, found an unreadable file ({exc})")]
    return []
