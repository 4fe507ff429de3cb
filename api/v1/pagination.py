"""Cursor pagination: stable pages however much data arrives between two requests."""

import base64
import binascii
from collections.abc import Iterator
from itertools import islice
from typing import Any

from django.db.models import QuerySet
from rest_framework.exceptions import NotFound
from rest_framework.pagination import BasePagination, CursorPagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from api.selectors import verdicts_in_batches
from claims.models import Claim
from verdicts.checked import CheckedClaim


class IdCursorPagination(CursorPagination):
    ordering = "-id"
    page_size_query_param = "page_size"
    max_page_size = 500


def _newest_first(
    claims: QuerySet[Claim], *, before: int | None, batch_size: int
) -> Iterator[Claim]:
    """Claims by descending id from below `before`, read `batch_size` at a time, only as far as
    the caller consumes."""
    claims = claims.order_by("-id")
    while True:
        rows = list((claims.filter(id__lt=before) if before else claims)[:batch_size])
        yield from rows
        if len(rows) < batch_size:
            return
        before = rows[-1].pk


class VerdictCursorPagination(BasePagination):
    """Newest claim first, forward only. Verdicts are computed, not stored, so filtering by
    verdict cannot happen in the database: claims are read in batches, their verdicts computed
    (a few queries per batch) and kept when they match, until the page is full."""

    page_size = 50
    max_page_size = 500
    cursor_query_param = "cursor"
    page_size_query_param = "page_size"

    def _page_size(self, request: Request) -> int:
        try:
            size = int(request.query_params.get(self.page_size_query_param, self.page_size))
        except ValueError:
            size = self.page_size
        return max(1, min(size, self.max_page_size))

    def _position(self, request: Request) -> int | None:
        cursor = request.query_params.get(self.cursor_query_param)
        if not cursor:
            return None
        try:
            position = int(base64.urlsafe_b64decode(cursor.encode("ascii")).decode("ascii"))
        except (ValueError, UnicodeError, binascii.Error) as error:
            raise NotFound("Invalid cursor.") from error
        if position < 1:
            raise NotFound("Invalid cursor.")
        return position

    def paginate_queryset(  # type: ignore[override]
        self, queryset: QuerySet[Claim], request: Request, view: Any = None
    ) -> list[CheckedClaim]:
        self.request = request
        size = self._page_size(request)
        wanted = request.query_params.get("verdict") or None
        position = self._position(request)
        # Without a verdict filter one batch fills the page; with one, read wider batches.
        batch_size = size + 1 if wanted is None else max(4 * size, 200)
        claims = _newest_first(queryset, before=position, batch_size=batch_size)
        matching = verdicts_in_batches(claims, batch_size=batch_size, verdict=wanted)
        found = list(islice(matching, size + 1))  # one more than a page: is there a next?
        self.next_position = found[size - 1].claim.pk if len(found) > size else None
        return found[:size]

    def get_next_link(self) -> str | None:
        if self.next_position is None:
            return None
        cursor = base64.urlsafe_b64encode(str(self.next_position).encode()).decode()
        return replace_query_param(
            self.request.build_absolute_uri(), self.cursor_query_param, cursor
        )

    def get_paginated_response(self, data: Any) -> Response:
        return Response({"next": self.get_next_link(), "previous": None, "results": data})

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["results"],
            "properties": {
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        return [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": "The pagination cursor value.",
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": "Number of results to return per page.",
                "schema": {"type": "integer"},
            },
        ]
