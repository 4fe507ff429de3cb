"""Score claims in prose: "scores 93.1 on RULER", "with 40.2% on HumanEval", "GPT-4's 91.6".

A number counts as a score when a benchmark is named in the sentence (or, after a scoring verb,
in the sentence before) and the words around it read like a score: no unit after it (tokens,
GB, times), nothing but "on", "in", "%", "accuracy", "pass@k" or punctuation after it. The model
is the one whose possessive or parenthesis holds the number ("GPT-4's 91.6", "LLaMA 2
(67.35)"), else the nearest model named before it, else the first one after it that is not
itself holding another number, else the model the passage is about.
"""

import re
from itertools import pairwise

from claims.extract.names import leaderboard_in
from claims.extract.prose import Mention, Sentence
from claims.extract.relative import margins_in
from claims.extract.settings import benchmark_setting_spans, benchmark_settings, figure_segments
from claims.extract.types import ExtractedClaim, UnattributedFigure
from claims.setting import UNDISCLOSED, Setting, setting_format, setting_merge, setting_parse

_NUMBER = re.compile(
    r"(?<![\w.@/$¥€£#^-])(?<!\d,)(?P<num>\d{1,4}(?:\.\d{1,3})?)(?P<pct>\s?%)?"
    r"(?![\w]|\.\d|,\d{3}(?!\d))"
)
_NEXT_OK = re.compile(
    r"(?i)^(?:\s*(?:[,;:.!?)\]—–]|$)|\s+(?:on|in|at|for|accuracy|score|scores|points?|pass@\d+|"
    r"and|vs\.?|versus|against|compared|with|while|which|percent|surpassing|outperforming|beating|"
    r"ahead|higher|lower|than|across|\(|%|f1|em|exact|average|avg|overall|mean|"
    r"respectively|according)\b)"
)
_PREV_BAD = re.compile(
    r"(?i)(?:\btop-?|\bv|version\s|figure\s|table\s|fig\.\s|section\s|step\s|epoch\s|"
    r"from\s|x\s|every\s|over\s|than\s|around\s|about\s|to\s|under\s|only\s|"
    r"first\s|last\s|\bp\.\s|chapter\s|level\s|"
    # sampling settings, dates and reference points are not scores
    r"temperature\s|top[-_]?[pk]\s|baseline\s(?:of\s)?|threshold\s(?:of\s)?|"
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s)$"
)
_SCORE_VERB = re.compile(
    r"(?i)\b(?:scores?|scored|scoring|achieves?|achieved|achieving|obtains?|obtained|obtaining|"
    r"reaches|reached|reaching|gets|got|hits?|posts?|posted|records?|recorded|pass@\d+)\b"
)


_POSSESSIVE_TAIL = re.compile(r"[’']s\s+(?:(?:score|result|accuracy) of\s+)?$")
_PAREN_TAIL = re.compile(r"\(\s*$")
_TAIL = 40  # characters before a number searched for its owner (a whole run-on text is not)


def _possessive_owner(sentence: Sentence, num_start: int) -> Mention | None:
    base = max(0, num_start - _TAIL)
    head = sentence.text[base:num_start]
    m = _POSSESSIVE_TAIL.search(head)
    if m:
        for mention in sentence.models:
            if mention.end == base + m.start():
                return mention
    m = _PAREN_TAIL.search(head)
    if m:
        for mention in sentence.models:
            if 0 <= base + m.start() - mention.end <= 1:
                return mention
    return None


def _outside(spans: list[tuple[int, int]], numbers: list[re.Match[str]]) -> list[re.Match[str]]:
    """Numbers that start outside every span (names, margins), in one pass over both."""
    covered = sorted(spans)
    out = []
    k, reach = 0, -1
    for n in numbers:  # in text order
        while k < len(covered) and covered[k][0] <= n.start():
            reach = max(reach, covered[k][1])
            k += 1
        if n.start() >= reach:
            out.append(n)
    return out


_VERSUS = re.compile(r"(?i)\b(?:versus|vs\.?|against|compared\s+(?:to|with))\s")
_FOR_MODEL = re.compile(r"(?i)^\s*%?\s*(?:for|from|by|of)\s+$")


