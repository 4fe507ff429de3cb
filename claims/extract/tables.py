"""Score and attribute claims from tables, in either orientation.

Models in rows and benchmarks in columns, or benchmarks in rows and models in columns (the
usual vendor layout). Headers are classified (model, benchmark, shots, metric, size, licence,
ignored columns such as token counts), cells are read as numbers with their decorations
("85.2 (5-shot)", "**74.9**", "61.6†", "1589/343", "-" for missing), and every claim quotes the
whole row as written.
"""

import re
from dataclasses import dataclass, field, replace

from claims.extract.figures import finite_number
from claims.extract.names import (
    benchmark_mentions,
    has_size,
    is_known_benchmark,
    leaderboard_in,
    looks_like_model,
)
from claims.extract.settings import (
    FigureSetting,
    figure_setting_of,
    shots_from_number,
)
from claims.extract.types import ExtractedClaim, UnattributedFigure
from claims.parse.types import Block, Cell, Table
from claims.setting import (
    UNDISCLOSED,
    Setting,
    setting_format,
    setting_merge,
    setting_parse,
    setting_rest,
)

MAX_CELLS = 20_000  # per table; beyond this the rest of the table is not read


def _norm_header(text: str) -> str:
    t = re.sub(r"[^\w#@%+ ]+", " ", text.lower())
    return re.sub(r"\s+", " ", t).strip()


_MODEL_HEADERS = {
    "model",
    "models",
    "checkpoint",
    "checkpoints",
    "name",
    "model name",
    "llm",
    "system",
    "base model",
    "models name",
    "model id",
    "variant",
}
_BENCH_HEADERS = {
    "benchmark",
    "benchmarks",
    "task",
    "tasks",
    "dataset",
    "datasets",
    "evaluation",
    "eval",
    "test",
    "benchmark metric",
    "benchmark (metric)",
}
_ROLE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("shots", re.compile(r"^(?:# ?shots?|n ?shots?|shots?|few shot|#shot|k shot)$")),
    ("metric", re.compile(r"^(?:metric|metrics|measure)$")),
    (
        "setting",
        re.compile(
            r"^(?:language(?: id| code)?|lang|setting|settings|mode|prompt|"
            r"subset|split|version)$"
        ),
    ),
    (
        "category",
        re.compile(
            r"^(?:category|categories|domain|type|capability|area|group|"
            r"kind|skill)$"
        ),
    ),
    ("active", re.compile(r"\bactiv(?:e|ated)\b.*\bparam")),
    (
        "experts_per_token",
        re.compile(
            r"(?:experts? per token|activ(?:e|ated) experts?|"
            r"routed experts|top k)"
        ),
    ),
    ("experts", re.compile(r"^(?:#|num|number of)? ?(?:total )?experts?$")),
    (
        "size",
        re.compile(
            r"^(?:model )?(?:size|params|parameters|# ?params|#? ?parameters|"
            r"total params|total parameters|param count|params \w+|\w+ params)$"
        ),
    ),
    ("license", re.compile(r"^(?:licen[cs]e|licen[cs]es|availability|license type)$")),
    ("context", re.compile(r"context")),
    (
        "ignore",
        re.compile(
            r"non ?emb|embedding|layers?|heads?|hidden|vocab|\bgt\b|tokens|pretraining|training|"
            r"commercial|price|cost|\$|speed|throughput|latency|vram|memory|gpu|hardware|stage|"
            r"release|\bdate\b|tie |precision|batch|lr\b|learning rate|requirement|setup|link|url|"
            r"download|\bopen\b|weights?$|quantization|bits|\byear\b|\borg\b|organization|developer|author|"
            r"architecture|\barch\b|dimension|\brank\b|#$|^no$|^index$|elo ci|votes|license|"
            r"downloads|likes|stars|\bcount\b|samples"
        ),
    ),
]


def column_role(header: str) -> str:
    h = _norm_header(header)
    if not h:
        return "empty"
    if h in _MODEL_HEADERS:
        return "model"
    if h in _BENCH_HEADERS:
        return "benchmark"
    for role, pattern in _ROLE_PATTERNS:
        if pattern.search(h):
            if role == "ignore" and re.search(r"licen[cs]e", h):
                return "license"
            return role
    return "value"


