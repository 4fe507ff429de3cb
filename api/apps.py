from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = "JSON API and bulk data"

    def ready(self) -> None:
        from catalogue.models import Benchmark, ModelRelease, Organization
        from claims.models import Claim, Source
        from evaluator.models import Measurement

        from .freshness import forget_on_write

        forget_on_write(Claim, Source, Measurement, Benchmark, ModelRelease, Organization)
