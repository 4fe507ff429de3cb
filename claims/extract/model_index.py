"""Claims from a Hugging Face model card's front matter: scores from `model-index`, and the
licence from `license`.

The card states its results as data: for each model, results with a dataset (name, type,
few-shot count) and metrics (type, value). Each metric value becomes a score claim whose quote
is the value's line in the front matter ("value: 54.61"), so the offsets point into the file.
The YAML is composed (not just loaded) to keep every value's position.
"""

import re
from collections.abc import Iterator
from dataclasses import replace

import yaml

from claims.extract.figures import finite_number
from claims.extract.settings import FigureSetting
from claims.extract.tables import split_header
from claims.extract.types import ExtractedClaim
from claims.parse.types import ParsedDocument
from claims.setting import Setting, setting_merge, setting_parse

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_RESULTS = 2000  # metric values read per card


def _mapping(node: yaml.Node | None) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        return {}
    return {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode)}


def _sequence(node: yaml.Node | None) -> list[yaml.Node]:
    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _scalar(node: yaml.Node | None) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def _number(text: str) -> float | None:
    return finite_number(text.rstrip("%").strip())


def _benchmark(dataset: dict[str, yaml.Node]) -> tuple[str, FigureSetting]:
    raw = _scalar(dataset.get("name")) or _scalar(dataset.get("type"))
    name, settings = split_header(raw)
    shots = _scalar(_mapping(dataset.get("args")).get("num_few_shot"))
    if shots.isdigit():  # the count the harness ran with, over one its name prints
        settings = replace(
            settings, setting=setting_merge(Setting(shots=int(shots)), settings.setting)
        )
    return name, settings


def _values(
    root: yaml.Node | None,
) -> Iterator[tuple[str, str, FigureSetting, yaml.ScalarNode]]:
    """(model, benchmark, settings, value node) for every metric value in `model-index`."""
    for entry in _sequence(_mapping(root).get("model-index")):
        fields = _mapping(entry)
        model = _scalar(fields.get("name"))
        for result in _sequence(fields.get("results")):
            parts = _mapping(result)
            benchmark, settings = _benchmark(_mapping(parts.get("dataset")))
            for metric in _sequence(parts.get("metrics")):
                m = _mapping(metric)
                value = m.get("value")
                if isinstance(value, yaml.ScalarNode):
                    metric_words = f"{_scalar(m.get('type'))} {_scalar(m.get('name'))}"
                    stated = setting_merge(
                        settings.setting, setting_parse(metric_words, prose=True)
                    )
                    yield model, benchmark, replace(settings, setting=stated), value


def _line_quote(text: str, at: int, end: int) -> tuple[int, int]:
    """The line holding `text[at:end]`, without its indentation or list marker."""
    start = text.rfind("\n", 0, at) + 1
    stop = text.find("\n", end)
    stop = len(text) if stop < 0 else stop
    while start < at and text[start] in " \t-":
        start += 1
    while stop > end and text[stop - 1] in " \t\r":
        stop -= 1
    return start, stop


# Hugging Face's licence identifiers, as the licences are written elsewhere.
_LICENCE_NAMES = {
    "apache-2.0": "Apache 2.0",
    "mit": "MIT",
    "cc-by-4.0": "CC BY 4.0",
    "cc-by-sa-4.0": "CC BY-SA 4.0",
    "cc-by-nc-4.0": "CC BY-NC 4.0",
    "cc-by-nc-sa-4.0": "CC BY-NC-SA 4.0",
    "gpl-3.0": "GPL-3.0",
    "agpl-3.0": "AGPL-3.0",
    "bsd-3-clause": "BSD-3-Clause",
    "openrail": "OpenRAIL",
    "bigcode-openrail-m": "BigCode OpenRAIL-M",
    "llama2": "Llama 2 Community License",
    "llama3": "Llama 3 Community License",
    "llama3.1": "Llama 3.1 Community License",
    "llama3.2": "Llama 3.2 Community License",
    "llama3.3": "Llama 3.3 Community License",
    "gemma": "Gemma Terms of Use",
}


def front_matter_licence_claims(doc: ParsedDocument) -> list[ExtractedClaim]:
    """The card's `license` (or, for "other", its `license_name`) as the licence of the model
    its `model-index` names first, else of the model its title names."""
    meta = doc.front_matter
    if not isinstance(meta, dict):
        return []
    index = meta.get("model-index")
    first = index[0] if isinstance(index, list) and index and isinstance(index[0], dict) else {}
    model = str(first.get("name") or "").strip() or doc.title
    if not model:
        return []
    licence = str(meta.get("license") or "").strip()
    key = "license"
    if licence.lower() == "other" and meta.get("license_name"):
        licence, key = str(meta["license_name"]).strip(), "license_name"
    if not licence or licence.lower() in ("other", "unknown"):
        return []
    start, end = doc.front_matter_span or (0, 0)
    at = re.compile(rf"(?m)^{key}\s*:.*$").search(doc.text, start, end)
    if at is None:
        return []
    return [
        ExtractedClaim(
            kind="attribute",
            model=model,
            quote=at.group(),
            start=at.start(),
            end=at.end(),
            attribute="license",
            attribute_value=_LICENCE_NAMES.get(licence.lower(), licence),
        )
    ]


def model_index_claims(doc: ParsedDocument) -> list[ExtractedClaim]:
    """Score claims stated in the document's `model-index` front matter (none without one)."""
    if not isinstance(doc.front_matter, dict) or "model-index" not in doc.front_matter:
        return []
    offset, end = doc.front_matter_span or (0, 0)
    try:
        root = yaml.compose(doc.text[offset:end], Loader=_LOADER)
    except yaml.YAMLError:
        return []
    fallback_model = doc.title
    out: list[ExtractedClaim] = []
    for model, benchmark, settings, node in _values(root):
        printed = _scalar(node).rstrip("%").strip()
        value = _number(printed)
        if value is None or not benchmark or not (model or fallback_model):
            continue
        start, end = _line_quote(
            doc.text, offset + node.start_mark.index, offset + node.end_mark.index
        )
        out.append(
            ExtractedClaim(
                kind="score",
                model=model or fallback_model,
                quote=doc.text[start:end],
                start=start,
                end=end,
                benchmark=benchmark,
                value=value,
                unit="score",
                setting=settings.text,
                value_text=printed,
            )
        )
        if len(out) >= MAX_RESULTS:
            break
    return out
