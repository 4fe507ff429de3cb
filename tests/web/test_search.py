"""Search shows ten matches of each kind and pages through the rest."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import ModelReleaseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def many_models(db):
    return [ModelReleaseFactory(name=f"Nova-{index:02d}B") for index in range(25)]


def search(client, **params) -> str:
    return client.get(reverse("leaderboard:search"), params).content.decode()


def test_the_first_ten_of_each_kind_show_with_how_many_match(client, many_models):
    html = search(client, q="nova")
    assert "Nova-09B" in html and "Nova-10B" not in html
    assert 'href="?q=nova&amp;kind=models">All 25 models →</a>' in html


def test_a_kind_pages_past_the_first_ten(client, many_models):
    second = search(client, q="nova", kind="models", page=2)
    assert "Nova-10B" in second and "Nova-19B" in second
    assert "Nova-09B" not in second and "Nova-20B" not in second
    assert "Page 2 of 3" in second
    third = search(client, q="nova", kind="models", page=3)
    assert "Nova-24B" in third


def test_search_costs_the_same_queries_with_many_matches(client, many_models):
    with CaptureQueriesContext(connection) as few:
        search(client, q="nova-01")
    with CaptureQueriesContext(connection) as many:
        search(client, q="nova")
    assert len(many.captured_queries) == len(few.captured_queries)
