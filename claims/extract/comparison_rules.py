"""The comparison verbs, as data: each verb phrase once, with the relation it states.

A phrase's first word is a verb and every inflection of it is generated ("edge out" reads
"edges out", "edged out", "is edging out"); a phrase that starts with "be" is a predicate
and reads with any copula or none ("is on par with", "remains on par with", ", on par with").
Adverbs may sit between the words ("falls far short of", "scores just slightly lower than").
A negated phrase ("does not match", "can't compete with") says the subject is behind.

The words that can start a comparison (`TRIGGERS`, a cheap pre-check per sentence) are derived
from the same list, so the check and the rule cannot disagree.
"""

import re
from dataclasses import dataclass

# verb phrase → relation of the subject to the other model.
COMPARISON_RULES: tuple[tuple[str, str], ...] = (
    # ahead
    ("outperform", ">"),
    ("beat", ">"),
    ("surpass", ">"),
    ("top", ">"),
    ("exceed", ">"),
    ("crush", ">"),
    ("destroy", ">"),
    ("trounce", ">"),
    ("edge out", ">"),
    ("edge past", ">"),
    ("outscore", ">"),
    ("outclass", ">"),
    ("outpace", ">"),
    ("outshine", ">"),
    ("dominate", ">"),
    ("lead", ">"),
    ("perform better than", ">"),
    ("do better than", ">"),
    ("score better than", ">"),
    ("score higher than", ">"),
    ("show higher performance than", ">"),
    ("show higher performance that", ">"),
    ("score higher", ">"),
    ("edge higher", ">"),
    ("edge ahead", ">"),
    ("pull ahead", ">"),
    ("come out ahead", ">"),
    ("be better than", ">"),
    ("be stronger than", ">"),
    ("be more capable than", ">"),
    ("be ahead of", ">"),
    ("be superior to", ">"),
    ("be above", ">"),
    ("pull ahead of", ">"),
    ("stay ahead of", ">"),
    # a rank: ahead of every other model of the passage ("scores the highest at 77.0")
    ("score the highest", ">"),
    ("score highest", ">"),
    ("rank the highest", ">"),
    ("rank highest", ">"),
    # behind
    ("trail", "<"),
    ("lag behind", "<"),
    ("lag", "<"),
    ("fall behind", "<"),
    ("fall short of", "<"),
    ("lose out to", "<"),
    ("lose to", "<"),
    ("underperform", "<"),
    ("score lower than", "<"),
    ("score lower", "<"),
    ("perform worse than", "<"),
    ("be worse than", "<"),
    ("be weaker than", "<"),
    ("be lower than", "<"),
    ("be behind", "<"),
    ("be below", "<"),
    ("be outperformed by", "<"),
    ("be beaten by", "<"),
    ("be surpassed by", "<"),
    ("be outscored by", "<"),
    # level with
    ("match or beat", "="),
    ("match or exceed", "="),
    ("match or surpass", "="),
    ("match", "="),
    ("rival", "="),
    ("compete with", "="),
    ("come close to", "="),
    ("perform similarly to", "="),
    ("perform on par with", "="),
    ("score as high as", "="),
    ("be on par with", "="),
    ("be at par with", "="),
    ("be comparable to", "="),
    ("be comparable with", "="),
    ("be competitive with", "="),
    ("be similar to", "="),
    ("be as good as", "="),
    ("be as strong as", "="),
    ("be as performant as", "="),
    ("be as capable as", "="),
    ("be close to", "="),
    ("be neck and neck with", "="),
    ("be on the same level as", "="),
    ("be at the level of", "="),
    ("be level with", "="),
    ("perform comparably to", "="),
    ("perform competitively with", "="),
    # noun phrases: "with performance comparable to X", "achieves similar performance to X"
    ("performance comparable to", "="),
    ("performance levels comparable to", "="),
    ("comparable performance to", "="),
    ("comparable performance with", "="),
    ("similar performance to", "="),
    ("competitive performance with", "="),
    ("performance parity with", "="),
    ("parity with", "="),
    ("higher performance than", ">"),
    ("better performance than", ">"),
    ("stronger performance than", ">"),
    ("lower performance than", "<"),
)
# Noun phrases read as written (no verb to inflect).
_NOUN_HEADS = (
    "performance",
    "comparable",
    "similar",
    "competitive",
    "parity",
    "higher",
    "better",
    "stronger",
    "lower",
)
# A predicate may go without its copula when it opens with a preposition ("X, ahead of Y",
# "positions X roughly on par with Y"); an adjective needs one ("a design similar to Y",
# "Similar to Y, ..." and "inputs, similar to Y" compare no models).
_BARE_PREDICATE_HEADS = ("on", "at", "ahead", "neck")

