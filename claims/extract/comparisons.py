"""Comparison claims ("beats", "outperforms", "trails", "on par with", "matches or beats") and,
when the comparison states a margin, relative claims ("by 30%").

Within a clause: the subject is the model named before the verb (or the model the passage is
about, for "It"/"The model"); the objects are the models (or the noun phrase, "all other
open-access models") after the verb; the benchmark is what follows "on"/"across" (split on
commas and "and"), else a benchmark named in the clause, else the category of a possessive
("Norn-12B's tool use performance"), else "performance".
"""

import re
from dataclasses import dataclass, field

from claims.extract.names import benchmark_mentions, leaderboard_in
from claims.extract.prose import Mention, Sentence
from claims.extract.relative import margins_in
from claims.extract.types import ExtractedClaim

_GT = (
    r"outperform(?:s|ed|ing)?|beat(?:s|ing)?|surpass(?:es|ed|ing)?|tops|topped|topping|"
    r"exceed(?:s|ed|ing)?|crush(?:es|ed|ing)?|destroy(?:s|ed|ing)?|trounc(?:es|ed|ing)|"
    r"edg(?:es|ed|ing) out|outscor(?:es|ed|ing)|outclass(?:es|ed|ing)?|"
    r"(?:performs?|performing|performed|does|do|did|is|are|was|scores?|scoring) better than|"
    r"(?:higher|better|stronger) (?:performance|scores?|results) (?:than|that)|"
    r"better than|stronger than|ahead of|dominat(?:es|ed|ing)"
)
_LT = (
    r"trail(?:s|ed|ing)?|lag(?:s|ged|ging)? behind|fall(?:s|ing)? (?:behind|short of)|"
    r"fell (?:behind|short of)|worse than|weaker than|underperform(?:s|ed|ing)?|"
    r"(?:does|do|did)(?:n[’']t| not) score as high(?: in [\w\s-]{1,40}?)? as|"
    r"(?:is|are) outperformed by|(?:is|are) beaten by"
)
_EQ = (
    r"match(?:es|ing|ed)? or (?:beat(?:s|ing)?|exceed(?:s|ing)?|surpass(?:es|ing)?)|"
    r"on (?:a )?par with|comparabl[ey] (?:to|with)|"
    r"(?:similar|comparable|competitive) performance (?:to|with|as)|"
    r"performance levels? comparable to|(?:is|are|performs?|performing) similar(?:ly)? to|"
    r"rival(?:s|ing|ed|ling|led)?|"
    r"competitive with|match(?:es|ing|ed)?|as good as|on the same level as|"
    r"(?:at|on) the level of|close to"
)
VERB_RE = re.compile(
    rf"(?<![\w-])(?:(?P<eq>{_EQ})|(?P<gt>{_GT})|(?P<lt>{_LT}))(?![\w-])", re.IGNORECASE
)
_LEVEL_RE = re.compile(r"[-–]\s?[Ll]evel\s+[Pp]erformance")
_SUPERLATIVE_RE = re.compile(
    r"(?i)(?:\bis the|\bhas become the|\bbecame the|,)\s+(?:current\s+|new\s+)?"
    r"(?:highest[- ]scoring|best(?:[- ]performing)?|strongest|top[- ]performing|"
    r"most capable|leading|SOTA|state[- ]of[- ]the[- ]art)\s+(?P<what>[^,.;:!?]{3,80})"
    r"|(?i:ranking first|ranked first|ranks first|the best performance|SOTA performance)"
    r"\s+among\s+(?P<among>[^,.;:!?]{3,80})"
    r"|(?i:\btops the leaderboard for)\s+(?P<board>[^,.;:!?]{3,80})"
)
_PREP_RE = re.compile(r"(?i)\b(?:on|across|in|at)\s+(?:the\s+|a\s+|all\s+)?")
_PHRASE_STOP = re.compile(
    r"(?i)[,.;:!?()—–]|\s(?:by|while|with|and (?:is|are|has|have|was|were|can|achieves?|shows?|"
    r"the|its)|but|which|that|when|where|despite|thanks|at a|compared|as well|than|"
    r"according)\b|\s\d"
)
_CATEGORY_END = re.compile(
    r"(?i)(?:benchmarks?|tasks?|tests?|evaluations?|capabilities|abilities|ability|use|"
    r"coding|code|math(?:ematics)?|reasoning|knowledge|performance|leaderboard|arena|suite|"
    r"metrics?|dimensions?|understanding|generation|following|agents?|agentic|datasets?|"
    r"scores?|numbers|categories|domains|languages|exams?|problems|questions|fronts)$"
)
_POSSESSIVE_CATEGORY = re.compile(
    r"^[’']s\s+(?P<cat>[\w\s-]{2,40}?)\s+(?:performance|score|scores|capabilities|results)\b"
)
_LEADING_RESULTS = re.compile(
    r"(?i)\b(?:results|evaluations?|experiments) on\s+(?:the\s+)?(?P<phrase>[^,.;:]{3,60}?)"
    r"\s+(?:show|shows|showed|demonstrate|indicate)\b"
)
_RELATION = {"eq": "=", "gt": ">", "lt": "<"}
# A clause whose own subject is people or organisations ("American companies dominated ...")
# says nothing about the model the passage is about.
_OTHER_SUBJECT = re.compile(
    r"(?i)\b(?:companies|company|firms|labs|people|researchers|users|developers|teams|"
    r"countries|startups|investors|humans|engineers|we|you|i)\s+(?:[a-z]+ly\s+)?$"
)
_OF_CATEGORY_ANY = re.compile(
    r"(?i)\bthe\s+(?P<cat>[a-z][\w-]{2,20}(?:\s[a-z][\w-]{2,20})?)\s+"
    r"(?:capabilities|abilities|performance)\s+of\b"
)
_FILLER = re.compile(r"(?i)^(?:even|also|both|models such as|such as|including|like)\s+")


