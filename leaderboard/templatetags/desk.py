"""The moderation desk in templates: what awaits review, and who may moderate."""

from typing import Any

from django import template

from claims.permissions import can_moderate as user_can_moderate

from ..desk import Waiting, moderation_waiting

register = template.Library()


@register.simple_tag
def waiting_for_review() -> Waiting:
    return moderation_waiting()


@register.filter
def can_moderate(user: Any) -> bool:
    return user_can_moderate(user)
