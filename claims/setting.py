"""How a score was obtained: one `Setting` type, read from text and written back as text.

The same grammar serves claims ("5-shot, CoT", "3-5-shot", "maj@32", "thinking"), our runs
and imported results (whose settings the evaluator derives from the lm-eval config they ran)
and the catalogue's conventional setting per benchmark. `setting_format` writes the canonical
text and `setting_parse` reads it back to the same `Setting` (a property test holds them to
that); `setting_parse` also reads the looser text sources print.

A field left `None` means "not stated": it is never guessed here. `setting_assume` fills the
gaps from a benchmark's conventional setting and says which ones it filled, so a verdict can
say what it assumed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
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
_SHOTS_RANGE = re.compile(rf"(?i)(?<![\w.@-]){_NUMBER}\s*(?:-|–|to)\s*{_NUMBER}[\s-]?shots?\b")
_SHOTS = re.compile(rf"(?i)(?<![\w.@-]){_NUMBER}[\s-]?shots?\b")
_FEW_SHOT = re.compile(r"(?i)\bfew[\s-]?shots?\b")
_NO_COT = re.compile(r"(?i)\b(?:no|without|w/o|non)[\s-]?(?:cot|chain[\s-]of[\s-]thought)\b")
_COT = re.compile(r"(?i)(?<![\w-])(?:cot|chain[\s-]of[\s-]thought)(?![\w-])")
_AGGREGATION = re.compile(r"(?i)(?<![\w-])(pass|maj|cons|avg)\s*@\s*(\d{1,4})\b")
_NON_THINKING = re.compile(r"(?i)\b(?:non|no|without)[\s-]?(?:thinking|reasoning)\b")
_EFFORT = re.compile(
    r"(?i)\b(?:reasoning[\s_-]?effort\s*[:=]?\s*(low|medium|high)\b"
    r"|(low|medium|high)[\s-]reasoning(?:[\s-]effort)?\b)"
)
_THINKING = re.compile(
    r"(?i)\bthinking(?:[\s-]mode)?\b|\breasoning[\s-]mode\b|\bextended[\s-]thinking\b"
)
_NO_CHAT_TEMPLATE = re.compile(r"(?i)\b(?:no|without)[\s-]chat[\s-]template\b")
_CHAT_TEMPLATE = re.compile(r"(?i)\bchat[\s-]template\b")
_LOGLIKELIHOOD = re.compile(r"(?i)\blog[\s-]?likelihood\b|\bmultiple[\s-]choice\b|\blogprobs?\b")
_GENERATIVE = re.compile(r"(?i)\bgenerative\b|\bgeneration\b")
_GREEDY = re.compile(r"(?i)\bgreedy\b")
_TEMPERATURE = re.compile(
    r"(?i)\b(?:temperature\s*[:=]?|temp\s*[:=]|t\s*=)\s*(\d+(?:\.\d+)?(?:e-?\d+)?)"
)


def _number(text: str) -> int:
    return int(text) if text.isdigit() else WORD_NUMBERS[text.lower()]


def _shots_of(text: str) -> tuple[int | None, int | None, bool]:
    ranged = _SHOTS_RANGE.search(text)
    if ranged:
        low, high = _number(ranged.group(1)), _number(ranged.group(2))
        if low == high:
            return low, None, False
        return min(low, high), max(low, high), False
    single = _SHOTS.search(text)
    if single:
        return _number(single.group(1)), None, False
    return None, None, bool(_FEW_SHOT.search(text))


def _thinking_of(text: str) -> Thinking | None:
    effort = _EFFORT.search(text)
    if effort:
        return Thinking((effort.group(1) or effort.group(2)).lower())
    if _NON_THINKING.search(text):
        return Thinking.OFF
    if _THINKING.search(text):
        return Thinking.ON
    return None


def _tristate(text: str, negative: re.Pattern[str], positive: re.Pattern[str]) -> bool | None:
    if negative.search(text):
        return False
    if positive.search(text):
        return True
    return None


@lru_cache(maxsize=4096)  # pure, and pages read the same few setting texts again and again
def setting_parse(text: str | None, *, shots: int | None = None) -> Setting:
    """The setting a text states ("5-shot CoT", "3-5-shot", "maj@32, thinking", "pass@1").

    Words it does not know are ignored; `shots` (a separate "# shots" figure) wins over a
    count in the text.
    """
    text = (text or "").strip()
    found_shots, shots_max, few = _shots_of(text)
    if shots is not None:
        found_shots, shots_max, few = shots, None, False
    aggregation = _AGGREGATION.search(text)
    temperature = _TEMPERATURE.search(text)
    output_type = None
    if _LOGLIKELIHOOD.search(text):
        output_type = OutputType.LOGLIKELIHOOD
    elif _GENERATIVE.search(text):
        output_type = OutputType.GENERATIVE
    return Setting(
        shots=found_shots,
        shots_max=shots_max,
        few_shot=few,
        chain_of_thought=_tristate(text, _NO_COT, _COT),
        aggregation=Aggregation(aggregation.group(1).lower()) if aggregation else None,
        k=int(aggregation.group(2)) if aggregation else None,
        thinking=_thinking_of(text),
        chat_template=_tristate(text, _NO_CHAT_TEMPLATE, _CHAT_TEMPLATE),
        output_type=output_type,
        temperature=(
            float(temperature.group(1)) if temperature else 0.0 if _GREEDY.search(text) else None
        ),
    )


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


def setting_assume(stated: Setting, conventional: Setting) -> tuple[Setting, list[str]]:
    """`stated` with what it leaves unsaid taken from `conventional`, and the canonical text of
    each part so assumed (for the verdict to say so)."""
    if stated.shots is not None or stated.few_shot:
        conventional = replace(conventional, shots=None, shots_max=None, few_shot=False)
    if stated.aggregation is not None:
        conventional = replace(conventional, aggregation=None, k=None)
    filled: dict[str, object] = {}
    for field in fields(Setting):
        if field.name in ("shots_max", "few_shot", "k"):
            continue
        if getattr(stated, field.name) is None and getattr(conventional, field.name) is not None:
            filled[field.name] = getattr(conventional, field.name)
            if field.name == "shots":
                filled["shots_max"] = conventional.shots_max
            if field.name == "aggregation":
                filled["k"] = conventional.k
    if stated.shots is None and not stated.few_shot and conventional.few_shot:
        filled["few_shot"] = True
    assumed_setting = replace(stated, **filled)  # type: ignore[arg-type]
    assumed_only = Setting(**filled)  # type: ignore[arg-type]
    return assumed_setting, [part for part in setting_format(assumed_only).split(", ") if part]