def _paired_owners(sentence: Sentence, numbers: list[re.Match[str]]) -> dict[int, Mention]:
    """Owners of figures set against each other ("X trails Y on MMLU, at 66.1 versus 69.4";
    "X scores 66.1 versus 69.4 for Y"): the first is the sentence's subject's, the second the
    other model's, unless a possessive or "for Y" names its owner."""
    text = sentence.text
    models = [m for m in sentence.models if m.kind in ("model", "size", "pronoun")]
    owners: dict[int, Mention] = {}
    for first, second in pairwise(numbers):
        between = text[first.end() : second.start()]
        versus = _VERSUS.search(between)
        if not versus or len(between) > 60 or re.search(r"[.;]", between[: versus.start()]):
            continue
        subject = next((m for m in models if m.end <= first.start()), None)
        if subject is None:
            continue
        others = [m for m in models if m.name != subject.name]
        other = _named_after(sentence, second.end(), others) or next(
            (m for m in others if m.end <= first.start()), None
        )
        owners.setdefault(first.start(), subject)
        if other is not None and _possessive_owner(sentence, second.start()) is None:
            owners[second.start()] = other
    return owners


# A model joined to its own figure: "Norn-12B at 55.0%", "Tarn-3B with 49.3", "Vela-7B scoring 61".
_OWN_FIGURE_LINK = re.compile(r"(?i)^\s*(?:at|with|scoring|hitting|posting|reaching)\s+$")
_LIST_JOIN = re.compile(r"(?i)^\s*(?:,\s*and|,|and|&)\s*$")


def _linked_owner(sentence: Sentence, num_start: int) -> Mention | None:
    """The model right before a figure and joined to it by "at"/"with"/"scoring"."""
    before = [m for m in sentence.models if m.end <= num_start and num_start - m.end <= 12]
    if before and _OWN_FIGURE_LINK.match(sentence.text[before[-1].end : num_start]):
        return before[-1]
    return None


def _respective_owners(sentence: Sentence, numbers: list[re.Match[str]]) -> dict[int, Mention]:
    """ "A and B score 88.7 and 88.3, respectively": the figures in the order the models are
    named. Only when the counts agree and the models are one coordinated list."""
    if "respectively" not in sentence.text or len(numbers) < 2:
        return {}
    named = [m for m in sentence.models if m.end <= numbers[0].start()]
    if len(named) < len(numbers):
        return {}
    listed = named[-len(numbers) :]
    for a, b in pairwise(listed):
        if not _LIST_JOIN.match(sentence.text[a.end : b.start]):
            return {}
    return {n.start(): m for n, m in zip(numbers, listed, strict=True)}


def _named_after(sentence: Sentence, end: int, models: list[Mention]) -> Mention | None:
    """The model a figure is given for right after it: "69.4 for Tarn-3B"."""
    return next((m for m in models if _FOR_MODEL.match(sentence.text[end : m.start])), None)


def _owners(sentence: Sentence, numbers: list[re.Match[str]]) -> set[int]:
    owned = set()
    for n in numbers:
        owner = _possessive_owner(sentence, n.start())
        if owner is not None:
            owned.add(owner.start)
    return owned


def _benchmark_for(sentence: Sentence, start: int, end: int) -> str:
    text = sentence.text
    marks = list(sentence.benchmarks)
    board = leaderboard_in(text)
    if board:
        lm = re.search(r"[Ll]eaderboard", text)
        if lm:
            marks.append((lm.start(), lm.end(), board))
    if not marks:
        return ""
    after = [
        b
        for b in marks
        if b[0] >= end
        and b[0] - end <= 70
        and re.match(r"(?i)^\s*%?\s*(?:(?:accuracy|score|result)\s+)?(?:on|in|at)\b", text[end:])
    ]
    if after:
        return min(after, key=lambda b: b[0])[2]
    before = [b for b in marks if b[1] <= start]
    if before:
        return max(before, key=lambda b: b[1])[2]
    return min(marks, key=lambda b: abs(b[0] - end))[2]


def _looks_like_score(n: re.Match[str], text: str) -> bool:
    """A figure printed the way scores are: a percentage, or a decimal near a scoring word."""
    if n.group("pct"):
        return True
    near = text[max(0, n.start() - 40) : n.end() + 12]
    return "." in n.group("num") and bool(_SCORE_VERB.search(near) or _SCORE_WORD.search(near))


_SCORE_WORD = re.compile(r"(?i)(?:score|accuracy|benchmark|points?)")


_SETTING_REACH = (60, 40)  # characters before and after a figure read for its own setting


