"""Request bodies: JSON, with the text PostgreSQL cannot store refused as a client error."""

from collections.abc import Mapping
from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


def _has_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, Mapping):
        return any(_has_nul(key) or _has_nul(item) for key, item in value.items())
    if isinstance(value, list):
        return any(_has_nul(item) for item in value)
    return False


class TextJSONParser(JSONParser):
    """JSON whose strings hold no NUL character (PostgreSQL text cannot): a slug such as
    "mmlu\\u0000" is refused with a 400 before it reaches a lookup."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        data = super().parse(stream, media_type, parser_context)
        if _has_nul(data):
            raise ParseError("Text may not contain NUL characters.")
        return data
