"""Links to many objects of one kind at the cost of a single URL lookup.

`reverse()` walks the URL patterns on every call; a page listing a hundred claims would spend
more on its links than on the rest of its markup. An `Href` reverses once with a placeholder
and fills each object's key into the result.
"""

from django.urls import reverse

# Stand-ins that match the URL converters (`<int:pk>`, `<slug:slug>`) and cannot occur
# anywhere else in a path.
PK_MARK = 987654321987654321
SLUG_MARK = "slug-placeholder"


class Href:
    """`Href("claims:claim")(42)` is `reverse("claims:claim", kwargs={"pk": 42})`."""

    def __init__(self, viewname: str, kwarg: str = "pk") -> None:
        mark = SLUG_MARK if kwarg == "slug" else PK_MARK
        self._mark = str(mark)
        self._url = reverse(viewname, kwargs={kwarg: mark})

    def __call__(self, key: int | str) -> str:
        return self._url.replace(self._mark, str(key))
