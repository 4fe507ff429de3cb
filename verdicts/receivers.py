"""When a claim, a measurement or a catalogue fact changes, queue the verdicts it touches.

Claims, runs and the catalogue sit below verdicts and must not call up into them; these
receivers only queue a refresh once the change is committed, so a worker reads what was
written. Runs count once they succeed (their measurements are written in the same
transaction); everything else on any save.

Each also notes, in the saving transaction, which benchmarks' standings the change makes
outdated (`standings`): a leaderboard read after the commit never ranks from old rows.
"""

from functools import partial
from typing import Any

from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.models import Benchmark, ModelRelease
from claims.models import Claim
from evaluator.models import EvaluationRun, Measurement, RunStatus

from .models import StoredVerdict
from .standings import standings_changed, standings_changed_for_model


def _queue(scope: str, pk: int) -> None:
    from .tasks import verdicts_refresh

    transaction.on_commit(partial(verdicts_refresh.delay, scope, pk))


@receiver(post_save, sender=Claim, dispatch_uid="verdicts.claim")
def claim_saved(sender: type, instance: Claim, **kwargs: Any) -> None:
    # The benchmark the claim was on when its verdict was stored, in case it moved.
    before = StoredVerdict.objects.filter(claim_id=instance.pk).values_list("benchmark_id")
    standings_changed([instance.benchmark_id, *(pk for (pk,) in before)])
    _queue("claim", instance.pk)


@receiver(post_save, sender=EvaluationRun, dispatch_uid="verdicts.run")
def run_saved(sender: type, instance: EvaluationRun, **kwargs: Any) -> None:
    measured = Measurement.objects.filter(run_id=instance.pk).values_list("benchmark_id")
    standings_changed(pk for (pk,) in measured)
    if instance.status == RunStatus.SUCCEEDED:
        _queue("run", instance.pk)


@receiver(post_save, sender=Measurement, dispatch_uid="verdicts.measurement")
def measurement_saved(sender: type, instance: Measurement, **kwargs: Any) -> None:
    # Runs record their measurements in bulk with the run (see run_saved); this catches one
    # written on its own.
    standings_changed([instance.benchmark_id])
    _queue("measurement", instance.pk)


@receiver(post_delete, sender=Measurement, dispatch_uid="verdicts.measurement_deleted")
def measurement_deleted(sender: type, instance: Measurement, **kwargs: Any) -> None:
    standings_changed([instance.benchmark_id])


@receiver(post_save, sender=ModelRelease, dispatch_uid="verdicts.model")
def model_saved(sender: type, instance: ModelRelease, **kwargs: Any) -> None:
    standings_changed_for_model(instance.pk)
    _queue("model", instance.pk)


@receiver(post_save, sender=Benchmark, dispatch_uid="verdicts.benchmark")
def benchmark_saved(sender: type, instance: Benchmark, **kwargs: Any) -> None:
    standings_changed([instance.pk])
    _queue("benchmark", instance.pk)
