"""CSRF tokens for the phone pages, bound to the card's code instead of a session.

Participants have no accounts and anyone holding a card may post to its code, so a token
that says "this server issued a form for this code, recently" protects exactly what a
session-bound token did: another site cannot make a phone post a form it never loaded
from here. What it drops is the session: a phone gets no cookie at all. The participant
blueprint is exempt from Flask-WTF's check (app.py); the board keeps Flask-WTF and its
session.

A token is `<issued, hex seconds>.<HMAC-SHA256 of code and issue time>` under a key
derived from the kit's secret, so every server process of one kit accepts the others'
forms; it expires after `max_age` seconds."""

from __future__ import annotations

import hashlib
import hmac
import time

SKEW = 300  # seconds a token may seem to come from the future (clocks of several hosts)


class FormTokens:
    def __init__(self, secret: bytes, max_age: int):
        self._key = hmac.new(secret, b"workshop phone forms", hashlib.sha256).digest()
        self.max_age = max_age

    def issue(self, code: str, now: float | None = None) -> str:
        issued = format(int(time.time() if now is None else now), "x")
        return f"{issued}.{self._mac(code, issued)}"

    def valid(self, code: str, token: str, now: float | None = None) -> bool:
        """Whether `token` was issued by this kit's server for `code` and has not expired;
        compared in constant time."""
        issued, _, mac = token.partition(".")
        if len(issued) > 16:
            return False
        try:
            age = (time.time() if now is None else now) - int(issued, 16)
        except ValueError:
            return False
        if not -SKEW <= age <= self.max_age:
            return False
        return hmac.compare_digest(mac.encode(), self._mac(code, issued).encode())

    def _mac(self, code: str, issued: str) -> str:
        return hmac.new(self._key, f"{code}\x1f{issued}".encode(), hashlib.sha256).hexdigest()
