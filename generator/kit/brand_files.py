"""Brand folders (assets/<name>/): brand.yaml checked, fonts and logo found and opened.

A font that reportlab cannot embed or a logo Pillow cannot read is reported with the
line that names it, like any other input problem. Fonts and images are parsed by
third-party code that was not written for hostile files, so each is bounded (a regular
file of sane size, a sane number of pixels) and opened completely here, before a
build relies on it. Pillow and reportlab are imported by the checks that parse, not
with this module.
"""

from __future__ import annotations

import warnings
from importlib import metadata
from pathlib import Path, PurePosixPath

from ..errors import InputError, Problem, Where, display_path, listed
from .brand import BRAND_FILE, FONT_SUFFIXES, REQUIRED_COLOURS, Brand, is_svg
from .schema import validate
from .yamlfile import load_yaml

MAX_FONT_BYTES = 64 * 1024 * 1024  # the largest CJK fonts are about 20 MB
MAX_IMAGE_BYTES = 64 * 1024 * 1024
MAX_SVG_BYTES = 2 * 1024 * 1024  # a logo is a few kB; svglib parses all of it in memory
MAX_SVG_ELEMENTS = 20_000  # drawn on every page: a logo of more is a mistake (a traced photo)
XLINK_HREF = "{http://www.w3.org/1999/xlink}href"
MAX_IMAGE_PIXELS = 50_000_000  # 10000 x 5000; a logo needs about 1000 x 500
IMAGE_FORMATS = ("PNG", "JPEG")
# what a glyph check reads from a font: enough to find a truncated glyph table
PROBE_TEXT = "AaZz09 ,.?"


class FontSpecError(ValueError):
    """A `package:` font that no installed package ships; the message says what is there."""


def load_brand(
    folder: Path,
    label: str,
    available: list[str],
    parse: bool = True,
    named_at: Where | None = None,
    within: Path | None = None,
) -> Brand:
    """The brand in `folder`, every problem of it reported at once. `parse`: open its
    fonts and logo as a build will (reportlab, Pillow, svglib); without it they are
    checked as files only, for the answer server, which draws nothing and sends them as
    they are, but for an OpenType or WOFF font: converted to TrueType either way
    (fontTools, print/fontfiles.py), so that the phones get the font the paper has.
    A brand that is not there is reported where it is named (`named_at`: the kit
    file's `brand:`), with the file that was looked for. `within`: the kit folder its
    brand.yaml must be in (see load_yaml)."""
    path = folder / "brand.yaml"
    if not (path.exists() or path.is_symlink()):  # a folder or a loop: load_yaml says so
        where = named_at or Where(label)
        looked = f": {label} not found" if named_at else ""
        raise InputError(
            [where.problem(f"no brand '{folder.name}'{looked} (available: {listed(available)})")]
        )
    raw = load_yaml(path, label, within)
    values = validate(BRAND_FILE, raw, label)
    problems = [
        _where(raw, "colours").problem(
            f"missing colour '{role}' (every brand defines {', '.join(REQUIRED_COLOURS)})"
        )
        for role in REQUIRED_COLOURS
        if role not in values["colours"]
    ]
    problems += _ink_conflicts(values["colours"], raw["colours"])
    fonts = _fonts(values["fonts"], raw["fonts"], folder, parse, problems)
    logo = folder / values["logo"]
    check = _check_logo if parse else _logo_file
    problems += check(logo, _where(raw, "logo"), _show(logo, folder))
    if problems:
        raise InputError(problems)
    colours = values["colours"]
    return Brand(
        values["name"],
        folder,
        {role: hex for role, (hex, _) in colours.items()},
        fonts,
        logo,
        organisation=values["organisation"],
        cmyk={role: cmyk for role, (_, cmyk) in colours.items() if cmyk},
        contact=values["contact"],
        footer=values["footer"],
        answers={k: v for k, v in (values["answers"] or {}).items() if v},
        places={
            "logo": _where(raw, "logo"),
            **{role: _where(raw["colours"], role, "colours.") for role in colours},
        },
    )


