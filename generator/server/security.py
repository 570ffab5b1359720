"""What every response of the answer server carries, and the per-client rate limit."""

from __future__ import annotations

import math
import socket
import threading
import time
from collections import OrderedDict

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
    """A token bucket per client: `per_minute` requests on average, in bursts of `burst`
    (default: as many). `client_of` says who a client is (an address; an IPv6 /64).

    Generous on purpose: a room of phones behind one NAT address shares a bucket, so the
    limit only stops a client that floods the server. The page a phone is sent to after
    a stored answer is owed to it (`owe`, then `allow(..., follow_up=True)`): it never
    counts against the bucket the room shares.

    Bounded: buckets are kept least recently used first. A bucket unused for as long as
    it takes to fill up again is forgotten (its client loses nothing: it would start
    full anyway), and beyond `max_clients` the least recently used one is forgotten too
    (that client starts with a full bucket again). Each request does a fixed amount of
    work however many clients there are: one look-up, one move to the end, and at most
    `FORGET_PER_REQUEST` buckets forgotten. Kept in memory: one server process, one
    bucket set (behind a load balancer each process limits its share)."""

    MAX_CLIENTS = 10_000  # buckets kept at most: under 3 MB
    FORGET_PER_REQUEST = 2  # more than the one bucket a request can add: the old go

    def __init__(
        self,
        per_minute: int,
        burst: int | None = None,
        max_clients: int = MAX_CLIENTS,
        clock=None,
    ):
        self.capacity = float(burst or per_minute)
        self.rate = per_minute / 60.0
        self.full_after = self.capacity / self.rate  # seconds an empty bucket takes to fill
        self.max_clients = max_clients
        self._clock = clock  # None: time.monotonic, looked up at each call
        # client -> (tokens, last used, pages owed), least recently used first
        self._buckets: OrderedDict[str, tuple[float, float, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._buckets)

    def allow(self, client: str, follow_up: bool = False) -> bool:
        """Whether `client` may make a request now; counts it if so. `follow_up`: the
        request is the page after a stored answer, free while one is owed."""
        now = self._clock() if self._clock else time.monotonic()
        buckets = self._buckets
        with self._lock:
            tokens, then, owed = buckets.pop(client, None) or (self.capacity, now, 0)
            tokens = min(self.capacity, tokens + (now - then) * self.rate)
            if follow_up and owed:
                allowed, owed = True, owed - 1
            elif tokens >= 1.0:
                allowed, tokens = True, tokens - 1.0
            else:
                allowed = False
            buckets[client] = (tokens, now, owed)  # now the most recently used
            self._forget(now)
            return allowed

    def owe(self, client: str) -> None:
        """`client` gets one follow-up page free: its answer was stored. A client whose
        bucket was forgotten needs none (it starts full); owed pages stay below the
        burst, so they cannot pile up."""
        with self._lock:
            bucket = self._buckets.get(client)
            if bucket is not None and bucket[2] < self.capacity:
                self._buckets[client] = (bucket[0], bucket[1], bucket[2] + 1)

    def retry_after(self) -> int:
        """Seconds a refused client waits for its next request: one token's refill."""
        return max(1, math.ceil(1.0 / self.rate))

    def _forget(self, now: float) -> None:
        """Forget the least recently used buckets that are full again, a few a request,
        and beyond `max_clients` the least recently used one, full or not."""
        buckets = self._buckets
        for _ in range(self.FORGET_PER_REQUEST):
            oldest = next(iter(buckets.values()))
            if now - oldest[1] < self.full_after and len(buckets) <= self.max_clients:
                return
            buckets.popitem(last=False)
            if not buckets:
                return


def client_of(environ) -> str:
    """Whom the rate limit counts a request to: the client's address as the server (or a
    trusted proxy, through Waitress) says; an IPv6 address by its /64 network, since one
    host or one LAN holds a whole /64 and could otherwise take a fresh bucket for every
    request; an IPv4 address mapped into IPv6 as that IPv4 address."""
    address = environ.get("REMOTE_ADDR") or "-"
    if ":" not in address:
        return address  # IPv4: as it is
    packed = _ipv6(address.partition("%")[0])  # without a link-local zone (%eth0)
    if packed is None:
        # Waitress reads a forwarded IPv6 address without brackets (nginx's
        # $remote_addr) as address:port; joined again, it is the address
        packed = _ipv6(f"{address}:{environ.get('REMOTE_PORT', '')}")
        if packed is None:
            return address
    if packed[:12] == IPV4_MAPPED:
        return socket.inet_ntop(socket.AF_INET, packed[12:])
    return socket.inet_ntop(socket.AF_INET6, packed[:8] + bytes(8)) + "/64"


IPV4_MAPPED = bytes(10) + b"\xff\xff"  # ::ffff:a.b.c.d


def _ipv6(text: str) -> bytes | None:
    try:
        return socket.inet_pton(socket.AF_INET6, text)
    except (OSError, ValueError):
        return None
