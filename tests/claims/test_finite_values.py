"""A claimed value is a finite number: refused by the model, the service and the database."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from claims.models import Claim
from claims.services import ClaimInput, claim_create
from core.errors import ApplicationError
from tests.factories import ClaimFactory, SnapshotFactory, SourceFactory

pytestmark = pytest.mark.django_db

NON_FINITE = [float("inf"), float("-inf"), float("nan")]


@pytest.mark.parametrize("value", NON_FINITE)
def test_the_database_refuses_a_non_finite_value(value) -> None:
    claim = ClaimFactory()
    with pytest.raises(IntegrityError, match="claim_value_finite"), transaction.atomic():
        Claim.objects.filter(pk=claim.pk).update(value=value)


@pytest.mark.parametrize("value", NON_FINITE)
def test_the_model_refuses_a_non_finite_value(value) -> None:
    claim = ClaimFactory()
    claim.value = value
    with pytest.raises(ValidationError, match="finite"):
        claim.full_clean(exclude=["source", "snapshot", "submitted_by", "earliest"])


def test_the_service_refuses_a_non_finite_value_with_a_clear_error() -> None:
    text = "Acme-7B is 1e400% better than Other-7B."
    source = SourceFactory(snapshot=SnapshotFactory(text=text))
    data = ClaimInput(
        kind="relative",
        model_text="Acme-7B",
        quote=text,
        start=0,
        end=len(text),
        value=float("inf"),
        unit="percent",
        other_model_text="Other-7B",
        relation=">",
    )
    with pytest.raises(ApplicationError, match="not a finite number"):
        claim_create(source=source, snapshot=source.snapshot, data=data, extractor="test")
