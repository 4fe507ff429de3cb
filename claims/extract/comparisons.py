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

from claims.extract.comparison_rules import (
    TRIGGERS,
    ComparisonVerb,
    comparison_verbs,
    implicit_object,
    is_noun_phrase,
    ranks_the_passage,
)
from claims.extract.names import (
    benchmark_mentions,
    leaderboard_in,
    looks_like_model,
    model_mentions,
)
from claims.extract.prose import Mention, Sentence
from claims.extract.relative import Margin, margins_in
from claims.extract.types import ExtractedClaim

_LEVEL_RE = re.compile(r"[-–]\s?[Ll]evel\s+[Pp]erformance")
_SUPERLATIVE_RE = re.compile(
    r"(?i)(?:\bis the|\bhas become the|\bbecame the|,)\s+(?:current\s+|new\s+)?"
    r"(?:highest[- ]scoring|best(?:[- ]performing)?|strongest|top[- ]performing|"
    r"most capable|leading|SOTA|state[- ]of[- ]the[- ]art)\s+(?P<what>[^,.;:!?]{3,80})"
    r"|(?i:ranking first|ranked first|ranks first|the best performance|SOTA performance)"
    r"\s+among\s+(?P<among>[^,.;:!?]{3,80})"
    r"|(?i:\btops the leaderboard for)\s+(?P<board>[^,.;:!?]{3,80})"
    # "placing it among the strongest coding models" ("one of the best" claims no rank)
    r"|(?i:\bamong the\s+(?:very\s+)?(?:strongest|best|top|leading|most capable|"
    r"highest[- ]scoring|best[- ]performing|top[- ]performing))\s+(?P<peers>[^,.;:!?]{3,80})"
)
# Ahead of a whole field: "industry-leading performance on X", "sets a new industry standard in".
_AHEAD_OF_A_FIELD = re.compile(
    r"(?i)\b(?P<field>industry|class)[- ](?:leading|best)\b"
    r"|\bsets?\s+(?:a\s+)?new\s+(?P<field2>industry)\s+(?:standard|benchmark|record)\b"
)
_PREP_RE = re.compile(r"(?i)\b(?:on|across|in|at)\s+(?:the\s+|a\s+|all\s+)?")
_PHRASE_STOP = re.compile(
    r"(?i)[,.;:!?()—–]|\s(?:by|while|with|and (?:is|are|has|have|was|were|can|achieves?|shows?|"
    r"the|its)|but|which|that|when|where|despite|thanks|at a|compared|as well|than|"
    r"according)\b|\s\d(?!\d*(?:\.\d+)?[BbMm]\b)"
)
_CATEGORY_END = re.compile(
    r"(?i)(?:benchmarks?|tasks?|tests?|evaluations?|capabilities|abilities|ability|use|"
    r"coding|code|math(?:ematics)?|reasoning|knowledge|performance|leaderboard|arena|suite|"
    r"metrics?|dimensions?|understanding|generation|following|agents?|agentic|datasets?|"
    r"scores?|numbers|categories|domains|languages|exams?|problems|problem-solving|questions|"
    r"fronts)$"
)
_POSSESSIVE_CATEGORY = re.compile(
    r"^[’']s\s+(?P<cat>[\w\s-]{2,40}?)\s+(?:performance|score|scores|capabilities|results)\b"
)
_LEADING_RESULTS = re.compile(
    r"(?i)\b(?:results|evaluations?|experiments) on\s+(?:the\s+)?(?P<phrase>[^,.;:]{3,60}?)"
    r"\s+(?:show|shows|showed|demonstrate|indicate)\b"
)
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
# A category the subject is said to be good at: "demonstrates superior undergraduate-level
# knowledge, outperforming ...", "stronger coding abilities than".
_QUALIFIED_CATEGORY = re.compile(
    r"(?i)\b(?:superior|stronger|better|higher|leading|top)\s+"
    r"(?P<cat>[a-z][\w-]*(?:\s[a-z][\w-]*){0,2}?\s?(?:knowledge|reasoning|coding|code|math|"
    r"mathematics|understanding|generation|following|use|performance|capabilities|abilities))\b"
)
# A class of models as the object of a comparison: "other open models", "its predecessors",
# "these specialists".
_CLASS_OBJECT = re.compile(
    r"(?i)\bmodels?\b|\bLLMs?\b|\bsystems?\b|^(?:its|their|these|those)\s+[a-z][\w-]*s\b"
)
# The field a rank is over, named after it as a class: "an improvement over its competitors".
_GAIN_OVER_RIVALS = re.compile(
    r"(?i)\b(?:improvement|advantage|edge|lead|margin|gains?)\s+over\s+"
    r"(?P<who>(?:its|their|these|those)\s+[a-z][\w-]*s|(?:all\s+)?(?:other|rival)\s+models)\b"
)
_AGAINST_WORD = re.compile(r"(?i)\s+(?:against|versus|vs\.?)\s+")
_FILLER = re.compile(r"(?i)^(?:even|also|both|models such as|such as|including|like)\s+")


