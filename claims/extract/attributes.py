"""Attribute claims in prose: parameter counts, experts, licence, release date, context length,
open weights.

Each form a document uses to state an attribute is one entry of `FORMS`: the pattern that
reads the value, the words that must be present for it to be tried, and the way its owner is
found (`OWNERS`). Generic code runs every form over a sentence, gives each printed value to
one form only (the first in the list that reads it) and attaches it through the same mentions
as scores: the model the sentence names as the owner, a model the value modifies, a size
reference, a pronoun or plural reference, else the passage's model. A value said of no model
in particular ("a 122B parameter model", "the best open models") is not a claim.

Values are kept as printed ("405 billion", "32k", "Apache 2.0"); a full date is written ISO
("2024-12-26"), a partial one as printed ("February 24", "January").
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from catalogue.names import normalize_name
from claims.extract.lexicon import LICENSE_RE
from claims.extract.names import SIZE_TOKEN_RE, has_size
from claims.extract.prose import DocumentContext, Mention, Sentence
from claims.extract.types import ExtractedClaim

_NUMBER_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "twelve": 12,
    "sixteen": 16,
    "thirty-two": 32,
    "sixty-four": 64,
}
_COUNT = r"(?P<value>\d{1,4}|" + "|".join(_NUMBER_WORDS) + r")"
# A parameter count as printed: "405 billion", "46.7B", "405-billion".
_SIZE = r"(?<![\w.])(?P<value>\d+(?:\.\d+)?(?:\s?|-)(?:[BMT]|billion|million|trillion))(?![\w])"
_SMALL_SIZE = r"(?<![\w.])(?P<value>\d+(?:\.\d+)?\s?(?:[BM]|billion|million))(?![\w])"
_PARAMS = r"(?:parameters?|params)\b"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December)"
)
_MONTHS = {
    m: i + 1
    for i, m in enumerate(
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ]
    )
}


@dataclass(frozen=True)
class AttributeForm:
    """One way documents state an attribute.

    `pattern` has a `value` group; `words` are lower-case words of which one must be in the
    sentence for the form to be tried; `owner` names the rule in `OWNERS` that finds the model.
    """

    name: str
    attribute: str
    pattern: re.Pattern[str]
    words: frozenset[str]
    owner: str = "subject"


def _form(
    name: str, attribute: str, pattern: str, words: str, owner: str = "subject"
) -> AttributeForm:
    return AttributeForm(name, attribute, re.compile(pattern), frozenset(words.split()), owner)


_ACTIVE_WORDS = "active activated activates activate activating"
_PARAM_WORDS = "parameter parameters params param"
_OPEN = r"(?:open[- ]sourced?|open[- ]weights?|openly[- ]available|open[- ]access)"

_SIZE_WORDED = r"(?:\d+(?:\.\d+)?|" + "|".join(_NUMBER_WORDS) + r")\s?(?:billion|million|B|M)"

FORMS: tuple[AttributeForm, ...] = (
    # "in three sizes: two billion, nine billion, and 27 billion parameters" where the
    # document names no model of each size: one claim of the family, the list as printed.
    _form(
        "sizes_of_a_family",
        "total_params",
        rf"(?i)(?<![\w.])(?P<value>{_SIZE_WORDED}(?:\s*(?:,\s*and|,|and|/)\s*{_SIZE_WORDED})+)"
        rf"\s+{_PARAMS}",
        _PARAM_WORDS,
        owner="subject",
    ),
    # Active parameters first: their values must not be read again as totals.
    _form(
        "size_said_active",
        "active_params",
        rf"(?i){_SMALL_SIZE}\s+(?:(?:are|is)\s+)?(?:active|activated)\b",
        _ACTIVE_WORDS,
    ),
    _form(
        "verb_activates_size",
        "active_params",
        rf"(?i)\bactivat(?:e|es|ing)\s+(?:only\s+|just\s+)?(?:about\s+|approximately\s+)?"
        rf"{_SMALL_SIZE}",
        _ACTIVE_WORDS,
    ),
    _form(
        "parameters_per_token",
        "active_params",
        rf"(?i){_SMALL_SIZE}\s+{_PARAMS}\s*(?:per|for\s+each|for\s+every|each)\s+(?:token|forward)",
        "token forward",
    ),
    _form(
        "total_beside_active",
        "total_params",
        rf"(?i){_SIZE}\s+total\s*(?:,|and|with)\s+\d+(?:\.\d+)?\s?(?:[BM]|billion|million)\s+"
        r"(?:active|activated)\b",
        _ACTIVE_WORDS,
    ),
    # "the 405 billion parameters of Llama 3.1": the model follows.
    _form(
        "parameters_of_model",
        "total_params",
        rf"(?i){_SIZE}\s+{_PARAMS}\s+of\s+(?=\S)",
        _PARAM_WORDS,
        owner="after",
    ),
    # "27B Parameter Gemma 2 Language Model": the size modifies the model named after it.
    _form(
        "size_modifies_model",
        "total_params",
        rf"(?i){_SIZE}[\s-]+parameter\s+(?=[A-Z])",
        _PARAM_WORDS,
        owner="modified",
    ),
    # "the 405-billion parameter model", "the 27B-parameter version".
    _form(
        "size_of_the_model",
        "total_params",
        rf"(?i)\b(?:the|this|its|our)\s+(?:\w+\s+)?{_SIZE}[\s-]+parameter\s+"
        r"(?:model|variant|version|checkpoint)\b",
        _PARAM_WORDS,
        owner="size",
    ),
    _form(
        "parameter_count",
        "total_params",
        rf"(?i){_SIZE}[\s-]+(?:total\s+)?{_PARAMS}",
        _PARAM_WORDS,
    ),
    _form(
        "number_of_parameters_is",
        "total_params",
        rf"(?i)number of parameters (?:is|of)\b[^.]*?(?:but\s+)?(?:about\s+|roughly\s+|"
        rf"around\s+)?{_SMALL_SIZE}\s*\.?$",
        _PARAM_WORDS,
    ),
    _form(
        "experts_per_token",
        "experts_per_token",
        rf"(?i)(?<![\w.]){_COUNT}\s+(?:[\w-]+\s+)?experts?\s+(?:(?:are|is)\s+)?"
        r"(?:per token|for each token|each token|per timestep|each timestep|selected|"
        r"activated|active|routed)\b",
        "expert experts",
    ),
    _form(
        "experts_count",
        "num_experts",
        rf"(?i)(?<![\w.]){_COUNT}\s+(?:[\w-]+\s+){{0,2}}?[“\"']?experts?[”\"']?\b",
        "expert experts",
    ),
    _form(
        "licence_named",
        "license",
        r"(?P<value>" + LICENSE_RE.pattern + r")",
        "licence license licenses licences licensed apache mit gpl agpl cc openrail bsd research",
        owner="licensed",
    ),
    _form(
        "released_on_date",
        "release_date",
        rf"\b(?:on|in)\s+(?P<value>{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?|"
        rf"\d{{4}}-\d{{2}}-\d{{2}}|{_MONTH}(?:\s+\d{{4}})?)\b",
        "released release releases releasing launch launched launches dropped unveiled "
        "unveils announced introduced debuted shipped",
        owner="released",
    ),
    _form(
        "date_of_release",
        "release_date",
        rf"(?P<value>\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,\s*\d{{4}})?|\b\d{{4}}-\d{{2}}-\d{{2}}\b)",
        "released release releases releasing launch launched launches dropped unveiled "
        "unveils announced introduced debuted shipped rolled sourced",
        owner="released",
    ),
    _form(
        "context_of_length",
        "context_length",
        r"(?i)\bcontext (?:length|window|size)\b[^.;]{0,40}?\b(?:of|is|to|from|at)\s+"
        r"(?:up to\s+|over\s+)?(?:\*\*)?(?P<value>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?[KkM]?)\b",
        "context",
    ),
    _form(
        "length_context",
        "context_length",
        r"(?i)(?<![\w.])(?P<value>\d+(?:\.\d+)?-million(?:-token)?|\d+(?:\.\d+)?\s?[KkM]?)"
        r"(?:[\s-]+tokens?)?"
        r"[\s-]+context(?:\s+(?:length|window))?\b",
        "context",
    ),
    _form(
        "supports_tokens",
        "context_length",
        r"(?i)\bsupport(?:s|ing)?\s+(?:up to\s+|a context of\s+)?(?P<value>\d+(?:\.\d+)?\s?[KkM])"
        r"\s+tokens\b",
        "supporting supports support",
    ),
    # "the open-source Vela Small", "open-sourced Vela 2": the model follows.
    _form(
        "open_before_model",
        "open_weights",
        rf"(?i)(?P<value>\b{_OPEN}|\bopen[- ]sources?)\s+(?:[\w.-]+[\s-]+parameter\s+)?"
        r"(?=[A-Z0-9])",
        "open openly",
        owner="modified",
    ),
    _form(
        "open_said_of_model",
        "open_weights",
        rf"(?i)(?P<value>\b{_OPEN}(?=[\s,.;:]|$)|\bopen\s+(?=(?:\w+\s+)?(?:models?|LLMs?|"
        r"weights)\b))",
        "open openly",
        owner="opened",
    ),
    _form(
        "anyone_may_use",
        "open_weights",
        r"(?i)(?P<value>\bfree for anyone to download|\banyone can download|"
        r"\bavailable for (?:use and modification|anyone to (?:use|download)) by anyone|"
        r"\bavailable for use and modification by anyone)",
        "anyone",
        owner="named_or_document",
    ),
)


# ------------------------------------------------------------------ guards on every match

_NEGATION = re.compile(r"(?i)(?:\bnot|n[’']t|\bnever|\bno)\s+(?:\w+\s+){0,2}$")
_BOUND = re.compile(
    r"(?i)\b(?:less|fewer|more|smaller|larger|bigger)\s+than\s+(?:the\s+)?$|\b(?:over|under|"
    r"up to|below|above|around|speed of an?)\s+$"
)
# "a 122B parameter model", "any 7B model": a size of no model in particular.
_INDEFINITE = re.compile(
    r"(?i)\b(?:an?|any|every|each|some|several|many|other|most)\s+(?:[\w-]+\s+)?$"
)
# "X is a 7B parameter model": an indefinite size said of the subject.
_PREDICATE = re.compile(r"(?i)\b(?:is|was|as)\s+an?\s+(?:[\w-]+\s+)?$")
# "8 models with 7B parameters each": a size of parts, not of the model.
_EACH_AFTER = re.compile(r"(?i)^\s*(?:parameters?\s+|params\s+)?each\b")
_UNIT_AFTER = re.compile(
    r"(?i)^\s*(?:GPU|hours?|tokens?|images?|pairs|samples|documents|words|lines|steps|"
    r"examples|instructions|conversations|USD|dollars|rows|files)\b"
)
# A block introducing a benchmark ("GlyphQA: a test of ...") states no model's attributes.
_BENCHMARK_BLOCK = re.compile(
    r"(?i)^[^:]{1,40}:\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:benchmark|dataset|test|suite)"
)
# Open weights said of other models or of the field, not of a model of the document.
_OPEN_OF_OTHERS = re.compile(
    r"(?i)(?:\bclosed\s+(?:and|or)|\bSOTA|\bbest|\bleading|\btop|\bstrongest|\bother|\ball|"
    r"\bprevious|\bmany|\bmost|\bexisting)\s+(?:[\w-]+\s+)?$"
)
_OPEN_NOT_A_MODEL = re.compile(
    r"(?i)^[\s-]*(?:leaderboard|landscape|community|ecosystem|world|space|ai\b|philosophy|"
    r"movement|projects?|alternatives?|rivals?|competitors?|contenders?|peers?|"
    r"counterparts?|options?|field|scene|and|or|/)"
)
# A model named after one of these is an object, not the one the sentence is about.
_NOT_SUBJECT_BEFORE = re.compile(
    r"(?i)\b(?:than|vs\.?|versus|like|over|against|beat\w*|outperform\w*|surpass\w*|"
    r"trail\w*|including|such as|compared|to|of|from|with|for|by)\s+"
    r"(?:the\s+|[\w-]+['’]s\s+)?$"
)
_CUT_AT_COMPARISON = re.compile(
    r"(?i)\b(?:beat|beats|outperform\w*|surpass\w*|trail\w*|than|vs|versus|on par|rivals?)\b"
)


def _guarded(form: AttributeForm, text: str, start: int, end: int) -> str | None:
    """None when the match states nothing; else the value to store ("false" for a negated
    open-weights statement, which is a claim too)."""
    head = text[max(0, start - 30) : start]
    if form.attribute == "open_weights":
        return "false" if _NEGATION.search(head) else "true"
    if _NEGATION.search(head):
        return None
    if form.attribute in ("total_params", "active_params"):
        if _UNIT_AFTER.match(text[end:]) or _EACH_AFTER.match(text[end:]):
            return None
        if _BOUND.search(head) and form.owner != "after":
            return None
    return ""


# ------------------------------------------------------------------ owners


@dataclass
class _Place:
    ctx: DocumentContext
    sentence: Sentence
    topic: str
    start: int  # of the whole match
    end: int
    value_start: int

    @property
    def generic(self) -> bool:
        """Whether the value is said of no model in particular ("deploy a 122B parameter
        model"): only a model the sentence names can own it, never the passage's model."""
        head = self.sentence.text[max(0, self.value_start - 30) : self.value_start]
        return bool(_INDEFINITE.search(head)) and not _PREDICATE.search(head)


def _models(place: _Place) -> list[Mention]:
    return [m for m in place.sentence.models if m.kind != "group"]


def _names(mention: Mention) -> list[str]:
    return list(mention.names) if mention.names else [mention.name]


def _subject(place: _Place) -> list[str]:
    """The model the sentence gives for the value: the nearest one named before it that is
    not the object of a comparison, else the passage's model."""
    text = place.sentence.text
    before = [m for m in _models(place) if m.end <= place.value_start]
    for mention in reversed(before):
        if _NOT_SUBJECT_BEFORE.search(text[max(0, mention.start - 30) : mention.start]):
            continue
        if _CUT_AT_COMPARISON.search(text[mention.end : place.value_start]) and mention.kind in (
            "model",
            "size",
        ):
            # "X beats Y with 12B parameters": the value is X's only if X opened the sentence.
            continue
        return _names(mention)
    if before:
        return _names(before[0])
    if place.generic:
        return []
    if place.topic and _is_size(place):
        # "A dense model of 405 billion parameters" in a passage about "Vela 3": the
        # document's Vela 3 of that size, when it names one.
        size = _as_size(place.sentence.text[place.value_start :])
        full = place.ctx.expand_size(size, place.topic, shortest=True) if size else ""
        return [full or place.topic]
    return [place.topic] if place.topic else []


def _named_or_document(place: _Place) -> list[str]:
    """The model the sentence names as its subject, else the document's model (a licence or
    a download offer is the release's, not the paragraph's)."""
    named = [m for m in _models(place) if m.end <= place.start and m.kind in ("model", "size")]
    if named:
        return _subject(place)
    return [place.ctx.subject] if place.ctx.subject else []


def _modified(place: _Place) -> list[str]:
    """The model named right after the value ("27B Parameter Gemma 2", "the open-source Vela
    Small"); a size joins a name that has none ("Gemma 2" → "Gemma 2 27B")."""
    after = [m for m in _models(place) if place.end <= m.start <= place.end + 3]
    if not after:
        return []
    name = after[0].name
    if not _is_size(place):
        return [name]
    return [_sized(place.ctx, name, place.sentence.text[place.value_start : place.end])]


def _after(place: _Place) -> list[str]:
    after = [m for m in _models(place) if place.end <= m.start <= place.end + 24]
    return _names(after[0]) if after else []


def _is_size(place: _Place) -> bool:
    return bool(re.match(r"\d", place.sentence.text[place.value_start :]))


def _sized(ctx: DocumentContext, name: str, printed: str) -> str:
    if has_size(name):
        return name
    size = _as_size(printed)
    if not size:
        return name
    return ctx.expand_size(size, name, shortest=True) or f"{name} {size}"


def _size(place: _Place) -> list[str]:
    """ "the 405-billion parameter model": the document's model of that size, else the
    passage's model."""
    m = re.match(_SIZE, place.sentence.text[place.value_start :])
    size = _as_size(m.group("value")) if m else ""
    full = place.ctx.expand_size(size) if size else ""
    if full:
        return [full]
    return [place.topic] if place.topic else []


def _licensed(place: _Place) -> list[str]:
    """Every model named together before the licence ("X, Y and Z are licensed under MIT"),
    else the document's model."""
    before = [m for m in _models(place) if m.end <= place.start and m.kind != "pronoun"]
    if not before:
        return _named_or_document(place)
    return _together(place.sentence, before)


def _together(sentence: Sentence, mentions: list[Mention]) -> list[str]:
    """The first mention's name and those named with it ("X, Y and Z")."""
    group = [mentions[0]]
    for mention in mentions[1:]:
        gap = sentence.text[group[-1].end : mention.start]
        if not re.fullmatch(r"\s*(?:,|and|&|,\s*and)\s*", gap):
            break
        group.append(mention)
    return [n for m in group for n in _names(m)]


def _released(place: _Place) -> list[str]:
    """The model a release verb is about: the one it names after the verb ("X released Y on
    D"), else the one released before the date ("Y, released on D", "Y released in D"), never
    a model it is compared with."""
    text = place.sentence.text
    verb = _RELEASE_VERB.search(text)
    if verb is None:
        return []
    cut = _CUT_AT_COMPARISON.search(text, verb.end())
    limit = cut.start() if cut else len(text)
    models = _models(place)
    after = [m for m in models if verb.end() <= m.start < limit]
    if verb.start() < place.start:
        named = [m for m in after if m.start < place.start] or [
            m
            for m in models
            if m.end <= verb.start() and _RELEASED_OF.fullmatch(text[m.end : verb.start()])
        ][-1:]
        if not named and after:
            named = after[:1]
    else:  # "Released on July 9, this model ..."
        named = after[:1]
    if not named:
        return [place.topic] if place.topic and not models else []
    rest = [m for m in models if m.start >= named[0].start]
    return _together(place.sentence, rest)


def _opened(place: _Place) -> list[str]:
    """The model called open: a model named right after ("open-weight Vela"), the subject
    before it ("Vela 7B is an open-weight model", "X and Y, a series of open-weight models"),
    a pronoun ("its open-source nature"), or the release being described ("Eight open-weight
    models are available")."""
    text = place.sentence.text
    head = text[max(0, place.start - 30) : place.start]
    if _OPEN_OF_OTHERS.search(head) and not re.search(
        r"(?i)\b(?:is|are|was|were)\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+)?$", head
    ):
        return []
    if re.search(r"(?i)\b(?:its|their)\s+$", head):  # "its open-source nature"
        return _subject(place)
    if _OPEN_NOT_A_MODEL.match(text[place.end :]) or re.match(
        r"(?i)[\w\s-]{0,20}\bleaderboard", text[place.end :]
    ):
        return []
    models = [m for m in _models(place) if m.end <= place.start]
    named = [m for m in models if m.kind != "pronoun"]
    between = text[models[-1].end : place.start] if models else head
    if re.search(
        r"(?i)\b(?:for|among|than|outperform\w*|beat\w*|surpass\w*|considering|releasing|"
        r"by|on|against|vs|like|such as)\b",
        between,
    ):
        return []
    if models and models[-1].kind == "pronoun":
        return _names(models[-1])
    if named:
        return _licensed(place)
    after = [m for m in _models(place) if place.end <= m.start <= place.end + 12]
    if after:
        return _names(after[0])
    counted = re.search(
        r"(?i)\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|new)\s+(?:[\w-]+\s+)?$",
        head,
    )
    # A short line that is only the statement ("Open weights", "Not open-source") is about
    # the passage's model.
    alone = re.fullmatch(r"(?i)(?:not\s+|fully\s+)?", text[: place.start]) and re.fullmatch(
        r"(?i)[\s-]*(?:weights?|models?)?[\s.!]*", text[place.end :]
    )
    if counted or alone:
        return [place.topic or place.ctx.subject] if (place.topic or place.ctx.subject) else []
    return []


OWNERS: dict[str, Callable[[_Place], list[str]]] = {
    "subject": _subject,
    "named_or_document": _named_or_document,
    "modified": _modified,
    "after": _after,
    "size": _size,
    "licensed": _licensed,
    "released": _released,
    "opened": _opened,
}

# Between a model and the release verb said of it: "X released", "X, released", "X model
# was released".
_RELEASED_OF = re.compile(
    r"(?i)\s*(?:models?\s*)?,?\s*(?:(?:was|were|is|has been|had been|first)\s+)*"
)
_RELEASE_VERB = re.compile(
    r"(?i)\b(?:released?|releasing|launch(?:ed|es)?|dropped|unveil(?:ed|s)?|announced?|"
    r"introduced?|debuted?|shipped|rolled out|open[- ]sourced)\b"
)


# ------------------------------------------------------------------ values


def _iso_date(printed: str) -> str:
    m = re.fullmatch(rf"({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?,\s*(\d{{4}})", printed.strip())
    if not m:
        return printed
    try:
        return date(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2))).isoformat()
    except ValueError:
        return printed


