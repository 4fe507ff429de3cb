"""Who may moderate claims: one rule, for the admin and the API alike."""

from typing import Any

# Moderating (publish, reject, retract, reopen) changes a claim's status.
MODERATE_PERMISSION = "claims.change_claim"


def can_moderate(user: Any) -> bool:
    """An active staff member holding the claims' change permission (superusers hold all)."""
    return bool(
        user is not None
        and user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(MODERATE_PERMISSION)
    )
