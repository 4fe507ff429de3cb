import pytest
from django.db.backends.signals import connection_created

from tests.factories import StaffFactory


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