def _mask_parentheses(text: str) -> str:
    """The text with parenthesised asides blanked (same length), so "(trained on more data)"
    does not read as a benchmark phrase."""
    return re.sub(r"\([^()]{0,200}\)", lambda m: " " * len(m.group()), text)


def _benchmark_phrase(text: str, start: int) -> tuple[list[str], int]:
    """Benchmarks or category words introduced by "on"/"across"/"in" at or after `start`."""
    m = _PREP_RE.search(text, start)
    if not m or m.start() - start > 3:
        return [], start
    rest = text[m.end() :]
    stop = _PHRASE_STOP.search(rest)
    phrase = rest[: stop.start()] if stop else rest
    # A parenthesised list of benchmarks names them: "benchmarks (EvalPlus, LiveCodeBench)".
    paren = re.match(r"\s*\(([^)]{2,200})\)", rest[len(phrase) :]) if stop else None
    phrase = phrase.strip()
    if not phrase:
        return [], start
    end = m.end() + len(phrase)
    parts = [p.strip() for p in re.split(r",\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+", phrase)]
    # a comma list continues past the first comma: "on HellaSwag, LAMBADA, WebQuestions"
    if stop and rest[stop.start()] == "," and benchmark_mentions(phrase, allow_ambiguous=True):
        tail = rest[stop.start() :]
        more = re.match(r"((?:,\s*(?:and\s+)?[\w][\w.+-]*(?:\s[\w][\w.+-]*)?){1,30})", tail)
        if more:
            items = [p.strip() for p in re.split(r",\s*(?:and\s+)?", more.group(1)) if p.strip()]
            parts.extend(items)
            end += len(more.group(1))
    if paren:
        listed = [b for _, _, b in benchmark_mentions(paren.group(1), allow_ambiguous=True)]
        if listed:
            return listed, end
    out: list[str] = []
    for p in parts:
        p = re.sub(
            r"(?i)^(?:the|a|an|multiple|several|many popular|multiple popular|popular|a total of"
            r"(?:\s+\d+)?)\s+",
            "",
            p,
        ).strip(" .;:!?")
        if not p:
            continue
        named = benchmark_mentions(p, allow_ambiguous=True)
        if named and not _CATEGORY_END.search(p):
            out.extend(b for _, _, b in named)  # "MMLU matters" → "MMLU"
        elif named or _CATEGORY_END.search(p):
            out.append(p)
    return out, end


def sentence_benchmarks(sentence: Sentence) -> list[str]:
    """What a sentence says it measures: a category phrase ("on the Open LLM Leaderboard
    tasks"), else the benchmarks it names. Carried to the next sentence of the paragraph."""
    text = _mask_parentheses(sentence.text)
    for m in _PREP_RE.finditer(text):
        if m.group().lower().startswith("on") or m.group().lower().startswith("across"):
            phrase, _ = _benchmark_phrase(sentence.text, m.start())
            if phrase:
                return phrase
    named = [b for _, _, b in sentence.benchmarks]
    board = leaderboard_in(sentence.text)
    if board and board not in named:
        named.append(board)
    return named