# Inflections that do not follow the spelling rules: base → (3rd person, past, participle, -ing).
IRREGULAR_VERBS: dict[str, tuple[str, ...]] = {
    "beat": ("beats", "beat", "beaten", "beating"),
    "lead": ("leads", "led", "led", "leading"),
    "fall": ("falls", "fell", "fallen", "falling"),
    "lose": ("loses", "lost", "lost", "losing"),
    "come": ("comes", "came", "come", "coming"),
    "do": ("does", "did", "done", "doing"),
    "show": ("shows", "showed", "shown", "showing"),
    "outshine": ("outshines", "outshone", "outshone", "outshining"),
    "rival": ("rivals", "rivaled", "rivalled", "rivaling", "rivalling"),
}

COPULAS = (
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "remains",
    "remain",
    "remained",
    "stays",
    "stay",
    "stayed",
    "sits",
    "sit",
    "sat",
    "stands",
    "stand",
    "stood",
)
# Words that may sit between the words of a phrase without changing its relation.
ADVERB = (
    r"(?:\w+ly|still|even|far|just|only|also|now|already|always|well|much|both|yet|all|"
    # a measure of how far: "is 2x better than", "scores 5 points higher than"
    r"\d+(?:\.\d+)?\s?(?:x|×|%)|\d+(?:\.\d+)?\s(?:times|points?|percent|percentage\s+points)|"
    # a vague measure: "only a few percent below", "a bit behind"
    r"a\s+(?:few|couple\s+of)\s+(?:points|percent|percentage\s+points)|a\s+(?:bit|little))"
)
# An auxiliary that negates the verb after it.
NEGATION = (
    r"(?:does|do|did|ca|could|would|wo)n[’']t|(?:does|do|did|can|could|would|will)\s+not|"
    r"cannot|fails?\s+to|failed\s+to"
)
_NEGATED_RELATION = {">": "<", "=": "<"}

_VOWELS = "aeiou"


def verb_forms(verb: str) -> tuple[str, ...]:
    """Every form of a verb: base, 3rd person, past, participle, -ing."""
    if verb in IRREGULAR_VERBS:
        return (verb, *IRREGULAR_VERBS[verb])
    if verb.endswith("e"):
        return (verb, verb + "s", verb + "d", verb[:-1] + "ing")
    if verb.endswith(("s", "sh", "ch", "x")):
        return (verb, verb + "es", verb + "ed", verb + "ing")
    # one short syllable ending consonant-vowel-consonant doubles its last letter: lag, top
    if (
        len(verb) <= 4
        and verb[-1] not in _VOWELS + "wxy"
        and verb[-2] in _VOWELS
        and verb[-3] not in _VOWELS
    ):
        return (verb, verb + "s", verb + verb[-1] + "ed", verb + verb[-1] + "ing")
    return (verb, verb + "s", verb + "ed", verb + "ing")


# Between two words of a phrase: adverbs, or the benchmark a comparison is about ("scores
# higher on GlyphQA than", "doesn't score as high in the leaderboard as").
_GAP = (
    rf"\s+(?:{ADVERB}\s+){{0,2}}"
    r"(?:(?:in|on|at|across|with)\s+(?:the\s+)?[\w-]+(?:\s+[\w-]+)?\s+(?=as\b|than\b))?"
)


