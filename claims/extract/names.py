"""Recognising model and benchmark names in text and table headers."""

import re
from functools import lru_cache

from claims.extract.lexicon import (
    AMBIGUOUS_BENCHMARKS,
    BENCHMARK_NAMES,
    FAMILY_NAMES,
    LEADERBOARD_ALIASES,
    NEEDS_VERSION,
    SUFFIX_NAMES,
)


def _alt(names: tuple[str, ...]) -> str:
    return "|".join(re.escape(n) for n in names)


_FAMILY = _alt(FAMILY_NAMES)
_SUFFIX = _alt(SUFFIX_NAMES)
_SIZE = r"(?:\d+x\d+(?:\.\d+)?[BbMm]|\d+(?:\.\d+)?[BbMmKkTt])(?![\w])"
# A version after a family name: "2", "3.5", "70B", or a letter joined to digits ("K2", "V3").
_VERSION = r"(?:\d+(?:\.\d+)?(?:[BbMmKk])?|[A-Z]\d{1,2}(?:\.\d)?)(?![\w%])(?!\.\d)"
_VERSIONED_SUFFIX = "Sonnet|Opus|Haiku|Pro|Flash|Ultra|Nano|Lite|Turbo|Plus|Max|Guard|Coder"

_MODEL_PATTERN = r"""
    (?<![\w/@.-])
    (?P<name>
      (?:[A-Za-z0-9][\w.-]{{0,40}}/)?                       # organisation of a repo id
      (?P<family>{families})
      (?P<glued>[\d]+(?:\.\d+)*[a-z]?)?                      # Llama3, Qwen2.5, GLM4
      (?P<rest>
        (?:\s{_VERSION})?                                    # Llama 2, Qwen 3.5, GPT 3.5
        (?:
            [-_](?:[A-Za-z0-9]+(?:\.[0-9]+[A-Za-z0-9]*)*)      # -70B, -A12B, -v0.1, -1.7B
          | \s{_SIZE}                                        # 70B, 8x7B
          | \s(?:{_VERSIONED_SUFFIX})(?:\s\d+(?:\.\d+)?(?![\w%]))?
          | \s(?:{_SUFFIX})(?:\s\d(?:\.\d)?(?![\w%.]))?(?![\w-])   # Large 2, Small 3.1
          | \s?\(\d+(?:\.\d+)?[BMbm]\)                       # Vela-2 (2.7B)
          | \s[“"](?:{_SUFFIX})[”"](?![\w-])                  # Vela 2 “Medium” (a series)
        )*
      )
    )
    (?![\w])
    """


def _model_re(families: str) -> re.Pattern[str]:
    return re.compile(
        _MODEL_PATTERN.format(
            families=families,
            _VERSION=_VERSION,
            _SIZE=_SIZE,
            _VERSIONED_SUFFIX=_VERSIONED_SUFFIX,
            _SUFFIX=_SUFFIX,
        ),
        re.VERBOSE,
    )


MODEL_RE = _model_re(_FAMILY)
_QUOTES = re.compile(r"[“”\"]")


@lru_cache(maxsize=64)
def _model_re_with(extra_families: tuple[str, ...]) -> re.Pattern[str]:
    return _model_re(_alt(tuple(sorted((*FAMILY_NAMES, *extra_families), key=len, reverse=True))))


# A family we do not know, named with a size joined to it: "Zorblax-2-12B-Instruct".
_GENERIC_MODEL_RE = re.compile(
    r"(?<![\w/@.-])(?P<name>(?:[A-Za-z0-9][\w.-]{0,40}/)?(?P<family>[A-Z][A-Za-z]{2,}\d*)"
    r"(?:[-_.][A-Za-z0-9]+)*?[-_](?:\d+x)?\d+(?:\.\d+)?[BM](?:[-_][A-Za-z0-9]+(?:\.\d+)*)*)"
    r"(?![\w-])"
)
_NOT_FAMILIES = {
    "Top",
    "Series",
    "Round",
    "Stage",
    "Step",
    "Phase",
    "Table",
    "Figure",
    "Section",
    "Version",
    "Model",
    "Models",
    "Size",
    "Sizes",
    "Total",
    "Over",
    "Under",
    "About",
    "Token",
    "Tokens",
    "Up",
    "Only",
    "Just",
    "With",
    "The",
    "And",
    "For",
    "From",
    "All",
    "Our",
    "New",
    "Base",
}

