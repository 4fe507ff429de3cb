from django.core.management.base import BaseCommand

from catalogue.loader import catalogue_load


class Command(BaseCommand):
    help = "Load (or refresh) the hand-checked catalogue of organizations, models and benchmarks."

    def handle(self, *args: object, **options: object) -> None:
        counts = catalogue_load()
        self.stdout.write(
            f"Catalogue loaded: {counts.organizations} organizations, {counts.models} models, "
            f"{counts.benchmarks} benchmarks."
        )