# ---------------------------------------------------------------------------- cell values

_MISSING = re.compile(r"^(?:[-–—‐−]+|n/?a|N/?A|none|null|—|/|\?|x|✗|✘|tbd|TBD|\*)$")
_NUMBER = re.compile(
    r"(?<![\w.])(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?P<pct>\s?%)?"
)
_UNIT_AFTER = re.compile(
    r"^\s?(?:[KkMBTG](?![a-z])|GB|TB|MB|[Gg]iB|tokens?|tok|ms|s\b|sec|h\b|hours?|x\b|×|"
    r"params|parameters|languages?|GPUs?|B tokens|k\b|K\b|M\b|days?|epochs?|steps?|W\b|"
    r"USD|\$|€)"
)
_DECORATION = re.compile(r"[*†‡§¶#^\u00b9\u00b2\u00b3\u2070-\u2079]+|\[\d{1,2}\]")


@dataclass(frozen=True)
class CellValue:
    value: float
    start: int  # within the cell text
    end: int
    setting: Setting
    text: str = ""  # the number as printed


def cell_values(text: str) -> list[CellValue]:
    """Scores in a cell: "85.2", "85.2 (5-shot)", "40.2%", "1589/343"; [] when not a score."""
    t = text.strip()
    if not t or _MISSING.match(t) or len(t) > 60:
        return []
    if "$" in t or "€" in t:
        return []
    out: list[CellValue] = []
    setting = UNDISCLOSED
    # A parenthetical after the number is a setting ("85.2 (5-shot)") or a delta to skip.
    paren = re.search(r"\(([^)]*)\)", t)
    core = t
    if paren:
        setting = setting_parse(paren.group(1), prose=True)
        core = t[: paren.start()]
        if not core.strip():
            return []
    core_clean = _DECORATION.sub(" ", core)
    if re.search(r"[A-Za-z]{2,}", core_clean):
        # Words after the number are read only when they say how it was aggregated
        # ("61.6 pass@1"): that is then its setting.
        printed = setting_parse(core_clean, prose=True)
        if printed != Setting(aggregation=printed.aggregation, k=printed.k) or not re.fullmatch(
            r"[\d.,/%\s]+", setting_rest(core_clean, prose=True)
        ):
            return []
        setting = setting_merge(setting, printed)
    numbers = list(_NUMBER.finditer(core_clean))
    if not numbers:
        return []
    # Two numbers are read only when they are separated by "/" (a cell reporting two parts).
    if len(numbers) > 1 and not re.fullmatch(r"\s*[\d.,]+\s*/\s*[\d.,]+\s*%?\s*", core_clean):
        numbers = numbers[:1]
        if re.search(r"[±]|\+/-", core_clean):
            pass
        elif re.search(r"\d\s*[-–]\s*\d", core_clean):
            return []  # a range is not one score
    for m in numbers:
        tail = core_clean[m.end() :]
        if _UNIT_AFTER.match(tail) and not m.group("pct"):
            return []
        raw = m.group("num").replace(",", "")
        try:
            value = float(raw)
        except ValueError:
            continue
        if value > 100_000:
            return []
        if finite_number(raw) is None:
            return []
        out.append(CellValue(value=value, start=m.start(), end=m.end(), setting=setting, text=raw))
    return out


# ---------------------------------------------------------------------------- headers

_HEADER_NOISE = re.compile(r"[⬇⬆↑↓▲▼⇩⇧️]|\(\s*%\s*\)|%")
_TRAILING_SHOTS = re.compile(r"^(?P<name>.*?[A-Za-z].*?)[\s-](?P<n>\d{1,2})$")
_SCORE_WORDS = re.compile(r"(?i)\s*\b(?:score|scores|accuracy|acc|result|results)\b\s*$")


