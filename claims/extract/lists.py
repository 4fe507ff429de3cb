"""Scores written as list items under a heading that names the other half of each claim.

    Graduate-level reasoning (GlyphQA)         Vela-7B-Instruct
    - Vela-7B-Instruct: 61.2%                  - GlyphQA: 61.2%
    - Norn-12B: 55.0%                          - RuneBench: 40.1 (5-shot)

An item is "label: figure" (a colon or a dash between them). When the label names a model, the
benchmark comes from the nearest short line above the run of items that names exactly one
benchmark; when the label names a benchmark, the model comes from the nearest such line that
names one model. A figure whose heading names none, or several, is handed back as unattributed.
"""

import re
from dataclasses import dataclass, field

from claims.extract.figures import FIGURE_TEXT, figure_value
from claims.extract.names import benchmark_mentions, looks_like_model, model_mentions
from claims.extract.types import ExtractedClaim, UnattributedFigure
from claims.parse.types import Block, ParsedDocument
from claims.setting import setting_format, setting_merge, setting_parse

# "Label: 61.2%", "Label – 61.2 (5-shot)", "Label: 61.2% accuracy"
LABELLED_FIGURE = re.compile(
    rf"^(?P<label>[^:–—]{{2,80}}?)\s*(?::|\s[–—-]\s)\s*(?P<figure>{FIGURE_TEXT})\s*%?"
    r"(?:\s*(?:accuracy|score|points?|pass@\d+))?(?P<note>\s*\([^)]{1,60}\))?\s*[.;]?$"
)
# Lines above a run of items that may name its benchmark or model: short, not a sentence.
HEADING_LINE_MAX = 100
HEADING_LOOKBACK = 4
_FOOTNOTE_MARKS = re.compile(r"[*†‡¹²³]+$")


@dataclass
class ListResult:
    claims: list[ExtractedClaim] = field(default_factory=list)
    unattributed: list[UnattributedFigure] = field(default_factory=list)
    blocks: set[int] = field(default_factory=set)  # items read here, not to be read as prose


def _item(block: Block) -> re.Match[str] | None:
    if block.kind not in ("list_item", "paragraph") or len(block.text) > 140:
        return None
    return LABELLED_FIGURE.match(block.text)


def _label_kind(label: str) -> tuple[str, str]:
    """("model" | "benchmark" | "", the name) for an item's label."""
    benches = benchmark_mentions(label, allow_ambiguous=True)
    if benches and sum(e - s for s, e, _ in benches) >= len(label.strip()) * 0.6:
        return "benchmark", benches[0][2]
    name = _FOOTNOTE_MARKS.sub("", label.strip()).strip()
    if model_mentions(name) or looks_like_model(name):
        return "model", name
    return "", ""


def _heading_names(doc: ParsedDocument, first: int, want: str) -> list[str]:
    """Names of kind `want` on the nearest short line above item `first` that names any."""
    for j in range(first - 1, max(-1, first - 1 - HEADING_LOOKBACK), -1):
        block = doc.blocks[j]
        if block.kind in ("table", "code") or len(block.text) > HEADING_LINE_MAX:
            return []
        if want == "benchmark":
            names = [n for _, _, n in benchmark_mentions(block.text, allow_ambiguous=True)]
        else:
            names = [n for _, _, n in model_mentions(block.text)]
        if names:
            return list(dict.fromkeys(names))
    return []


def list_claims(doc: ParsedDocument) -> ListResult:
    """Scores of every run of "label: figure" items in the document."""
    result = ListResult()
    i, blocks = 0, doc.blocks
    while i < len(blocks):
        if _item(blocks[i]) is None:
            i += 1
            continue
        j = i
        while j < len(blocks) and _item(blocks[j]) is not None:
            j += 1
        _read_run(doc, i, j, result)
        i = j
    return result


def _read_run(doc: ParsedDocument, first: int, stop: int, result: ListResult) -> None:
    heading_cache: dict[str, list[str]] = {}
    for k in range(first, stop):
        block = doc.blocks[k]
        m = _item(block)
        assert m is not None
        kind, name = _label_kind(m.group("label"))
        if not kind:
            continue
        want = "model" if kind == "benchmark" else "benchmark"
        if want not in heading_cache:
            heading_cache[want] = _heading_names(doc, first, want)
        others = heading_cache[want]
        value = figure_value(m.group("figure"))
        if value is None:
            continue
        result.blocks.add(k)
        quote = doc.text[block.start : block.end]
        model, benchmark = (name, others[0] if others else "")
        if kind == "benchmark":
            model, benchmark = (others[0] if others else ""), name
        setting = setting_format(
            setting_merge(
                setting_parse(m.group("note") or "", prose=True),
                setting_parse(m.group("label"), prose=True),
            )
        )
        if len(others) != 1:
            result.unattributed.append(
                UnattributedFigure(
                    quote=quote,
                    start=block.start,
                    end=block.end,
                    value_text=value.text,
                    reason="ambiguous" if others else f"no {want}",
                    model=model if kind == "model" else "",
                    benchmark=benchmark if kind == "benchmark" else "",
                    setting=setting,
                )
            )
            continue
        result.claims.append(
            ExtractedClaim(
                kind="score",
                model=model,
                quote=quote,
                start=block.start,
                end=block.end,
                benchmark=benchmark,
                value=value.low,
                unit="score",
                setting=setting,
                value_text=value.text,
                value_high=value.high,
            )
        )
