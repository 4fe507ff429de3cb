"""Tables that lost their markup: a header line and rows of plain text, as press articles
captured as text carry them ("Model MMLU (Knowledge) GlyphQA (Tool Use)" then
"Vela-70B-A12B 61.2").

Columns come from the header (one per benchmark, a parenthesis closing each, or known
benchmark names); a row is a model name followed by its cells. When a row has as many cells as
there are columns they line up; otherwise a number is placed only where the document's prose
ties it to one of the column benchmarks ("That 61.2 score on GlyphQA ..."), and comparison
cells ("Beats Norn-12B") fill columns from the left.

Either way round: a header "Benchmark Vela-7B Norn-12B" names models as columns, and its rows
start with a benchmark. A row whose cells lost their separators ("MMLU71.3%64.0%58.9%") is
split where the header says how many cells there are and each cell ends with "%".
"""

import re

from claims.extract.names import benchmark_mentions, model_mentions
from claims.extract.tables import split_header
from claims.extract.types import ExtractedClaim, UnattributedFigure
from claims.parse.types import Block, ParsedDocument

_HEADER = re.compile(r"^(?:Model|Models|Model name|Name|System)\s+(?P<rest>.{3,300})$")
_TRANSPOSED_HEADER = re.compile(
    r"^(?:Benchmark|Benchmarks|Task|Tasks|Dataset|Datasets|Evaluation|Metric)\s+(?P<rest>.{3,300})$"
)
_FLAT_CELL = r"\d{1,3}(?:\.\d+)?%"
_CELL = re.compile(
    r"(?P<cmp>(?:Beats|Outperforms|Surpasses|Trails|Matches|Ties with|On par with)\s+.+?)"
    r"(?=\s+(?:Beats|Outperforms|Surpasses|Trails|Matches|Ties with|On par with)\b|$)"
    r"|(?P<num>\d+(?:\.\d+)?)%?(?=\s|$)"
)
_RELATIONS = {
    "beats": ">",
    "outperforms": ">",
    "surpasses": ">",
    "trails": "<",
    "matches": "=",
    "ties with": "=",
    "on par with": "=",
}
MAX_ROWS = 50


def _columns(rest: str) -> list[str]:
    if rest.count("(") >= 2 and rest.count("(") == rest.count(")"):
        cols = [c.strip() for c in re.findall(r"[^()]+?\s*\([^)]*\)", rest)]
        if "".join(cols).replace(" ", "") == rest.replace(" ", ""):
            return cols
    named = benchmark_mentions(rest, allow_ambiguous=True)
    covered = sum(e - s for s, e, _ in named)
    if named and covered >= len(rest.replace(" ", "")) * 0.8:
        return [n for _, _, n in named]
    return []


def _model_columns(rest: str) -> list[str]:
    """Model names that make up a header's columns, or [] when they do not cover it."""
    named = model_mentions(rest)
    covered = sum(e - s for s, e, _ in named)
    if len(named) >= 2 and covered >= len(rest.replace(" ", "")) * 0.8:
        return [n for _, _, n in named]
    return []


def _flattened(text: str, count: int) -> tuple[str, list[str]] | None:
    """A row whose `count` cells lost their separators: (label, cells), or None."""
    m = re.fullmatch(
        rf"(?P<label>.*?[^\d.\s])\s*(?P<cells>(?:{_FLAT_CELL}\s*){{{count}}})", text.strip()
    )
    if m is None:
        return None
    return m.group("label").strip(), [
        c.rstrip("%") for c in re.findall(_FLAT_CELL, m.group("cells"))
    ]


def _transposed_rows(
    doc: ParsedDocument, start: int, models: list[str]
) -> tuple[list[ExtractedClaim], int]:
    """Score claims of the rows under a header of model columns, and the index after them."""
    claims: list[ExtractedClaim] = []
    blocks = doc.blocks
    j = start
    while j < len(blocks) and j - start < MAX_ROWS:
        row = blocks[j]
        if row.kind != "paragraph" or doc.text[blocks[j - 1].end : row.start].count("\n") > 1:
            break
        split = _flattened(row.text, len(models))
        if split is None:
            parts = re.fullmatch(
                rf"(?P<label>.*?[^\d.\s])\s+(?P<cells>(?:\d+(?:\.\d+)?%?\s*){{{len(models)}}})",
                row.text.strip(),
            )
            if parts is None:
                break
            split = parts.group("label"), [c.rstrip("%") for c in parts.group("cells").split()]
        label, cells = split
        named = benchmark_mentions(label, allow_ambiguous=True)
        if not named or named[0][0] != 0:
            break
        bench, settings = split_header(label)
        for model, cell in zip(models, cells, strict=True):
            claims.append(
                ExtractedClaim(
                    kind="score",
                    model=model,
                    quote=doc.text[row.start : row.end],
                    start=row.start,
                    end=row.end,
                    benchmark=bench,
                    value=float(cell),
                    unit="score",
                    setting=settings.text,
                    value_text=cell,
                )
            )
        j += 1
    return claims, j


