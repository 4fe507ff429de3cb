import copy

import pytest
from django.db import transaction
from django.db.backends.signals import connection_created

from catalogue.loader import catalogue_load
from catalogue.models import (
    Benchmark,
    BenchmarkAlias,
    ModelAlias,
    ModelFamily,
    ModelRelease,
    Organization,
)
from tests.factories import StaffFactory

# Parents before the rows that point at them.
CATALOGUE_MODELS = [Organization, ModelFamily, ModelRelease, ModelAlias, Benchmark, BenchmarkAlias]


def _allow_flush_between_tests(sender, connection, **kwargs):  # type: ignore[no-untyped-def]
    # Claims and their history refuse TRUNCATE (claims migration 0007) unless the session
    # allows it. The suite's flush after each transactional test truncates every table, so
    # the test process's own connections allow it; tests of the refusal turn it off locally.
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET scorecheck.allow_history_truncate = 'on'")


connection_created.connect(_allow_flush_between_tests, dispatch_uid="allow-test-flush")


@pytest.fixture
def staff(db):
    return StaffFactory(username="moderator")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


@pytest.fixture(scope="session")
def catalogue_rows(django_db_setup, django_db_blocker):
    """The shipped catalogue as the loader writes it, loaded once per test session (loading
    takes seconds) in a transaction that is then rolled back. The primary keys it used stay
    taken (sequences do not roll back), so rows that tests make never collide with them."""
    with django_db_blocker.unblock(), transaction.atomic():
        catalogue_load()
        rows = [list(model.objects.order_by("pk")) for model in CATALOGUE_MODELS]
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def catalogue(db, catalogue_rows):
    """The shipped catalogue in this test's database: the loader's rows, copied in."""
    for rows in catalogue_rows:
        if rows:
            type(rows[0]).objects.bulk_create([copy.copy(row) for row in rows])