_PLUS_MARGIN_WORDS = frozenset(["over", "than"])
TRIGGERS = frozenset(
    [
        "outperform",
        "outperforms",
        "outperformed",
        "outperforming",
        "beat",
        "beats",
        "beating",
        "surpass",
        "surpasses",
        "surpassed",
        "surpassing",
        "tops",
        "topped",
        "topping",
        "exceed",
        "exceeds",
        "exceeded",
        "exceeding",
        "crush",
        "crushes",
        "crushed",
        "crushing",
        "destroy",
        "destroys",
        "destroyed",
        "destroying",
        "trounces",
        "trounced",
        "trouncing",
        "edges",
        "edged",
        "outscores",
        "outscored",
        "outscoring",
        "outclass",
        "outclasses",
        "outclassed",
        "better",
        "stronger",
        "ahead",
        "dominates",
        "dominated",
        "dominating",
        "trail",
        "trails",
        "trailed",
        "trailing",
        "lag",
        "lags",
        "lagged",
        "lagging",
        "fall",
        "falls",
        "fell",
        "worse",
        "weaker",
        "underperform",
        "underperforms",
        "underperformed",
        "high",
        "par",
        "comparable",
        "comparably",
        "similar",
        "rival",
        "rivals",
        "rivaling",
        "rivalling",
        "rivaled",
        "match",
        "matches",
        "matching",
        "matched",
        "competitive",
        "good",
        "level",
        "close",
        "highest",
        "best",
        "strongest",
        "leading",
        "sota",
        "state",
        "first",
        "advantage",
        "lead",
        "improvement",
        "gain",
        "margin",
        "higher",
        "more",
        "increase",
        "jump",
        "boost",
        "behind",
        "below",
        "lower",
        "less",
        "short",
        "above",
        "over",
    ]
)


@dataclass
class _Pending:
    relation: str
    subject: Mention
    objects: list[str]
    start: int  # the verb
    end: int  # where a benchmark phrase may start (after the objects)
    window_end: int
    phrase: list[str] = field(default_factory=list)


_COMPARED_TO = re.compile(
    r"(?i)\bcompared (?:to|with)\s+(?P<objs>[^,;]{2,120}),\s+(?P<rest>[^;]*?)\b"
    r"(?P<verb>(?:achieves?|achieving|shows?|showing|has|delivers?|maintains?|offers?|attains?)"
    r"\s+(?:similar|comparable|competitive|on-par)\s+(?:performance|results|scores))\b"
)
_SOTA_ON = re.compile(
    r"(?i)\b(?:achiev\w*|reach\w*|set\w*|establish\w*|attain\w*)\s+(?:new\s+)?"
    r"(?:SOTA|state[- ]of[- ]the[- ]art)\s+(?:performance|results?|scores?)(?=\s+(?:on|across))"
)


