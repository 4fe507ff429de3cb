"""Reads behind the API and the bulk exports: who sees what, and verdicts in batches."""

from collections.abc import Iterable, Iterator
from itertools import islice
from typing import TypeVar

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db.models import Exists, F, OuterRef, QuerySet

from claims.models import PUBLIC_STATUSES, Claim, Source
from evaluator.models import EvaluationRun, Measurement
from verdicts.checked import CheckedClaim, checked

User = AbstractBaseUser | AnonymousUser
T = TypeVar("T")


def sees_everything(user: User | None) -> bool:
    """Staff see claims in every state; everyone else sees published claims only."""
    return bool(user is not None and user.is_authenticated and getattr(user, "is_staff", False))


def claims_visible(*, user: User | None) -> QuerySet[Claim]:
    claims = Claim.objects.select_related("model", "family", "benchmark", "other_model").annotate(
        snapshot_sha256=F("snapshot__sha256")
    )
    if not sees_everything(user):
        claims = claims.filter(status__in=PUBLIC_STATUSES)
    return claims


def sources_visible(*, user: User | None) -> QuerySet[Source]:
    """The public sees the sources of the claims it may see; staff also see queued and failed
    ones."""
    sources = Source.objects.select_related("snapshot").defer("snapshot__content", "snapshot__text")
    if not sees_everything(user):
        shown = Claim.objects.filter(source=OuterRef("pk"), status__in=PUBLIC_STATUSES)
        sources = sources.filter(Exists(shown))
    return sources


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
