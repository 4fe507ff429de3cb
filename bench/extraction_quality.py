"""Extraction quality on a labelled corpus: precision and recall per claim kind, and speed.

    python bench/extraction_quality.py [CORPUS_DIR ...] [--show-misses] [--show-extra]
        [--show-settings] [--kind K] [--doc NAME]

CORPUS_DIR defaults to both ../shared/corpus/dev (vendor documents) and
../shared/corpus/dev-press (press articles), relative to the repository root, each printed on
its own; a folder holds `docs/` and `labels.jsonl` as described in CORPUS_SPEC.md. Each file
goes through the reader production uses (`claims.extract.files.file_read`: bytes decoded as a
snapshot is, then parsed, as for `manage.py extract` and ingestion), then `document_extract`.
Catalogue resolution is skipped: it does not change the surface names being scored, and it
needs a database.

Matching, one label to at most one extracted claim of the same document:
  - kind equal;
  - model: the label's model or one of its `aliases`, names compared case- and
    punctuation-insensitively (catalogue.names.normalize_name);
  - benchmark compared the same way (for attributes: the attribute name instead);
  - value: scores and margins numerically (a printed range such as "20–30" as text);
    attribute values as normalised text ("405 billion" = "405B", "128K" = "128k");
    for comparisons the relation (">", "<", "=") stands in for the value.
Where several claims could match a label, the one whose quote overlaps the label's quote wins.

Speed: documents per second for read + parse + extract on one core (one process, best of 5
passes), over every document of the corpora given.
"""

import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "scorecheck.settings.test")

import django  # noqa: E402

django.setup()

from catalogue.names import normalize_name  # noqa: E402
from claims.extract.document import document_extract  # noqa: E402
from claims.extract.files import content_type_for, document_read, file_read  # noqa: E402
from claims.extract.types import ExtractedClaim  # noqa: E402

KINDS = ("score", "comparison", "relative", "attribute")
# Targets for documents never seen before.
TARGETS = {
    "score": "precision >= 0.95, recall >= 0.85",
    "comparison": "precision >= 0.85, recall >= 0.70",
    "relative": "recall >= 0.80",
    "attribute": "precision >= 0.85, recall >= 0.75",
}
_MAGNITUDE = {"billion": "b", "million": "m", "thousand": "k", "trillion": "t"}


def norm_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip().lower()
    text = re.sub(
        r"(\d)\s*(billion|million|thousand|trillion)\b",
        lambda m: m.group(1) + _MAGNITUDE[m.group(2)],
        text,
    )
    text = re.sub(r"\s*(?:parameters|params|tokens)\b", "", text)
    text = text.replace("–", "-").replace("—", "-")
    return re.sub(r"[^0-9a-z.\-]+", "", text)


def same_number(a: object, b: object) -> bool:
    try:
        return abs(float(a) - float(b)) < 1e-6  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return norm_value(a) == norm_value(b)


def same_setting(labelled: object, found: str) -> bool:
    """The same setting words, whatever their order, case or spacing; none = not disclosed."""

    def words(setting: object) -> set[str]:
        parts = str(setting or "").lower().replace(" ", "").replace("shots", "shot").split(",")
        return {part for part in parts if part}

    return words(labelled) == words(found)


def model_names(label: dict) -> set[str]:
    names = {normalize_name(label.get("model") or "")}
    names.update(normalize_name(a) for a in label.get("aliases") or [])
    names.discard("")
    return names


def matches(label: dict, claim: ExtractedClaim) -> bool:
    if label["kind"] != claim.kind:
        return False
    if normalize_name(claim.model) not in model_names(label):
        return False
    kind = label["kind"]
    if kind == "attribute":
        if label.get("attribute") != claim.attribute:
            return False
        return norm_value(label.get("value")) == norm_value(claim.printed_value)
    if normalize_name(label.get("benchmark") or "") != normalize_name(claim.benchmark):
        return False
    if kind == "comparison":
        return label.get("relation") == claim.relation
    return same_number(label.get("value"), claim.printed_value)


