"""HTTP behaviour: conditional requests, compression, CORS, rate limits, pagination."""

import gzip
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

from claims.services import claim_retract
from tests.factories import ClaimFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def test_unchanged_list_answers_304_to_its_etag(api):
    ClaimFactory()
    first = api.get("/api/v1/claims/")
    etag = first.headers["ETag"]
    again = api.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""


def test_etag_changes_when_the_data_changes(api):
    claim = ClaimFactory()
    etag = api.get("/api/v1/claims/").headers["ETag"]
    ClaimFactory(model=claim.model)
    assert api.get("/api/v1/claims/", HTTP_IF_NONE_MATCH=etag).status_code == 200


def test_claims_carry_last_modified_and_honour_if_modified_since(api):
    claim = ClaimFactory()
    response = api.get(f"/api/v1/claims/{claim.pk}/")
    assert response.headers["Last-Modified"] == http_date(claim.updated_at.timestamp())
    later = api.get(
        f"/api/v1/claims/{claim.pk}/", HTTP_IF_MODIFIED_SINCE=response.headers["Last-Modified"]
    )
    assert later.status_code == 304


def test_a_retraction_anywhere_moves_last_modified(api, staff):
    ClaimFactory()
    retracted = ClaimFactory()
    api.get("/api/v1/claims/")
    retracted = claim_retract(claim=retracted, actor=staff, reason="corrected")
    moved = api.get("/api/v1/claims/").headers["Last-Modified"]
    assert moved == http_date(retracted.updated_at.timestamp())


def test_a_list_does_not_scan_its_table_for_last_modified_on_every_request(api):
    ClaimFactory()
    first = api.get("/api/v1/claims/")
    with CaptureQueriesContext(connection) as queries:
        again = api.get("/api/v1/claims/")
    assert again.headers["Last-Modified"] == first.headers["Last-Modified"]
    assert not [q for q in queries.captured_queries if "MAX(" in q["sql"].upper()]


def test_responses_are_gzipped_when_asked(api):
    for _ in range(5):
        OrganizationFactory()
    response = api.get("/api/v1/organizations/", HTTP_ACCEPT_ENCODING="gzip")
    assert response.headers["Content-Encoding"] == "gzip"
    assert len(json.loads(gzip.decompress(response.content))["results"]) == 5


def test_gzip_leaves_the_website_alone(client):
    response = client.get("/admin/login/", HTTP_ACCEPT_ENCODING="gzip")
    assert "Content-Encoding" not in response.headers


def test_other_sites_may_read(api):
    response = api.get("/api/v1/benchmarks/", HTTP_ORIGIN="https://researcher.example")
    assert response.headers["Access-Control-Allow-Origin"] == "*"


def test_other_sites_may_not_write(api):
    preflight = api.options(
        "/api/v1/claims/",
        HTTP_ORIGIN="https://researcher.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
    )
    allowed = preflight.headers["Access-Control-Allow-Methods"]
    assert "POST" not in allowed
    assert "GET" in allowed


def test_anonymous_clients_are_rate_limited_with_retry_after(api, staff_api, settings):
    rates = {"anon": "2/minute", "user": "100/minute"}
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": rates}
    assert api.get("/api/v1/benchmarks/").status_code == 200
    assert api.get("/api/v1/benchmarks/").status_code == 200
    limited = api.get("/api/v1/benchmarks/")
    assert limited.status_code == 429
    assert 0 < int(limited.headers["Retry-After"]) <= 60
    # Staff tokens are counted apart, at their own rate.
    assert staff_api.get("/api/v1/benchmarks/").status_code == 200


def test_cursor_pages_walk_every_row_once(api):
    made = {OrganizationFactory().pk for _ in range(7)}
    seen, url = [], "/api/v1/organizations/?page_size=3"
    while url:
        body = api.get(url).json()
        seen += [o["id"] for o in body["results"]]
        url = body["next"]
    assert sorted(seen) == sorted(made)


def test_ordering_by_name(api):
    for name in ("Beta", "Alpha", "Gamma"):
        OrganizationFactory(name=name)
    body = api.get("/api/v1/organizations/", {"ordering": "name"}).json()
    assert [o["name"] for o in body["results"]] == ["Alpha", "Beta", "Gamma"]


def test_schema_and_docs_are_served(api):
    schema = api.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/claims/" in json.loads(schema.content)["paths"]
    docs = api.get("/api/docs/")
    assert docs.status_code == 200
    html = docs.content.decode()
    # Swagger UI's files come from our own static files, not a CDN.
    assert "swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()


def test_date_filters_accept_any_iso_offset(api):
    # ISO 8601 allows offsets PostgreSQL does not store; they are converted to UTC first.
    response = api.get("/api/v1/claims/", {"created_after": "2026-07-18T20:15:01-21:59"})
    assert response.status_code == 200


def test_date_filter_out_of_range_is_a_400(api):
    response = api.get("/api/v1/claims/", {"created_after": "0001-01-01T00:00:00+15:00"})
    assert response.status_code == 400
    assert "created_after" in response.json()


def test_responses_vary_by_credentials(api):
    # Staff see unpublished claims: a shared cache must not hand their page to the public.
    assert "Authorization" in api.get("/api/v1/claims/").headers["Vary"]


def test_a_client_sent_forwarded_for_does_not_escape_the_anonymous_limit(api, settings):
    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "2/minute"}}
    settings.REST_FRAMEWORK = {**rest, "NUM_PROXIES": None}
    answers = [
        api.get("/api/v1/benchmarks/", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
        for n in range(6)
    ]
    assert answers == [200, 200, 429, 429, 429, 429]


def test_behind_a_configured_proxy_the_forwarded_client_is_limited(api, settings):
    rest = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {"anon": "1/minute"}}
    settings.REST_FRAMEWORK = {**rest, "NUM_PROXIES": 1}
    first = api.get("/api/v1/benchmarks/", HTTP_X_FORWARDED_FOR="203.0.113.1")
    other = api.get("/api/v1/benchmarks/", HTTP_X_FORWARDED_FOR="203.0.113.2")
    again = api.get("/api/v1/benchmarks/", HTTP_X_FORWARDED_FOR="203.0.113.1")
    assert (first.status_code, other.status_code, again.status_code) == (200, 200, 429)
