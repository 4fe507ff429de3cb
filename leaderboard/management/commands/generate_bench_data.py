from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection

from leaderboard.bench_data import bench_data_generate


class Command(BaseCommand):
    help = (
        "Fill a database of its own with synthetic models, claims and measurements for "
        "bench/load_site.py. Everything is marked as synthetic bench data; never run it "
        "against the database that serves the site."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--models", type=int, default=2000)
        parser.add_argument("--benchmarks", type=int, default=60)
        parser.add_argument("--claims", type=int, default=100_000)
        parser.add_argument("--seed", type=int, default=1)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            counts = bench_data_generate(
                models=options["models"],
                benchmarks=options["benchmarks"],
                claims=options["claims"],
                seed=options["seed"],
            )
        except ValueError as error:
            raise CommandError(str(error)) from error
        if connection.vendor == "postgresql":
            # A live database's planner has statistics; fresh bulk inserts have none until
            # autovacuum comes by, and the first measurements would be of bad plans.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(
            f"{counts.models} models, {counts.benchmarks} benchmarks, {counts.claims} claims "
            f"in {counts.sources} sources, {counts.measurements} measurements "
            "(all marked as synthetic bench data)."
        )
