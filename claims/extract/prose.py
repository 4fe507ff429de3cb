"""Sentences and the names in them, with the document context that resolves short references.

A sentence keeps its block and its position in the block's visible text, so any span of it
maps back to a verbatim span of the document. Model mentions are full names ("Vela 2-70B-
A12B"), size references ("the 70B model", resolved to the document's fullest name of that
size) and pronoun subjects ("The model", "It"), resolved to the model the passage is about.
"""

import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from dataclasses import dataclass, field

from catalogue.names import normalize_name
from claims.extract.names import (
    SIZE_REF_RE,
    benchmark_mentions,
    leaderboard_in,
    model_mentions,
    sized_model_names,
    unknown_families,
)
from claims.parse.types import Block, ParsedDocument

_ABBREVIATIONS = re.compile(
    r"(?:\b(?:e\.g|i\.e|vs|etc|approx|Dr|Mr|Mrs|Ms|Inc|Ltd|Co|No|Fig|al|cf|resp)\.|\b[A-Z]\.)$"
)
_BOUNDARY = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“'(\[*_]?[A-Z0-9])|;\s+|\s+[—–]\s+(?=[A-Z])")
_WORD = re.compile(r"[a-z]+")
_PRONOUN_SUBJECT = re.compile(
    r"(?i)(?:(?:\w+ly|however|moreover|also|additionally|in addition|overall|indeed|now|"
    r"today|finally|again),?\s+)?"
    r"(?:(?:the|this|our|its|the new|the latest|this new)\s+"
    r"(?:(?:lab|company|startup|firm|team|developer|vendor)['’]s\s+)?(?:new\s+|latest\s+)?"
    r"(?:model|release|llm|checkpoint)(?!s)|it)\b"
)
# A reference to several models at once: the models named together most recently.
_PLURAL_SUBJECT = re.compile(
    r"(?i)(?:(?:\w+ly|however|moreover|also|additionally|in addition|overall|indeed|now|"
    r"today|finally|again),?\s+)?"
    r"(?P<ref>both(?:\s+models)?|they|these(?:\s+[\w-]+)?\s+models|the\s+(?:two|three)\s+models|"
    r"all (?:two|three|four) models|the models)\b"
)


@dataclass
class Mention:
    start: int  # in the sentence text
    end: int
    surface: str
    name: str  # the fullest name the document gives this model
    kind: str = "model"  # "model" | "size" | "pronoun" | "group" | "plural"
    # Every model a plural reference stands for ("both models", "They"); empty otherwise.
    names: tuple[str, ...] = ()


@dataclass
class Sentence:
    text: str
    block: Block
    block_index: int
    offset: int  # start of `text` within block.text
    models: list[Mention] = field(default_factory=list)
    benchmarks: list[tuple[int, int, str]] = field(default_factory=list)
    words: frozenset[str] = frozenset()  # lower-case words, for cheap trigger checks
    # The model the block is about so far: this sentence's leading mention, else the last one
    # an earlier sentence of the block had.
    lead: str = ""

    def __post_init__(self) -> None:
        self.words = frozenset(_WORD.findall(self.text.lower()))

    def has_any(self, triggers: frozenset[str]) -> bool:
        return not self.words.isdisjoint(triggers)

    def span(self, i: int, j: int) -> tuple[int, int]:
        i = max(0, min(i, len(self.text) - 1))
        j = max(i + 1, min(j, len(self.text)))
        return self.block.span_of(self.offset + i, self.offset + j)

    def quote(self, doc_text: str, i: int = 0, j: int | None = None) -> tuple[str, int, int]:
        start, end = self.span(i, len(self.text) if j is None else j)
        return doc_text[start:end], start, end


# A run of text longer than this with no sentence end (a list flattened into one line, a
# paragraph with no full stops) is cut into windows at clause breaks: attachment never looks
# further than one window, which keeps extraction linear in the size of a document.
MAX_SENTENCE = 600
_CLAUSE_BREAK = re.compile(r"[,;:]\s+|\s+")


