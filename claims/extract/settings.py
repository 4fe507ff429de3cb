"""Evaluation settings (shot count, CoT, pass@k, maj@k, thinking) read from headers and text."""

import re
from itertools import pairwise

from claims.setting import WORD_NUMBERS

_SHOTS = re.compile(
    r"(?i)(?<![\w-])(\d{1,2}(?:\s*-\s*\d{1,2})?|zero|one|two|three|four|few|five|ten)"
    r"[- ]?shots?\b"
)
# Settings printed in words, each written as the text `claims.setting.setting_parse` reads:
# "averaged over 64 samples" is avg@64, "majority voting over 32 samples" maj@32.
_SAMPLED = [
    (
        re.compile(
            r"(?i)\b(?:averaged?|mean)\s+(?:over|across|of)\s+(\d{1,4})\s+"
            r"(?:samples|runs|generations|attempts|seeds|trials)\b"
        ),
        "avg",
    ),
    (
        re.compile(
            r"(?i)\bmajority[\s-]vot(?:e|ing)\s+(?:over|across|of|with|@)\s*(\d{1,4})"
            r"(?:\s+(?:samples|votes|generations|answers))?\b"
        ),
        "maj",
    ),
]
_FLAGS = [
    (re.compile(r"(?i)(?<![\w-])(?:CoT|chain[- ]of[- ]thought)(?![\w-])"), "CoT"),
    (re.compile(r"(?i)(?<![\w-])(pass@\d+)"), None),
    (re.compile(r"(?i)(?<![\w-])(maj@\d+)"), None),
    (re.compile(r"(?i)(?<![\w-])(cons@\d+)"), None),
    (re.compile(r"(?i)(?<![\w-])(avg@\d+)"), None),
    (re.compile(r"(?i)(?<![\w-])(?:thinking|reasoning) mode(?![\w-])"), "thinking"),
    (
        re.compile(
            r"(?i)(?<![\w-])(?:non-thinking|(?:thinking|reasoning)\s+(?:disabled|turned off|off)"
            r"|(?:without|no)\s+(?:thinking|reasoning))(?![\w-])"
        ),
        "non-thinking",
    ),
    (
        re.compile(
            r"(?i)(?<![\w-])(?<!non-)(?<!no )(?<!without )(?:thinking|reasoning)\s+"
            r"(?:enabled|turned on|on)(?![\w-])|\bextended thinking\b"
        ),
        "thinking",
    ),
]


def settings_in(text: str) -> list[str]:
    """Setting words found in a header, footnote or sentence, in a stable order."""
    found: list[str] = []
    m = _SHOTS.search(text)
    if m:
        n = m.group(1).lower().replace(" ", "")
        if n == "few":
            found.append("few-shot")
        else:
            found.append(f"{WORD_NUMBERS.get(n, n)}-shot")
    for pattern, kind in _SAMPLED:
        sm = pattern.search(text)
        if sm:
            found.append(f"{kind}@{sm.group(1)}")
    for pattern, label in _FLAGS:
        fm = pattern.search(text)
        if fm:
            value = label or fm.group(1).lower()
            if value not in found:
                found.append(value)
    return found


def shots_from_number(text: str) -> str:
    """A "# Shots" column cell ("5", "3-5", "0") as a setting."""
    t = text.strip()
    if re.fullmatch(r"\d{1,2}(?:\s*-\s*\d{1,2})?", t):
        return t.replace(" ", "") + "-shot"
    s = settings_in(t)
    return s[0] if s else ""


def join_settings(parts: list[str]) -> str:
    seen: list[str] = []
    for p in parts:
        p = p.strip()
        if p and p not in seen:
            seen.append(p)
    return ", ".join(seen)


# --- which figure a setting belongs to ------------------------------------------------------

# A parenthesis right after a benchmark's name is that benchmark's setting: "MMLU (0-shot, CoT)".
_NAME_PARENTHESIS = re.compile(r"^\s*\(([^()]{1,60})\)")
# Where one figure's clause ends and the next one's begins: "61.2 on A (5-shot), 55.0 on B".
_CLAUSE_BREAK = re.compile(r"(?i)[,;]|\s(?:and|while|whereas|but)\s")
_PARENTHESIS = re.compile(r"\([^()]*\)")


def _setting_kind(part: str) -> str:
    if part.endswith("-shot"):
        return "shots"
    if "@" in part:
        return "aggregation"
    if part in ("thinking", "non-thinking"):
        return "thinking"
    return part


def settings_merge(own: list[str], inherited: list[str]) -> list[str]:
    """A figure's own setting words, then the inherited ones (its benchmark's, its sentence's)
    that state something its own words do not: an own "8-shot" overrides an inherited
    "5-shot"."""
    kinds = {_setting_kind(part) for part in own}
    return [*own, *(part for part in inherited if _setting_kind(part) not in kinds)]


def benchmark_settings(text: str, benchmarks: list[tuple[int, int, str]]) -> dict[str, list[str]]:
    """Settings a sentence prints in a parenthesis right after a benchmark's name, by benchmark:
    they hold for every figure given for that benchmark, and for no other."""
    found: dict[str, list[str]] = {}
    for _, end, name in benchmarks:
        m = _NAME_PARENTHESIS.match(text[end:])
        if m and settings_in(m.group(1)):
            found.setdefault(name, settings_in(m.group(1)))
    return found


def benchmark_setting_spans(
    text: str, benchmarks: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """Where the parentheses read by `benchmark_settings` lie, so no other figure reads them."""
    spans = []
    for _, end, _name in benchmarks:
        m = _NAME_PARENTHESIS.match(text[end:])
        if m and settings_in(m.group(1)):
            spans.append((end + m.start(1), end + m.end(1)))
    return spans


def figure_segments(text: str, figures: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each figure's own stretch of a sentence, figures given in text order. Between two
    figures the cut is the last clause break (a comma, "and", "while") outside parentheses, so
    "61.2 on A (5-shot), 55.0 on B" gives the "(5-shot)" to 61.2 alone."""
    if not figures:
        return []
    masked = _PARENTHESIS.sub(lambda m: " " * len(m.group()), text)
    cuts = [0]
    for (_, first_end), (second_start, _) in pairwise(figures):
        breaks = list(_CLAUSE_BREAK.finditer(masked, first_end, second_start))
        cuts.append(breaks[-1].start() if breaks else second_start)
    cuts.append(len(text))
    return list(pairwise(cuts))