def _fonts(specs: dict, raw, folder: Path, parse: bool, problems: list) -> dict[str, Path]:
    """Each font role's TrueType file (OpenType and WOFF converted, see fontfiles.py);
    what is wrong with one is added to `problems`."""
    fonts = {}
    for role, spec in specs.items():
        if spec is None:  # an optional role left out (bolditalic: bold is used)
            continue
        where = _where(raw, role, "fonts.")
        try:
            given = font_path(spec, folder)
        except FontSpecError as exc:
            problems.append(where.problem(str(exc)))
            continue
        shown = _show(given, folder)
        found = _font_file(given, where, shown)
        if not found:
            found, fonts[role] = _truetype(given, where, shown)
        if not found and parse:
            found = _check_font(fonts[role], where, shown)
        problems += found
    return fonts


def _truetype(path: Path, where: Where, shown: str) -> tuple[list[Problem], Path]:
    from ..print.fontfiles import FontFileError, UnreadableFont, embeddable

    try:
        return [], embeddable(path)
    except UnreadableFont as exc:
        found = f"a file fontTools cannot read: {shown} ({_reason(exc)})"
        return [where.problem(f"expected a TrueType, OpenType or WOFF font, found {found}")], path
    except FontFileError as exc:
        return [where.problem(f"font {shown} cannot be embedded: {exc}")], path


def font_path(spec: str, brand_folder: Path) -> Path:
    """A path relative to the brand folder, or 'package:NAME/FILE.ttf' for a font that
    comes with an installed Python package (the default brand's Lato)."""
    if spec.startswith("package:"):
        return package_font(spec.removeprefix("package:"))
    return brand_folder / spec


def package_font(spec: str) -> Path:
    """NAME/FILE.ttf: a font file that the installed distribution NAME (as installed,
    `font-lato`, or as imported, `font_lato`) lists among its files.

    Found from the distribution's file list, never by importing NAME: a brand file must
    not be able to run a module (`package:antigravity/x.ttf`)."""
    name, _, inner = spec.partition("/")
    parts = PurePosixPath(inner).parts
    if not name or not inner or inner.startswith("/") or ".." in parts or "\\" in inner:
        raise FontSpecError(
            f"expected package:NAME/FILE.ttf with a file inside the package, found 'package:{spec}'"
        )
    dist = _distribution(name)
    shown = dist.metadata["Name"] or name
    fonts = [f for f in dist.files or () if f.suffix.lower() in FONT_SUFFIXES]
    wanted = {f"{top}/{inner}" for top in _top_levels(dist, name)}
    for font in fonts:
        if font.as_posix() in wanted:
            return Path(dist.locate_file(font))
    if not fonts:
        raise FontSpecError(
            f"package '{shown}' ships no fonts (.ttf, .otf, .woff, .woff2); expected a font package"
        )
    names = sorted({f.name for f in fonts})
    more = f" and {len(names) - 5} more" if len(names) > 5 else ""
    raise FontSpecError(
        f"package '{shown}' has no font '{inner}'; it ships {', '.join(names[:5])}{more} "
        f"(e.g. package:{name}/{_inside(fonts[0], name, dist)})"
    )


def _distribution(name: str) -> metadata.Distribution:
    try:
        return metadata.distribution(name)
    except metadata.PackageNotFoundError:
        pass
    owners = metadata.packages_distributions().get(name, [])
    if owners:
        return metadata.distribution(owners[0])
    raise FontSpecError(
        f"no installed package '{name}'; expected a font package such as font-lato "
        f"(pip install font-lato), or a .ttf path relative to the brand folder"
    )


