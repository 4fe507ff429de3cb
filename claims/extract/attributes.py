"""Attribute claims in prose: parameter counts, experts, licence, release date, context length,
open weights.

Values are kept as printed ("405 billion", "32k", "Apache 2.0", "February 24"). The model is
the one the sentence names (a size in a list of sizes becomes the document's model of that
size: "comes in three sizes: 3B, 12B and 70B" under "Norn 2" → "Norn 2 3B" ...), else
the model the passage is about.
"""

import re

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
    "sixty-four": 64,
    "thirty-two": 32,
}
_COUNT = r"(?P<count>\d{1,4}|" + "|".join(_NUMBER_WORDS) + r")"
_PARAMS_RE = re.compile(
    r"(?<![\w.])(?P<value>\d+(?:\.\d+)?\s?(?:[BMT]|billion|million|trillion))"
    r"[\s-]+(?:total\s+|active\s+|activated\s+)?(?:parameters?|params)\b",
    re.IGNORECASE,
)
_ACTIVE_RE = re.compile(
    r"(?<![\w.])(?P<value>\d+(?:\.\d+)?\s?(?:[BM]|billion|million))\s+(?:active|activated)"
    r"(?:\s+parameters?|\s+params)?\b|\bactivat(?:es|ing)\s+(?:only\s+)?"
    r"(?P<value2>\d+(?:\.\d+)?\s?(?:[BM]|billion|million))\b"
    r"|(?<![\w.])(?P<value3>\d+(?:\.\d+)?\s?(?:[BM]|billion|million))\s+(?:are|is)\s+"
    r"(?:active|activated)\b",
    re.IGNORECASE,
)
# "70B total and 12B active parameters": the total stands without its noun.
_TOTAL_BESIDE_ACTIVE = re.compile(
    r"(?<![\w.])(?P<value>\d+(?:\.\d+)?\s?(?:[BMT]|billion|million|trillion))\s+total\s*"
    r"(?:,|and|with)\s+\d+(?:\.\d+)?\s?(?:[BM]|billion|million)\s+(?:active|activated)\b",
    re.IGNORECASE,
)
_PER_TOKEN_AFTER = re.compile(r"(?i)\s*(?:per|each|for\s+each|for\s+every)\s+(?:token|forward)")
_NUM_PARAMS_IS = re.compile(
    r"(?i)number of parameters (?:is|of)\b[^.]*?(?:but\s+)?(?:about\s+|roughly\s+|around\s+)?"
    r"(?P<value>\d+(?:\.\d+)?\s?(?:[BM]|billion|million))(?![\w])\s*\.?$"
)
_EXPERTS_RE = re.compile(
    rf"(?i)(?<![\w.]){_COUNT}\s+(?:[\w-]+\s+){{0,2}}?[“\"']?experts?[”\"']?(?:\s+models?)?\b"
)
_PER_TOKEN = re.compile(
    r"(?i)^[^.;,]{0,40}?\b(?:per token|for each token|each token|per timestep|each timestep|"
    r"are selected|are activated|are active|is selected|routed)\b"
)
_LICENSE_CONTEXT = re.compile(r"(?i)licen[cs]|\bunder\b|\bterms\b")
_STRONG_LICENSE = re.compile(r"(?i)apache|cc[- ]by|gpl|openrail|licen[cs]e")
_DATE_RE = re.compile(
    r"(?P<date>\b(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s*\d{4})?|\b\d{4}-\d{2}-\d{2}\b)"
)
_RELEASE_VERB = re.compile(
    r"(?i)\b(?:released?|releasing|launch(?:ed|es)?|dropped|unveil(?:ed|s)?|announced?|"
    r"introduced?|debuted?|shipped|rolled out|open[- ]sourced)\b"
)
_CONTEXT_RE = re.compile(
    r"(?i)\bcontext (?:length|window|size)\b[^.;]{0,40}?\b(?:of|is|to|from|at)\s+"
    r"(?:up to\s+|over\s+)?(?P<v1>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?\s?[KkM]?)\b(?:\s+tokens)?"
    r"|(?P<v2>\d+(?:\.\d+)?\s?[KkM]?)(?:[\s-]+tokens?)?[\s-]+context(?:\s+(?:length|window))?\b"
    r"|\bsupport(?:s|ing)?\s+(?:up to\s+|a context of\s+)?(?P<v3>\d+(?:\.\d+)?\s?[KkM])\s+tokens\b"
)
_CONTEXT_TO = re.compile(r"(?i)\bto\s+(?:\*\*)?(?P<v>\d+(?:\.\d+)?\s?[KkM]?)(?:\s+tokens)?\b")
_OPEN_RE = re.compile(
    r"(?i)\bopen[- ]weights?\b|\bopen[- ]source[sd]?\s+(?:the\b|\w+\s+)?(?:models?|LLMs?|"
    r"series|release|weights)\b|\bto open[- ]source\s+(?:the|our|its|these|this)\b|"
    r"\bopenly available\b|"
    r"\bopen[- ]access\s+(?:models?|LLMs?)\b|\bopen LLMs?\b|\bfree for anyone to download\b|"
    r"\banyone can download\b"
)
_NEGATION = re.compile(r"(?i)(?:\bnot|n[’']t|\bnever|\bno)\s+(?:\w+\s+){0,2}$")
_BOUND = re.compile(
    r"(?i)\b(?:less|fewer|more|smaller|larger|bigger)\s+than\s+$|\b(?:over|under|up to|below|"
    r"above|around|speed of an?|trained on|on|with)\s+$"
)
_UNIT_AFTER = re.compile(
    r"(?i)^\s*(?:GPU|hours?|tokens?|images?|pairs|samples|documents|words|lines|steps|"
    r"examples|instructions|conversations|USD|dollars|rows|files)\b"
)
_LIST_END = re.compile(r"(?i)^\s*(?:[A-Z][\w-]*\s+)?(?:parameters?|params|models?)\b")
_QUALIFIED_SIZE = re.compile(r"(?i)^\s*(?:total|active|activated|non-embedding)\b")
_BENCHMARK_BLOCK = re.compile(
    r"(?i)^[^:]{1,40}:\s*(?:an?|the)\s+(?:[\w-]+\s+){0,3}(?:benchmark|dataset|test|suite)"
)


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