# "the 70B model", "a 12B model", "The larger 70B variant", "this 32B model"
SIZE_REF_RE = re.compile(
    r"""(?<![\w-])(?P<det>[Tt]he|[Aa]n?|[Tt]his|[Tt]hat|[Oo]ur|[Ii]ts)\s+
        (?:(?:smaller|larger|new|bigger|biggest|flagship|largest|smallest|base|dense)\s+)?
        (?P<size>\d+(?:\.\d+)?[BM])(?![\w-])
        (?:\s+(?P<noun>[Mm]odel|variant|version|one)s?\b)?
        (?!\s+(?:weight|class|range|categor|size|scale|param|token|length|context|dataset|
              regime|budget|level|tier|tokens|words|samples|images|pairs|GPU|hours)\w*)""",
    re.VERBOSE,
)


def _loose_alt(names: tuple[str, ...]) -> str:
    """Alternatives where a space or hyphen inside a name may be written either way or left
    out ("AIME 2024", "AIME-2024", "AIME2024")."""
    return "|".join(
        re.sub(r"(?:\\ |\\-|-)", r"[\\s-]?", re.escape(n)) if len(n) > 4 else re.escape(n)
        for n in names
    )


_BENCH_ALT = _loose_alt(BENCHMARK_NAMES)
# A benchmark the lexicon does not list, known by the shape of its name: a capitalised word
# ending in Bench, Eval, QA or Arena ("GlyphQA", "RuneBench", "C-SimpleQA", "Foo-Bench-Hard").
_BENCH_SHAPE = (
    r"(?:[A-Z][\w]*-)*[A-Z][A-Za-z0-9]*(?:-?(?:Bench|bench|Eval|QA|Arena))(?:-[A-Z][\w]*)*"
)
# A version is part of a benchmark's name: "LiveCodeBench v6", "BFCL-V4", "HMMT 2025",
# "Terminal-Bench 2.0". Never a score: a bare "2.0" counts only with its zero.
_BENCH_VERSION = r"(?:[\s-]?[vV]\d{1,2}(?:\.\d)?|\s(?:19|20)\d\d|\s\d\.0)(?![\w%]|\.\d)"
BENCHMARK_RE = re.compile(
    rf"(?<![\w-])(?P<name>(?:{_BENCH_ALT}|{_BENCH_SHAPE})(?:{_BENCH_VERSION})?)"
    r"(?![\w-]|\+(?!\w))"
)
_BENCH_SET = {b.lower() for b in BENCHMARK_NAMES}
_BENCH_SET_FOLDED = {b.lower(): b for b in BENCHMARK_NAMES}
# Words of the benchmark shape that name no benchmark.
_NOT_BENCHMARKS = {"qa", "eval", "bench", "arena"}

SIZE_TOKEN_RE = re.compile(r"(?<![\w.])(\d+x)?\d+(?:\.\d+)?[BbMm](?![a-zA-Z])")
REPO_ID_RE = re.compile(r"^[A-Za-z0-9][\w.-]*/[\w.-]+$")
_FAMILY_ANY = re.compile(rf"(?<![A-Za-z])(?:{_FAMILY})", re.IGNORECASE)


# A name followed by these words names a licence. Matched at an offset, not on a slice: a copy
# of the rest of the text per name made a long text quadratic.
_LICENCE_AFTER = re.compile(r"\s+(?:licen[cs]e|terms)\b", re.IGNORECASE)


