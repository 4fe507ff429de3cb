import pytest

from tests.factories import StaffFactory


@pytest.fixture
def staff(db):
    return StaffFactory(username="moderator")


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client
