"""The trainer's board: the token from `workshop serve` exchanged for a cookie, vote
tallies hidden until revealed, free-text answers per card and worksheet, and the CSV
export."""

from __future__ import annotations

import hmac
import io
from functools import wraps

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

from .context import current
from .summary import form_answers, tallies

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
    scans = ctx.store.scans(chosen)
    forms = ctx.forms.values()
    votes = tallies(forms, latest, scans)
    texts = form_answers(forms, latest, scans)
    revealed = set(session.get(REVEALED, ()))
    return render_template(
        "board.html",
        chosen=chosen,
        sessions=ctx.sessions,
        votes=votes,
        texts=texts,
        revealed={t.key for t in votes if f"{chosen}/{t.key}" in revealed},
        forward=ctx.forward,
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
    chosen = _session()
    out = io.StringIO()
    current().store.export_csv(chosen, out)
    return Response(
        out.getvalue(),
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="antwoorden-{chosen}.csv"'},
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