def _top_levels(dist: metadata.Distribution, name: str) -> set[str]:
    """The folders the distribution installs into (font_lato for font-lato); only NAME
    when NAME is one of them, so an import name picks its own folder."""
    tops = set((dist.read_text("top_level.txt") or "").split()) or {
        f.parts[0]
        for f in dist.files or ()
        if len(f.parts) > 1 and f.parts[0] != ".." and not f.parts[0].endswith(".dist-info")
    }
    return {name} if name in tops else tops


def _inside(font: PurePosixPath, name: str, dist: metadata.Distribution) -> str:
    """A font's path as written after package:NAME/."""
    tops = _top_levels(dist, name)
    return "/".join(font.parts[1:]) if font.parts[0] in tops else font.as_posix()


def _ink_conflicts(colours: dict, raw) -> list[Problem]:
    """Roles of one RGB value with different CMYK values: a CMYK build knows a brand
    colour by its RGB value (print/cmyk.py, Inks), so it could print only one of them."""
    first: dict[str, tuple[str, tuple]] = {}  # '#RRGGBB' -> the first role giving CMYK
    problems = []
    for role, (rgb, inks) in colours.items():
        if inks is None:
            continue
        other, given = first.setdefault(rgb.upper(), (role, inks))
        if given != inks:
            problems.append(
                _where(raw, role, "colours.").problem(
                    f"{rgb} is also colours.{other}, with cmyk {_percentages(given)} there "
                    f"and {_percentages(inks)} here; expected one cmyk for one colour (a "
                    f"CMYK print knows a colour by its RGB value): give both the same cmyk, "
                    f"or change one rgb"
                )
            )
    return problems


def _percentages(inks: tuple) -> str:
    return "[" + ", ".join(f"{v:g}" for v in inks) + "]"


def _where(node, key: str, prefix: str = "") -> Where:
    mark = node.mark_of(key)
    return Where(mark.file, mark.line, f"{prefix}{key}")


def _show(path: Path, brand_folder: Path) -> str:
    """A brand file as the user would type it: relative to the kit (assets/<brand>/..)."""
    return display_path(path, brand_folder.parent.parent)


def _regular_file(path: Path, noun: str, limit: int, where: Where, shown: str) -> list[Problem]:
    """A readable regular file of at most `limit` bytes: not a folder, device or loop."""
    article = "an" if noun[0] in "aeiou" else "a"
    try:
        info = path.stat()
    except FileNotFoundError:
        return [where.problem(f"{noun} file not found: {shown}")]
    except OSError as exc:
        return [where.problem(f"{noun} file cannot be read: {shown} ({exc.strerror or exc})")]
    if path.is_dir():
        return [where.problem(f"expected {article} {noun} file, found a folder: {shown}")]
    if not path.is_file():
        return [where.problem(f"expected {article} {noun} file, found a device or pipe: {shown}")]
    if info.st_size == 0:
        return [where.problem(f"expected {article} {noun} file, found an empty file: {shown}")]
    if info.st_size > limit:
        return [
            where.problem(
                f"{noun} file is {info.st_size:,} bytes; expected at most {limit:,}: {shown}"
            )
        ]
    return []


def _font_file(path: Path, where: Where, shown: str) -> list[Problem]:
    return _regular_file(path, "font", MAX_FONT_BYTES, where, shown)


def _image_file(path: Path, where: Where, shown: str) -> list[Problem]:
    return _regular_file(path, "image", MAX_IMAGE_BYTES, where, shown)


def _check_font(path: Path, where: Where, shown: str) -> list[Problem]:
    problems = _font_file(path, where, shown)
    if problems:
        return problems
    from ..print.fonts import load_font

    try:
        font = load_font(path.resolve())
        _check_tables(font, path)
        font.face.makeSubset([ord(ch) for ch in PROBE_TEXT])
    except Exception as exc:  # a corrupt font fails anywhere in reportlab's parser
        return [
            where.problem(
                f"expected a TrueType font, found a file reportlab cannot embed: {shown} "
                f"({_reason(exc)})"
            )
        ]
    return []


