from django.apps import AppConfig


class EvaluatorConfig(AppConfig):
    name = "evaluator"
    verbose_name = "Evaluations"

    def ready(self) -> None:
        # Services queue this app's tasks by name; registering them here lets the name be
        # found wherever a service runs, in-process (eager) or on a worker.
        from . import tasks  # noqa: F401
