"""The one way names are compared across the project (catalogue aliases, extraction, labels)."""

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^0-9a-z.]+")
_LOOSE_DOT = re.compile(r"(?<![0-9])\.|\.(?![0-9])")


def normalize_name(name: str) -> str:
    """Lower-case, accent-free, punctuation-free form of a model or benchmark name.

    "Qwen 3.5-122B-A10B" and "qwen3.5 122b a10b" both become "qwen3.5122ba10b": spacing,
    hyphens, underscores and slashes never distinguish two catalogue entries. Dots are kept
    between digits because "3.5" and "35" are different versions.
    """
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    return _LOOSE_DOT.sub("", _NON_ALNUM.sub("", text))