def _mask_parentheses(text: str) -> str:
    """The text with parenthesised asides blanked (same length), so "(trained on more data)"
    does not read as a benchmark phrase."""
    return re.sub(r"\([^()]{0,200}\)", lambda m: " " * len(m.group()), text)


_NAMES_A_MODEL = re.compile(r"(?i)\bmodels?\b")


_NEW_PREDICATE = re.compile(
    r"(?i),?\s+(?:and|but)\s+(?:is|are|was|were|has|have|had|remains?|remained|stays?|"
    r"stayed)\b"
)


_BENCHMARK_NOUN = re.compile(r"(?i)\s+(?:benchmark|test|evaluation|leaderboard)$")


def _names_one_benchmark(phrase: str, named: list[tuple[int, int, str]]) -> bool:
    """Whether a phrase is one benchmark's name with its noun: "the GlyphQA benchmark"."""
    bare = _BENCHMARK_NOUN.sub("", phrase)
    return len(named) == 1 and named[0][0] == 0 and named[0][1] == len(bare) != len(phrase)


# One more item of a benchmark list: ", LAMBADA", ", and tool use", " and WebQuestions".
_LIST_ITEM = re.compile(
    r"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)"
    r"(?P<item>\w[\w+-]*(?:\.\w+)*(?:\s(?!(?:and|or)\b)\w[\w+-]*(?:\.\w+)*)?)"
)


def _is_list_item(item: str) -> bool:
    """Whether a word or two after a benchmark list's comma go on with the list: a benchmark's
    name, or category words ("tool use") that name no model ("On A, Tarn-3B scores" ends at A:
    the list never runs into the clause's subject and its verb)."""
    named = benchmark_mentions(item, allow_ambiguous=True)
    if len(named) == 1 and named[0][0] == 0 and named[0][1] == len(item):
        return True
    if model_mentions(item) or looks_like_model(item):
        return False
    return bool(_CATEGORY_END.search(item)) and not named


def _list_continued(tail: str) -> tuple[list[str], int]:
    """The items a benchmark list goes on to name after its first comma, and the length of
    text they take; the list ends at the first item that is not a benchmark or category."""
    items: list[str] = []
    end = 0
    while m := _LIST_ITEM.match(tail, end):
        item = m.group("item")
        if not _is_list_item(item):
            break
        items.append(item)
        end = m.end()
    return items, end


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
        items, length = _list_continued(rest[stop.start() :])
        parts.extend(items)
        end += length
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
        if _NAMES_A_MODEL.search(p):
            continue  # "builds on the same base model as Vela-2": no category
        if named and (not _CATEGORY_END.search(p) or _names_one_benchmark(p, named)):
            out.extend(b for _, _, b in named)  # "MMLU matters" → "MMLU"
        elif named or _CATEGORY_END.search(p):
            out.append(p)
    return out, end


