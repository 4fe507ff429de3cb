"""Pages for every catalogue entry a claim can link to, index pages, and the error pages."""

import pytest
from django.test import override_settings

from catalogue.models import CatalogueStatus
from tests.factories import BenchmarkFactory, ModelReleaseFactory, OrganizationFactory
from tests.web.markup import parse

pytestmark = pytest.mark.django_db


def test_a_model_awaiting_review_has_a_page_marked_as_not_yet_reviewed(client) -> None:
    model = ModelReleaseFactory(name="Llama 3.2 1B", status=CatalogueStatus.PENDING)

    response = client.get(model.get_absolute_url())

    assert response.status_code == 200
    document = parse(response.content.decode())
    assert "Not yet reviewed." in document.text
    assert any(m.attrs.get("content") == "noindex" for m in document.find("meta"))


def test_a_reviewed_model_page_says_nothing_about_review(client) -> None:
    model = ModelReleaseFactory()

    response = client.get(model.get_absolute_url())

    assert response.status_code == 200
    assert "Not yet reviewed." not in parse(response.content.decode()).text


def test_a_benchmark_awaiting_review_has_a_page_marked_as_not_yet_reviewed(client) -> None:
    benchmark = BenchmarkFactory(status=CatalogueStatus.PENDING, harness_tasks=[])

    response = client.get(benchmark.get_absolute_url())

    assert response.status_code == 200
    assert "Not yet reviewed." in parse(response.content.decode()).text


def test_the_models_index_lists_reviewed_and_awaiting_models_apart(client) -> None:
    ModelReleaseFactory(name="Reviewed-7B")
    ModelReleaseFactory(name="Unreviewed-3B", status=CatalogueStatus.PENDING)

    response = client.get("/models/")

    assert response.status_code == 200
    document = parse(response.content.decode())
    reviewed = document.text.index("In the catalogue")
    pending = document.text.index("not yet reviewed")
    assert reviewed < document.text.index("Reviewed-7B") < pending
    assert document.text.index("Unreviewed-3B") > pending


@pytest.mark.parametrize("path", ["/models/", "/organizations/", "/benchmarks/", "/api/v1/"])
def test_the_index_pages_answer(client, path) -> None:
    OrganizationFactory()
    BenchmarkFactory()

    assert client.get(path).status_code == 200


def test_the_api_index_links_to_every_collection(client) -> None:
    response = client.get("/api/v1/", HTTP_ACCEPT="application/json")

    collections = response.json()["collections"]
    assert collections["models"].endswith("/api/v1/models/")
    assert collections["verdicts"].endswith("/api/v1/verdicts/")


def test_an_unknown_address_gets_the_sites_own_404_page(client) -> None:
    response = client.get("/models/no-such-model/")

    assert response.status_code == 404
    document = parse(response.content.decode())
    assert "Page not found" in document.text
    assert any(a.attrs.get("href") == "/leaderboard/" for a in document.find("a"))


@override_settings(DEBUG=False)
def test_a_server_error_gets_the_sites_own_500_page(client, settings) -> None:
    settings.ROOT_URLCONF = "tests.web.failing_urls"
    client.raise_request_exception = False

    response = client.get("/fail/")

    assert response.status_code == 500
    assert "Something went wrong on our side" in parse(response.content.decode()).text
