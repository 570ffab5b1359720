"""The trainer's board: the token from `workshop serve` exchanged for a cookie, vote
tallies hidden until revealed, free-text answers per card and worksheet, and the CSV
export (answers/export.py: for Excel by default, `?format=csv` for plain CSV). With a
forward template the answers go to the external form: the board shows what it has, how
often each card was opened."""

from __future__ import annotations

import hmac
from functools import wraps
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from ..answers import export as exported
from .context import current
from .summary import form_answers, openings, tallies

bp = Blueprint("board", __name__, url_prefix="/board")
REVEALED = "revealed"  # the session cookie's list of revealed 'session/deck/card' keys


def _logged_in() -> bool:
    held = session.get("board", "")
    return isinstance(held, str) and hmac.compare_digest(held, current().board_pass())


def login_required(view):
    @wraps(view)
    def check(*args, **kwargs):
        if not _logged_in():
            abort(403)
        return view(*args, **kwargs)

    return check


@bp.get("")
def show():
    ctx = current()
    token = request.args.get("token")
    if token is not None:
        if not hmac.compare_digest(token.encode(), ctx.board_token.encode()):
            abort(403)
        session.clear()
        session["board"] = ctx.board_pass()
        session.permanent = True
        # the token leaves the address bar (and the browser's history) at once
        return redirect(url_for(".show", session=request.args.get("session")), 303)
    if not _logged_in():
        abort(403)
    chosen = _session()
    latest = ctx.store.latest(chosen)
    forms = ctx.forms.values()
    if ctx.forward:  # the votes and answers are in the external form, not here
        return render_template(
            "board.html",
            chosen=chosen,
            sessions=ctx.sessions,
            forward=urlsplit(ctx.forward).hostname,
            opened=openings(forms, ctx.store.scans(chosen)),
            stored=bool(latest),  # answers stored before the kit forwarded: still exported
            votes=[],
            texts=[],
            revealed=set(),
            colours=ctx.brand.colours,
        )
    votes = tallies(forms, latest)
    texts = form_answers(forms, latest)
    revealed = set(session.get(REVEALED, ()))
    return render_template(
        "board.html",
        chosen=chosen,
        sessions=ctx.sessions,
        votes=votes,
        texts=texts,
        revealed={t.key for t in votes if f"{chosen}/{t.key}" in revealed},
        forward=None,
        stored=True,
        colours=ctx.brand.colours,
    )


@bp.post("/reveal")
@login_required
def reveal():
    """Show one factor's tally (key deck/card), all of them ('all') or none ('none')."""
    ctx = current()
    chosen = _session(request.form)
    key = request.form.get("key", "")
    every = {f"{chosen}/{f.material}/{f.id}" for f in ctx.forms.values() if f.voting}
    revealed = set(session.get(REVEALED, ()))
    if key == "all":
        revealed |= every
    elif key == "none":
        revealed -= every
    elif f"{chosen}/{key}" in every:
        revealed.add(f"{chosen}/{key}")
    else:
        abort(400)
    session[REVEALED] = sorted(revealed)
    return redirect(url_for(".show", session=chosen) + f"#{key.replace('/', '-')}", 303)


@bp.get("/export.csv")
@login_required
def export():
    """Every version of every answer of the session, for Excel (`;` and a byte order
    mark) or, with ?format=csv, as plain CSV."""
    ctx = current()
    chosen = _session()
    fmt = request.args.get("format", exported.EXCEL)
    if fmt not in exported.FORMATS:
        abort(400)
    body, _ = exported.encoded(ctx.store.submissions(chosen), ctx.forms, fmt, ctx.texts.lang)
    name = exported.file_name(chosen)
    return Response(
        body,
        content_type=exported.MEDIA_TYPE,
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


def _session(values=None) -> str:
    """The session asked for, if this server serves it; else the default one."""
    ctx = current()
    asked = (values or request.args).get("session")
    if asked is None:
        return ctx.sessions[0]
    if asked not in ctx.sessions:
        abort(404)
    return asked
