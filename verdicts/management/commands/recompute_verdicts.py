"""Recompute every claim's stored verdict (after a change of the rules)."""

from typing import Any

from django.core.management.base import BaseCommand

from verdicts.services import verdicts_recompute_all


class Command(BaseCommand):
    help = (
        "Recompute every claim's stored verdict, report how many changed, and rebuild every "
        "benchmark's leaderboard standings."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        report = verdicts_recompute_all()
        self.stdout.write(
            f"Recomputed {report.computed} verdicts: {report.changed} changed, "
            f"{report.recategorized} of them to another verdict; "
            f"rebuilt the leaderboards of {report.boards_rebuilt} benchmarks."
        )