def split_header(header: str) -> tuple[str, FigureSetting]:
    """A benchmark header → (benchmark name, its setting and notes).

    "HellaSwag-10" → ("HellaSwag", 10-shot); "MMLU PRO (CoT)" → ("MMLU PRO", CoT);
    "QuAC (F1)" → ("QuAC", note "f1"); "GlyphQA (Tool Use)" → ("GlyphQA", nothing);
    "MT-Bench score ⬇️" → ("MT-Bench", nothing).
    """
    h = _HEADER_NOISE.sub(" ", header)
    setting = UNDISCLOSED
    notes: list[str] = []
    for m in re.finditer(r"\(([^)]*)\)|\[([^\]]*)\]", h):
        inner = (m.group(1) or m.group(2) or "").strip()
        found = setting_parse(inner, prose=True)
        if found.disclosed:
            setting = setting_merge(setting, found)
        elif re.fullmatch(  # a metric: no setting, but it qualifies the figure
            r"(?i)(?:em|f1|acc(?:uracy)?|acc_norm|exact match|bleu|rouge-?l|elo|win ?rate|"
            r"acc_char|strict|loose)",
            inner,
        ):
            notes.append(inner.lower() if inner.lower() in ("em", "f1") else inner)
    name = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", h)
    inline = setting_parse(name, prose=True)
    if inline.disclosed:
        setting = setting_merge(inline, setting)
        name = setting_rest(name, prose=True)
    name = re.sub(r"\s+", " ", name).strip(" -:,")
    name = _SCORE_WORDS.sub("", name).strip(" -:,")
    if not is_known_benchmark(name):
        trailing = _TRAILING_SHOTS.match(name)
        if trailing and int(trailing.group("n")) <= 32:
            base = trailing.group("name").strip(" -")
            if not re.search(r"(?i)(?:v|version)$", base):
                name = base
                setting = setting_merge(Setting(shots=int(trailing.group("n"))), setting)
    return name, FigureSetting(setting, tuple(notes))


_AVERAGE = re.compile(r"(?i)^(?:avg\.?|average|mean|overall(?: average)?|avg score)$")


def _benchmark_for(header: str, context: str) -> tuple[str, FigureSetting]:
    name, settings = split_header(header)
    if _AVERAGE.match(name):
        board = leaderboard_in(context)
        if board:
            return board, replace(settings, notes=("Average", *settings.notes))
        return name, settings
    if re.search(r"(?i)\bleaderboard\b", name):
        own = leaderboard_in(name)
        if own and own != "Open LLM Leaderboard":
            return own, settings
        board = leaderboard_in(context)
        return board or own or name, settings
    return name, settings


# Headers that say a column holds figures without naming what they measure or whose they are.
_GENERIC_HEADER = re.compile(
    r"(?i)^(?:scores?|values?|results?|accuracy|acc\.?|performance|%|number|figures?)$"
)


def _plausible_benchmark(name: str) -> bool:
    if not name or len(name) > 80 or _GENERIC_HEADER.match(name.strip()):
        return False
    if not re.search(r"[A-Za-z]", name):
        return False
    return is_known_benchmark(name) or not looks_like_model(name)


# ---------------------------------------------------------------------------- tables


@dataclass
class TableResult:
    claims: list[ExtractedClaim]
    models: list[str]
    # Score-like cells that could not be attached to exactly one model and one benchmark.
    unattributed: list[UnattributedFigure] = field(default_factory=list)

    def leftover(
        self,
        cell: Cell | None,
        reason: str,
        quoted: tuple[str, int, int],
        model: str = "",
        benchmark: str = "",
    ) -> None:
        """Keep the figures of a cell that became no claim, quoting its row."""
        if cell is None or cell.spanned:
            return
        quote, start, end = quoted
        for v in cell_values(cell.text):
            self.unattributed.append(
                UnattributedFigure(
                    quote=quote,
                    start=start,
                    end=end,
                    value_text=v.text,
                    reason=reason,
                    model=model,
                    benchmark=benchmark,
                    setting=setting_format(v.setting),
                )
            )


def _holds_scores(label: str) -> bool:
    """Whether a row label leaves its cells free to be scores: not an attribute ("Context
    length"), a size, a price, a date or a count."""
    return _attribute_row(label) is None and column_role(label) in ("value", "benchmark")


def _headers(table: Table) -> list[str]:
    width = table.width
    heads = []
    for c in range(width):
        parts: list[str] = []
        for r in range(table.header_rows):
            row = table.rows[r]
            if c < len(row.cells):
                t = row.cells[c].text.strip()
                if t and t not in parts:
                    parts.append(t)
        heads.append(" ".join(_without_repeated_group(parts)))
    return heads


