"""A phone's answers, stored before Flask: the server's hot path.

A room of phones sends its answers at once, and Flask's request machinery (request and
app contexts, routing, the form parser, the response object) cost about half of a
vote's time on the server (BENCHMARKS.md, "Answer server"). So a plain post of a form
is taken here, at the WSGI layer, with the Flask view's own checks (`Context.opened`,
`Context.posted_answers`: the code, its token, only known values), the same rate limit
(counted once per request) and the same store, and answered with the same redirect.

Everything else goes on to Flask untouched, the body put back: every other page, every
post that is refused (Flask renders the refusal) and every post this layer does not
read: one with a cookie (Flask's session may answer it), in another encoding, without a
length or over the limit. tests/test_direct.py holds both paths to the same responses
and the same stored rows."""

from __future__ import annotations

import io
import re
from urllib.parse import parse_qsl

import werkzeug.urls  # noqa: F401  (registers the "werkzeug.url_quote" error handler)
from flask import Flask
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import HTTPException

from ..answers.links import PATH
from .answering import Refused
from .context import Context, Opened, thanks_path
from .security import RateLimit

URLENCODED = "application/x-www-form-urlencoded"  # how a browser sends a form
# the participant blueprint's two rules: /k/<code> and /K/<code>
_ANSWER = re.compile(f"(?:{re.escape(PATH)}|{re.escape(PATH.upper())})([^/]+)")
# the view's redirect as werkzeug sends it: its status line, its default type, no body
_STORED = "303 SEE OTHER"
_STORED_HEADERS = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", "0")]


class DirectAnswers:
    """WSGI middleware in front of a Flask answer server (app.py puts it there)."""

    def __init__(self, app: Flask, context: Context, limit: RateLimit | None):
        self.app = app
        self.flask = app.wsgi_app  # the next layer: Flask itself
        self.context = context
        self.limit = limit
        self.most = app.config["MAX_CONTENT_LENGTH"]

    def __call__(self, environ, start_response):
        code = self._plain_post(environ)
        if code is None:
            return self.flask(environ, start_response)
        body = environ["wsgi.input"].read(int(environ["CONTENT_LENGTH"]))
        accepted = self._accepted(environ, code, body)
        if accepted is None:
            environ["wsgi.input"] = io.BytesIO(body)  # Flask reads the form again
            return self.flask(environ, start_response)
        opened, answers = accepted
        try:
            self.context.store.add(opened.target, answers)
        except Exception as error:
            # as an error in a view: logged, the 500 page (raised again when testing)
            with self.app.request_context(environ):
                return self.app.handle_exception(error)(environ, start_response)
        location = thanks_path(environ.get("SCRIPT_NAME", "").rstrip("/"), opened.code)
        start_response(_STORED, [*_STORED_HEADERS, ("Location", location)])
        return []

    def _plain_post(self, environ) -> str | None:
        """The code of a post Flask would route to the participant's `answer` view, sent
        as a browser sends a form, with its length (within the limit), no cookie and an
        ASCII mount path; None for any other request."""
        if environ["REQUEST_METHOD"] != "POST" or "HTTP_COOKIE" in environ:
            return None
        found = _ANSWER.fullmatch(environ.get("PATH_INFO", ""))
        mimetype = environ.get("CONTENT_TYPE", "").partition(";")[0].strip().lower()
        length = environ.get("CONTENT_LENGTH", "")
        plain = (
            found is not None
            and mimetype == URLENCODED
            and length.isascii()
            and length.isdigit()
            and int(length) <= self.most
            and "HTTP_TRANSFER_ENCODING" not in environ
            and environ.get("SCRIPT_NAME", "").isascii()
        )
        return found.group(1) if plain else None

    def _accepted(
        self, environ, code: str, body: bytes
    ) -> tuple[Opened, list[tuple[str, str]]] | None:
        """What the Flask view would store for this post; None where it would answer
        otherwise (over the rate limit, refused, a body that is not UTF-8)."""
        if self.limit is not None and not self.limit.allows(environ):
            return None
        try:
            text = body.decode()
        except UnicodeDecodeError:  # werkzeug's form is empty then: Flask refuses it
            return None
        # as werkzeug parses a url-encoded form (formparser.py), to the same values
        items = parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote")
        try:
            opened = self.context.opened(code)
            return opened, self.context.posted_answers(opened, MultiDict(items))
        except (HTTPException, Refused):
            return None
