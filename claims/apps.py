from django.apps import AppConfig


class ClaimsConfig(AppConfig):
    name = "claims"
    verbose_name = "Sources and claims"

    def ready(self) -> None:
        # Services queue this app's tasks by name; registering them here lets the name be
        # found wherever a service runs, in-process (eager) or on a worker.
        from . import tasks  # noqa: F401
