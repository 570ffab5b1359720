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


class RateLimit:
    """A token bucket per client address: `per_minute` requests, in bursts of as many.

    Generous on purpose: a room of phones behind one NAT address shares a bucket (50
    phones scanning, loading and sending a card each make about 150 requests); it only
    stops a client that floods the server. Kept in memory: one server process, one
    bucket set (behind a load balancer each process limits its share)."""

    MAX_CLIENTS = 10_000  # forget idle buckets beyond this many

    def __init__(self, per_minute: int):
        self.capacity = float(per_minute)
        self.rate = per_minute / 60.0
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

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