def _count(printed: str) -> str:
    word = printed.lower()
    n = int(word) if word.isdigit() else _NUMBER_WORDS.get(word, 0)
    return str(n) if 1 <= n <= 1024 else ""


def _context(printed: str) -> str:
    number = re.sub(r"\s", "", printed)
    if re.search(r"-million(?:-token)?$", number):
        return number
    if not re.search(r"[KkM]$", number) and float(number.replace(",", "")) < 512:
        return ""
    return printed if "," in printed else number


def _license_value(text: str) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    if re.match(r"(?i)apache", t):
        return "Apache 2.0"
    if re.match(r"(?i)(?:qwen|mistral)[- ]research", t):
        return re.sub(r"(?i)\s+licen[cs]e$", "", t)
    return t


VALUES: dict[str, Callable[[str], str]] = {
    "release_date": _iso_date,
    "num_experts": _count,
    "experts_per_token": _count,
    "context_length": _context,
    "license": _license_value,
}


def _as_size(value: str) -> str:
    m = re.match(r"(?i)(\d+(?:\.\d+)?)(?:\s?|-)(b|billion|m|million)", value)
    if not m:
        return ""
    return m.group(1) + ("B" if m.group(2).lower().startswith("b") else "M")


# ------------------------------------------------------------------ forms that need a whole
# sentence: a list of sizes, the licence's context, the context length's "from ... to".