# Where a clause ends: the benchmark a verb compares on is named in its own clause.
_CLAUSE_BREAK = re.compile(r"(?i)[;:]|,\s+(?:and|but|while|whereas)\s|\s[—–]\s")


_BENCHMARK_LIST_JOIN = re.compile(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)$")


def _in_clause_of(text: str, at: int, sentence: Sentence) -> list[str]:
    """The benchmarks a comparison at `at` is about when no phrase names them: the last list
    of benchmarks named before it ("scores 100% on A and 93.1 on B, surpassing ..." is about
    B), else those named later in its own clause (not in a later one: ", and reached 18.8% on
    C" speaks of something else)."""
    before = [b for b in sentence.benchmarks if b[1] <= at]
    if before:
        listed = [before[-1]]
        for b in reversed(before[:-1]):
            if not _BENCHMARK_LIST_JOIN.match(text[b[1] : listed[0][0]]):
                break
            listed.insert(0, b)
        return [name for _, _, name in listed]
    stop = _CLAUSE_BREAK.search(text, at)
    end = stop.start() if stop else len(text)
    return [b for s, _, b in sentence.benchmarks if s < end]


# A subordinate clause set before the main one: what it compares ends at its comma.
_SUBORDINATE = re.compile(r"(?i)(?:^|:\s+)(?:while|whereas|although|though)\b[^,;]{3,200},")
_LIST_JOINED = re.compile(r"^\s*(?:,\s*(?:and\s+)?|and\s+|&\s*)$")


def _coordinated(sentence: Sentence, subject: Mention) -> list[Mention]:
    """The subject with the models coordinated before it: "A and B score higher" → [A, B]."""
    if subject.kind != "model":
        return [subject]
    out = [subject]
    before = [m for m in sentence.models if m.end <= subject.start]
    for m in reversed(before):
        if m.kind != "model" or not _LIST_JOINED.match(sentence.text[m.end : out[0].start]):
            break
        out.insert(0, m)
    return out


# A comparison in a condition or a question is not claimed.
_HYPOTHETICAL = re.compile(r"(?i)\b(?:if|whether|unless|could|might)\b[^,;.:]*$")
# A model after one of these is not the subject: "trained on data from Norn-12B".
_PREPOSITION_BEFORE = re.compile(
    r"(?i)\b(?:from|of|than|like|by|against|versus|vs\.?|including|between|among|to|over)\s+"
    r"(?:[A-Z][\w-]*[’']s\s+)?$"
)
# A clause with a subject of its own between a model and the verb: "where model A's score
# exceeds".
_OWN_CLAUSE = re.compile(r"(?i)\b(?:where|whose|whereby)\b")


# A clause with no subject of its own, which the passage's model can fill: a verb at the start
# of a sentence, a list item or a clause ("Outperforms ...", ", surpassing ..."), after a
# relative or a coordinating word ("which beats", "and trails"), with adverbs between. A
# clause whose subject is a noun phrase that is not a model ("The variant with 70 billion
# parameters loses out to", "xAI crushes") is not about the passage's model.
_NO_SUBJECT_OF_ITS_OWN = re.compile(
    r"(?i)(?:^|[,;:(—–]|\b(?:and|but|which|that|who|while|also|then|now|thus|so|it)\b|"
    r"\b(?:the|this|its|our)\s+(?:[\w-]+\s+){0,3}model)"
    r"(?:\s+(?:\w+ly|also|even|still|now|then|already|only|just|both))*\s*[\"“*_]*\s*$"
)
# A model before a colon or a semicolon heads another clause: "Vela-7B Review: Orbit Crushes
# Norn-12B" is said by Orbit.
_CLAUSE_BETWEEN = re.compile(r"[:;]\s")


def _can_be_subject(text: str, mention: Mention, verb_at: int) -> bool:
    if mention.kind != "model":
        return True
    if _OWN_CLAUSE.search(text, mention.end, verb_at):
        return False
    return not _PREPOSITION_BEFORE.search(text[max(0, mention.start - 30) : mention.start])


