from django.apps import AppConfig


class VerdictsConfig(AppConfig):
    name = "verdicts"
    verbose_name = "Verdicts"

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects the refresh triggers)
