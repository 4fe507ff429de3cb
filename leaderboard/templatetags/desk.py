"""What awaits moderation, for the admin's home page."""

from django import template

from ..desk import Waiting, moderation_waiting

register = template.Library()


@register.simple_tag
def waiting_for_review() -> Waiting:
    return moderation_waiting()