def _alt(words: tuple[str, ...] | list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _rest(words: list[str]) -> str:
    return "".join(_GAP + re.escape(w) for w in words)


def _is_predicate(phrase: str) -> bool:
    return phrase.startswith("be ")


def phrase_pattern(phrase: str) -> str:
    """The regular expression of one rule's phrase from its first word on, with its
    inflections and adverb slots (a copula or negation before it is read separately). Verbs
    joined by "or" are each inflected ("matches or beats")."""
    if " or " in phrase:
        return rf"{_GAP}or{_GAP}".join(phrase_pattern(p) for p in phrase.split(" or "))
    head, *rest = phrase.split()
    if head == "be":
        return re.escape(rest[0]) + _rest(rest[1:])
    if head in _NOUN_HEADS:
        return re.escape(head) + _rest(rest)
    return rf"(?:{_alt(verb_forms(head))}){_rest(rest)}"


def _head_words(phrase: str) -> set[str]:
    head, *rest = phrase.split()
    if head == "be":
        return {rest[0]}
    return {head} if head in _NOUN_HEADS else set(verb_forms(head))


# A phrase that ends on one of these may leave its object to the context: "Vela-7B scores
# slightly higher" (than the model the passage was about).
_IMPLICIT_OBJECT_ENDINGS = ("higher", "lower", "ahead", "behind")


# Phrases that, with no model after them, rank the subject above every other model the
# passage names: "scores the highest at 77.0", "leads in multi-step math" (a bare "leads to"
# ranks nothing).
_RANKS_THE_PASSAGE = re.compile(r"(?:^|\s)(?:the\s+)?highest$")
_RANK_BY_LEAD = re.compile(r"(?i)^\s+(?:in|on|across)\s+(?!the\s+(?:way|field|race)\b)")


def ranks_the_passage(phrase: str, after: str) -> bool:
    """Whether a phrase with no object puts its subject ahead of the passage's other models."""
    if _RANKS_THE_PASSAGE.search(phrase):
        return True
    return phrase == "lead" and bool(_RANK_BY_LEAD.match(after))


def is_noun_phrase(phrase: str) -> bool:
    """Whether a rule reads a noun phrase ("performance comparable to"), not a verb."""
    return phrase.split()[0] in _NOUN_HEADS


def implicit_object(phrase: str) -> bool:
    return phrase.endswith(_IMPLICIT_OBJECT_ENDINGS)


@dataclass(frozen=True)
class ComparisonVerb:
    start: int
    end: int
    relation: str
    phrase: str  # the rule that matched


def _compile() -> re.Pattern[str]:
    """One pattern with a named group per rule, longer phrases first so "match or beat" wins
    over "match" and "outperformed by" over "outperformed"."""
    order = sorted(range(len(COMPARISON_RULES)), key=lambda i: -len(COMPARISON_RULES[i][0]))
    body = "|".join(f"(?P<r{i}>{phrase_pattern(COMPARISON_RULES[i][0])})" for i in order)
    return re.compile(rf"(?:{body})(?![\w-])", re.IGNORECASE)


_RULE_RE = _compile()
# Lower-case words one of which a sentence must contain to hold a comparison: the first word
# of every phrase in every form, derived from the rules so the check and the rules agree.
TRIGGERS: frozenset[str] = frozenset(
    w.lower() for phrase, _ in COMPARISON_RULES for w in _head_words(phrase)
)
_WORD = re.compile(r"(?<![\w-])[A-Za-z]+")
_NEGATED = re.compile(rf"(?i)(?<![\w-])(?:{NEGATION}){_GAP}$")
_OBLIGED = re.compile(
    rf"(?i)(?<![\w-])(?P<only>only\s+)?(?:(?:has|have|had|needs?|needed)\s+to|must){_GAP}$"
)
# A quote may open after the copula: 'was "only a few percent below" X'.
_COPULA = re.compile(
    rf"(?i)(?<![\w-])(?:{_alt(COPULAS)})(?:{_GAP}|\s+[\"“](?:{ADVERB}\s+){{0,2}})(?:{ADVERB}\s+)?$"
)
# A bare verb that is a noun or an adjective here: "the top models", "rival models", "a lead".
_DETERMINER_BEFORE = re.compile(
    r"(?i)(?:\b(?:a|an|the|its|their|our|his|her|any|each|no|many|most|other|several|some|all|"
    r"these|those|between|among|of|from|with|like)|\d(?:[-\s]?(?:points?|percent)|%))\s+$"
)
_NOUN_AFTER = re.compile(
    r"(?i)^\s+(?:models?|systems?|labs?|compan(?:y|ies)|firms?|products?|offerings?|"
    r"positions?|spots?|places?|tiers?|performers?|scores?|results?|authors?|developers?)\b"
)


# Forms of the verbs that are also adjectives before a noun ("leading models").
_ADJECTIVE_PARTICIPLES = frozenset(["leading", "trailing", "matching", "rivaling", "rivalling"])


def _reads_as_noun(phrase: str, word: str, before: str, after: str) -> bool:
    """Whether a one-word base verb or participle is a noun or adjective here: "the top
    models", "rival models", "a lead", "many leading labs"."""
    head = phrase.split()[0]
    if head == "be" or head in _NOUN_HEADS or " " in word:
        return False
    if word.lower() != head and word.lower() not in _ADJECTIVE_PARTICIPLES:
        return False
    return bool(_DETERMINER_BEFORE.search(before[-12:]) or _NOUN_AFTER.match(after))


def comparison_verbs(text: str) -> list[ComparisonVerb]:
    """The comparison phrases of a text, in order, each with the relation it states.

    Only words that can start a phrase are tried, so the cost grows with the text, not with
    the number of rules."""
    out: list[ComparisonVerb] = []
    reached = 0
    for word in _WORD.finditer(text):
        if word.start() < reached or word.group().lower() not in TRIGGERS:
            continue
        m = _RULE_RE.match(text, word.start())
        if m is None:
            continue
        phrase, relation = COMPARISON_RULES[int((m.lastgroup or "r0")[1:])]
        before = text[max(0, m.start() - 40) : m.start()]
        start = m.start()
        if _is_predicate(phrase):
            copula = _COPULA.search(before)
            if copula is None and phrase.split()[1] not in _BARE_PREDICATE_HEADS:
                continue  # "is behind"; "the team behind X" states nothing
            start -= len(before) - copula.start() if copula else 0
        elif _reads_as_noun(phrase, m.group(), before, text[m.end() :][:20]):
            continue
        obliged = _OBLIGED.search(before)
        if obliged:
            # "only has to beat X": X alone is ahead; "has to beat X" is a goal, not a result
            if not obliged.group("only") or relation != ">":
                continue
            relation = "<"
            start = m.start() - (len(before) - obliged.start())
        negated = _NEGATED.search(before)
        if negated:
            if relation not in _NEGATED_RELATION:
                continue
            relation = _NEGATED_RELATION[relation]
            start = m.start() - (len(before) - negated.start())
        out.append(ComparisonVerb(start, m.end(), relation, phrase))
        reached = m.end()
    return out
