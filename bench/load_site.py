"""Serve the site with gunicorn and measure throughput and latency of its heaviest pages.

    DATABASE_URL=postgres://.../scorecheck_bench python bench/generate_data.py
    DATABASE_URL=postgres://.../scorecheck_bench python bench/load_site.py

It starts gunicorn with the production settings (static files collected into a temporary
directory, HTTPS redirect off), then for each page — a benchmark leaderboard, a model page, a
claim page, /healthz, a view that does nothing, as the baseline, and /about/, the site's
layout around a fixed text, as the floor of any page — sends requests from
several client processes for a fixed time and prints requests per second and latency
percentiles. Client and server share the machine, so figures are a floor, not a ceiling.
Each page is fetched once before measuring: the page cache (SCORECHECK_PAGE_CACHE_SECONDS) is
warm, as it is for a site with readers. Pass --no-cache to measure every request computed.
"""

import argparse
import http.client
import os
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def pick_urls() -> dict[str, str]:
    """One leaderboard, model and claim from the synthetic bench data (the busiest ones)."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecheck.settings.base")
    import django

    django.setup()
    from django.db.models import Count

    from catalogue.models import Benchmark, ModelRelease
    from claims.models import Claim

    benchmark = (
        Benchmark.objects.exclude(harness_tasks=[])
        .annotate(n=Count("claims"))
        .order_by("-n")
        .first()
    )
    model = ModelRelease.objects.annotate(n=Count("claims")).order_by("-n").first()
    claim = Claim.objects.filter(model=model, status="published").order_by("id").first()
    if not (benchmark and model and claim):
        raise SystemExit("No data: run `python bench/generate_data.py` first.")
    return {
        "trivial view (/healthz)": "/healthz",
        # The site's layout around a fixed text, no query: what any page costs at least.
        "static page (/about/)": "/about/",
        "leaderboard": benchmark.get_absolute_url(),
        "model page": model.get_absolute_url(),
        "claim page": claim.get_absolute_url(),
    }


def request_loop(port: int, path: str, end: float) -> list[float]:
    """GET `path` over one keep-alive connection until `end` (perf_counter); the latencies."""
    latencies: list[float] = []
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.perf_counter() < end:
        started = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Host": "127.0.0.1"})
            response = connection.getresponse()
            response.read()
        except (OSError, http.client.HTTPException):
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        if response.status != 200:
            raise RuntimeError(f"{path} answered {response.status}")
        latencies.append(time.perf_counter() - started)
        if response.getheader("Connection", "").lower() == "close":
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    return latencies


def summary(latencies: list[float], elapsed: float) -> dict[str, float]:
    """Requests, requests per second and latency percentiles (ms) of one measurement."""
    ordered = sorted(latencies)
    count = len(ordered)

    def percentile(p: float) -> float:
        return ordered[min(count - 1, int(p * count))] * 1000 if count else float("nan")

    return {
        "requests": count,
        "rps": count / elapsed,
        "p50": percentile(0.50),
        "p99": percentile(0.99),
        "mean": statistics.fmean(ordered) * 1000 if count else float("nan"),
    }


def _client(args: tuple[int, str, float]) -> list[float]:
    port, path, duration = args
    return request_loop(port, path, time.perf_counter() + duration)


def measure(port: int, path: str, *, clients: int, duration: float) -> dict[str, float]:
    with ProcessPoolExecutor(clients) as pool:
        started = time.perf_counter()
        results = list(pool.map(_client, [(port, path, duration)] * clients))
        elapsed = time.perf_counter() - started
    return summary([x for run in results for x in run], elapsed)


def wait_for(port: int, timeout: float = 30) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


@contextmanager
def serve(
    *, port: int, workers: int, threads: int, no_cache: bool, worker_class: str = "gthread"
) -> Iterator[None]:
    """gunicorn with the production settings on `port`, until the block ends."""
    static_root = tempfile.mkdtemp(prefix="scorecheck-static-")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "scorecheck.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": static_root,
        "LOG_LEVEL": "WARNING",
        "SCORECHECK_PAGE_CACHE_SECONDS": "0" if no_cache else "600",
        # The clients all come from one address: the API's rate limit would measure itself.
        "API_ANON_RATE": "100000000/minute",
        "API_USER_RATE": "100000000/minute",
    }
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "scorecheck.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            worker_class,
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for(port)
        yield
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=2, help="threads per worker")
    parser.add_argument("--clients", type=int, default=4, help="client processes")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per page")
    parser.add_argument("--no-cache", action="store_true", help="turn the page cache off")
    parser.add_argument("--worker-class", default="gthread", help="gunicorn worker class")
    parser.add_argument("--only", default="", help="measure only pages whose label has this")
    options = parser.parse_args()

    urls = pick_urls()
    with serve(
        port=options.port,
        workers=options.workers,
        threads=options.threads,
        no_cache=options.no_cache,
        worker_class=options.worker_class,
    ):
        print(
            f"gunicorn: {options.workers} workers x {options.threads} threads; "
            f"{options.clients} client processes; {options.duration:g} s per page; "
            f"page cache {'off' if options.no_cache else 'warm'}; {os.cpu_count()} CPUs"
        )
        print(f"{'page':26} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'vs trivial':>10}")
        baseline = None
        for label, path in urls.items():
            if options.only and options.only not in label and "healthz" not in label:
                continue
            # Warm every worker process (its connections, templates and page cache) first.
            warm_clients = max(options.clients, options.workers * options.threads)
            measure(options.port, path, clients=warm_clients, duration=1.0)
            figures = measure(
                options.port, path, clients=options.clients, duration=options.duration
            )
            baseline = baseline or figures["rps"]
            print(
                f"{label:26} {figures['rps']:8.0f} {figures['p50']:8.1f} {figures['p99']:8.1f}"
                f" {figures['rps'] / baseline:9.0%}  {path}"
            )


if __name__ == "__main__":
    main()