def _check_tables(font, path: Path) -> None:
    """A truncated font parses, but its tables point past the end of the file."""
    size = path.stat().st_size
    for tag, table in font.face.table.items():
        if table["offset"] + table["length"] > size:
            raise ValueError(f"truncated: table '{tag}' ends after the end of the file")


def _check_image(path: Path, where: Where, shown: str) -> list[Problem]:
    problems = _image_file(path, where, shown)
    if problems:
        return problems
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            # our own bound is lower than Pillow's; its warning is an error here
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                found = f"a {image.format} image of {image.width} x {image.height} pixels"
                if image.format not in IMAGE_FORMATS:
                    return [where.problem(f"expected a PNG or JPEG image, found {found}")]
                if image.width * image.height > MAX_IMAGE_PIXELS:
                    return [_too_large(where, found)]
                image.verify()
            with Image.open(path) as image:
                image.load()  # verify() does not decode: a truncated image fails only here
    except UnidentifiedImageError:
        return [where.problem(f"expected a PNG or JPEG image, found another kind of file: {shown}")]
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return [_too_large(where, f"an image Pillow refuses to open ({_reason(exc)})")]
    except Exception as exc:  # a corrupt image fails anywhere in Pillow's decoders
        return [
            where.problem(
                f"expected a PNG or JPEG image, found an unreadable file: {shown} ({_reason(exc)})"
            )
        ]
    return []


def _logo_file(path: Path, where: Where, shown: str) -> list[Problem]:
    if is_svg(path):
        return _regular_file(path, "SVG logo", MAX_SVG_BYTES, where, shown)
    return _image_file(path, where, shown)


def _check_logo(path: Path, where: Where, shown: str) -> list[Problem]:
    return _check_svg(path, where, shown) if is_svg(path) else _check_image(path, where, shown)


def _check_svg(path: Path, where: Where, shown: str) -> list[Problem]:
    """An SVG that svglib draws: bounded in bytes and elements, referring to no other
    file, with a size of its own."""
    problems = _logo_file(path, where, shown)
    if problems:
        return problems
    from ..print.logo import svg_drawing

    try:
        found = _svg_contents(path)
        drawing = None if found else svg_drawing(path.resolve())
    except Exception as exc:  # a broken SVG fails anywhere in lxml or svglib
        found = f"a file svglib cannot draw ({_reason(exc)})"
    if not found and (drawing is None or not (drawing.width > 0 and drawing.height > 0)):
        found = "no width and height (or viewBox), or nothing svglib can draw"
    return [where.problem(f"expected an SVG logo, found {found}: {shown}")] if found else []


def _svg_contents(path: Path) -> str:
    """What is wrong with the SVG's elements, or ''. Parsed without entities (no
    'billion laughs') and without the network."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    root = etree.parse(str(path), parser).getroot()
    if not isinstance(root.tag, str) or etree.QName(root).localname != "svg":
        return "another kind of XML file"
    for count, element in enumerate(root.iter(), 1):
        if count > MAX_SVG_ELEMENTS:
            return f"more than {MAX_SVG_ELEMENTS:,} elements (a traced photo?)"
        if isinstance(element.tag, str) and etree.QName(element).localname == "text":
            # svglib sets SVG text in a standard font (Helvetica) that no PDF embeds
            return "text (a <text> element); convert the text to outlines (paths) first"
        href = element.get("href") or element.get(XLINK_HREF) or ""
        if href and not href.startswith(("#", "data:")):
            return f"a reference to another file or address ('{href[:60]}'); embed it"
    return ""


def _too_large(where: Where, found: str) -> Problem:
    return where.problem(
        f"expected an image of at most {MAX_IMAGE_PIXELS // 1_000_000} megapixels "
        f"(a logo needs about 2000 pixels across), found {found}"
    )


def _reason(exc: Exception) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