def _without_repeated_group(parts: list[str]) -> list[str]:
    """Header parts without a group label that a lower header already spells out.

    "Vela" over "Vela-40B" names the model "Vela-40B", while "Norn3" over "Base" still
    reads "Qwen3 Base".
    """
    lowered = [p.lower() for p in parts]
    return [
        p for k, p in enumerate(parts) if not any(lowered[k] in later for later in lowered[k + 1 :])
    ]


def _cell(row_cells: tuple[Cell, ...], c: int) -> Cell | None:
    return row_cells[c] if c < len(row_cells) else None


def _model_label(text: str) -> str:
    t = re.sub(r"\s+", " ", text).strip(" *_")
    t = re.sub(r"^[\W_]+(?=\w)", "", t) if not t.startswith("(") else t
    return t


def _numeric_share(table: Table, col: int) -> float:
    body = table.rows[table.header_rows :]
    vals = [r.cells[col].text for r in body if col < len(r.cells) and r.cells[col].text.strip()]
    if not vals:
        return 0.0
    return sum(1 for v in vals if cell_values(v)) / len(vals)


_MARKS = "†‡§¶¹²³⁴⁵⁶⁷⁸⁹"
# A mark opening a line under the table; stars only when a space follows ("**Note**" is bold).
_FOOTNOTE_LINE = re.compile(
    rf"(?m)^[ \t>]*\\?(?:(?P<mark>[{_MARKS}])[ \t]*|(?P<stars>\*{{1,3}})[ \t]+)(?P<note>\S.*)$"
)
_STARRED = re.compile(r"(?<=[\w.%)])\s?(\*{1,3})(?=\s*$)")


def footnote_settings(text_after: str) -> dict[str, Setting]:
    """Settings stated by the footnotes under a table ("† pass@1", "* 5-shot"), by mark."""
    notes: dict[str, Setting] = {}
    for m in _FOOTNOTE_LINE.finditer(text_after[:2000]):
        found = setting_parse(m.group("note"), prose=True)
        if found.disclosed:
            notes.setdefault(m.group("mark") or m.group("stars"), found)
    return notes


def _marked(notes: dict[str, Setting], *texts: str) -> Setting:
    """The setting of the footnotes whose marks a cell, its header or its row label carries
    (the texts as written, where a star is still a star); the first stated wins."""
    found = UNDISCLOSED
    if not notes:
        return found
    for text in texts:
        marks = [ch for ch in text if ch in _MARKS]
        starred = _STARRED.search(text.strip())
        if starred and not text.strip().startswith(starred.group(1)):  # not **bold**
            marks.append(starred.group(1))
        for mark in marks:
            found = setting_merge(found, notes.get(mark, UNDISCLOSED))
    return found


def table_wide_settings(context: str) -> Setting:
    """Settings the text just before a table states for all of it. One in parentheses after a
    benchmark's name ("81.3 on MMLU (5-shot)") belongs to that benchmark, not the table."""
    text = context[-300:]
    for _, end, _ in reversed(benchmark_mentions(text, allow_ambiguous=True)):
        text = text[:end] + re.sub(r"^\s*\([^)]*\)", "", text[end:])
    return setting_parse(text, prose=True)


_NOT_A_MODEL_LABEL = re.compile(
    r"(?i)^(?:avg\.?|average|mean|overall|total|human|humans?\s+\w+|random|baseline|chance|"
    r"stage|step|phase|epoch|layer|round|top|table|figure|note)\b"
)


def _names_a_model(label: str) -> bool:
    """Whether a label under a "Model" header names one: words, not a figure or an aggregate."""
    return (
        bool(re.match(r"[A-Za-z]", label))
        and len(label) <= 60
        and not _NOT_A_MODEL_LABEL.match(label)
    )


def _score(
    model: str,
    benchmark: str,
    value: CellValue,
    setting: FigureSetting,
    quoted: tuple[str, int, int],
) -> ExtractedClaim:
    """A cell's score claim; `setting` is what the cell, its row, its column and the table
    state of it."""
    quote, start, end = quoted
    return ExtractedClaim(
        kind="score",
        model=model,
        quote=quote,
        start=start,
        end=end,
        benchmark=benchmark,
        value=value.value,
        unit="score",
        setting=setting.text,
        value_text=value.text,
    )


