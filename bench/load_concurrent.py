"""Throughput and latency at many concurrent connections: the API's claims list and uncached
pages, as the issue's probe measured them (64 connections).

    DATABASE_URL=postgres://.../scorecheck_bench python bench/load_concurrent.py --connections 64

Uses load_site.py's gunicorn (production settings, page cache off so every page is computed,
API rate limit lifted since every client shares one address). The connections are threads of
one client process, each with its own keep-alive connection; client and server share the
machine, so the figures are a floor, and on a shared machine they vary with its load.
"""

import argparse
import os
import time
from concurrent.futures import ThreadPoolExecutor

from load_site import pick_urls, request_loop, serve, summary


def measure(port: int, path: str, *, connections: int, duration: float) -> dict[str, float]:
    started = time.perf_counter()
    end = started + duration
    with ThreadPoolExecutor(connections) as pool:
        runs = list(pool.map(lambda _: request_loop(port, path, end), range(connections)))
    return summary([x for run in runs for x in run], time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8766)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per URL")
    options = parser.parse_args()

    pages = pick_urls()
    urls = {
        "API claims list": "/api/v1/claims/",
        "API claims list, filtered": "/api/v1/claims/?status=published&kind=score",
        "leaderboard (uncached)": pages["leaderboard"],
        "model page (uncached)": pages["model page"],
    }
    with serve(port=options.port, workers=options.workers, threads=options.threads, no_cache=True):
        print(
            f"gunicorn: {options.workers} workers x {options.threads} threads; "
            f"{options.connections} connections; {options.duration:g} s per URL; "
            f"page cache off; {os.cpu_count()} CPUs"
        )
        print(f"{'url':34} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8}")
        for label, path in urls.items():
            measure(options.port, path, connections=4, duration=1.0)
            figures = measure(
                options.port, path, connections=options.connections, duration=options.duration
            )
            print(
                f"{label:34} {figures['rps']:8.1f} {figures['p50']:8.0f} {figures['p99']:8.0f}"
                f"  {path}"
            )


if __name__ == "__main__":
    main()
