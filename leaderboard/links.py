"""Links to many pages of one kind, resolved once.

`{% url %}` and `reverse()` walk the URL patterns on every call: a leaderboard page of 50
rows, each linking its model, its run and its claims, spent more time resolving links than
reading its rows. A link maker resolves the pattern once with a marker and fills it in.
"""

from collections.abc import Callable

from django.urls import reverse

# Markers that every path converter accepts (an int, a slug) and no real link contains.
_INT_MARK = 7_301_946_285_113_209
_SLUG_MARK = "mark-7301946285113209"


def link_maker(viewname: str, *, slug: bool = False) -> Callable[[int | str], str]:
    """A function from a page's `pk` (or `slug`) to its path, for the named view."""
    mark = _SLUG_MARK if slug else _INT_MARK
    pattern = reverse(viewname, kwargs={"slug" if slug else "pk": mark})
    return lambda value: pattern.replace(str(mark), str(value))
