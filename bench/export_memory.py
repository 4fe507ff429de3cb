"""Peak memory of the streamed CSV export of claims, at 10,000 and at 100,000 rows.

    python bench/export_memory.py [--rows 10000 100000] [--keep]

Works in a throwaway PostgreSQL database (created, migrated and dropped again; the server is
taken from DATABASE_URL, default postgres://postgres@127.0.0.1:5432/), filled with synthetic
claims written with bulk_create: one source titled "Synthetic claims for the export memory
benchmark" (marked as demo material), synthetic models and benchmarks. The export is requested
through Django's test client and its streamed body consumed and thrown away, as a client
saving it to disk would. For each size it prints the bytes sent, the peak of Python
allocations during the request (tracemalloc) and the growth of the process's resident
memory (VmRSS, sampled after every chunk sent).
"""

import argparse
import hashlib
import os
import sys
import time
import tracemalloc
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

BENCH_DB = "scorecheck_bench_export"
TEXT = "Synthetic-{n} scores {v:.1f} on Synthetic Bench {b} (0-shot). "


def database_urls() -> tuple[str, str]:
    """(maintenance database URL, throwaway database URL) on the configured server."""
    base = urlsplit(os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"))
    return (
        urlunsplit(base._replace(path="/postgres")),
        urlunsplit(base._replace(path=f"/{BENCH_DB}")),
    )


def recreate_database(maintenance_url: str, *, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(maintenance_url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        if not drop_only:
            conn.execute(f"CREATE DATABASE {BENCH_DB}")


def fill(total: int, already: int) -> None:
    """Add synthetic published claims until there are `total`."""
    from catalogue.models import Benchmark, ModelRelease, Organization
    from claims.models import Claim, ClaimStatus, Snapshot, Source, SourceKind, SourceStatus

    organization, _ = Organization.objects.get_or_create(
        slug="synthetic", defaults={"name": "Synthetic (benchmark data)"}
    )
    models = [
        ModelRelease.objects.get_or_create(
            slug=f"synthetic-{i}",
            defaults={"name": f"Synthetic-{i}", "organization": organization},
        )[0]
        for i in range(50)
    ]
    benchmarks = [
        Benchmark.objects.get_or_create(
            slug=f"synthetic-bench-{i}", defaults={"name": f"Synthetic Bench {i}"}
        )[0]
        for i in range(20)
    ]
    text = "".join(TEXT.format(n=i % 50, v=50 + i % 40, b=i % 20) for i in range(200))
    content = text.encode()
    snapshot, _ = Snapshot.objects.get_or_create(
        sha256=hashlib.sha256(content).hexdigest(),
        defaults={
            "content": content,
            "content_type": "text/plain",
            "text": text,
            "size": len(content),
        },
    )
    source, _ = Source.objects.get_or_create(
        title="Synthetic claims for the export memory benchmark",
        defaults={
            "kind": SourceKind.STAFF,
            "publisher": "bench/export_memory.py",
            "snapshot": snapshot,
            "status": SourceStatus.INGESTED,
            "is_demo": True,
            "demo_note": "Synthetic rows generated to measure export memory; not real claims.",
        },
    )
    sentence = len(TEXT.format(n=0, v=50, b=0))
    batch: list[Claim] = []
    for i in range(already, total):
        start = (i % 10) * sentence  # the first ten sentences have fixed-width numbers
        model, benchmark = models[i % 50], benchmarks[i % 20]
        batch.append(
            Claim(
                source=source,
                snapshot=snapshot,
                kind="score",
                model_text=model.name,
                model=model,
                benchmark_text=benchmark.name,
                benchmark=benchmark,
                value=50 + i % 40,
                unit="score",
                setting="0-shot",
                quote=text[start : start + sentence],
                start=start,
                end=start + sentence,
                extractor="bench/synthetic",
                status=ClaimStatus.PUBLISHED,
                fingerprint=hashlib.sha256(f"synthetic-{i}".encode()).hexdigest(),
            )
        )
        if len(batch) == 5000:
            Claim.objects.bulk_create(batch)
            batch = []
    if batch:
        Claim.objects.bulk_create(batch)


def rss_kib() -> int:
    """Current resident memory (Linux; 0 elsewhere)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(path: str) -> dict[str, float]:
    from django.core.cache import cache
    from django.test import Client

    cache.clear()  # rate limits
    client = Client()
    # RSS first (no tracing overhead), sampled after every chunk; then Python allocations.
    rss_before = rss_kib()
    rss_peak = rss_before
    began = time.perf_counter()
    response = client.get(path)
    sent = 0
    for chunk in response.streaming_content:
        sent += len(chunk)
        rss_peak = max(rss_peak, rss_kib())
    seconds = time.perf_counter() - began
    rss_growth = rss_peak - rss_before

    cache.clear()
    tracemalloc.start()
    tracemalloc.reset_peak()
    response = client.get(path)
    for _ in response.streaming_content:
        pass
    _, traced_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "bytes": sent,
        "seconds": seconds,
        "traced_peak_mib": traced_peak / 2**20,
        "rss_growth_mib": rss_growth / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--keep", action="store_true", help="keep the throwaway database")
    args = parser.parse_args()

    maintenance_url, bench_url = database_urls()
    recreate_database(maintenance_url)
    os.environ["DATABASE_URL"] = bench_url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecheck.settings.test")
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connections

    settings.ALLOWED_HOSTS = ["testserver"]
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_CLASSES": []}
    warnings.filterwarnings("ignore", message="No directory at")
    try:
        call_command("migrate", verbosity=0)
        # Warm up (imports, first request) so that RSS growth shows the export alone.
        measure("/api/v1/exports/claims.csv")
        header = ("rows", "CSV bytes", "seconds", "traced peak", "RSS growth")
        print("{:>8} {:>12} {:>8} {:>12} {:>11}".format(*header))
        have = 0
        for rows in sorted(args.rows):
            fill(rows, have)
            have = rows
            result = measure("/api/v1/exports/claims.csv")
            print(
                f"{rows:>8} {result['bytes']:>12,} {result['seconds']:>8.1f} "
                f"{result['traced_peak_mib']:>9.2f} MiB {result['rss_growth_mib']:>7.1f} MiB"
            )
    finally:
        connections.close_all()
        if not args.keep:
            recreate_database(maintenance_url, drop_only=True)


if __name__ == "__main__":
    main()