def comparison_claims(
    doc_text: str,
    sentence: Sentence,
    topic: str,
    carried_benchmarks: list[str],
    doc_subject: str = "",
) -> list[ExtractedClaim]:
    """Comparison and relative claims in one sentence."""
    text = sentence.text
    plus_margin = "+" in text and sentence.has_any(_PLUS_MARGIN_WORDS)  # "+5 points over X"
    if not (sentence.has_any(TRIGGERS) or plus_margin) or (not sentence.models and not topic):
        return []
    masked = _mask_parentheses(text)
    verbs: list[re.Match[str]] = list(VERB_RE.finditer(masked))
    verbs.extend(_LEVEL_RE.finditer(masked))
    verbs.sort(key=lambda m: m.start())
    named_benchmarks = [b for _, _, b in sentence.benchmarks]
    board = leaderboard_in(text)
    if board and board not in named_benchmarks:
        named_benchmarks.append(board)
    margins = margins_in(text)
    used_objects: set[int] = set()

    def subject_before(at: int, objects: list[Mention]) -> Mention | None:
        candidates = [
            m
            for m in sentence.models
            if m.end <= at and m not in objects and id(m) not in used_objects
        ]
        if candidates:
            return candidates[0] if candidates[0].kind == "pronoun" else candidates[-1]
        if doc_subject and re.search(r"(?i)\bmodels?\s+(?:that|which)\s+$", text[:at]):
            return Mention(0, 0, doc_subject, doc_subject, "topic")
        if topic and not _OTHER_SUBJECT.search(text[max(0, at - 40) : at]):
            return Mention(0, 0, topic, topic, "topic")
        return None

    pending: list[_Pending] = []
    for k, verb in enumerate(verbs):
        is_level = verb.re is _LEVEL_RE
        relation = "=" if is_level else _RELATION[verb.lastgroup or "eq"]
        window_end = verbs[k + 1].start() if k + 1 < len(verbs) else len(text)
        objects: list[Mention] = []
        object_names: list[str] = []
        objects_end = verb.end()
        if is_level:
            before = [m for m in sentence.models if 0 <= verb.start() - m.end <= 2]
            if not before:
                continue
            objects = [before[-1]]
            object_names = [before[-1].surface]
        else:
            after = verb.end()
            prep = _PREP_RE.search(masked, after, window_end)
            objs = [m for m in sentence.models if after <= m.start < window_end]
            if (
                k + 1 < len(verbs)
                and objs
                and re.search(
                    r",\s*(?:and\s+)?(?:a|an|the|its|while|whereas)?\s*$", text[: objs[-1].start]
                )
                and len(objs) > 1
            ) or (
                k + 1 < len(verbs)
                and objs
                and objs[-1] is not objs[0]
                and re.search(r",\s*(?:a|an|the)\s+$", text[: objs[-1].start])
            ):
                objs = objs[:-1]  # "A beating B, C destroying D": C starts the next clause
            elif (
                k + 1 < len(verbs)
                and len(objs) == 1
                and re.search(r",\s*(?:a|an|the)\s+$", text[: objs[0].start])
            ):
                objs = []
            if prep:
                objs = [m for m in objs if m.start < prep.start()] or objs
            objects = objs
            object_names = [m.surface for m in objs]
            if objs:
                objects_end = max(m.end for m in objs)
                lead = _FILLER.sub("", text[after : objs[0].start].strip(" ,"))
                lead = re.split(r"(?i),?\s+(?:including|such as|like|e\.g\.)$", lead)[0].strip()
                lead = re.split(r"(?i)\s+(?:in|on|across|with)\s+the\s+\d", lead)[0]
                if re.search(r"(?i)\bmodels?\b", lead) and 3 < len(lead) <= 80:
                    object_names.insert(0, lead)
            else:
                np_end = _PHRASE_STOP.search(masked, after)
                np_text = text[after : np_end.start() if np_end else len(text)]
                np_text = re.split(r"(?i)\s+(?:on|across|in)\s+", np_text)[0].strip()
                np_text = _FILLER.sub("", np_text)
                if re.search(r"(?i)\bmodels?\b|\bLLMs?\b|\bsystems?\b", np_text) and (
                    len(np_text) <= 80
                ):
                    object_names = [np_text]
                    objects_end = after + len(text[after:].split(np_text, 1)[0]) + len(np_text)
        if not object_names:
            continue
        subject = subject_before(verb.start(), objects)
        if subject is None:
            continue
        object_names = [o for o in object_names if o != subject.surface and o != subject.name]
        if not object_names:
            continue
        used_objects.update(id(m) for m in objects)
        pending.append(
            _Pending(relation, subject, object_names, verb.start(), objects_end, window_end)
        )

    cm = _COMPARED_TO.search(text)
    if cm and not any(p.start >= cm.start("verb") - 1 for p in pending if p.relation == "="):
        objs = [m for m in sentence.models if cm.start("objs") <= m.start < cm.end("objs")]
        subj = [m for m in sentence.models if cm.start("rest") <= m.start < cm.start("verb")]
        if objs and subj:
            pending.append(
                _Pending(
                    "=",
                    subj[-1],
                    [m.surface for m in objs],
                    cm.start("verb"),
                    cm.end("verb"),
                    len(text),
                )
            )

    # Superlatives: "is the highest-scoring openly released pre-trained LLM", "ranking first
    # among all open-source models", "tops the leaderboard for open-access models".
    for sm in _SUPERLATIVE_RE.finditer(masked):
        what = text[sm.start("what") : sm.end("what")] if sm.group("what") else ""
        what = what or (sm.group("among") or sm.group("board") or "")
        what = what.strip()
        if not re.search(r"(?i)\bmodels?\b|\bLLMs?\b", what):
            continue
        what = re.split(r"(?i)\s+(?:on|in|across|with|today)\b", what)[0].strip()
        subject = subject_before(sm.start(), [])
        if subject is None:
            continue
        item = _Pending(">", subject, [what], sm.start(), sm.end(), sm.end())
        if sm.group("board"):
            item.phrase = [leaderboard_in("leaderboard")]
        pending.append(item)
    for sm in _SOTA_ON.finditer(masked):
        subject = subject_before(sm.start(), [])
        if subject is not None:
            pending.append(
                _Pending(">", subject, ["other models"], sm.start(), sm.end(), len(text))
            )

    if not pending:
        return _margin_claims(doc_text, sentence, topic, margins, set(), named_benchmarks)

    pending.sort(key=lambda p: p.start)
    of_category = _OF_CATEGORY_ANY.search(text)
    leading_results = _LEADING_RESULTS.search(text)
    for item in pending:
        if item.phrase:
            continue
        if leading_results and leading_results.end() <= item.start:
            item.phrase = [leading_results.group("phrase").strip()]
            continue
        possessive = _POSSESSIVE_CATEGORY.match(text[item.end :])
        if possessive:
            item.phrase = [possessive.group("cat").strip()]
            continue
        phrase: list[str] = []
        for pm in _PREP_RE.finditer(masked, item.end, item.window_end):
            if pm.start() - item.end > 40:
                break
            phrase, _ = _benchmark_phrase(text, pm.start())
            if phrase:
                break
        lexicon_in_phrase = any(benchmark_mentions(p, allow_ambiguous=True) for p in phrase)
        if phrase and not lexicon_in_phrase and named_benchmarks:
            phrase = named_benchmarks  # "... like LV-Eval and LongBench-Chat, X surpasses Y in
            # most dimensions": the named benchmarks are what is compared
        item.phrase = phrase
    # Chained verbs share a benchmark phrase: "Outperforms A and matches or beats B on most
    # benchmarks".
    for i, item in enumerate(pending):
        if item.phrase:
            continue
        later = next(
            (
                p.phrase
                for p in pending[i + 1 :]
                if p.phrase and p.subject.name == item.subject.name
            ),
            None,
        )
        earlier = next((p.phrase for p in reversed(pending[:i]) if p.phrase), None)
        if later:
            item.phrase = later
        elif named_benchmarks:
            item.phrase = named_benchmarks
        elif of_category:
            item.phrase = [of_category.group("cat").strip()]
        elif earlier:
            item.phrase = earlier
        else:
            leading = _LEADING_RESULTS.search(text)
            if leading:
                item.phrase = [leading.group("phrase").strip()]
            else:
                phrases_before = [
                    phrase
                    for pm in _PREP_RE.finditer(masked, 0, item.start)
                    for phrase in _benchmark_phrase(text, pm.start())[0]
                ]
                item.phrase = phrases_before[-1:] or carried_benchmarks[-1:] or ["performance"]

    quote, qs, qe = sentence.quote(doc_text)
    claims: list[ExtractedClaim] = []
    used_margins: set[int] = set()
    for item in pending:
        margin = next((mg for mg in margins if item.start <= mg.start < item.window_end + 40), None)
        for other in item.objects:
            for bench in item.phrase:
                if margin is not None and item.relation == ">":
                    used_margins.add(margin.start)
                    claims.append(
                        ExtractedClaim(
                            kind="relative",
                            model=item.subject.name,
                            quote=quote,
                            start=qs,
                            end=qe,
                            benchmark=bench,
                            value=margin.value,
                            value_text=margin.value_text,
                            value_high=margin.value_high,
                            unit=margin.unit,
                            other_model=other,
                            relation=">",
                        )
                    )
                else:
                    claims.append(
                        ExtractedClaim(
                            kind="comparison",
                            model=item.subject.name,
                            quote=quote,
                            start=qs,
                            end=qe,
                            benchmark=bench,
                            relation=item.relation,
                            other_model=other,
                        )
                    )
    claims.extend(
        _margin_claims(doc_text, sentence, topic, margins, used_margins, named_benchmarks)
    )
    return claims


