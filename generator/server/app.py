"""The application factory: configuration, security, error pages and the blueprints."""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, abort, render_template, request
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from ..answers.links import Links
from ..answers.model import MAX_ANSWER
from ..answers.store import Store, StoreFault
from ..kit.kitfile import DEFAULT_SESSION
from ..kit.project import Project
from . import board, participant, style
from .context import Context
from .formtoken import FormTokens
from .overview import kit_overviews
from .security import HEADERS, RateLimit
from .targets import kit_forms
from .texts import texts

MAX_REQUEST_BYTES = 128 * 1024  # a card's answers, percent-encoded, fit many times over
# the most one answer can take in a posted form: MAX_ANSWER characters of up to 4 bytes
# in UTF-8, each byte percent-encoded as 3 characters, and its field's name
ANSWER_BYTES = MAX_ANSWER * 4 * 3 + 100
RATE_PER_MINUTE = 600
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
    behind_proxy: bool = False,
    testing: bool = False,
) -> Flask:
    """The answer server for a kit. `links` resolves the codes of `sessions` (default:
    the kit's session); `forward` is an external form's prefill template; `rate_limit`
    is requests per minute per client address (None: no limit); `behind_proxy` trusts
    one reverse proxy's X-Forwarded-For/-Proto/-Host."""
    kit = project.kit()
    forms = kit_forms(project)
    app = Flask(__name__)
    app.testing = testing
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
    )
    limit = RateLimit(rate_limit) if rate_limit else None
    if limit:  # before the CSRF check: a flood of forged posts is slowed down too
        _limit(app, limit)
    # every form posted to the app carries Flask-WTF's token (the board's forms), but the
    # phone pages': their token is bound to the card's code, so a phone gets no cookie
    # (formtoken.py, checked in Context.posted_answers)
    csrf = CSRFProtect(app)
    csrf.exempt(participant.bp)
    _security_headers(app)
    if behind_proxy:  # the rate limit then sees each client's own address
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1, x_host=1)
    _error_pages(app)
    for blueprint in (participant.bp, board.bp, style.bp):
        app.register_blueprint(blueprint)
    app.jinja_env.globals["t"] = app.extensions["workshop"].texts
    app.jinja_env.globals["kit_title"] = kit.title
    app.jinja_env.globals["default_session"] = DEFAULT_SESSION
    return app


def max_request_bytes(forms) -> int:
    """The largest posted form a kit's forms can make with every field filled to its
    limit (a long worksheet has 35 fields), and never less than MAX_REQUEST_BYTES."""
    fields = max((len(form.questions) for form in forms), default=0) + 2  # token, vote
    return max(MAX_REQUEST_BYTES, fields * ANSWER_BYTES)


def _limit(app: Flask, limit: RateLimit) -> None:
    @app.before_request
    def check() -> None:
        if not limit.allow(request.remote_addr or "-"):
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
        return render_template("error.html", title=t.refused_title, text=t.csrf_text), 400

    @app.errorhandler(HTTPException)
    def http(error: HTTPException):
        t = app.extensions["workshop"].texts
        title, text = ERROR_TEXTS.get(error.code, ("refused_title", "refused_text"))
        if error.code == 500 and request.method == "POST":  # an answer that was not stored
            title, text = "refused_title", "not_stored_text"
        text = getattr(t, text).format(limit=MAX_ANSWER)
        page = render_template("error.html", title=getattr(t, title), text=text)
        response = app.make_response((page, error.code))
        if error.code == 429:
            response.headers["Retry-After"] = "60"
        return response