def model_mentions(text: str, extra_families: tuple[str, ...] = ()) -> list[tuple[int, int, str]]:
    """(start, end, name) of model names in prose. `extra_families` are families the document
    itself names in its tables (unknown to the lexicon); like company names, they count only
    with a version or size."""
    out = []
    pattern = _model_re_with(extra_families) if extra_families else MODEL_RE
    for m in pattern.finditer(text):
        name = _QUOTES.sub("", m.group("name")).rstrip(".-_")
        family = m.group("family")
        needs_version = family in NEEDS_VERSION or family in extra_families
        if needs_version and not (m.group("glued") or m.group("rest").strip()):
            continue
        if family in ("Sonnet", "Opus", "Haiku") and not m.group("rest").strip():
            continue
        if _LICENCE_AFTER.match(text, m.end()):
            continue  # "Qwen-Research license" names a licence
        start = m.start("name")
        out.append((start, start + len(m.group("name").rstrip(".-_")), name))
    known = len(out)  # sorted by start, and never overlapping one another
    k = 0
    for m in _GENERIC_MODEL_RE.finditer(text):
        if m.group("family") in _NOT_FAMILIES:
            continue
        # One pass over both sorted lists: skip known names that end before this one starts.
        while k < known and out[k][1] <= m.start():
            k += 1
        if k < known and out[k][0] < m.end():
            continue
        out.append((m.start(), m.end(), m.group("name")))
    return sorted(out)


def sized_model_names(text: str) -> list[str]:
    """Names of models of families the lexicon does not know, written with a size
    ("Zorblax-2-12B-Instruct"): the document names these families, so a later "Zorblax-2"
    is a model too."""
    return [
        m.group("name")
        for m in _GENERIC_MODEL_RE.finditer(text)
        if m.group("family") not in _NOT_FAMILIES
    ]


def unknown_families(names: list[str]) -> tuple[str, ...]:
    """Families of model names (from a document's tables) that the lexicon does not know."""
    known = {f.lower() for f in FAMILY_NAMES}
    found = []
    for name in names:
        m = re.match(r"(?:[\w.-]+/)?([A-Z][A-Za-z]{2,})(?=[\d\s_-])", name)
        if m and m.group(1).lower() not in known and m.group(1) not in _NOT_FAMILIES:
            found.append(m.group(1))
    return tuple(sorted(set(found)))


def looks_like_model(text: str) -> bool:
    """Whether a table label reads as a model name (not a size, a stage or a setting)."""
    t = text.strip()
    if not t or len(t) > 120:
        return False
    if REPO_ID_RE.match(t):
        return True
    if _FAMILY_ANY.search(t):
        return True
    # An unknown family: a capitalised word joined to a version or size, e.g. "Foo-7B".
    return (
        bool(re.search(r"[A-Za-z]{2,}[\w]*[-_ ]?v?\d+(?:\.\d+)?[BbMm]?\b", t))
        and bool(SIZE_TOKEN_RE.search(t) or re.search(r"[A-Za-z]+-?\d", t))
        and not re.match(r"(?i)^(stage|step|phase|epoch|layer|round|top|table|figure)\b", t)
    )


def is_known_benchmark(name: str) -> bool:
    return name.strip().lower() in _BENCH_SET


def benchmark_mentions(text: str, *, allow_ambiguous: bool = False) -> list[tuple[int, int, str]]:
    out = []
    for m in BENCHMARK_RE.finditer(text):
        name = m.group("name")
        if _BENCH_SET_FOLDED.get(name.lower()) is None and name.lower() in _NOT_BENCHMARKS:
            continue
        if name in AMBIGUOUS_BENCHMARKS and not allow_ambiguous:
            continue
        out.append((m.start("name"), m.end("name"), name))
    return out


_LEADERBOARD_RE = re.compile(
    r"((?:(?:Open|Multilingual|Hugging\s?Face|HF|Chatbot|LMSYS|BigCode|Big\s?Code|MTEB|"
    r"Multilingual)\s+)*(?:LLM\s+|Models\s+)?[Ll]eaderboard(?:\s+\d)?)"
)


def leaderboard_in(text: str) -> str:
    """The canonical name of the last leaderboard a text mentions, or ""."""
    found = ""
    if "eaderboard" not in text:
        return ""
    for m in _LEADERBOARD_RE.finditer(text):
        found = m.group(1)
    if not found:
        return ""
    key = re.sub(r"\s+", " ", found).strip().lower()
    if key in LEADERBOARD_ALIASES:
        return LEADERBOARD_ALIASES[key]
    return " ".join(w if w.isupper() else w[:1].upper() + w[1:] for w in found.split())


def has_size(name: str) -> bool:
    return bool(SIZE_TOKEN_RE.search(name))
