"""Evaluation settings (shot count, CoT, pass@k, maj@k, thinking) read from headers and text."""

import re

_SHOTS = re.compile(
    r"(?i)(?<![\w-])(\d{1,2}(?:\s*-\s*\d{1,2})?|zero|one|few|five|ten)[- ]?shots?\b"
)
_WORD_SHOTS = {"zero": "0", "one": "1", "five": "5", "ten": "10"}
_FLAGS = [
    (re.compile(r"(?i)(?<![\w-])(?:CoT|chain[- ]of[- ]thought)(?![\w-])"), "CoT"),
    (re.compile(r"(?i)(?<![\w-])(pass@\d+)"), None),
    (re.compile(r"(?i)(?<![\w-])(maj@\d+)"), None),
    (re.compile(r"(?i)(?<![\w-])(cons@\d+)"), None),
    (re.compile(r"(?i)(?<![\w-])(avg@\d+)"), None),
    (re.compile(r"(?i)(?<![\w-])(?:thinking|reasoning) mode(?![\w-])"), "thinking"),
    (re.compile(r"(?i)(?<![\w-])non-thinking(?![\w-])"), "non-thinking"),
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
            found.append(f"{_WORD_SHOTS.get(n, n)}-shot")
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
