"""When a claim, a measurement or a catalogue fact changes, queue the verdicts it touches.

Claims, runs and the catalogue sit below verdicts and must not call up into them; these
receivers only queue a refresh once the change is committed, so a worker reads what was
written. Runs count once they succeed (their measurements are written in the same
transaction); everything else on any save.
"""

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from django.dispatch import receiver

from catalogue.models import Benchmark, ModelRelease
from claims.models import Claim
from evaluator.models import EvaluationRun, Measurement, RunStatus


def _queue(scope: str, pk: int) -> None:
    from .tasks import verdicts_refresh

    transaction.on_commit(partial(verdicts_refresh.delay, scope, pk))


@receiver(post_save, sender=Claim, dispatch_uid="verdicts.claim")
def claim_saved(sender: type, instance: Claim, **kwargs: Any) -> None:
    _queue("claim", instance.pk)


@receiver(post_save, sender=EvaluationRun, dispatch_uid="verdicts.run")
def run_saved(sender: type, instance: EvaluationRun, **kwargs: Any) -> None:
    if instance.status == RunStatus.SUCCEEDED:
        _queue("run", instance.pk)


@receiver(post_save, sender=Measurement, dispatch_uid="verdicts.measurement")
def measurement_saved(sender: type, instance: Measurement, **kwargs: Any) -> None:
    # Runs record their measurements in bulk with the run (see run_saved); this catches one
    # written on its own.
    _queue("measurement", instance.pk)


@receiver(post_save, sender=ModelRelease, dispatch_uid="verdicts.model")
def model_saved(sender: type, instance: ModelRelease, **kwargs: Any) -> None:
    _queue("model", instance.pk)


@receiver(post_save, sender=Benchmark, dispatch_uid="verdicts.benchmark")
def benchmark_saved(sender: type, instance: Benchmark, **kwargs: Any) -> None:
    _queue("benchmark", instance.pk)