def _subject(sentence: Sentence, at: int, objects: list[Mention], topic: str) -> Mention | None:
    candidates = [m for m in sentence.models if m.end <= at and m not in objects]
    if candidates:
        return candidates[-1]
    if topic:
        return Mention(0, 0, topic, topic, "topic")
    return None


def _margin_claims(doc_text, sentence, topic, margins, used, benchmarks):  # type: ignore[no-untyped-def]
    """Margins stated without a comparison verb: "a 30% advantage over Norn-12B's 55.0"."""
    out: list[ExtractedClaim] = []
    text = sentence.text
    quote, qs, qe = sentence.quote(doc_text)
    for mg in margins:
        ends_before_other = re.search(
            r"(?i)(?:over|than|above|behind|below|of)$", text[mg.start : mg.end]
        )
        if mg.start in used or not ends_before_other:
            continue
        objects = [m for m in sentence.models if m.start >= mg.end]
        if not objects:
            continue
        subject = _subject(sentence, mg.start, objects, topic)
        if subject is None or subject.name == objects[0].name:
            continue
        phrase = benchmarks[:1] or ["performance"]
        out.append(
            ExtractedClaim(
                kind="relative",
                model=subject.name,
                quote=quote,
                start=qs,
                end=qe,
                benchmark=phrase[0],
                value=mg.value,
                value_text=mg.value_text,
                value_high=mg.value_high,
                unit=mg.unit,
                other_model=objects[0].surface,
                relation=mg.relation,
            )
        )
    return out