def _category_items(phrase: str) -> list[str]:
    """The benchmarks a phrase names, else the phrase itself when it is category words ("key
    benchmarks", "math reasoning"), else nothing."""
    named = [b for _, _, b in benchmark_mentions(phrase, allow_ambiguous=True)]
    if named:
        return named
    phrase = re.sub(r"(?i)^(?:the|a|an|in|on|across)\s+", "", phrase.strip())
    return [phrase] if _CATEGORY_END.search(phrase) and len(phrase) <= 60 else []


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


# A comparison stated as a margin or a rank rather than a verb.
_MARGIN_OR_RANK_WORDS = frozenset(
    [
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
        "better",
        "than",
        "level",
        "highest",
        "best",
        "strongest",
        "leading",
        "sota",
        "state",
        "first",
        "tops",
        "top",
    ]
)
_WORDS = TRIGGERS | _MARGIN_OR_RANK_WORDS


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
    passage_models: tuple[str, ...] = (),
) -> list[ExtractedClaim]:
    """Comparison and relative claims in one sentence. `passage_models` are the models the
    earlier sentences of its passage name, the field a rank ("scores the highest") is over."""
    text = sentence.text
    if not sentence.has_any(_WORDS) or (not sentence.models and not topic):
        return []
    masked = _mask_parentheses(text)
    verbs = comparison_verbs(masked)
    verbs.extend(
        ComparisonVerb(m.start(), m.end(), "=", "-level") for m in _LEVEL_RE.finditer(masked)
    )
    verbs.sort(key=lambda v: v.start)
    named_benchmarks = [b for _, _, b in sentence.benchmarks]
    board = leaderboard_in(text)
    if board and board not in named_benchmarks:
        named_benchmarks.append(board)
    margins = margins_in(text)
    used_objects: set[int] = set()

    def subject_before(at: int, objects: list[Mention], noun: bool = False) -> Mention | None:
        candidates = [
            m
            for m in sentence.models
            if m.end <= at
            and m not in objects
            and id(m) not in used_objects
            and _can_be_subject(text, m, at)
            and not _CLAUSE_BETWEEN.search(text, m.end, at)
        ]
        if candidates:
            return candidates[0] if candidates[0].kind == "pronoun" else candidates[-1]
        if doc_subject and re.search(r"(?i)\bmodels?\s+(?:that|which)\s+$", text[:at]):
            return Mention(0, 0, doc_subject, doc_subject, "topic")
        near = text[max(0, at - 40) : at]
        if _OTHER_SUBJECT.search(near) or _OWN_CLAUSE.search(near):
            return None
        # A noun phrase ("claims performance comparable to") has no subject before it.
        if topic and (noun or _NO_SUBJECT_OF_ITS_OWN.search(text[max(0, at - 80) : at])):
            return Mention(0, 0, topic, topic, "topic")
        return None

    pending: list[_Pending] = []
    subordinate = _SUBORDINATE.search(text)
    for k, verb in enumerate(verbs):
        if _HYPOTHETICAL.search(text, max(0, verb.start - 120), verb.start):
            continue  # "If medium-sized models can match larger ones, ..." claims nothing
        is_level = verb.phrase == "-level"
        relation = verb.relation
        window_end = verbs[k + 1].start if k + 1 < len(verbs) else len(text)
        if subordinate and verb.start < subordinate.end():
            window_end = min(window_end, subordinate.end())  # "While A leads in X, B ..."
        objects: list[Mention] = []
        object_names: list[str] = []
        objects_end = verb.end
        preset: list[str] = []  # what is compared, when it stands between verb and object
        if is_level:
            before = [m for m in sentence.models if 0 <= verb.start - m.end <= 2]
            if not before:
                continue
            objects = [before[-1]]
            object_names = [before[-1].surface]
        else:
            after = verb.end
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
            # ", and was only a few percent below Tarn-3B": a predicate of its own
            new_predicate = _NEW_PREDICATE.search(masked, after, window_end)
            if new_predicate:
                objs = [m for m in objs if m.start < new_predicate.start()]
            objects = objs
            object_names = [m.surface for m in objs]
            if objs:
                objects_end = max(m.end for m in objs)
                lead = _FILLER.sub("", text[after : objs[0].start].strip(" ,"))
                lead = re.split(r"(?i),?\s+(?:including|such as|like|e\.g\.)$", lead)[0].strip()
                lead = re.split(r"(?i)\s+(?:in|on|across|with)\s+the\s+\d", lead)[0]
                # "leads key benchmarks against models like A": what is compared, then whom
                measured, *whom = _AGAINST_WORD.split(lead, maxsplit=1)
                if whom and _category_items(measured):
                    preset, lead = _category_items(measured), whom[0]
                # a bare "models like A and B" names only A and B
                if re.search(r"(?i)\bmodels?\b", lead) and 7 < len(lead.strip()) <= 80:
                    object_names.insert(0, lead.strip())
            else:
                np_end = _PHRASE_STOP.search(masked, after)
                np_text = text[after : np_end.start() if np_end else len(text)]
                np_text = re.split(r"(?i)\s+(?:on|across|in)\s+", np_text)[0].strip()
                np_text = _FILLER.sub("", np_text)
                if _CLASS_OBJECT.search(np_text) and len(np_text) <= 80:
                    # "both its predecessors and rival models": one class each
                    parts = re.split(r"\s+and\s+", np_text)
                    if not all(re.search(r"[a-z]s$", p) for p in parts):
                        parts = [np_text]  # "several 7B and 8B models" is one class
                    object_names = parts
                    objects_end = after + len(text[after:].split(np_text, 1)[0]) + len(np_text)
        subject = subject_before(verb.start, objects, is_noun_phrase(verb.phrase))
        if subject is None:
            continue
        if not object_names and implicit_object(verb.phrase) and topic != subject.name:
            # "Vela-7B edges slightly higher": than the model the passage was about
            object_names = [topic] if topic else []
        elif not object_names and ranks_the_passage(verb.phrase, text[verb.end :]):
            # "C scores the highest at 77.0": ahead of each model the passage compared
            object_names = _peers(sentence, subject, passage_models)
            if not object_names:
                # "leads in B, showing an improvement over its competitors": whom it leads
                rival = _GAIN_OVER_RIVALS.search(masked, verb.end, window_end)
                if rival and _CLASS_OBJECT.search(rival.group("who")):
                    object_names = [rival.group("who")]
        # "its score falls short of Vela-2's": a model is never compared with itself
        itself = {m.surface for m in objects if m.name == subject.name}
        object_names = [
            o for o in object_names if o not in itself and o not in (subject.surface, subject.name)
        ]
        if not object_names:
            continue
        used_objects.update(id(m) for m in objects)
        for each in _coordinated(sentence, subject):
            pending.append(
                _Pending(relation, each, object_names, verb.start, objects_end, window_end, preset)
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
        what = what or (sm.group("among") or sm.group("board") or sm.group("peers") or "")
        what = what.strip()
        if not re.search(r"(?i)\bmodels?\b|\bLLMs?\b", what):
            continue
        what = re.split(r"(?i)\s+(?:on|in|across|with|at|today|so far)\b", what)[0].strip()
        subject = subject_before(sm.start(), [])
        if subject is None:
            continue
        item = _Pending(">", subject, [what], sm.start(), sm.end(), sm.end())
        if sm.group("board"):
            item.phrase = [leaderboard_in("leaderboard")]
        pending.append(item)
    for sm in _AHEAD_OF_A_FIELD.finditer(masked):
        subject = subject_before(sm.start(), [])
        if subject is not None:
            field_name = (sm.group("field") or sm.group("field2")).lower()
            pending.append(_Pending(">", subject, [field_name], sm.start(), sm.end(), len(text)))
    for sm in _SOTA_ON.finditer(masked):
        subject = subject_before(sm.start(), [])
        if subject is not None:
            pending.append(
                _Pending(">", subject, ["other models"], sm.start(), sm.end(), len(text))
            )

    if not pending:
        return _margin_claims(doc_text, sentence, topic, margins, set(), named_benchmarks)

    pending.sort(key=lambda p: p.start)
    of_category = _OF_CATEGORY_ANY.search(text) or _QUALIFIED_CATEGORY.search(text)
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
        named_before = [b for at, _, b in sentence.benchmarks if at < item.start]
        if phrase and not lexicon_in_phrase and named_before:
            phrase = named_before  # "... like LV-Eval and LongBench-Chat, X surpasses Y in
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
            item.phrase = _in_clause_of(text, item.start, sentence) or named_benchmarks
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
                if margin is not None and item.relation in "<>":
                    used_margins.add(margin.start)
                    relation = margin.relation if margin.directed else item.relation
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
                            relation=relation,
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


def _peers(sentence: Sentence, subject: Mention, passage_models: tuple[str, ...]) -> list[str]:
    """The other models of a passage, each once: those its sentence names, then those named
    before it."""
    out: list[str] = []
    seen = {subject.name}
    for surface, name in [(m.surface, m.name) for m in sentence.models if m.kind == "model"] + [
        (n, n) for n in passage_models
    ]:
        if name not in seen:
            seen.add(name)
            out.append(surface)
    return out


def _subject(sentence: Sentence, at: int, objects: list[Mention], topic: str) -> Mention | None:
    candidates = [m for m in sentence.models if m.end <= at and m not in objects]
    if candidates:
        return candidates[-1]
    if topic:
        return Mention(0, 0, topic, topic, "topic")
    return None


# Where the models a margin is over stop: a new clause, or what the models did.
_CLAUSE_END = re.compile(
    r"(?i)[.;:!?]|\s[—–]\s|,\s+(?:while|but|which|whereas)\b|\s+(?:on|in|at)\s"
)
# A class of models the margin is over, before the named examples: "competitors including".
_CLASS_BEFORE_EXAMPLES = re.compile(
    r"(?i)^\s*(?P<cls>(?:[\w-]+\s+){0,3}?(?:models?|LLMs?|competitors|rivals|systems|baselines))"
    r"(?:,?\s+(?:including|such as|like|e\.g\.))?\s*$"
)


def _margin_objects(sentence: Sentence, at: int) -> list[str]:
    """The models a margin is over: those named in the list right after it, with the class
    they are examples of ("over competitors including Grok-3 and GPT-4.5")."""
    text = sentence.text
    stop = _CLAUSE_END.search(text, at)
    end = stop.start() if stop else len(text)
    named = [m for m in sentence.models if at <= m.start < end]
    if not named:
        return []
    out = [m.surface for m in named]
    cls = _CLASS_BEFORE_EXAMPLES.match(text[at : named[0].start])
    if cls:
        out.insert(0, cls.group("cls").strip())
    return out


def _margin_claims(
    doc_text: str,
    sentence: Sentence,
    topic: str,
    margins: list[Margin],
    used: set[int],
    benchmarks: list[str],
) -> list[ExtractedClaim]:
    """Margins stated without a comparison verb: "a 30% advantage over Norn-12B's 55.0",
    "by a margin of 40 Elo points over competitors including Grok-3 and GPT-4.5"."""
    out: list[ExtractedClaim] = []
    text = sentence.text
    quote, qs, qe = sentence.quote(doc_text)
    for mg in margins:
        ends_before_other = re.search(
            r"(?i)(?:over|than|above|behind|below|of)$", text[mg.start : mg.end]
        )
        if mg.start in used or not ends_before_other:
            continue
        objects = _margin_objects(sentence, mg.end)
        if not objects:
            continue
        subject = _subject(sentence, mg.start, [], topic)
        if subject is None:
            continue
        phrase = benchmarks[:1] or ["performance"]
        out.extend(
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
                other_model=other,
                relation=mg.relation,
            )
            for other in objects
            if other != subject.surface and other != subject.name
        )
    return out