def load_labels(corpus: Path) -> dict[str, list[dict]]:
    labels: dict[str, list[dict]] = defaultdict(list)
    with (corpus / "labels.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                item = json.loads(line)
                labels[item["doc"]].append(item)
    return labels


def extract_all(paths: list[Path]) -> tuple[dict[str, list[ExtractedClaim]], dict[str, str]]:
    out, texts = {}, {}
    for path in paths:
        document = file_read(path)
        out[path.stem] = document_extract(document).claims
        texts[path.stem] = document.text
    return out, texts


def score(
    labels: dict[str, list[dict]], found: dict[str, list[ExtractedClaim]], texts: dict[str, str]
) -> tuple[dict, list, list, list]:
    counts = {k: {"labels": 0, "found": 0, "matched": 0, "same_setting": 0} for k in KINDS}
    misses, extra, other_settings = [], [], []
    for doc in sorted(set(labels) | set(found)):
        claims = found.get(doc, [])
        used = [False] * len(claims)
        text = texts.get(doc, "")
        for claim in claims:
            if claim.kind in counts:
                counts[claim.kind]["found"] += 1
        doc_labels = labels.get(doc, [])
        for label in doc_labels:
            counts[label["kind"]]["labels"] += 1
        matched: list[int | None] = [None] * len(doc_labels)
        # First pass: claims quoting the label's own passage; second pass: any claim.
        for same_place in (True, False):
            for k, label in enumerate(doc_labels):
                if matched[k] is not None:
                    continue
                where = text.find(label["quote"]) if text else -1
                for i, claim in enumerate(claims):
                    if used[i] or not matches(label, claim):
                        continue
                    overlaps = (
                        where >= 0
                        and claim.start < where + len(label["quote"])
                        and claim.end > where
                    )
                    if same_place and not overlaps:
                        continue
                    used[i] = True
                    matched[k] = i
                    counts[label["kind"]]["matched"] += 1
                    if same_setting(label.get("setting"), claim.setting):
                        counts[label["kind"]]["same_setting"] += 1
                    elif label["kind"] == "score":
                        other_settings.append((doc, label, claim))
                    break
        misses.extend((doc, label) for k, label in enumerate(doc_labels) if matched[k] is None)
        extra.extend((doc, c) for i, c in enumerate(claims) if not used[i])
    return counts, misses, extra, other_settings


def speed(paths: list[Path], passes: int = 5) -> tuple[float, float]:
    """Documents per second of CPU time (this process, one core) and of wall-clock time; the
    best of several passes. CPU time is what the target is about: it does not count waiting
    for a busy machine."""
    contents = [(p.read_bytes(), content_type_for(p)) for p in paths]
    best_cpu = best_wall = float("inf")
    for _ in range(passes):
        c0, w0 = time.process_time(), time.perf_counter()
        for content, content_type in contents:
            document_extract(document_read(content=content, content_type=content_type))
        best_cpu = min(best_cpu, time.process_time() - c0)
        best_wall = min(best_wall, time.perf_counter() - w0)
    n = len(contents)
    return (
        n / best_cpu if best_cpu > 0 else float("inf"),
        n / best_wall if best_wall > 0 else float("inf"),
    )


def corpus_report(corpus: Path, args: argparse.Namespace) -> list[Path]:
    """Print one corpus's figures (and misses/extras when asked); return its documents."""
    paths = sorted(p for p in (corpus / "docs").iterdir() if p.is_file())
    if args.doc:
        paths = [p for p in paths if p.stem == args.doc]
    labels = load_labels(corpus)
    if args.doc:
        labels = {args.doc: labels.get(args.doc, [])}
    found, texts = extract_all(paths)
    counts, misses, extra, other_settings = score(labels, found, texts)

    print(
        f"\ncorpus: {corpus.name} ({len(paths)} documents, {sum(map(len, labels.values()))} labels)"
    )
    print(f"{'kind':<11} {'labels':>6} {'found':>6} {'matched':>7} {'precision':>9} {'recall':>7}")
    for kind in KINDS:
        c = counts[kind]
        precision = c["matched"] / c["found"] if c["found"] else 0.0
        recall = c["matched"] / c["labels"] if c["labels"] else 0.0
        target = TARGETS.get(kind, "")
        print(
            f"{kind:<11} {c['labels']:>6} {c['found']:>6} {c['matched']:>7} "
            f"{precision:>9.3f} {recall:>7.3f}   {target}"
        )
    scores = counts["score"]
    if scores["matched"]:
        print(
            f"settings: {scores['same_setting']} of {scores['matched']} matched score claims "
            f"carry the labelled setting ({scores['same_setting'] / scores['matched']:.3f})"
        )
    if args.show_misses:
        print("\nmissed labels:")
        for doc, label in misses:
            if args.kind and label["kind"] != args.kind:
                continue
            what = label.get("benchmark") or label.get("attribute")
            print(
                f"  {doc}: {label['kind']} {label['model']!r} {what!r} "
                f"{label.get('value', label.get('relation'))!r} | {label['quote'][:90]!r}"
            )
    if args.show_settings:
        print("\nmatched score claims with another setting (labelled | extracted):")
        for doc, label, claim in other_settings:
            print(
                f"  {doc}: {label['model']!r} {label['benchmark']!r} {label['value']!r} "
                f"{label.get('setting') or ''!r} | {claim.setting!r} | {label['quote'][:120]!r}"
            )
    if args.show_extra:
        print("\nunmatched extractions:")
        for doc, c in extra:
            if args.kind and c.kind != args.kind:
                continue
            what = c.benchmark or c.attribute
            print(
                f"  {doc}: {c.kind} {c.model!r} {what!r} {c.printed_value or c.relation!r} "
                f"{c.other_model!r} | {c.quote[:90]!r}"
            )
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "corpora",
        nargs="*",
        default=[
            str(ROOT.parent / "shared/corpus/dev"),
            str(ROOT.parent / "shared/corpus/dev-press"),
        ],
    )
    parser.add_argument("--show-misses", action="store_true")
    parser.add_argument("--show-extra", action="store_true")
    parser.add_argument(
        "--show-settings",
        action="store_true",
        help="list matched score claims whose setting differs from the label's",
    )
    parser.add_argument("--kind", choices=KINDS)
    parser.add_argument("--doc")
    parser.add_argument("--no-speed", action="store_true")
    args = parser.parse_args(argv)

    paths: list[Path] = []
    for corpus in args.corpora:
        paths += corpus_report(Path(corpus), args)
    if not args.no_speed and paths:
        cpu, wall = speed(paths)
        print(
            f"\nspeed over {len(paths)} documents: {cpu:.1f} documents/s of CPU time on one "
            f"core, {wall:.1f} documents/s wall-clock (read + parse + extract)   target >= 50"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
