"""The pages' look in the kit's brand: a style sheet with its colours, and its fonts.
Served from this server (the content security policy allows nothing else, and no
inline styles)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, send_file

from ..kit.brand import FONT_ROLES
from .context import current

bp = Blueprint("style", __name__)
CACHE = "public, max-age=3600"


@bp.get("/style.css")
def sheet():
    body = render_template("style.css", colours=current().brand.colours)
    response = current_app.response_class(body, mimetype="text/css")
    response.headers["Cache-Control"] = CACHE
    return response


@bp.get("/font/<role>.ttf")
def font(role: str):
    if role not in FONT_ROLES:
        abort(404)
    response = send_file(current().brand.fonts[role], mimetype="font/ttf")
    response.headers["Cache-Control"] = CACHE
    return response
