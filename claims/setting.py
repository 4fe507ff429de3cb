"""How a score was obtained: one `Setting` type, read from text and written back as text.

The same grammar serves claims ("5-shot, CoT", "3-5-shot", "maj@32", "thinking"), our runs
and imported results (whose settings the evaluator derives from the lm-eval config they ran)
and the catalogue's conventional setting per benchmark. `setting_format` writes the canonical
text and `setting_parse` reads it back to the same `Setting` (a property test holds them to
that); `setting_parse` also reads the looser text sources print ("averaged over 64 samples",
"with thinking disabled"), and, with `prose=True`, the settings running text states, from the
same grammar with the forms that in prose describe a model or a benchmark left out.

A field left `None` means "not stated": it is never guessed here. `setting_assume` fills the
gaps from a benchmark's conventional setting and says which ones it filled, so a verdict can
say what it assumed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from enum import StrEnum
from functools import lru_cache


class Aggregation(StrEnum):
    """How several answers per problem become one score: pass@k, majority vote, or a mean."""

    PASS = "pass"
    MAJ = "maj"
    CONS = "cons"  # "consensus@k", another name for majority voting
    AVG = "avg"


class Thinking(StrEnum):
    """Whether a model reasoned before answering, or how hard it was asked to."""

    ON = "thinking"
    OFF = "non-thinking"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"


class OutputType(StrEnum):
    GENERATIVE = "generative"
    LOGLIKELIHOOD = "log-likelihood"


@dataclass(frozen=True)
class Setting:
    """A setting; `None` fields were not stated.

    `shots` is the number of examples in the prompt; a range ("3-5-shot", different subtasks
    with different counts) keeps its upper end in `shots_max`, and "few-shot" with no count is
    `few_shot=True` with no `shots`.
    """

    shots: int | None = None
    shots_max: int | None = None
    few_shot: bool = False
    chain_of_thought: bool | None = None
    aggregation: Aggregation | None = None
    k: int | None = None
    thinking: Thinking | None = None
    chat_template: bool | None = None
    output_type: OutputType | None = None
    temperature: float | None = None

    @property
    def disclosed(self) -> bool:
        """Whether anything at all is stated."""
        return self != UNDISCLOSED

    @property
    def exact_shots(self) -> int | None:
        """The shot count when it is one number (not a range, not "few")."""
        return self.shots if self.shots_max is None else None

    @property
    def shots_text(self) -> str:
        if self.shots is None:
            return "few-shot" if self.few_shot else ""
        if self.shots_max is not None:
            return f"{self.shots}-{self.shots_max}-shot"
        return f"{self.shots}-shot"

    @property
    def aggregation_text(self) -> str:
        return f"{self.aggregation}@{self.k}" if self.aggregation and self.k else ""

    def describe(self) -> str:
        """The canonical text, or "undisclosed"."""
        return setting_format(self) or "undisclosed"


UNDISCLOSED = Setting()


# --- reading ---------------------------------------------------------------------------------

# Counts sources spell out ("zero-shot", "five-shot"); the extractor reads the same words.
WORD_NUMBERS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "ten": 10}
_NUMBER = r"(\d{1,3}|zero|one|two|three|four|five|ten)"
_EFFORT_LEVEL = r"(low|medium|high)"


def _number(text: str) -> int:
    return int(text) if text.isdigit() else WORD_NUMBERS[text.lower()]


def _shot_range(m: re.Match[str]) -> dict[str, object]:
    low, high = _number(m.group(1)), _number(m.group(2))
    if low == high:
        return {"shots": low}
    return {"shots": min(low, high), "shots_max": max(low, high)}


def _aggregation(kind: Aggregation | None) -> Callable[[re.Match[str]], dict[str, object]]:
    """The fields of an "x@k" match (`kind` None: x is the match's first group, k its last) or
    of a phrase naming the aggregation in words, k its only group."""

    def read(m: re.Match[str]) -> dict[str, object]:
        return {
            "aggregation": kind or Aggregation(m.group(1).lower()),
            "k": int(m.group(m.lastindex or 0)),
        }

    return read


def _effort(m: re.Match[str]) -> dict[str, object]:
    return {"thinking": Thinking(m.group(1).lower())}


def _states(**values: object) -> Callable[[re.Match[str]], dict[str, object]]:
    return lambda _m: values


@dataclass(frozen=True)
class _Form:
    """One way a part of a setting is written, and what a match states.

    `prose` is whether the form, met in running text, says how a figure was obtained. In a
    settings field every form does; in prose a bare "thinking", "multiple-choice",
    "generative", "chat template" or a temperature more often describes the benchmark or the
    model ("a thinking model", "a multiple-choice benchmark"), so prose reads only the forms
    that name an evaluation ("in thinking mode", "with thinking enabled").
    """

    pattern: re.Pattern[str]
    states: Callable[[re.Match[str]], dict[str, object]]
    prose: bool = True


def _form(
    pattern: str, states: Callable[[re.Match[str]], dict[str, object]], *, prose: bool = True
) -> _Form:
    return _Form(re.compile("(?i)" + pattern), states, prose)


# The grammar: for each part of a setting, the forms it is written in, the first that matches
# winning (so a negation is tried before the word it negates, a count before "few").
_GRAMMAR: tuple[tuple[_Form, ...], ...] = (
    (  # shots
        _form(rf"(?<![\w.@-]){_NUMBER}\s*(?:-|–|to)\s*{_NUMBER}[\s-]?shots?\b", _shot_range),
        _form(rf"(?<![\w.@-]){_NUMBER}[\s-]?shots?\b", lambda m: {"shots": _number(m.group(1))}),
        _form(r"\bfew[\s-]?shots?\b", _states(few_shot=True)),
    ),
    (  # chain of thought
        _form(
            r"\b(?:no|without|w/o|non)[\s-]?(?:cot|chain[\s-]of[\s-]thought)\b",
            _states(chain_of_thought=False),
        ),
        _form(
            r"(?<![\w-])(?:cot|chain[\s-]of[\s-]thought)(?![\w-])", _states(chain_of_thought=True)
        ),
    ),
    (  # aggregation: a phrase that says how the samples were combined is the more specific
        # ("pass@1, averaged over 64 samples" is avg@64)
        _form(
            r"\b(?:averaged?|mean)\s+(?:over|across|of)\s+(\d{1,4})\s+"
            r"(?:samples|runs|generations|attempts|seeds|trials)\b",
            _aggregation(Aggregation.AVG),
        ),
        _form(
            r"\bmajority[\s-]vot(?:e|ing)\s+(?:over|across|of|with|@)\s*(\d{1,4})"
            r"(?:\s+(?:samples|votes|generations|answers))?\b",
            _aggregation(Aggregation.MAJ),
        ),
        _form(r"(?<![\w-])(pass|maj|cons|avg)\s*@\s*(\d{1,4})\b", _aggregation(None)),
    ),
    (  # thinking, or how hard: an effort, then "off", then "on"
        _form(
            rf"\breasoning[\s_-]?effort\s*[:=]?\s*{_EFFORT_LEVEL}\b",
            _effort,
        ),
        _form(
            rf"\b{_EFFORT_LEVEL}[\s-]reasoning[\s-]effort\b",
            _effort,
        ),
        _form(
            rf"\b{_EFFORT_LEVEL}[\s-]reasoning\b",
            _effort,
            prose=False,  # in prose, as often "high-reasoning tasks"
        ),
        _form(r"\bnon[\s-]?thinking\b", _states(thinking=Thinking.OFF)),
        _form(r"\b(?:no|without)[\s-]?(?:thinking|reasoning)\b", _states(thinking=Thinking.OFF)),
        _form(
            r"(?<![\w-])(?:thinking|reasoning)\s+(?:disabled|turned[\s-]off|off)(?![\w-])",
            _states(thinking=Thinking.OFF),
        ),
        # In prose, "non-reasoning" is a kind of model ("ahead of non-reasoning models").
        _form(r"\bnon[\s-]?reasoning\b", _states(thinking=Thinking.OFF), prose=False),
        _form(
            r"(?<![\w-])(?:thinking|reasoning)\s+(?:enabled|turned[\s-]on|on)(?![\w-])",
            _states(thinking=Thinking.ON),
        ),
        _form(r"(?<![\w-])(?:thinking|reasoning)[\s-]mode(?![\w-])", _states(thinking=Thinking.ON)),
        _form(r"\bextended[\s-]thinking\b", _states(thinking=Thinking.ON)),
        _form(r"\bthinking\b", _states(thinking=Thinking.ON), prose=False),
    ),
    (  # chat template
        _form(
            r"\b(?:no|without)[\s-]chat[\s-]template\b", _states(chat_template=False), prose=False
        ),
        _form(r"\bchat[\s-]template\b", _states(chat_template=True), prose=False),
    ),
    (  # output type
        _form(
            r"\blog[\s-]?likelihood\b|\bmultiple[\s-]choice\b|\blogprobs?\b",
            _states(output_type=OutputType.LOGLIKELIHOOD),
            prose=False,
        ),
        _form(
            r"\bgenerative\b|\bgeneration\b",
            _states(output_type=OutputType.GENERATIVE),
            prose=False,
        ),
    ),
    (  # sampling temperature; greedy decoding is temperature 0
        _form(
            r"\b(?:temperature\s*[:=]?|temp\s*[:=]|t\s*=)\s*(\d+(?:\.\d+)?(?:e-?\d+)?)",
            lambda m: {"temperature": float(m.group(1))},
            prose=False,
        ),
        _form(r"\bgreedy\b", _states(temperature=0.0), prose=False),
    ),
)


_PROSE_GRAMMAR = tuple(tuple(form for form in forms if form.prose) for forms in _GRAMMAR)


def _forms(prose: bool) -> tuple[tuple[_Form, ...], ...]:
    return _PROSE_GRAMMAR if prose else _GRAMMAR


@lru_cache(maxsize=4096)  # pure, and pages read the same few setting texts again and again
def setting_parse(text: str | None, *, shots: int | None = None, prose: bool = False) -> Setting:
    """The setting a text states ("5-shot CoT", "3-5-shot", "maj@32, thinking", "pass@1").

    Words it does not know are ignored; `shots` (a separate "# shots" figure) wins over a
    count in the text. `prose=True` reads running text, where only the forms that name an
    evaluation count (see `_Form`).
    """
    text = (text or "").strip()
    stated: dict[str, object] = {}
    for forms in _forms(prose):
        for form in forms:
            m = form.pattern.search(text)
            if m:
                stated.update(form.states(m))
                break
    if shots is not None:
        stated.update(shots=shots, shots_max=None, few_shot=False)
    return Setting(**stated) if stated else UNDISCLOSED  # type: ignore[arg-type]


def setting_rest(text: str, *, prose: bool = False) -> str:
    """The words of a text that are no part of its setting ("5-shot EM" → "EM"), for what
    qualifies a figure besides its setting (a metric, a subset)."""
    for forms in _forms(prose):
        for form in forms:
            text = form.pattern.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip(" ,;:/()[]-")


# --- writing ---------------------------------------------------------------------------------

_THINKING_TEXT = {
    Thinking.ON: "thinking",
    Thinking.OFF: "non-thinking",
    Thinking.LOW: "reasoning effort low",
    Thinking.MEDIUM: "reasoning effort medium",
    Thinking.HIGH: "reasoning effort high",
}


def _temperature_text(value: float) -> str:
    short = f"{value:g}"
    return f"temperature {short if float(short) == value else repr(value)}"


def setting_format(setting: Setting) -> str:
    """The canonical text of a setting, parts joined by ", " in a fixed order; "" when
    nothing is stated. `setting_parse` reads it back to an equal `Setting`."""
    parts = [setting.shots_text]
    if setting.chain_of_thought is not None:
        parts.append("CoT" if setting.chain_of_thought else "no CoT")
    parts.append(setting.aggregation_text)
    if setting.thinking is not None:
        parts.append(_THINKING_TEXT[setting.thinking])
    if setting.chat_template is not None:
        parts.append("chat template" if setting.chat_template else "no chat template")
    if setting.output_type is not None:
        parts.append(str(setting.output_type))
    if setting.temperature is not None:
        parts.append(_temperature_text(setting.temperature))
    return ", ".join(part for part in parts if part)


# --- comparing -------------------------------------------------------------------------------


def _aggregation_estimand(setting: Setting) -> str | None:
    """What an aggregated score estimates: avg@k is a mean of k single tries, so it estimates
    pass@1; majority votes and pass@k of more than one try estimate other quantities."""
    if setting.aggregation is None or setting.k is None:
        return None
    if setting.aggregation == Aggregation.AVG or setting.k == 1:
        return "pass@1"
    kind = "maj" if setting.aggregation == Aggregation.CONS else setting.aggregation
    return f"{kind}@{setting.k}"


def _shots_differ(first: Setting, second: Setting) -> bool:
    """Both state shots and they differ; "few-shot" with no count differs only from 0-shot."""
    texts = {first.shots_text, second.shots_text}
    if "" in texts or len(texts) == 1:
        return False
    return "few-shot" not in texts or 0 in (first.shots, second.shots)


def setting_differences(first: Setting, second: Setting, *, names: tuple[str, str]) -> list[str]:
    """How two settings differ, on what both state, in words ("the claim is 5-shot, the run
    0-shot"). Empty when nothing both state differs."""
    one, two = names
    found = []
    if _shots_differ(first, second):
        found.append(f"{one} is {first.shots_text}, {two} {second.shots_text}")
    if None not in (first.chain_of_thought, second.chain_of_thought) and (
        first.chain_of_thought != second.chain_of_thought
    ):
        uses = one if first.chain_of_thought else two
        found.append(f"only {uses} uses chain of thought")
    estimands = (_aggregation_estimand(first), _aggregation_estimand(second))
    if None not in estimands and estimands[0] != estimands[1]:
        found.append(f"{one} is {first.aggregation_text}, {two} {second.aggregation_text}")
    if None not in (first.thinking, second.thinking) and first.thinking != second.thinking:
        found.append(
            f"{one} is {_THINKING_TEXT[first.thinking]}, "  # type: ignore[index]
            f"{two} {_THINKING_TEXT[second.thinking]}"  # type: ignore[index]
        )
    if None not in (first.chat_template, second.chat_template) and (
        first.chat_template != second.chat_template
    ):
        uses = one if first.chat_template else two
        found.append(f"only {uses} uses a chat template")
    if None not in (first.output_type, second.output_type) and (
        first.output_type != second.output_type
    ):
        found.append(f"{one} is {first.output_type}, {two} {second.output_type}")
    if None not in (first.temperature, second.temperature) and (
        first.temperature != second.temperature
    ):
        found.append(
            f"{one} samples at temperature {first.temperature:g}, {two} at {second.temperature:g}"
        )
    return found


# The parts a setting is stated in: each is stated, or inherited, whole ("3-5-shot" replaces
# "few-shot", "maj@32" replaces "pass@1").
SETTING_PARTS = (
    ("shots", "shots_max", "few_shot"),
    ("chain_of_thought",),
    ("aggregation", "k"),
    ("thinking",),
    ("chat_template",),
    ("output_type",),
    ("temperature",),
)


def setting_stated_parts(setting: Setting) -> list[tuple[str, ...]]:
    """The parts (of `SETTING_PARTS`, each a tuple of field names) that `setting` states."""
    return [
        part
        for part in SETTING_PARTS
        if any(getattr(setting, name) != getattr(UNDISCLOSED, name) for name in part)
    ]


def setting_merge(own: Setting, inherited: Setting) -> Setting:
    """`own` with the parts it leaves unsaid taken from `inherited`: a figure's own "8-shot"
    overrides its table's "5-shot", while the table's "CoT" still holds for it."""
    if inherited in (UNDISCLOSED, own):  # most figures inherit nothing
        return own
    if own == UNDISCLOSED:
        return inherited
    taken = set(setting_stated_parts(own))
    return replace(
        own,
        **{
            name: getattr(inherited, name)
            for part in setting_stated_parts(inherited)
            if part not in taken
            for name in part
        },
    )


def setting_assume(stated: Setting, conventional: Setting) -> tuple[Setting, list[str]]:
    """`stated` with what it leaves unsaid taken from `conventional`, and the canonical text of
    each part so assumed (for the verdict to say so)."""
    unsaid = {
        name: getattr(UNDISCLOSED, name) for part in setting_stated_parts(stated) for name in part
    }
    assumed_only = replace(conventional, **unsaid)  # type: ignore[arg-type]
    return setting_merge(stated, conventional), [
        part for part in setting_format(assumed_only).split(", ") if part
    ]
