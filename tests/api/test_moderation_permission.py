"""One rule decides who moderates claims, in the admin and through the API."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from claims.models import ClaimStatus
from tests.factories import ClaimFactory, UserFactory

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:claims_claim_changelist")


def staff_member(*permissions: str):
    user = UserFactory(is_staff=True)
    for codename in permissions:
        user.user_permissions.add(Permission.objects.get(codename=codename))
    return user


def api_for(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    return client


def moderate_through_admin(client, user, claim):
    client.force_login(user)
    return client.post(CHANGELIST, {"action": "publish", "_selected_action": [claim.pk]})


def status(claim) -> str:
    return type(claim).objects.values_list("status", flat=True).get(pk=claim.pk)


def test_staff_without_the_claim_permission_cannot_moderate_through_the_api() -> None:
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    response = api_for(staff_member()).post(
        f"/api/v1/claims/{claim.pk}/moderate/", {"action": "publish"}, format="json"
    )
    assert response.status_code == 403
    assert status(claim) == ClaimStatus.PENDING


def test_staff_without_the_claim_permission_cannot_moderate_in_the_admin(client) -> None:
    claim = ClaimFactory(status=ClaimStatus.PENDING)
    moderate_through_admin(client, staff_member("view_claim"), claim)
    assert status(claim) == ClaimStatus.PENDING


def test_staff_with_the_claim_permission_moderate_in_both(client) -> None:
    moderator = staff_member("view_claim", "change_claim")
    first, second = ClaimFactory(status=ClaimStatus.PENDING), ClaimFactory(status="pending")
    response = api_for(moderator).post(
        f"/api/v1/claims/{first.pk}/moderate/", {"action": "publish"}, format="json"
    )
    assert response.status_code == 200
    moderate_through_admin(client, moderator, second)
    assert status(first) == status(second) == ClaimStatus.PUBLISHED
