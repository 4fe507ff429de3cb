"""The OpenAPI schema, as served, tested against the running API with schemathesis.

A bounded number of generated requests per operation: no response may be a server error, and
every documented response must match its schema and content type. Requests are made both
anonymously (writes must then be refused cleanly) and with a staff token. With schemathesis's
coverage phase this is about 5,000 requests over every operation (2,509 per client kind when
last counted), in about two minutes on a 2-core machine.
"""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from rest_framework.authtoken.models import Token
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from tests.factories import ClaimFactory, MeasurementFactory, StaffFactory

pytestmark = pytest.mark.django_db

CHECKS = [not_a_server_error, response_schema_conformance, content_type_conformance]
EXAMPLES = settings(
    max_examples=10,
    deadline=None,
    derandomize=True,
    suppress_health_check=list(HealthCheck),
)

# The WSGI client does not decompress; gzip has its own test (test_http.py).
PLAIN = {"Accept-Encoding": "identity"}

# Loaded from the API itself, as a client would (serving the schema reads no database).
schema = schemathesis.openapi.from_wsgi("/api/schema/?format=json", get_wsgi_application())


@pytest.fixture(autouse=True)
def keep_test_connection():
    # Requests go through the WSGI handler, which closes the database connection when a
    # request ends; the test's transaction lives on that connection. Django's own test client
    # disconnects the same handlers.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def data(settings):
    # Generated requests come fast; keep rate limits out of the way here (tested elsewhere).
    rest = dict(settings.REST_FRAMEWORK)
    rest["DEFAULT_THROTTLE_CLASSES"] = []
    settings.REST_FRAMEWORK = rest
    claim = ClaimFactory(model__slug="acme-7b", benchmark__slug="mmlu")
    MeasurementFactory(run__model=claim.model, benchmark=claim.benchmark)


@schema.parametrize()
@EXAMPLES
def test_operation_conforms_for_anonymous_clients(case):
    case.call_and_validate(checks=CHECKS, headers=PLAIN)


@schema.parametrize()
@EXAMPLES
def test_operation_conforms_for_staff(case):
    # Ingestion and evaluations are queued on commit, which a test's transaction never reaches:
    # generated URLs are never fetched.
    token, _ = Token.objects.get_or_create(user=StaffFactory(username="schema-staff"))
    case.call_and_validate(checks=CHECKS, headers={**PLAIN, "Authorization": f"Token {token.key}"})