def _model_for_size(ctx: DocumentContext, size: str, family: str) -> str:
    full = ctx.expand_size(size, family, shortest=True)
    if full:
        return full
    if family:
        return f"{family} {size}"
    return ""


def _family_of(sentence: Sentence, topic: str, before: int | None = None) -> str:
    for m in sentence.models:
        if before is not None and m.start > before:
            break
        if m.kind == "model":
            return re.sub(r"[\s-]+\d+(?:\.\d+)?[BbMm]$", "", m.name)
    if topic:
        return re.sub(r"[\s-]+\d+(?:\.\d+)?[BbMm]\b.*$", "", topic)
    return ""


def _subject(sentence: Sentence, at: int, topic: str) -> Mention | None:
    """The sentence's own subject when it names one before `at`, else the passage's model."""
    before = [m for m in sentence.models if m.end <= at]
    if before:
        return before[0]
    if topic:
        return Mention(0, 0, topic, topic, "topic")
    return None


def _with_coordinated(sentence: Sentence, first: Mention, at: int) -> list[Mention]:
    """`first` and the models named with it before `at` ("X, Y and Z are licensed ...")."""
    group = [first]
    for mention in sentence.models:
        if mention.start <= group[-1].start or mention.end > at or mention.kind != "model":
            continue
        if not re.fullmatch(
            r"\s*(?:,|and|&|,\s*and)\s*", sentence.text[group[-1].end : mention.start]
        ):
            break
        group.append(mention)
    return group