_LICENSE_CONTEXT = re.compile(r"(?i)licen[cs]|\bunder\b|\bterms\b")
_STRONG_LICENSE = re.compile(r"(?i)apache|cc[- ]by|gpl|openrail|licen[cs]e")
_LIST_END = re.compile(r"(?i)^\s*(?:[A-Z][\w-]*\s+)?(?:parameters?|params|models?)\b")
_QUALIFIED_SIZE = re.compile(r"(?i)^\s*(?:total|active|activated|non-embedding)\b")
_CONTEXT_TO = re.compile(r"(?i)\bto\s+(?:\*\*)?(?P<v>\d+(?:\.\d+)?\s?[KkM]?)(?:\s+tokens)?\b")


def _sizes_listed(text: str, models: list[Mention]) -> list[tuple[int, int, str]]:
    """Sizes standing alone ("8B, 70B, and 405B", "0.5B / 1.5B / 7B"), not inside model
    names, counts of tokens or bounds ("less than 2B parameters")."""
    out: list[tuple[int, int, str]] = []
    for m in SIZE_TOKEN_RE.finditer(text):
        inside = next((mm for mm in models if mm.start <= m.start() < mm.end), None)
        if inside is not None and not (
            inside.end == m.end() and re.match(r"\s*(?:/|,\s*\d|and\s+\d)", text[m.end() :])
        ):
            continue  # part of a name, unless the name's size opens a list ("Coder 0.5B / 7B")
        if m.start() and text[m.start() - 1] in "-_/" and inside is None:
            continue  # inside an identifier ("gemma-7b")
        if any(size.upper() == m.group().upper() for _, _, size in out):
            continue
        if _UNIT_AFTER.match(text[m.end() :]) or _BOUND.search(
            text[max(0, m.start() - 20) : m.start()]
        ):
            continue
        out.append((m.start(), m.end(), m.group()))
    return out


