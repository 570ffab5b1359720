"""The application factory: configuration, security, error pages and the blueprints."""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, abort, render_template, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException

from ..answers.links import Links
from ..answers.model import MAX_ANSWER
from ..answers.store import Store, StoreFault
from ..kit.kitfile import DEFAULT_SESSION
from ..kit.project import Project
from . import board, participant, style
from .context import Context, current
from .formtoken import FormTokens
from .overview import kit_overviews
from .security import HEADERS, RateLimit, client_of
from .targets import kit_forms
from .texts import texts

MAX_REQUEST_BYTES = 128 * 1024  # a card's answers, percent-encoded, fit many times over
# the most one answer can take in a posted form: MAX_ANSWER characters of up to 4 bytes
# in UTF-8, each byte percent-encoded as 3 characters, and its field's name
ANSWER_BYTES = MAX_ANSWER * 4 * 3 + 100
# Requests a minute from one client (one address, one IPv6 /64), in bursts of RATE_BURST.
# A room behind one router is one client: 200 phones each voting every 2 s make 12,000
# to 18,000 requests a minute (card, style sheet unless cached, vote; the page after it
# is free), in bursts of 600 to 800 when the trainer says "vote now" (BENCHMARKS.md). A
# client that floods the server (a script sends tens of thousands a minute) is held to
# this, a fraction of what the server answers, so the room is still served beside it.
RATE_PER_MINUTE = 30_000
RATE_BURST = 1_500
SESSION_HOURS = 12  # a form opened in the morning can still be sent in the afternoon

# status -> (title, text) of the page shown instead
ERROR_TEXTS = {
    400: ("refused_title", "refused_text"),
    403: ("board_title", "board_login_text"),
    404: ("not_found_title", "not_found_text"),
    405: ("not_found_title", "not_found_text"),
    413: ("refused_title", "too_long"),
    429: ("too_many_title", "too_many_text"),
    500: ("error_title", "error_text"),
}
STORE_RETRY_SECONDS = 60  # a phone is asked to send again after a minute


def create_app(
    project: Project,
    store: Store,
    links: Links,
    *,
    board_token: str,
    forward: str | None = None,
    sessions: tuple[str, ...] | None = None,
    rate_limit: int | None = RATE_PER_MINUTE,
    rate_burst: int | None = None,
    testing: bool = False,
) -> Flask:
    """The answer server for a kit. `links` resolves the codes of `sessions` (default:
    the kit's session); `forward` is an external form's prefill template; `rate_limit`
    is requests per minute per client (None: no limit), in bursts of `rate_burst`
    (default: RATE_BURST, or the rate if lower).

    Behind a reverse proxy the client's address and scheme come from Waitress, which
    reads the forwarded headers of the proxy it is told to trust (`workshop serve
    --behind-proxy`, cli/serve.py); the app itself trusts no header."""
    kit = project.kit()
    forms = kit_forms(project)
    app = Flask(__name__)
    app.testing = testing
    app.session_interface = SecureWhenHttps()
    app.config.update(
        # cookies signed with a key from the kit's secret: several server processes of
        # one kit accept each other's forms
        SECRET_KEY=hmac.new(links.secret, b"workshop server cookies", hashlib.sha256).hexdigest(),
        MAX_CONTENT_LENGTH=max_request_bytes(forms.values()),
        SESSION_COOKIE_NAME="workshop",
        SESSION_COOKIE_SAMESITE="Lax",
        PERMANENT_SESSION_LIFETIME=SESSION_HOURS * 3600,
        WTF_CSRF_TIME_LIMIT=SESSION_HOURS * 3600,
        # Flask-WTF's HTTPS check needs a Referer, which no-referrer never sends; the
        # token and the SameSite cookie carry the protection
        WTF_CSRF_SSL_STRICT=False,
    )
    app.extensions["workshop"] = Context(
        store=store,
        links=links,
        forms=forms,
        brand=project.brand(kit.brand, parse=False),  # sent as it is: nothing drawn here
        texts=texts(kit.language),
        kit_title=kit.title,
        sessions=tuple(sessions or (kit.session,)),
        board_token=board_token,
        forward=forward,
        form_tokens=FormTokens(links.secret, SESSION_HOURS * 3600),
        overviews=kit_overviews(project, forms),
        limit=new_rate_limit(rate_limit, rate_burst) if rate_limit else None,
    )
    limit = app.extensions["workshop"].limit
    if limit is not None:  # before the CSRF check: a flood of forged posts is slowed down too
        _limit(app, limit)
    # every form posted to the app carries Flask-WTF's token (the board's forms), but the
    # phone pages': their token is bound to the card's code, so a phone gets no cookie
    # (formtoken.py, checked in Context.posted_answers)
    csrf = CSRFProtect(app)
    csrf.exempt(participant.bp)
    _security_headers(app)
    _error_pages(app)
    for blueprint in (participant.bp, board.bp, style.bp):
        app.register_blueprint(blueprint)
    app.jinja_env.globals["t"] = app.extensions["workshop"].texts
    app.jinja_env.globals["kit_title"] = kit.title
    app.jinja_env.globals["logo_url"] = style.logo_url
    app.jinja_env.globals["brand_owner"] = app.extensions["workshop"].brand.owner
    app.jinja_env.globals["default_session"] = DEFAULT_SESSION
    return app