TRIGGERS = frozenset(
    [
        "parameter",
        "parameters",
        "params",
        "param",
        "expert",
        "experts",
        "licence",
        "license",
        "licenses",
        "licensed",
        "licences",
        "apache",
        "mit",
        "gpl",
        "cc",
        "openrail",
        "proprietary",
        "released",
        "release",
        "releases",
        "releasing",
        "launch",
        "launched",
        "launches",
        "dropped",
        "unveiled",
        "unveils",
        "announced",
        "announce",
        "introduced",
        "introduce",
        "debuted",
        "shipped",
        "rolled",
        "sourced",
        "context",
        "open",
        "openly",
        "weight",
        "weights",
        "download",
        "tokens",
        "token",
        "active",
        "activated",
        "activates",
        "activating",
        "b",
        "m",
        "billion",
        "million",
        "trillion",
        "sizes",
        "size",
    ]
)


# Words that must be present for each kind of attribute to be looked for (cheap gates).
_SIZE_WORDS = frozenset({"b", "m", "t", "billion", "million", "trillion"})
_PARAM_WORDS = frozenset({"parameter", "parameters", "params", "param"})
_ACTIVE_WORDS = frozenset({"active", "activated", "activates", "activating"})
_EXPERT_WORDS = frozenset({"expert", "experts"})
_LICENSE_WORDS = frozenset(
    {
        "licence",
        "license",
        "licenses",
        "licences",
        "licensed",
        "apache",
        "mit",
        "gpl",
        "agpl",
        "cc",
        "openrail",
        "research",
        "bsd",
    }
)
_DATE_WORDS = frozenset(
    {
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
    }
)
_CONTEXT_WORDS = frozenset({"context", "supporting", "supports", "support"})
_OPEN_WORDS = frozenset({"open", "openly", "download"})