class _FigureSettings:
    """The setting of each figure of a sentence: the words in its own clause (never another
    figure's), then its benchmark's ("MMLU (0-shot, CoT): ..."), then what the sentence states
    before its first figure ("In a 5-shot setting, ...")."""

    def __init__(
        self,
        sentence: Sentence,
        figures: list[re.Match[str]],
        carried: dict[str, Setting],
    ) -> None:
        text = sentence.text
        self.text = text
        self.by_benchmark = {**carried, **benchmark_settings(text, sentence.benchmarks)}
        held = benchmark_setting_spans(text, sentence.benchmarks)
        self.blank = text
        for a, b in held:
            self.blank = self.blank[:a] + " " * (b - a) + self.blank[b:]
        spans = [(n.start(), n.end()) for n in figures]
        self.segments = dict(zip(spans, figure_segments(text, spans), strict=True))
        self.lead = setting_parse(self.blank[: spans[0][0]], prose=True) if spans else UNDISCLOSED

    def of(self, n: re.Match[str], benchmark: str) -> str:
        s, e = n.start(), n.end()
        low, high = self.segments.get((s, e), (0, len(self.text)))
        low, high = max(low, s - _SETTING_REACH[0]), min(high, e + _SETTING_REACH[1])
        own = setting_parse(self.blank[low:high], prose=True)
        inherited = setting_merge(self.by_benchmark.get(benchmark, UNDISCLOSED), self.lead)
        return setting_format(setting_merge(own, inherited))


def score_claims(
    doc_text: str,
    sentence: Sentence,
    topic: str,
    previous_benchmarks: list[str],
    unattributed: list[UnattributedFigure] | None = None,
    carried_settings: dict[str, Setting] | None = None,
) -> list[ExtractedClaim]:
    """Score claims of one sentence. Figures printed like scores that cannot be attached to
    exactly one model and one benchmark go to `unattributed`, with the reason.
    `carried_settings` are the benchmark settings of the sentence before, for figures whose
    benchmark it named."""
    text = sentence.text
    taken = [(m.start, m.end) for m in sentence.models]
    taken += [(g.start, g.end) for g in margins_in(text)]
    taken += [(b[0], b[1]) for b in sentence.benchmarks]  # "HMMT 2025", "Terminal-Bench 2.0"
    numbers = _outside(taken, list(_NUMBER.finditer(text)))
    if not numbers:
        return []
    owned = _owners(sentence, numbers)
    paired = _paired_owners(sentence, numbers)
    respective = _respective_owners(
        sentence, [n for n in numbers if _NEXT_OK.match(text[n.end() :])]
    )
    quote, qs, qe = sentence.quote(doc_text)
    settings = _FigureSettings(
        sentence, [n for n in numbers if _NEXT_OK.match(text[n.end() :])], carried_settings or {}
    )
    out = []
    for n in numbers:
        s, e = n.start(), n.end()
        if not _NEXT_OK.match(text[e:]):
            continue
        if _PREV_BAD.search(text[max(0, s - 16) : s]):
            continue
        value = float(n.group("num"))
        if n.group("pct") and value > 100:
            continue
        if not n.group("pct") and "." not in n.group("num") and 1900 <= value <= 2100:
            continue
        if re.match(r"\s*%?\s*of\b", text[e:]):
            continue
        bench = _benchmark_for(sentence, s, e)
        if not bench:
            if (
                previous_benchmarks
                and len(set(previous_benchmarks)) == 1
                and _SCORE_VERB.search(text[max(0, s - 40) : e + 12])
            ):
                bench = previous_benchmarks[0]
            else:
                if unattributed is not None and _looks_like_score(n, text):
                    reason = "ambiguous" if len(set(previous_benchmarks)) > 1 else "no benchmark"
                    unattributed.append(_unattributed(doc_text, sentence, n, reason))
                continue
        owner = (
            respective.get(s)
            or _possessive_owner(sentence, s)
            or _linked_owner(sentence, s)
            or _named_after(sentence, e, sentence.models)
            or paired.get(s)
        )
        model = owner.name if owner else ""
        if not model:
            before = [m for m in sentence.models if m.end <= s]
            if before:
                model = before[-1].name
        if not model:
            after = [m for m in sentence.models if m.start >= e and m.start not in owned]
            if after and not re.search(
                r"(?i)\b(?:over|than|against|vs)\s*$", text[e : after[0].start]
            ):
                model = after[0].name
        if not model:
            model = topic
        if not model:
            if unattributed is not None and _looks_like_score(n, text):
                unattributed.append(_unattributed(doc_text, sentence, n, "no model", bench))
            continue
        setting = settings.of(n, bench)
        out.append(
            ExtractedClaim(
                kind="score",
                model=model,
                quote=quote,
                start=qs,
                end=qe,
                benchmark=bench,
                value=value,
                unit="score",
                setting=setting,
                value_text=n.group("num"),
            )
        )
    return out


def _unattributed(
    doc_text: str, sentence: Sentence, n: re.Match[str], reason: str, benchmark: str = ""
) -> UnattributedFigure:
    quote, start, end = sentence.quote(doc_text)
    return UnattributedFigure(
        quote=quote,
        start=start,
        end=end,
        value_text=n.group("num"),
        reason=reason,
        benchmark=benchmark,
        setting=setting_format(
            setting_parse(sentence.text[max(0, n.start() - 60) : n.end() + 40], prose=True)
        ),
    )
