"""Who may do what: anyone reads, staff write."""

from typing import Any

from rest_framework.permissions import SAFE_METHODS, BasePermission
from rest_framework.request import Request

from claims.permissions import can_moderate


def is_staff(request: Request) -> bool:
    user = request.user
    return bool(user and user.is_authenticated and user.is_staff)


class ReadOnlyOrStaff(BasePermission):
    message = "Writing needs a staff account's token."

    def has_permission(self, request: Request, view: Any) -> bool:
        return request.method in SAFE_METHODS or is_staff(request)


class CanModerate(BasePermission):
    message = "Moderating claims needs a staff account allowed to change claims."

    def has_permission(self, request: Request, view: Any) -> bool:
        return can_moderate(request.user)