def _windows(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out = []
    while end - start > MAX_SENTENCE:
        cut = -1
        for m in _CLAUSE_BREAK.finditer(text, start + MAX_SENTENCE // 2, start + MAX_SENTENCE):
            cut = m.end()
            if m.group()[0] in ",;:":
                break_at = m.end()
                cut = break_at
        if cut <= start:
            cut = start + MAX_SENTENCE
        out.append((start, cut))
        start = cut
    out.append((start, end))
    return out


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for m in _BOUNDARY.finditer(text):
        # Only the end of the text so far can be an abbreviation: reading all of it at each
        # boundary made a run of "vs." with no sentence end quadratic.
        tail = text[max(pos, m.start() - 16) : m.start()]
        if m.group().strip() not in (";", "—", "–") and _ABBREVIATIONS.search(tail):
            continue
        if text[pos : m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    out = []
    for a, b in spans:
        for s, e in _windows(text, a, b):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                out.append((s, e))
    return out


def _family_key(name: str) -> str:
    return normalize_name(re.split(r"[\s\-_]*\d", name.split("/")[-1], maxsplit=1)[0])


class DocumentContext:
    """What the whole document says about which models it covers."""

    def __init__(self, doc: ParsedDocument, table_models: list[str]) -> None:
        self.doc = doc
        self.extra_families = unknown_families(
            [*table_models, *sized_model_names(doc.title), *sized_model_names(doc.text)]
        )
        self.names: list[str] = []
        counts: Counter[str] = Counter()
        self._first_model: dict[int, str] = {}
        self._heading_model: dict[int, str] = {}
        self._heading_blocks: list[int] = []  # keys of _heading_model, sorted
        self.block_mentions: dict[int, list[tuple[int, int, str]]] = {}
        for i, block in enumerate(doc.blocks):
            if block.kind in ("code", "table") or not block.text:
                continue
            found = model_mentions(block.text, self.extra_families)
            self.block_mentions[i] = found
            for _, _, name in found:
                self._add(name)
                counts[normalize_name(name)] += 1
            if found:
                self._first_model[i] = found[0][2]
        for name in table_models:
            self._add(name)
        title_models = model_mentions(doc.title, self.extra_families) if doc.title else []
        for _, _, name in title_models:
            counts[normalize_name(name)] += 3
        self.subject = ""
        if counts:
            best = counts.most_common(1)[0][0]
            self.subject = max(
                (n for n in self.names if normalize_name(n) == best), key=len, default=""
            )
        self.leaderboard = leaderboard_in(doc.title)
        self.short_forms = _short_forms(doc, self.block_mentions, self.names)
        self._short_re = (
            re.compile(
                r"(?<![\w.-])(?:"
                + "|".join(re.escape(f) for f in sorted(self.short_forms, key=len, reverse=True))
                + r")(?![\w-])"
            )
            if self.short_forms
            else None
        )

    def short_mentions(self, text: str) -> list[tuple[int, int, str]]:
        """(start, end, full name) of the short forms the document defined ("V7", "Large 2")."""
        if self._short_re is None:
            return []
        return [
            (m.start(), m.end(), self.short_forms[m.group()]) for m in self._short_re.finditer(text)
        ]

    def _add(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    def expand_size(self, size: str, family_hint: str = "", *, shortest: bool = False) -> str:
        """The fullest name in the document with this size ("70B" → "Vela 2-70B-A12B").

        The size must be the name's own size (its first one: "Norn4-9B-1M" is a 9B model, not
        a 1M one). With a family hint ("Llama 3.1") only names of that family count.
        """
        key = size.upper()
        candidates = [n for n in self.names if _own_size(n) == key]
        if family_hint:
            hint = normalize_name(re.sub(r"[\s-]+\d+(?:\.\d+)?[BbMm]$", "", family_hint))
            hinted = [n for n in candidates if hint and hint in normalize_name(n)]
            if hinted or shortest:
                candidates = hinted
        if not candidates:
            return ""
        families = {_family_key(n) for n in candidates}
        if len(families) > 1:
            subject_family = _family_key(self.subject) if self.subject else ""
            preferred = [n for n in candidates if _family_key(n) == subject_family]
            if not preferred:
                return ""
            candidates = preferred
        if shortest:
            return min(candidates, key=lambda n: (len(n), self.names.index(n)))
        return max(candidates, key=lambda n: (len(n), -self.names.index(n)))

    def topic(self, block_index: int, before: list["Sentence"]) -> str:
        """The model a passage is about: the subject of an earlier sentence of the block, else
        the model named by the nearest heading (or heading-like line) above, else the
        document's subject."""
        lead = before[-1].lead if before else ""
        if lead:
            return lead
        k = bisect_right(self._heading_blocks, block_index - 1)
        if k:
            return self._heading_model[self._heading_blocks[k - 1]]
        return self.subject

    def record(self, block_index: int, sentences: list["Sentence"]) -> None:
        block = self.doc.blocks[block_index]
        if not _heading_like(self.doc, block):
            return
        for sentence in sentences:
            for m in sentence.models:
                if m.kind in ("model", "size"):
                    self._heading_model[block_index] = m.name
                    insort(self._heading_blocks, block_index)
                    return

    def sized_member(self, name: str, block_index: int, text: str) -> str:
        """The document's subject for its family's name written without a size ("Vela 2"
        in a document about "Vela 2-70B"), unless the passage names another size of the
        family: then which model is meant is left open and the family name stays."""
        if not self.subject or _own_size(name) or not _own_size(self.subject):
            return name
        family = normalize_name(name)
        if _without_size(self.subject) != family:
            return name
        own = _own_size(self.subject)
        if any(_size_key(m) != own for m in _SIZE_IN_TEXT.finditer(_blank_names(text))):
            return name  # "the 40 billion parameters of Vela 2": a size of its own
        for _, _, other in self.block_mentions.get(block_index, []):
            size = _own_size(other)
            if size and size != own and _without_size(other) == family:
                return name
        return self.subject


# A short form a document defines for a name: "Vela-7B-Instruct (V7)", "(hereafter V7)".
_DEFINED_SHORT = re.compile(
    r"^\s*\((?:hereafter|henceforth|or|aka|a\.k\.a\.)?[,:]?\s*[\"“']?"
    r"(?P<short>[A-Z][\w.-]{0,11})[\"”']?\)"
)
# The part of a name after its family word that a document uses alone: "Large 2" for
# "Vendor Large 2" (a capitalised word and a version).
_NAME_TAIL = re.compile(r"^\S+\s+(?P<tail>[A-Z][a-z]+(?:\s[A-Z][a-z]+)?\s\d+(?:\.\d+)?)$")


def _short_forms(
    doc: ParsedDocument, block_mentions: dict[int, list[tuple[int, int, str]]], names: list[str]
) -> dict[str, str]:
    """Short forms that stand for one name of the document: those it defines in parentheses
    after the name, and the tails of names that no other name shares."""
    found: dict[str, str] = {}
    for i, mentions in block_mentions.items():
        text = doc.blocks[i].text
        for _, end, name in mentions:
            m = _DEFINED_SHORT.match(text[end : end + 40])
            if m and not _OWN_SIZE.fullmatch(m.group("short")) and m.group("short") != name:
                found[m.group("short")] = name
    tails: dict[str, set[str]] = {}
    for name in names:
        m = _NAME_TAIL.match(name)
        if m:
            tails.setdefault(m.group("tail"), set()).add(name)
    known = {normalize_name(n) for n in names}
    for tail, owners in tails.items():
        if len(owners) == 1 and normalize_name(tail) not in known:
            found.setdefault(tail, next(iter(owners)))
    return found


_NOT_SUBJECT = re.compile(
    r"(?i)\b(?:outperform\w*|beat\w*|surpass\w*|than|with|vs|versus|over|like|including|"
    r"such as|against|to|of|after|before|from|since|compared|between|and|or)\b"
)
_OWN_SIZE = re.compile(r"(?<![\w.])(?:\d+x)?\d+(?:\.\d+)?[BbMm](?![a-zA-Z])")


def _without_size(name: str) -> str:
    """A name's normalised form with its own size taken out: "Vela 2 (70B)" → "vela2"."""
    return normalize_name(_OWN_SIZE.sub("", name.split("/")[-1], count=1))


# A size written before a family name: "the 27B parameter Vela 2", "a 70-billion-parameter".
_SIZE_BEFORE_NAME = re.compile(
    r"(?<![\w.])(?P<number>\d+(?:\.\d+)?)(?P<unit>[BM]|[- ]billion|[- ]million)"
    r"[- ][Pp]aram(?:eter)?s?\s+"
)


# A size a sentence states, in figures or words: "70B", "70 billion", "70-billion".
_SIZE_IN_TEXT = re.compile(
    r"(?<![\w.])(?P<number>\d+(?:\.\d+)?)(?:(?P<letter>[BM])|[- ](?P<word>billion|million))"
    r"(?![\w-])"
)


def _blank_names(text: str) -> str:
    """The text with model names blanked, so the sizes left are stated on their own."""
    for s, e, _ in reversed(model_mentions(text)):
        text = text[:s] + " " * (e - s) + text[e:]
    return text


def _size_key(m: re.Match[str]) -> str:
    return m.group("number") + (m.group("letter") or m.group("word")[0]).upper()


# A family name followed by one of these speaks of all its sizes.
_SERIES_AFTER = re.compile(r"\s+(?:models|series|family|variants|lineup|sizes)\b")

# Before a family name, these speak of all its sizes or of an earlier release of it: "sizes
# of Vela 2", "the original Vela 2".
_SERIES_BEFORE = re.compile(
    r"(?i)\b(?:(?:sizes|versions|variants|members)\s+of|original|initial|earlier|previous|"
    r"older|first)\s+$"
)


def _own_size(name: str) -> str:
    m = _OWN_SIZE.search(name.split("/")[-1])
    return m.group().upper() if m else ""


def _heading_like(doc: ParsedDocument, block: Block) -> bool:
    if block.kind == "heading":
        return True
    if block.kind != "paragraph" or len(block.text) > 80:
        return False
    raw = doc.text[block.start : block.end].strip()
    return raw.startswith(("**", "__")) or raw.endswith(":") or not raw.endswith((".", "!", "?"))


def _leading_mention(sentence: "Sentence") -> str:
    """The model a sentence is about: one named at its start, as its subject."""
    for m in sentence.models:
        if m.kind == "pronoun" or m.start > 40:
            return ""
        if _NOT_SUBJECT.search(sentence.text[: m.start]):
            return ""
        return m.name
    return ""


# A phrase set before the subject: "In the GlyphQA test, it reaches ...", "On GPQA, the model".
_FRONTED_PHRASE = re.compile(
    r"(?:In|On|For|At|Across|With|Under|Released|Launched|Announced|Unveiled|Introduced|"
    r"Trained|Built|Available)\b[^,.;]{1,80},\s+"
)
_GROUP_RE = re.compile(r"(?<![\w-])([A-Z][\w.-]*)\s+(?:models|series|family|variants|lineup)\b")


def _subject_start(text: str) -> int:
    """Where the subject starts after a fronted phrase ("On GPQA, it ...", "Released on
    July 9, 2025, this model ..."): after the phrase's last comma that a pronoun follows."""
    fronted = _FRONTED_PHRASE.match(text)
    if not fronted:
        return 0
    at = fronted.end()
    for comma in re.finditer(r",\s+", text[at : at + 40]):
        if _PRONOUN_SUBJECT.match(text, at + comma.end()) or _PLURAL_SUBJECT.match(
            text, at + comma.end()
        ):
            return at + comma.end()
    return at


def _named_together(before: list[Sentence]) -> list[str]:
    """The models the most recent sentence naming several models named, in order."""
    for sentence in reversed(before):
        plural = [m for m in sentence.models if m.kind == "plural"]
        if plural:
            return list(plural[0].names)
        names: list[str] = []
        for m in sentence.models:
            if m.kind in ("model", "size") and m.name not in names:
                names.append(m.name)
        if len(names) >= 2:
            return names
    return []


def sentence_mentions(ctx: DocumentContext, sentence: Sentence, before: list[Sentence]) -> None:
    text = sentence.text
    taken: list[tuple[int, int]] = []
    cached = ctx.block_mentions.get(sentence.block_index)
    if cached is None:
        found = model_mentions(text, ctx.extra_families)
    else:
        lo, hi = sentence.offset, sentence.offset + len(text)
        found = []
        for k in range(bisect_left(cached, (lo, -1, "")), len(cached)):
            s, e, n = cached[k]
            if s >= hi:
                break
            if e <= hi:
                found.append((s - lo, e - lo, n))
    for s, e, name in found:
        sized = _SIZE_BEFORE_NAME.search(text, max(0, s - 30), s)
        if sized and sized.end() == s and not _own_size(name):
            # "the 27B parameter Vela 2 model": the family's model of that size
            size = sized.group("number") + sized.group("unit").strip(" -")[0].upper()
            full = ctx.expand_size(size, name, shortest=True) or f"{name} {size}"
            sentence.models.append(Mention(s, e, name, full))
        elif _SERIES_AFTER.match(text, e) or _SERIES_BEFORE.search(text, max(0, s - 30), s):
            sentence.models.append(Mention(s, e, name, name))  # "the Vela 2 models": all sizes
        else:
            sentence.models.append(
                Mention(s, e, name, ctx.sized_member(name, sentence.block_index, text))
            )
        taken.append((s, e))
    for s, e, name in ctx.short_mentions(text):
        if not any(a < e and s < b for a, b in taken):
            sentence.models.append(Mention(s, e, text[s:e], name))
            taken.append((s, e))
    for m in SIZE_REF_RE.finditer(text):
        s, e = m.start("size"), m.end()
        if any(a <= s < b for a, b in taken):
            continue
        size = m.group("size")
        surface = text[s:e]
        full = ctx.expand_size(size) or surface
        sentence.models.append(Mention(s, e, surface, full, kind="size"))
        taken.append((s, e))
    for m in _GROUP_RE.finditer(text):
        s, e = m.start(), m.end()
        if any(a <= s < b or a < e <= b for a, b in taken):
            continue
        word = m.group(1).lower()
        named = [n for n in ctx.names if n.lower().endswith(" " + word)]
        if named:
            sentence.models.append(Mention(s, e, text[s:e], min(named, key=len), kind="group"))
            taken.append((s, e))
    at = _subject_start(text)
    pm = _PRONOUN_SUBJECT.match(text, at)
    if pm and not any(pm.start() <= m.start < pm.end() + 2 for m in sentence.models):
        topic = ctx.topic(sentence.block_index, before)
        if topic:
            sentence.models.append(Mention(pm.start(), pm.end(), pm.group(), topic, "pronoun"))
    plural = None if pm else _PLURAL_SUBJECT.match(text, at)
    if plural and not any(plural.start() <= m.start < plural.end() + 2 for m in sentence.models):
        named = _named_together(before)
        if len(named) >= 2:
            s, e = plural.span("ref")
            sentence.models.append(Mention(s, e, text[s:e], named[0], "plural", tuple(named)))
    sentence.models.sort(key=lambda m: m.start)
    sentence.benchmarks = benchmark_mentions(text)


def document_sentences(ctx: DocumentContext, skip: set[int] | None = None) -> list[Sentence]:
    out: list[Sentence] = []
    for i, block in enumerate(ctx.doc.blocks):
        if block.kind in ("code", "table") or not block.text or (skip and i in skip):
            continue
        in_block: list[Sentence] = []
        for s, e in split_sentences(block.text):
            sentence = Sentence(text=block.text[s:e], block=block, block_index=i, offset=s)
            sentence_mentions(ctx, sentence, in_block)
            sentence.lead = _leading_mention(sentence) or (in_block[-1].lead if in_block else "")
            in_block.append(sentence)
        ctx.record(i, in_block)
        out.extend(in_block)
    return out