def _evidence(doc_text: str, value: str, benchmarks: list[str]) -> str:
    """The one column benchmark that the document's sentences put next to this number."""
    found: set[str] = set()
    for m in re.finditer(rf"(?<![\d.]){re.escape(value)}(?!\d|\.\d)", doc_text):
        start = max(doc_text.rfind(".", 0, m.start()), doc_text.rfind("\n", 0, m.start())) + 1
        end_dot = doc_text.find(".", m.end() + 1)
        end_nl = doc_text.find("\n", m.end())
        ends = [e for e in (end_dot, end_nl) if e >= 0]
        end = min(ends) if ends else len(doc_text)
        sentence = doc_text[start:end]
        for b in benchmarks:
            if re.search(rf"(?<![\w-]){re.escape(b)}(?![\w-])", sentence):
                found.add(b)
    return found.pop() if len(found) == 1 else ""


def text_table_claims(
    doc: ParsedDocument, unattributed: list[UnattributedFigure] | None = None
) -> tuple[list[ExtractedClaim], list[str], set[int]]:
    """Claims, model names, and the indices of the blocks that turned out to be table rows.
    A row's figure that no column benchmark claims goes to `unattributed`."""
    claims: list[ExtractedClaim] = []
    models: list[str] = []
    consumed: set[int] = set()
    blocks = doc.blocks
    i = 0
    while i < len(blocks):
        block = blocks[i]
        transposed = _TRANSPOSED_HEADER.match(block.text) if block.kind == "paragraph" else None
        column_models = _model_columns(transposed.group("rest")) if transposed else []
        if column_models:
            found_claims, j = _transposed_rows(doc, i + 1, column_models)
            if found_claims:
                claims.extend(found_claims)
                models.extend(column_models)
                consumed.update(range(i, j))
                i = j
                continue
        header = _HEADER.match(block.text) if block.kind == "paragraph" else None
        cols = _columns(header.group("rest")) if header else []
        if not cols:
            i += 1
            continue
        benches = [split_header(c)[0] for c in cols]
        j = i + 1
        while j < len(blocks) and j - i <= MAX_ROWS:
            row: Block = blocks[j]
            if row.kind != "paragraph" or doc.text[blocks[j - 1].end : row.start].count("\n") > 1:
                break
            flat = _flattened(row.text, len(cols))
            found = model_mentions(flat[0] if flat else row.text)
            if not found or found[0][0] != 0:
                break
            model = found[0][2]
            models.append(model)
            if flat:
                flat_text = " ".join(flat[1])
                cells = list(_CELL.finditer(flat_text))
            else:
                cells = list(_CELL.finditer(row.text, found[0][1]))
            quote = doc.text[row.start : row.end]
            numbers = [c for c in cells if c.group("num")]
            compares = [c for c in cells if c.group("cmp")]
            for k, c in enumerate(cells):
                if len(cells) == len(cols):
                    bench = benches[k]
                elif c.group("num"):
                    bench = _evidence(doc.text, c.group("num"), benches)
                else:
                    bench = benches[compares.index(c)] if compares.index(c) < len(benches) else ""
                if not bench:
                    if c.group("num") and unattributed is not None:
                        unattributed.append(
                            UnattributedFigure(
                                quote=quote,
                                start=row.start,
                                end=row.end,
                                value_text=c.group("num"),
                                reason="no benchmark",
                                model=model,
                            )
                        )
                    continue
                if c.group("num"):
                    claims.append(
                        ExtractedClaim(
                            kind="score",
                            model=model,
                            quote=quote,
                            start=row.start,
                            end=row.end,
                            benchmark=bench,
                            value=float(c.group("num")),
                            unit="score",
                            value_text=c.group("num"),
                        )
                    )
                else:
                    phrase = c.group("cmp")
                    verb = next(v for v in _RELATIONS if phrase.lower().startswith(v))
                    other = phrase[len(verb) :].strip()
                    claims.append(
                        ExtractedClaim(
                            kind="comparison",
                            model=model,
                            quote=quote,
                            start=row.start,
                            end=row.end,
                            benchmark=bench,
                            relation=_RELATIONS[verb],
                            other_model=other,
                        )
                    )
            del numbers
            consumed.update((i, j))
            j += 1
        i = j
    return claims, models, consumed
