"""Where an evaluation setting applies: which figures of a sentence, table or model card a
setting read from the text holds for, and which figure's own words override it.

What the words mean is `claims.setting`'s one grammar, read in its prose mode
(`setting_parse(text, prose=True)`), merged with `setting_merge` and written with
`setting_format`; nothing here reads a setting word itself.
"""

import re
from dataclasses import dataclass
from itertools import pairwise

from claims.setting import (
    UNDISCLOSED,
    Setting,
    setting_format,
    setting_parse,
    setting_rest,
)


@dataclass(frozen=True)
class FigureSetting:
    """How a table or a model card says a figure was obtained: its `setting`, and `notes`,
    the words that qualify the figure without being a setting (a metric "EM", a subset "fr",
    "Average"), kept as printed."""

    setting: Setting = UNDISCLOSED
    notes: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        """The claim's setting text: the setting's canonical text, then the notes, each once.
        `setting_parse` reads `setting` back from it (notes hold no setting words)."""
        parts = [setting_format(self.setting), *self.notes]
        return ", ".join(dict.fromkeys(part for part in parts if part))


def figure_setting_of(text: str) -> FigureSetting:
    """A cell of a column that states settings ("Setting", "Mode", "Metric", "Language"): the
    setting it states and, as a note, whatever else it says ("5-shot EM" → 5-shot, "EM")."""
    rest = setting_rest(text)
    return FigureSetting(setting_parse(text), (rest,) if rest else ())


def shots_from_number(text: str) -> Setting:
    """A "# Shots" column cell ("5", "3-5", "0", "zero-shot") as a setting: a bare number is
    a shot count."""
    t = text.strip()
    if re.fullmatch(r"\d{1,2}(?:\s*-\s*\d{1,2})?", t):
        t += "-shot"
    return setting_parse(t)


# --- which figure a setting belongs to ------------------------------------------------------

# A parenthesis right after a benchmark's name is that benchmark's setting: "MMLU (0-shot, CoT)".
_NAME_PARENTHESIS = re.compile(r"^\s*\(([^()]{1,60})\)")
# Where one figure's clause ends and the next one's begins: "61.2 on A (5-shot), 55.0 on B".
_CLAUSE_BREAK = re.compile(r"(?i)[,;]|\s(?:and|while|whereas|but)\s")
_PARENTHESIS = re.compile(r"\([^()]*\)")


def benchmark_settings(text: str, benchmarks: list[tuple[int, int, str]]) -> dict[str, Setting]:
    """Settings a sentence prints in a parenthesis right after a benchmark's name, by benchmark:
    they hold for every figure given for that benchmark, and for no other."""
    found: dict[str, Setting] = {}
    for _, end, name in benchmarks:
        m = _NAME_PARENTHESIS.match(text[end:])
        if m and (setting := setting_parse(m.group(1), prose=True)).disclosed:
            found.setdefault(name, setting)
    return found


def benchmark_setting_spans(
    text: str, benchmarks: list[tuple[int, int, str]]
) -> list[tuple[int, int]]:
    """Where the parentheses read by `benchmark_settings` lie, so no other figure reads them."""
    spans = []
    for _, end, _name in benchmarks:
        m = _NAME_PARENTHESIS.match(text[end:])
        if m and setting_parse(m.group(1), prose=True).disclosed:
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