_LIST_GAP = re.compile(r"\s*(?:,|/|\band\b|\bor\b|,\s*and\b|,\s*or\b)\s*")


def _contiguous(text: str, sizes: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The longest run of sizes written as one list ("8B, 70B and 405B")."""
    best: list[tuple[int, int, str]] = []
    run: list[tuple[int, int, str]] = []
    for size in sizes:
        if run and _LIST_GAP.fullmatch(text[run[-1][1] : size[0]]):
            run.append(size)
        else:
            run = [size]
        if len(run) > len(best):
            best = list(run)
    return best


def _family_of(sentence: Sentence, topic: str, before: int) -> str:
    for m in sentence.models:
        if m.start > before:
            break
        if m.kind == "model":
            return re.sub(r"[\s-]+\d+(?:\.\d+)?[BbMm]$", "", m.name)
    return re.sub(r"[\s-]+\d+(?:\.\d+)?[BbMm]\b.*$", "", topic) if topic else ""


def _listed_sizes(
    ctx: DocumentContext, sentence: Sentence, topic: str
) -> list[tuple[int, int, str, str, str]]:
    """(start, end, attribute, model, value) for a list of sizes, each becoming the
    document's model of that size ("comes in three sizes: 3B, 12B and 70B" under "Norn 2"),
    or its licence where the sentence licenses them."""
    text = sentence.text
    listed = _sizes_listed(text, sentence.models)
    if not re.search(r"(?i)\bsizes?\b|licen[cs]ed", text):
        listed = _contiguous(text, listed)
    if listed and _INDEFINITE.search(text[max(0, listed[0][0] - 30) : listed[0][0]]):
        return []  # "several 7B and 8B models": sizes of no model of the document
    if not (
        len(listed) >= 2
        and (
            re.search(r"(?i)\bsizes?\b|licen[cs]ed", text) or _LIST_END.match(text[listed[-1][1] :])
        )
        and not any(_QUALIFIED_SIZE.match(text[e:]) for _, e, _ in listed)
    ):
        return []
    family = _family_of(sentence, topic, before=listed[0][0])
    licensed = re.search(r"(?i)licen[cs]ed|\bunder\b", text) and LICENSE_RE.search(text)
    out = []
    for s, e, size in listed:
        if _NEGATION.search(text[max(0, s - 30) : s]):
            continue
        model = ctx.expand_size(size, family, shortest=True) or (
            f"{family} {size}" if family else ""
        )
        if not model:
            continue
        if licensed:
            # "0.5B / 1.5B / 7B are licensed under Apache 2.0, while 3B is under ..."
            lic = LICENSE_RE.search(text, s)
            if lic:
                out.append((s, e, "license", model, _license_value(lic.group())))
            continue
        out.append((s, e, "total_params", model, size))
    return out


def _read_form(form: AttributeForm, m: re.Match[str], text: str) -> str:
    """The value a match prints, with the checks a form's attribute needs."""
    value = m.group("value")
    if form.attribute == "license":
        if re.match(r"-based", text[m.end() :]) or value.lower() == "proprietary":
            return ""
        if not (_LICENSE_CONTEXT.search(text) or _STRONG_LICENSE.search(value)):
            return ""
    if form.attribute == "context_length":
        head = text[max(0, m.start() - 30) : m.start()]
        if re.search(
            r"(?i)(?:\bmodels?|\bvs\.?|\bversus|\boriginal)\s+(?:with\s+)?(?:a\s+)?\(?$", head
        ):
            return ""
        tail = text[m.end() : m.end() + 80]
        to = list(_CONTEXT_TO.finditer(tail))
        if to and re.search(r"(?i)\bfrom\b", text[m.start() : m.end()]):
            value = to[-1].group("v")
    if form.attribute == "release_date" and not _RELEASE_VERB.search(text):
        return ""
    return re.sub(r"\s+", " ", value).strip()


_ONCE = ("license", "release_date", "context_length", "open_weights")
TRIGGERS = frozenset(w for form in FORMS for w in form.words) | frozenset(
    ["b", "m", "billion", "million", "trillion", "sizes", "size"]
)


def attribute_claims(
    doc_text: str, ctx: DocumentContext, sentence: Sentence, topic: str
) -> list[ExtractedClaim]:
    """Every attribute the sentence states, each attached to the model it is said of."""
    text = sentence.text
    if not sentence.has_any(TRIGGERS) or _BENCHMARK_BLOCK.match(sentence.block.text):
        return []
    quote, qs, qe = sentence.quote(doc_text)
    found: list[tuple[str, str, str]] = []
    taken: list[tuple[int, int]] = []
    done: set[str] = set()
    # Attributes a sentence states once: the first value printed wins.
    once: dict[str, tuple[int, list[str], str]] = {}

    def add(models: list[str], attribute: str, value: str) -> None:
        for model in models:
            if model and value and (model, attribute, value) not in found:
                found.append((model, attribute, value))

    for s, e, attribute, model, value in _listed_sizes(ctx, sentence, topic):
        taken.append((s, e))
        add([model], attribute, value)
        if attribute == "license":
            done.add(attribute)
    for form in FORMS:
        if form.attribute in done or not sentence.has_any(form.words):
            continue
        for m in form.pattern.finditer(text):
            vs, ve = m.span("value")
            if any(a < ve and vs < b for a, b in taken):
                continue
            if any(a <= vs < b for a, b in _name_spans(sentence)) and form.owner != "modified":
                continue  # a size that is part of a model's name
            verdict = _guarded(form, text, vs, ve)
            if verdict is None:
                continue
            printed = _read_form(form, m, text)
            value = (verdict or VALUES.get(form.attribute, str)(printed)) if printed else ""
            if not value:
                continue
            place = _Place(ctx, sentence, topic, m.start(), m.end(), vs)
            models = OWNERS[form.owner](place)
            if not models:
                continue
            if (
                form.attribute == "total_params"
                and form.name != "sizes_of_a_family"
                and _is_size(place)
            ):
                # "Vela 2 has 12B parameters": the document's Vela 2 of that size, if it names one.
                models = [_same_model_sized(ctx, n, _as_size(value)) for n in models]
            taken.append((vs, ve))
            if form.attribute in _ONCE:
                if form.attribute not in once or vs < once[form.attribute][0]:
                    once[form.attribute] = (vs, models, value)
                break
            add(models, form.attribute, value)
    for attribute, (_, models, value) in once.items():
        add(models, attribute, value)
    return [
        ExtractedClaim(
            kind="attribute",
            model=model,
            quote=quote,
            start=qs,
            end=qe,
            attribute=attribute,
            attribute_value=value,
        )
        for model, attribute, value in found
    ]


def _same_model_sized(ctx: DocumentContext, name: str, size: str) -> str:
    """The document's name for `name` with its size ("Falcon 2" + 11B → "Falcon2-11B"), not a
    variant of it ("Vela-R" + 14B is not "Vela-R-plus-14B"); `name` itself when none."""
    if not size or has_size(name):
        return name
    key = normalize_name(name)
    sized = [
        n
        for n in ctx.names
        if SIZE_TOKEN_RE.search(n)
        and SIZE_TOKEN_RE.search(n).group().upper() == size.upper()  # type: ignore[union-attr]
        and normalize_name(SIZE_TOKEN_RE.sub("", n)).endswith(key)
    ]
    return min(sized, key=len) if sized else name


def _name_spans(sentence: Sentence) -> list[tuple[int, int]]:
    return [(m.start, m.end) for m in sentence.models if m.kind == "model"]