def attribute_claims(
    doc_text: str, ctx: DocumentContext, sentence: Sentence, topic: str
) -> list[ExtractedClaim]:
    text = sentence.text
    out: list[ExtractedClaim] = []
    if not sentence.has_any(TRIGGERS) or _BENCHMARK_BLOCK.match(sentence.block.text):
        return out
    quote, qs, qe = sentence.quote(doc_text)

    def add(model: str, attribute: str, value: str) -> None:
        if not model or not value:
            return
        out.append(
            ExtractedClaim(
                kind="attribute",
                model=model,
                quote=quote,
                start=qs,
                end=qe,
                attribute=attribute,
                attribute_value=value.strip(),
            )
        )

    model_spans = [(m.start, m.end) for m in sentence.models if m.kind == "model"]

    def in_model(pos: int) -> bool:
        return any(a <= pos < b for a, b in model_spans)

    # Parameter counts.
    listed = _sizes_listed(text, sentence.models) if sentence.has_any(_SIZE_WORDS) else []
    # "46.7B total parameters but only 12.9B active" gives two facts of one model, not a list.
    is_list = (
        len(listed) >= 2
        and bool(
            re.search(r"(?i)\bsizes?\b|licen[cs]ed", text) or _LIST_END.match(text[listed[-1][1] :])
        )
        and not any(_QUALIFIED_SIZE.match(text[e:]) for _, e, _ in listed)
    )
    if is_list:
        family = _family_of(sentence, topic, before=listed[0][0])
        licensed = re.search(r"(?i)licen[cs]ed|\bunder\b", text) and LICENSE_RE.search(text)
        for s, _e, size in listed:
            if _NEGATION.search(text[max(0, s - 30) : s]):
                continue
            model = _model_for_size(ctx, size, family)
            if licensed:
                # "0.5B / 1.5B / 7B are licensed under Apache 2.0, while 3B is under ..."
                lic = _license_after(text, s)
                if lic:
                    add(model, "license", lic)
                continue
            add(model, "total_params", size)
    else:
        for m in _PARAMS_RE.finditer(text) if sentence.has_any(_PARAM_WORDS) else ():
            head = text[max(0, m.start() - 30) : m.start()]
            if in_model(m.start()) or _NEGATION.search(head) or _BOUND.search(head):
                continue
            if re.search(r"(?i)\bactiv", text[m.start() : m.end()]) or re.match(
                r"\s*each\b", text[m.end() :]
            ):
                continue
            subject = _subject(sentence, m.start(), topic)
            if subject is None:
                continue
            value = re.sub(r"\s+", " ", m.group("value"))
            if _PER_TOKEN_AFTER.match(text[m.end() :]):  # "uses 12.9B parameters per token"
                add(subject.name, "active_params", value)
                continue
            model = subject.name
            if not has_size(model):
                size = _as_size(value)
                full = ctx.expand_size(size, model, shortest=True) if size else ""
                model = full or model
            add(model, "total_params", value)
        m2 = _NUM_PARAMS_IS.search(text) if sentence.has_any(_PARAM_WORDS) else None
        if m2:
            subject = _subject(sentence, m2.start(), topic)
            if subject is not None:
                add(subject.name, "total_params", m2.group("value"))
    for m in _ACTIVE_RE.finditer(text) if sentence.has_any(_ACTIVE_WORDS) else ():
        subject = _subject(sentence, m.start(), topic)
        if subject is not None:
            value = m.group("value") or m.group("value2") or m.group("value3")
            add(subject.name, "active_params", value)
    for m in _TOTAL_BESIDE_ACTIVE.finditer(text) if sentence.has_any(_ACTIVE_WORDS) else ():
        subject = _subject(sentence, m.start(), topic)
        if subject is not None:
            add(subject.name, "total_params", re.sub(r"\s+", " ", m.group("value")))

    # Experts.
    for m in _EXPERTS_RE.finditer(text) if sentence.has_any(_EXPERT_WORDS) else ():
        count = m.group("count").lower()
        n = int(count) if count.isdigit() else _NUMBER_WORDS.get(count)
        if n is None or n < 1 or n > 1024:
            continue
        subject = _subject(sentence, m.start(), topic)
        if subject is None:
            continue
        per_token = _PER_TOKEN.match(text[m.end() :])
        add(subject.name, "experts_per_token" if per_token else "num_experts", str(n))

    # Licence: the first one the sentence names ("X License 2.0, the ... Apache 2.0-based
    # license" is one licence).
    if sentence.has_any(_LICENSE_WORDS) and not (is_list and re.search(r"(?i)licen[cs]ed", text)):
        for m in LICENSE_RE.finditer(text):
            if re.match(r"-based", text[m.end() :]) or m.group().lower() == "proprietary":
                continue
            if not (_LICENSE_CONTEXT.search(text) or _STRONG_LICENSE.search(m.group())):
                continue
            subject = _subject(sentence, m.start(), "")
            if subject is None or subject.kind == "topic":
                add(ctx.subject or topic, "license", _license_value(m.group()))
                break
            for coordinated in _with_coordinated(sentence, subject, m.start()):
                add(coordinated.name, "license", _license_value(m.group()))
            break

    # Release date.
    date = _DATE_RE.search(text) if sentence.has_any(_DATE_WORDS) else None
    if date and _RELEASE_VERB.search(text):
        verb = _RELEASE_VERB.search(text)
        assert verb is not None
        named = [m for m in sentence.models if m.kind == "model"]
        released = [m for m in named if m.start > verb.start()] or named
        # stop at a comparison ("... that beat Tarn-3B")
        cut = re.search(r"(?i)\b(?:beat|beats|outperform|surpass|than|vs)\b", text)
        if cut:
            released = [m for m in released if m.start < cut.start()] or released[:1]
        for mention in released[:3]:
            add(mention.name, "release_date", date.group("date"))

    # Context length.
    for m in _CONTEXT_RE.finditer(text) if sentence.has_any(_CONTEXT_WORDS) else ():
        value = m.group("v1") or m.group("v2") or m.group("v3")
        if not value or not re.search(r"\d", value):
            continue
        tail = text[m.end() : m.end() + 80]
        to = list(_CONTEXT_TO.finditer(tail))
        if m.group("v1") and to and re.search(r"(?i)\bfrom\b", text[m.start() : m.end()]):
            value = to[-1].group("v")
        head = text[max(0, m.start() - 30) : m.start()]
        if _NEGATION.search(head) or re.search(
            r"(?i)(?:models?|vs\.?|original)\s+(?:with\s+)?(?:a\s+)?$", head
        ):
            continue
        if re.search(
            r"(?i)\b(?:vs\.?|versus|original)\s*$", text[max(0, m.start() - 12) : m.start()]
        ):
            continue
        number = re.sub(r"\s", "", value)
        if not re.search(r"[KkM]$", number) and int(float(number.replace(",", ""))) < 512:
            continue
        subject = _subject(sentence, m.start(), topic)
        if subject is not None:
            add(subject.name, "context_length", number)
        break

    # Open weights: said of a named model ("Vela Medium, a series of open source models"),
    # of the release being described ("Eight open-weight models are available", "free for
    # anyone to download"), never of other models ("outperforms all other open-access models").
    for om in _OPEN_RE.finditer(text) if sentence.has_any(_OPEN_WORDS) else ():
        head = text[max(0, om.start() - 30) : om.start()]
        if _NEGATION.search(head) or re.match(r"\s*[Ll]eaderboard", text[om.end() :]):
            continue
        if re.search(
            r"(?i)(?:\bclosed\s+(?:and|or)|\bSOTA|\bbest|\bleading|\btop|"
            r"\bstrongest|\bother|\ball|\bprevious)\s+(?:[\w-]+\s+)?$",
            head,
        ):
            continue
        named = [m for m in sentence.models if m.kind != "pronoun" and m.end <= om.start()]
        between = text[named[-1].end : om.start()] if named else head
        if re.search(
            r"(?i)\b(?:for|among|than|outperform\w*|beat\w*|surpass\w*|considering|releasing|"
            r"by|on|against|vs)\b",
            between,
        ) or (
            not named
            and re.search(
                r"(?i)\b(?:an?|the|every|chinese|western|of|with)\s+(?:[\w-]+\s+)?$", head
            )
            and not re.search(r"(?i)\b(?:new|released|our|its|their)\s+(?:[\w-]+\s+)?$", head)
        ):
            continue
        after = [m for m in sentence.models if om.end() <= m.start <= om.end() + 12]
        if re.match(r"(?i)to open", om.group()):
            after = [m for m in sentence.models if m.start >= om.end()][:1]
        counted = re.search(
            r"(?i)\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|new)\s+(?:[\w-]+\s+)?$",
            head,
        )
        release = re.search(r"(?i)free for anyone|anyone can download", om.group())
        item = sentence.block.kind == "list_item" and om.start() == 0 and len(text) <= 40
        if named:
            name = named[0].name
        elif after:
            name = after[0].name
        elif any(m.kind == "pronoun" for m in sentence.models):
            name = topic
        elif counted:
            name = topic or ctx.subject
        elif release or item:
            name = ctx.subject or topic
        else:
            continue
        add(name, "open_weights", "true")
        break
    return out


def _as_size(value: str) -> str:
    m = re.match(r"(?i)(\d+(?:\.\d+)?)\s?(b|billion|m|million)", value)
    if not m:
        return ""
    return m.group(1) + ("B" if m.group(2).lower().startswith("b") else "M")


def _license_value(text: str) -> str:
    t = re.sub(r"\s+", " ", text).strip()
    if re.match(r"(?i)apache", t):
        return "Apache 2.0"
    if re.match(r"(?i)(?:qwen|mistral)[- ]research", t):
        return re.sub(r"(?i)\s+licen[cs]e$", "", t)
    return t


def _license_after(text: str, pos: int) -> str:
    m = LICENSE_RE.search(text, pos)
    return _license_value(m.group()) if m else ""