def table_claims(doc_text: str, block: Block, context: str, after: str = "") -> TableResult:
    table = block.table
    result = TableResult(claims=[], models=[])
    if table is None or len(table.rows) < 2 or table.width < 2:
        return result
    if table.width * len(table.rows) > MAX_CELLS:
        table = Table(
            rows=table.rows[: MAX_CELLS // max(table.width, 1)], header_rows=table.header_rows
        )
    headers = _headers(table)
    roles = [column_role(h) for h in headers]
    body = table.rows[table.header_rows :]
    if not body:
        return result

    context_settings = table_wide_settings(context) if context else UNDISCLOSED
    notes = footnote_settings(after)

    def written(cell: Cell | None) -> str:
        return doc_text[cell.start : cell.end] if cell else ""

    written_headers = [
        " ".join(written(_cell(table.rows[r].cells, c)) for r in range(table.header_rows))
        for c in range(table.width)
    ]

    value_cols = [c for c, r in enumerate(roles) if r == "value"]
    bench_col = next((c for c, r in enumerate(roles) if r == "benchmark"), None)
    model_col = next((c for c, r in enumerate(roles) if r == "model"), None)

    header_models = [c for c in value_cols if looks_like_model(headers[c])]
    label_col = model_col if model_col is not None else (bench_col if bench_col is not None else 0)
    if label_col in value_cols:
        value_cols.remove(label_col)
        if label_col in header_models:
            header_models.remove(label_col)
    label_cells = [r.cells[label_col].text for r in body if label_col < len(r.cells)]
    label_models = sum(1 for t in label_cells if t.strip() and looks_like_model(t))
    label_filled = sum(1 for t in label_cells if t.strip()) or 1

    transposed = bench_col is not None or (
        model_col is None
        and header_models
        and len(header_models) >= max(1, len(value_cols) // 2)
        and label_models / label_filled < 0.5
    )
    row_setting_cols = [c for c, r in enumerate(roles) if r in ("shots", "metric", "setting")]

    def row_settings(cells: tuple[Cell, ...]) -> FigureSetting:
        setting = UNDISCLOSED
        notes: list[str] = []
        for c in row_setting_cols:
            cell = _cell(cells, c)
            if cell is None or not cell.text.strip():
                continue
            t = re.sub(r"\s+", " ", cell.text).strip(" *_")
            shots = shots_from_number(t) if roles[c] == "shots" else UNDISCLOSED
            stated = FigureSetting(shots) if shots.disclosed else figure_setting_of(t)
            setting = setting_merge(setting, stated.setting)
            notes.extend(stated.notes)
        return FigureSetting(setting, tuple(notes))

    def cell_setting(
        value: CellValue, marked: Setting, row: FigureSetting, column: FigureSetting
    ) -> FigureSetting:
        """What a cell's figure was obtained with: the most particular statement wins (the
        cell's own parenthesis, its footnote, its row's, its column's, then the table's)."""
        setting = value.setting
        for inherited in (marked, row.setting, column.setting, context_settings):
            setting = setting_merge(setting, inherited)
        return FigureSetting(setting, (*column.notes, *row.notes))

    def quote(row_start: int, row_end: int) -> tuple[str, int, int]:
        return doc_text[row_start:row_end], row_start, row_end

    if transposed:
        model_cols = header_models or [
            c for c in value_cols if headers[c].strip() and not _GENERIC_HEADER.match(headers[c])
        ]
        modelless_cols = [c for c in value_cols if c not in model_cols]
        for row in body:
            cells = row.cells
            bcell = _cell(cells, label_col)
            if bcell is None or not bcell.text.strip():
                continue
            q, qs, qe = quote(row.start, row.end)
            attribute = _attribute_row(bcell.text)
            if attribute is not None:
                # "Total Parameters | 671B | 236B": one attribute per model column.
                name, value_re = attribute
                for c in header_models:
                    cell = _cell(cells, c)
                    value = re.sub(r"\s+", " ", cell.text).strip(" *_") if cell else ""
                    printed = value_re.match(value)
                    if cell is None or cell.spanned or printed is None:
                        continue
                    result.claims.append(
                        ExtractedClaim(
                            kind="attribute",
                            model=_model_label(headers[c]),
                            quote=q,
                            start=qs,
                            end=qe,
                            attribute=name,
                            attribute_value=printed.group().strip(),
                        )
                    )
                continue
            bench, bsettings = _benchmark_for(bcell.text, context)
            if not _plausible_benchmark(bench):
                if _holds_scores(bcell.text):
                    # A model column's figure on a row naming no benchmark, or another model.
                    reason = "ambiguous" if looks_like_model(bcell.text) else "no benchmark"
                    for c in model_cols:
                        model = _model_label(headers[c])
                        result.leftover(_cell(cells, c), reason, (q, qs, qe), model=model)
                continue
            for c in modelless_cols:
                result.leftover(_cell(cells, c), "no model", (q, qs, qe), benchmark=bench)
            rsettings = row_settings(cells)
            for c in model_cols:
                cell = _cell(cells, c)
                if cell is None or cell.spanned:
                    continue
                model = _model_label(headers[c])
                marked = _marked(notes, written(cell), written_headers[c], written(bcell))
                for v in cell_values(cell.text):
                    setting = cell_setting(v, marked, rsettings, bsettings)
                    result.claims.append(_score(model, bench, v, setting, (q, qs, qe)))
        result.models = [_model_label(headers[c]) for c in model_cols]
        return result

    # Models in rows.
    size_col = next((c for c, r in enumerate(roles) if r == "size"), None)
    bench_cols = []
    benchless_cols = []  # columns of figures whose header names no benchmark
    for c in value_cols:
        if _numeric_share(table, c) < 0.5:
            continue
        bench, bsettings = _benchmark_for(headers[c], context)
        if not _plausible_benchmark(bench):
            benchless_cols.append(c)
            continue
        bench_cols.append((c, bench, bsettings))
    previous_label = ""
    for row in body:
        cells = row.cells
        lcell = _cell(cells, label_col)
        label = _model_label(lcell.text) if lcell else ""
        if not label:
            label = previous_label  # a model named once for several rows (languages, modes)
        else:
            previous_label = label
        named = looks_like_model(label + " " + _size_text(cells, size_col))
        if not label or not (named or (model_col is not None and _names_a_model(label))):
            if not label or _holds_scores(label):
                for c, bench, _ in bench_cols:
                    result.leftover(
                        _cell(cells, c), "no model", quote(row.start, row.end), benchmark=bench
                    )
            continue
        size_text = _size_text(cells, size_col)
        model = label
        if size_text and not has_size(label):
            model = f"{label} {size_text}"
        if model not in result.models:
            result.models.append(model)
        rsettings = row_settings(cells)
        q, qs, qe = quote(row.start, row.end)
        for c in benchless_cols:
            # A header naming another model makes a head-to-head figure: whose is it?
            reason = "ambiguous" if looks_like_model(headers[c]) else "no benchmark"
            result.leftover(_cell(cells, c), reason, (q, qs, qe), model=model)
        for c, bench, bsettings in bench_cols:
            cell = _cell(cells, c)
            if cell is None or cell.spanned:
                continue
            marked = _marked(notes, written(cell), written_headers[c], written(lcell))
            for v in cell_values(cell.text):
                setting = cell_setting(v, marked, rsettings, bsettings)
                result.claims.append(_score(model, bench, v, setting, (q, qs, qe)))
        result.claims.extend(_row_attributes(model, cells, roles, q, qs, qe))
    return result


def _size_text(cells: tuple[Cell, ...], size_col: int | None) -> str:
    if size_col is None:
        return ""
    cell = _cell(cells, size_col)
    if cell is None:
        return ""
    t = cell.text.strip()
    return t if re.fullmatch(r"\d+(?:\.\d+)?\s?[BMT]|\d+x\d+B", t) else ""


_LICENSE_CELL = re.compile(r"[A-Za-z]")
_SIZE_CELL = re.compile(r"^\d+(?:\.\d+)?\s?[BMT]$|^\d+x\d+(?:\.\d+)?B$")
_CONTEXT_CELL = re.compile(r"^\d+(?:\.\d+)?\s?[KkM]$|^\d{3,7}$|^\d{1,3}(?:,\d{3})+$")


def _row_attributes(
    model: str, cells: tuple[Cell, ...], roles: list[str], q: str, qs: int, qe: int
) -> list[ExtractedClaim]:
    out = []
    for c, role in enumerate(roles):
        cell = _cell(cells, c)
        if cell is None or cell.spanned:
            continue
        t = re.sub(r"\s+", " ", cell.text).strip(" *_")
        if not t or _MISSING.match(t):
            continue
        attribute = ""
        if role == "size" and _SIZE_CELL.match(t):
            attribute = "total_params"
        elif role == "active" and _SIZE_CELL.match(t):
            attribute = "active_params"
        elif role == "license" and _LICENSE_CELL.search(t) and len(t) <= 60:
            if re.fullmatch(r"(?i)yes|no|open|closed|✅|❌|unknown", t):
                continue
            attribute = "license"
        elif role == "context" and _CONTEXT_CELL.match(t):
            attribute = "context_length"
        elif role == "experts" and re.fullmatch(r"\d{1,4}", t):
            attribute = "num_experts"
        elif role == "experts_per_token" and re.fullmatch(r"\d{1,3}", t):
            attribute = "experts_per_token"
        if attribute:
            out.append(
                ExtractedClaim(
                    kind="attribute",
                    model=model,
                    quote=q,
                    start=qs,
                    end=qe,
                    attribute=attribute,
                    attribute_value=t,
                )
            )
    return out


_KEY_ATTRIBUTES: list[tuple[str, re.Pattern[str], re.Pattern[str]]] = [
    (
        "context_length",
        re.compile(
            r"(?i)^(?:max(?:imum)?\s+)?context(?:\s+(?:length|window|size))?"
            r"(?:\s*\(tokens\))?$"
        ),
        re.compile(r"^\d+(?:\.\d+)?\s?[KkM]?\b|^\d{1,3}(?:,\d{3})+"),
    ),
    (
        "total_params",
        re.compile(
            r"(?i)^(?:total\s+)?(?:parameters|params|model size|size|"
            r"number of parameters|# ?params)$"
        ),
        re.compile(r"^\d+(?:\.\d+)?\s?(?:[BMT]|billion|million)\b"),
    ),
    (
        "active_params",
        re.compile(r"(?i)^activ(?:e|ated)\s+(?:parameters|params)$"),
        re.compile(r"^\d+(?:\.\d+)?\s?(?:[BM]|billion|million)\b"),
    ),
    (
        "num_experts",
        re.compile(r"(?i)^(?:number of |# ?|total )?experts$"),
        re.compile(r"^\d{1,4}\b"),
    ),
    (
        "experts_per_token",
        re.compile(
            r"(?i)^(?:activ(?:e|ated) experts|experts per token|"
            r"routed experts)$"
        ),
        re.compile(r"^\d{1,3}\b"),
    ),
    ("license", re.compile(r"(?i)^licen[cs]e$"), re.compile(r"^[A-Za-z][\w .-]{1,50}$")),
]


def _attribute_row(label: str) -> tuple[str, re.Pattern[str]] | None:
    """The attribute a row label names ("Activated Parameters", "Context Length") and the
    pattern of its values, or None."""
    key = re.sub(r"\s+", " ", label).strip(" *_:")
    for attribute, key_re, value_re in _KEY_ATTRIBUTES:
        if key_re.match(key):
            return attribute, value_re
    return None


def key_value_claims(doc_text: str, block: Block, model: str) -> list[ExtractedClaim]:
    """Attributes from a two-column "property | value" table about the document's model
    ("| Context length | 8192 (stages 3 and 4) |")."""
    table = block.table
    if table is None or table.width != 2 or not model or len(table.rows) > 60:
        return []
    out = []
    for row in table.rows:
        if len(row.cells) != 2 or looks_like_model(row.cells[0].text):
            continue
        key = re.sub(r"\s+", " ", row.cells[0].text).strip(" *_:")
        value = re.sub(r"\s+", " ", row.cells[1].text).strip(" *_")
        for attribute, key_re, value_re in _KEY_ATTRIBUTES:
            if key_re.match(key):
                vm = value_re.match(value)
                if vm:
                    out.append(
                        ExtractedClaim(
                            kind="attribute",
                            model=model,
                            quote=doc_text[row.start : row.end],
                            start=row.start,
                            end=row.end,
                            attribute=attribute,
                            attribute_value=vm.group().strip(),
                        )
                    )
                break
    return out
