"""Reads behind the API and the bulk exports: who sees what, and verdicts in batches."""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from django.db.models import F, QuerySet

from claims import visibility
from claims.models import Claim, Source
from claims.visibility import User
from evaluator.models import EvaluationRun, Measurement
from verdicts.checked import CheckedClaim, checked

T = TypeVar("T")


def claims_visible(*, user: User | None) -> QuerySet[Claim]:
    return (
        visibility.claims_visible(user=user)
        .select_related("model", "family", "benchmark", "other_model")
        .annotate(snapshot_sha256=F("snapshot__sha256"))
    )


def sources_visible(*, user: User | None) -> QuerySet[Source]:
    return (
        visibility.sources_visible(user=user)
        .select_related("snapshot")
        .defer("snapshot__content", "snapshot__text")
    )


def runs_visible() -> QuerySet[EvaluationRun]:
    return EvaluationRun.objects.select_related("model").prefetch_related("benchmarks")


def measurements_visible() -> QuerySet[Measurement]:
    return Measurement.objects.select_related("model", "benchmark").annotate(
        run_origin=F("run__origin"),
        run_status=F("run__status"),
        model_revision=F("run__model_revision"),
    )


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def verdicts_in_batches(
    claims: Iterable[Claim], *, batch_size: int = 500, verdict: str | None = None
) -> Iterator[CheckedClaim]:
    """Verdicts for any number of claims in constant memory: a few queries per batch. With
    `verdict`, only the claims whose verdict is that category."""
    for batch in batched(claims, batch_size):
        for item in checked(batch):
            if verdict is None or item.verdict.category == verdict:
                yield item
