"""The answer server's rate limiter with many client addresses: memory and CPU time per
request, as the number of addresses grows.

For each population (`--addresses`, repeatable; default 1,000, 10,000 and 100,000)
a fresh limiter, as `workshop serve` makes it, sees one request from each of that many
distinct addresses (IPv6 addresses of different /64 networks, as one host with many
networks could send them), then `--requests` more requests from those addresses at
random. Reported: the CPU time (process time) per request of those, the 99th percentile
of their wall time (a second pass, each timed), the buckets kept and the memory the
limiter holds (tracemalloc, in a separate pass, as it slows everything down).

The clock is the real one: the whole run takes far less than a bucket needs to fill
again, so no bucket is old enough to be forgotten by age alone.

    python benchmarks/bench_ratelimit.py
    python benchmarks/bench_ratelimit.py --addresses 1000000 --requests 200000
"""

from __future__ import annotations

import argparse
import gc
import random
import time
import tracemalloc

from generator.server.app import new_rate_limit


def address(index: int) -> str:
    return f"2001:db8:{index >> 16:x}:{index & 0xFFFF:x}::1"


def fill(limit, count: int) -> None:
    allow = limit.allow
    for index in range(count):
        allow(address(index))


def measure(count: int, requests: int, seed: int = 7) -> dict:
    gc.collect()
    limit = new_rate_limit()
    fill(limit, count)
    chosen = [address(random.Random(seed + n).randrange(count)) for n in range(requests)]
    allow = limit.allow
    start = time.process_time()
    for client in chosen:
        allow(client)
    spent = time.process_time() - start
    times = []
    clock = time.perf_counter
    for client in chosen:
        before = clock()
        allow(client)
        times.append(clock() - before)
    times.sort()
    kept = len(limit)
    del limit
    gc.collect()
    tracemalloc.start()
    base = tracemalloc.get_traced_memory()[0]
    limit = new_rate_limit()
    fill(limit, count)
    held = tracemalloc.get_traced_memory()[0] - base
    tracemalloc.stop()
    return {
        "addresses": count,
        "us_per_request": spent / requests * 1e6,
        "p99_us": times[int(len(times) * 0.99)] * 1e6,
        "buckets": kept,
        "memory_mb": held / 1e6,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--addresses", type=int, action="append")
    parser.add_argument("--requests", type=int, default=100_000)
    args = parser.parse_args()
    print("| addresses | CPU us per request | p99 us | buckets kept | memory MB |")
    print("|---|---|---|---|---|")
    for count in args.addresses or (1_000, 10_000, 100_000):
        row = measure(count, args.requests)
        print(
            f"| {row['addresses']:,} | {row['us_per_request']:.2f} | {row['p99_us']:.1f} "
            f"| {row['buckets']:,} | {row['memory_mb']:.1f} |"
        )


if __name__ == "__main__":
    main()
