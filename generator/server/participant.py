"""The pages behind the short links: a form (a card's, a worksheet's), storing its
answers, thank you; a poster's overview (overview.py), which asks the team and lists
its forms' links.

With a forward template a link only counts the scan and sends the phone on to the
external form, prefilled with deck, card, team and session."""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, request, url_for
from werkzeug.exceptions import HTTPException

from ..answers.forms import TICKED
from ..answers.links import PATH, normalise
from ..answers.model import MAX_ANSWER
from .answering import Refused, prefill, rows, shown
from .context import current
from .overview import team_links, team_of

bp = Blueprint("participant", __name__)
LOWER, UPPER = f"{PATH}<code>", f"{PATH.upper()}<code>"  # QR codes carry the link in capitals
ANSWER = {f"{bp.name}.answer", f"{bp.name}.answer_upper"}  # the endpoints taking a form
FOLLOW_UP = f"{bp.name}.thanks"  # the page after a stored answer: never refused


@bp.get("/")
def home():
    """Where a person who cannot scan types the code printed beside the QR code."""
    typed = request.args.get("code")
    if typed is not None:
        code = normalise(typed[:40])
        if code is None or current().links.resolve(code) is None:
            abort(404)
        return redirect(url_for(".card", code=code), 303)
    return render_template("home.html")


@bp.get(LOWER)
@bp.get(UPPER, endpoint="card_upper")
def card(code: str):
    ctx = current()
    opened = ctx.opened(code)
    if opened.overview:
        return _overview(opened)
    if ctx.forward:
        ctx.store.count_scan(opened.target)
        return redirect(ctx.forwarded(opened.target), 302)
    last = ctx.store.last(opened.target)
    values = prefill(opened.form, last.answers) if last else {}
    return _form(opened, values, last=last)


@bp.post(LOWER)
@bp.post(UPPER, endpoint="answer_upper")
def answer(code: str):
    """A phone's answers: stored as the next version, then the thank-you page; or the
    form again with what was wrong."""
    ctx = current()
    opened = ctx.opened(code)
    posted = request.form
    try:
        answers = ctx.posted_answers(opened, posted)
    except Refused as refused:
        error = getattr(ctx.texts, refused.reason).format(limit=MAX_ANSWER)
        return _form(opened, posted, error=error), 400
    ctx.store.add(opened.target, answers)
    ctx.stored_for(request.environ)
    return redirect(url_for(".thanks", code=opened.code), 303)


@bp.get(f"{LOWER}/ok")
def thanks(code: str):
    ctx = current()
    opened = ctx.opened(code)
    if opened.overview:
        abort(404)
    last = ctx.store.last(opened.target)
    stored = shown(opened.form, last.answers, ctx.texts.comment_label) if last else []
    return render_template(
        "thanks.html",
        page=opened.form,
        target=opened.target,
        last=last,
        stored=stored,
        code=opened.code,
    )


def form_again(error: str) -> str | None:
    """For a post of a card's form that is refused before it is read (too many
    requests, an expired form): the form again, with everything typed and chosen in it,
    `error` above it, and a fresh token, so sending again is one tap. None for any
    other request, or a post whose form cannot be read."""
    if request.method != "POST" or request.endpoint not in ANSWER:
        return None
    try:
        opened = current().opened(request.view_args["code"])
        if opened.form is None:
            return None
        values = request.form.to_dict()
    except HTTPException:  # an unknown code, a body too large to read
        return None
    return _form(opened, values, error=error)


def card_of_request() -> str | None:
    """The address of the card this request was for (its page, its post, the page after
    it), as the way back from a refusal; None for any other request."""
    if request.blueprint != bp.name or not request.view_args:
        return None
    code = normalise(str(request.view_args.get("code", "")))
    if code is None or current().links.target(code) is None:
        return None
    return url_for(".card", code=code)


def _form(opened, values, last=None, error: str | None = None):
    return render_template(
        "card.html",
        page=opened.form,
        target=opened.target,
        code=opened.code,
        form_token=current().form_tokens.issue(opened.code),
        values=values,
        last=last,
        error=error,
        max_answer=MAX_ANSWER,
        rows=rows,
        ticked=TICKED,
        colours=current().brand.colours,
    )


def _overview(opened):
    """The team question, and once a served team is given, that team's links."""
    overview, session = opened.overview, opened.target.session
    typed = request.args.get("team")
    team = team_of(typed)
    groups = team_links(overview, current().links, session, team) if team else []
    error = current().texts.overview_unknown if typed is not None and not groups else None
    return render_template(
        "overview.html",
        overview=overview,
        session=session,
        code=opened.code,
        team=team if groups else None,
        groups=groups,
        error=error,
    )
