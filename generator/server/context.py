"""What the answer server's views share: the kit's forms and words, the store, the
links it resolves, the posters' overviews, the board token. One per app, in app.extensions."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from flask import abort, current_app
from flask_wtf.csrf import CSRFError

from ..answers.forms import Form
from ..answers.links import Links, Target, normalise
from ..answers.store import Store
from ..answers.urls import form_url
from ..kit.brand import Brand
from .answering import answers_from
from .formtoken import FormTokens
from .overview import Overview, overview_of
from .security import RateLimit, client_of
from .texts import PageTexts


@dataclass(frozen=True)
class Opened:
    """What a code in a URL leads to: a form, or a poster's overview."""

    code: str  # as printed (upper case, no hyphen), whatever the URL had
    target: Target
    form: Form | None  # None for an overview
    overview: Overview | None


@dataclass(frozen=True)
class Context:
    store: Store
    links: Links
    forms: dict[tuple[str, str], Form]  # by (material, form id), in the kit's order
    brand: Brand
    texts: PageTexts
    kit_title: str
    sessions: tuple[str, ...]  # the sessions served; the first is the board's default
    board_token: str
    forward: str | None  # an external form's prefill URL: links then only count scans
    form_tokens: FormTokens  # the phone pages' CSRF tokens, bound to the form's code
    overviews: dict[str, Overview]  # by poster name: the pages behind the posters' codes
    limit: RateLimit | None = None  # requests per client; None: no limit

    def opened(self, typed: str) -> Opened:
        """What a code in a URL leads to, or a 404 page: resolved once per request (this
        is the path of every vote)."""
        code = normalise(typed)
        target = self.links.target(code) if code else None
        if target is None:
            abort(404)
        overview = overview_of(self.overviews, target)
        form = None if overview else self.forms.get((target.material, target.form))
        if form is None and overview is None:
            abort(404)
        return Opened(code, target, form, overview)

    def posted_answers(self, opened: Opened, posted: Mapping[str, str]) -> list[tuple[str, str]]:
        """The answers a form posted to an opened code stores; or a 405 (an overview has
        no form to send: it only asks the team, by GET), a CSRFError (no token, or not
        this code's), or answering.Refused (the form's own checks)."""
        if opened.overview:
            abort(405)
        if not self.form_tokens.valid(opened.code, posted.get("csrf_token", "")):
            raise CSRFError()
        return answers_from(opened.form, posted)

    def stored_for(self, environ) -> None:
        """The client of this request stored an answer: the page it is sent to next is
        owed to it, never refused, however busy the room behind its address."""
        if self.limit is not None:
            self.limit.owe(client_of(environ))

    def forwarded(self, target: Target) -> str:
        form = self.forms.get((target.material, target.form))
        return form_url(
            self.forward,
            deck=target.material,
            card=target.form,
            team=target.team,
            session=target.session,
            card_title=form.title if form else target.form,
            deck_title=(form.heading or form.title) if form else target.material,
        )

    def board_pass(self) -> str:
        """What the board's login cookie holds: it changes with the token, so a restart
        (a new token) logs every board out."""
        key = current_app.secret_key.encode()
        return hmac.new(key, self.board_token.encode(), hashlib.sha256).hexdigest()


def current() -> Context:
    return current_app.extensions["workshop"]
