"""What every response of the answer server carries, and the per-client rate limit."""

from __future__ import annotations

import threading
import time

HEADERS = {
    # no scripts at all, styles and fonts only from this server, no framing
    "Content-Security-Policy": (
        "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
        "form-action 'self'; frame-ancestors 'none'"
    ),
    # a code in the address must never reach another site
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",  # answers and board are nobody else's business
}


class WithHeaders:
    """WSGI middleware: every response gets HEADERS, unless it set one of them itself
    (the style sheet and fonts may be cached). Added to the header list the server
    sends, which costs a tenth of setting them on Flask's response object one by one,
    and covers every response, error pages included."""

    def __init__(self, app):
        self.app = app
        self.headers = list(HEADERS.items())
        self.names = [name.lower() for name in HEADERS]

    def __call__(self, environ, start_response):
        def start(status, headers, exc_info=None):
            present = {name.lower() for name, _ in headers}
            headers.extend(
                item
                for item, name in zip(self.headers, self.names, strict=True)
                if name not in present
            )
            return start_response(status, headers, exc_info)

        return self.app(environ, start)


class RateLimit:
    """A token bucket per client address: `per_minute` requests, in bursts of as many.

    Generous on purpose: a room of phones behind one NAT address shares a bucket (50
    phones scanning, loading and sending a card each make about 150 requests); it only
    stops a client that floods the server. Kept in memory: one server process, one
    bucket set (behind a load balancer each process limits its share)."""

    MAX_CLIENTS = 10_000  # forget idle buckets beyond this many
    COUNTED = "workshop.rate_allowed"  # the request's verdict, kept in its WSGI environ

    def __init__(self, per_minute: int):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allows(self, environ: dict) -> bool:
        """Whether a request is within its client's limit, counted once however many
        layers ask (direct.py asks first, Flask again if it takes the request over)."""
        allowed = environ.get(self.COUNTED)
        if allowed is None:
            allowed = environ[self.COUNTED] = self.allow(environ.get("REMOTE_ADDR") or "-")
        return allowed

    def allow(self, client: str) -> bool:
        now = time.monotonic()
        with self._lock:
            tokens, then = self._buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._buckets) > self.MAX_CLIENTS:
                self._forget_full(now)
            return allowed

    def _forget_full(self, now: float) -> None:
        """Drop clients whose bucket has filled up again: they lose nothing."""
        full_after = self.capacity / self.rate
        for client, (_, then) in list(self._buckets.items()):
            if now - then >= full_after:
                del self._buckets[client]