def max_request_bytes(forms) -> int:
    """The largest posted form a kit's forms can make with every field filled to its
    limit (a long worksheet has 35 fields), and never less than MAX_REQUEST_BYTES."""
    fields = max((len(form.questions) for form in forms), default=0) + 2  # token, vote
    return max(MAX_REQUEST_BYTES, fields * ANSWER_BYTES)


def new_rate_limit(per_minute: int = RATE_PER_MINUTE, burst: int | None = None) -> RateLimit:
    """The rate limit as the server has it."""
    return RateLimit(per_minute, burst or min(per_minute, RATE_BURST))


class SecureWhenHttps(SecureCookieSessionInterface):
    """The board's cookie is `Secure` when the request came over HTTPS, directly or
    through a trusted proxy (Waitress then sets the scheme the proxy forwarded): it is
    never sent over plain HTTP. On a laptop in the room (plain HTTP) it cannot be."""

    def get_cookie_secure(self, app) -> bool:
        return super().get_cookie_secure(app) or request.is_secure


def _limit(app: Flask, limit: RateLimit) -> None:
    @app.before_request
    def check() -> None:
        # the page after a stored answer is owed to the client that stored it
        follow_up = request.endpoint == participant.FOLLOW_UP
        if not limit.allow(client_of(request.environ), follow_up):
            abort(429)


def _security_headers(app: Flask) -> None:
    @app.after_request
    def add(response):
        # every response, error pages included; the style sheet and fonts set their own
        # Cache-Control (they may be cached)
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        return response


def _error_pages(app: Flask) -> None:
    @app.errorhandler(StoreFault)
    def store_fault(fault: StoreFault):
        """The database is full or broken: one line on the trainer's terminal, and the
        phone a page that asks to send again (nothing was stored, nothing half-stored)."""
        ctx = app.extensions["workshop"]
        ctx.store.report(fault)
        t = ctx.texts
        if request.blueprint == board.bp.name:
            title, text = t.board_title, t.board_fault_text
        elif request.method == "POST":
            title, text = t.refused_title, t.not_stored_text
        else:
            title, text = t.unavailable_title, t.unavailable_text
        page = render_template("error.html", title=title, text=text)
        response = app.make_response((page, 503))
        response.headers["Retry-After"] = str(STORE_RETRY_SECONDS)
        return response

    @app.errorhandler(CSRFError)
    def csrf(error: CSRFError):
        t = app.extensions["workshop"].texts
        # a phone's form that expired: the form again, with what was typed
        again = participant.form_again(t.csrf_form)
        if again is not None:
            return again, 400
        return _error_page(t.refused_title, t.csrf_text, 400), 400

    @app.errorhandler(HTTPException)
    def http(error: HTTPException):
        ctx = app.extensions["workshop"]
        t = ctx.texts
        again = participant.form_again(t.too_many_form) if error.code == 429 else None
        if again is None:
            title, text = ERROR_TEXTS.get(error.code, ("refused_title", "refused_text"))
            if error.code == 500 and request.method == "POST":  # an answer not stored
                title, text = "refused_title", "not_stored_text"
            text = getattr(t, text).format(limit=MAX_ANSWER)
            again = _error_page(getattr(t, title), text, error.code)
        response = app.make_response((again, error.code))
        if error.code == 429:
            response.headers["Retry-After"] = str(
                ctx.limit.retry_after() if ctx.limit is not None else 60
            )
        return response


def _error_page(title: str, text: str, status: int) -> str:
    """The page of a refusal, with the way back where there is one: to the card whose
    page or post it was, or the same page again once a client may ask again."""
    t = current().texts
    back = label = None
    if status in (400, 413, 429):
        card = participant.card_of_request()
        if card:
            back, label = card, t.back_to_card
        elif request.blueprint == board.bp.name:
            back, label = url_for("board.show"), t.back_to_board
        elif status == 429 and request.method == "GET":
            back, label = request.full_path.rstrip("?"), t.try_again
    return render_template("error.html", title=title, text=text, back=back, back_label=label)
