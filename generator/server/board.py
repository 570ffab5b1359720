"""The trainer's board: the token from `workshop serve` exchanged for a cookie, vote
tallies hidden until revealed, free-text answers per card and worksheet, and the CSV
export (answers/export.py: for Excel by default, `?format=csv` for plain CSV). With a
forward template the answers go to the external form: the board shows what it has, how
often each card was opened."""

from __future__ import annotations

import hmac
from functools import wraps
from pathlib import Path
from urllib.parse import urlsplit

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)

from ..answers import export as exported
from .context import current
from .security import HEADERS
from .summary import form_answers, openings, ranking, tallies, team_votes

bp = Blueprint("board", __name__, url_prefix="/board")
REVEALED = "revealed"  # the session cookie's list of revealed 'session/deck/card' keys
VIEWS = {"present": ".present", "comments": ".comments"}  # where a reveal may lead back to
POLL_SECONDS = 3  # the presentation view asks for the ranking this often (with JavaScript)
REFRESH_SECONDS = 10  # ... and reloads itself this often without it
SCRIPT = Path(__file__).parent / "templates" / "present.js"
# the presentation view runs one script, served by this app: its own file, nothing inline
PRESENT_CSP = HEADERS["Content-Security-Policy"].replace("script-src 'none'", "script-src 'self'")


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
    view = VIEWS.get(request.form.get("view", ""), ".show")
    return redirect(url_for(view, session=chosen) + f"#{key.replace('/', '-')}", 303)


@bp.get("/present")
@login_required
def present():
    """The ranking for a projector: the factors ranked live (revealed ones by most nee,
    then most twijfel), a bar per factor and each team's mark. Its script asks for
    /board/present.json and redraws the table; without JavaScript the page reloads."""
    chosen = _session()
    response = current_app.make_response(
        render_template(
            "present.html",
            chosen=chosen,
            sessions=current().sessions,
            board=_ranking(chosen),
            poll=POLL_SECONDS,
            refresh=REFRESH_SECONDS,
        )
    )
    response.headers["Content-Security-Policy"] = PRESENT_CSP
    return response


@bp.get("/present.json")
@login_required
def present_json():
    """The ranking as the presentation view draws it."""
    return jsonify(_ranking(_session()))


@bp.get("/present.js")
def present_script():
    """The presentation view's script (no secret in it: served without the cookie)."""
    return Response(
        SCRIPT.read_text(encoding="utf-8"),
        mimetype="text/javascript",
        headers={"Cache-Control": "no-cache"},
    )


@bp.get("/comments")
@login_required
def comments():
    """The teams' comments per factor, apart from the ranking: only of revealed factors."""
    chosen = _session()
    return render_template(
        "board_comments.html",
        chosen=chosen,
        sessions=current().sessions,
        board=_ranking(chosen),
        refresh=REFRESH_SECONDS,
    )


def _ranking(chosen: str) -> dict:
    """What the presentation and comments views show, as plain data (also their JSON):
    the teams that voted and one row per factor, ranked. A hidden factor has no counts,
    no marks and no comments: only how many teams voted."""
    ctx = current()
    latest = [] if ctx.forward else ctx.store.latest(chosen)
    votes = tallies(ctx.forms.values(), latest)
    marks = team_votes(ctx.forms.values(), latest)
    revealed = {t.key for t in votes if f"{chosen}/{t.key}" in set(session.get(REVEALED, ()))}
    teams = sorted({team for by_team in marks.values() for team in by_team})
    rows = []
    for rank, tally in enumerate(ranking(votes, revealed), start=1):
        shown = tally.key in revealed
        number = f"{tally.form.number}.\u00a0" if tally.form.number is not None else ""
        row = {
            "key": tally.key,
            "id": tally.key.replace("/", "-"),
            "label": number + tally.form.title,
            "revealed": shown,
            "rank": rank if shown else None,
            "voted": tally.voted,
            "hidden": ctx.texts.hidden.format(count=tally.voted),
        }
        if shown:
            row["counts"] = [
                {"vote": vote, "count": count, **_choice(tally, vote)}
                for vote, count in tally.counts.items()
            ]
            row["marks"] = [
                {"team": team, "vote": marks[tally.key].get(team)}
                | (_choice(tally, marks[tally.key][team]) if team in marks[tally.key] else {})
                for team in teams
            ]
            row["comments"] = [{"team": team, "text": text} for team, text in tally.comments]
        rows.append(row)
    return {"session": chosen, "teams": teams, "rows": rows}


def _choice(tally, vote: str) -> dict:
    choice = tally.choices.get(vote)
    return (
        {"symbol": choice.symbol, "word": choice.word} if choice else {"symbol": vote, "word": vote}
    )


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
