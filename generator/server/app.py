"""The application factory: configuration, security, error pages and the blueprints."""

from __future__ import annotations

import hashlib
import hmac

from flask import Flask, abort, render_template, request
from flask.sessions import SecureCookieSessionInterface
from flask_wtf.csrf import CSRFError, CSRFProtect
from werkzeug.exceptions import HTTPException
from werkzeug.middleware.proxy_fix import ProxyFix

from ..answers.links import Links
from ..answers.model import MAX_ANSWER
from ..answers.store import Store
from ..kit.kitfile import DEFAULT_SESSION
from ..kit.project import Project
from . import board, participant, style
from .context import Context
from .direct import DirectAnswers
from .formtoken import FormTokens
from .overview import kit_overviews
from .security import RateLimit, WithHeaders
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
}


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
        # the board checks its forms itself (board.py): a phone's page then never runs
        # Flask-WTF's check only to find it exempt
        WTF_CSRF_CHECK_DEFAULT=False,
    )
    app.extensions["workshop"] = context = Context(
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
    # Flask-WTF guards the board's forms; the phone pages check their own tokens (bound to
    # the card's code, no session: see formtoken.py)
    CSRFProtect(app)
    app.session_interface = CachedSerializer()
    limit = RateLimit(rate_limit) if rate_limit else None
    if limit:
        _limit(app, limit)
    # a phone's answers are stored before Flask (direct.py); every response gets the
    # security headers, and behind a proxy both see the client's own address
    app.wsgi_app = WithHeaders(DirectAnswers(app, context, limit))
    if behind_proxy:
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


class CachedSerializer(SecureCookieSessionInterface):
    """Flask's signed session cookie, its signer made once per key instead of on every
    request (Flask builds it even for a request without a cookie, which is every phone
    page); a request without any cookie gets its empty session at once, as Flask would
    give it after parsing the cookies it does not have."""

    def open_session(self, app: Flask, request):
        if "HTTP_COOKIE" not in request.environ:
            return self.session_class()
        return super().open_session(app, request)

    def get_signing_serializer(self, app: Flask):
        key = (app.secret_key, tuple(app.config["SECRET_KEY_FALLBACKS"] or ()))
        cached = getattr(self, "_cached", None)
        if cached is None or cached[0] != key:
            self._cached = cached = (key, super().get_signing_serializer(app))
        return cached[1]


def _limit(app: Flask, limit: RateLimit) -> None:
    @app.before_request
    def check() -> None:
        if not limit.allows(request.environ):
            abort(429)


def _error_pages(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def csrf(error: CSRFError):
        t = app.extensions["workshop"].texts
        return render_template("error.html", title=t.refused_title, text=t.csrf_text), 400

    @app.errorhandler(HTTPException)
    def http(error: HTTPException):
        t = app.extensions["workshop"].texts
        title, text = ERROR_TEXTS.get(error.code, ("refused_title", "refused_text"))
        text = getattr(t, text).format(limit=MAX_ANSWER)
        page = render_template("error.html", title=getattr(t, title), text=text)
        response = app.make_response((page, error.code))
        if error.code == 429:
            response.headers["Retry-After"] = "60"
        return response
