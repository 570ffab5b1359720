"""The pages' look in the kit's brand: a style sheet with its colours, its fonts and its
logo. Served from this server (the content security policy allows nothing else, and no
inline styles).

Fonts and logo are served with a long cache lifetime: their URLs carry a digest of the
file (`?v=`), so a brand whose file changes gets new URLs from the style sheet, which is
itself cached only for an hour."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path

from flask import Blueprint, abort, current_app, render_template, send_file, url_for

from ..kit.brand import FONT_ROLES, OPTIONAL_FONT_ROLES, is_svg
from .context import current

bp = Blueprint("style", __name__)
CACHE = "public, max-age=3600"
LONG_CACHE = "public, max-age=31536000, immutable"  # a year: the URL changes with the file
# how each font role is declared in @font-face
FACES = {
    "regular": ("normal", "normal"),
    "bold": ("bold", "normal"),
    "italic": ("normal", "italic"),
    "bolditalic": ("bold", "italic"),
}


@bp.get("/style.css")
def sheet():
    brand = current().brand
    faces = [
        {
            "url": url_for("style.font", role=role, v=digest(path)),
            "weight": FACES[role][0],
            "style": FACES[role][1],
        }
        for role, path in brand.fonts.items()
    ]
    body = render_template("style.css", colours=brand.colours, faces=faces)
    response = current_app.response_class(body, mimetype="text/css")
    response.headers["Cache-Control"] = CACHE
    return response


@bp.get("/font/<role>.ttf")
def font(role: str):
    fonts = current().brand.fonts
    if role not in (*FONT_ROLES, *OPTIONAL_FONT_ROLES) or role not in fonts:
        abort(404)
    return _long_lived(send_file(fonts[role], mimetype="font/ttf"))


@bp.get("/logo")
def logo():
    path = current().brand.logo
    return _long_lived(send_file(path, mimetype=logo_type(path)))


def logo_url() -> str:
    """The logo's address, for the page header."""
    return url_for("style.logo", v=digest(current().brand.logo))


def logo_type(path: Path) -> str:
    if is_svg(path):
        return "image/svg+xml"
    return "image/png" if path.suffix.lower() == ".png" else "image/jpeg"


def _long_lived(response):
    response.headers["Cache-Control"] = LONG_CACHE
    return response


@cache
def digest(path: Path) -> str:
    """A short digest of a file the brand serves, read once per process."""
    return hashlib.sha256(path.read_bytes()).hexdigest()[:12]
