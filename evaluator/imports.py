"""Results someone else produced: lm-eval results files and a public leaderboard's files.

Reading (`parse_results_file`) is pure; `results_import` stores each file as an imported run
with the provenance the file itself carries. Such a run supports verdicts only when that
provenance is complete: harness version, model revision (a commit sha), every task's version
and the date of the run.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from django.contrib.auth.models import AbstractBaseUser
from django.core.files.base import ContentFile
from django.db import transaction

from catalogue.models import Benchmark, ModelRelease
from catalogue.services import benchmark_find, model_get_or_create_pending
from claims.ingestion import SourceDetails, source_get_or_create
from claims.models import Source, SourceKind, SourceStatus
from claims.snapshots import snapshot_store
from core.content_version import pages_changed
from core.errors import ApplicationError

from . import scores
from .models import Backend, EvaluationRun, Measurement, RunOrigin, RunStatus
from .revisions import SHA_RE
from .runner import archive, results_sha256
from .services import measurement_build

LM_EVAL = "lm-eval"
OPEN_LLM_LEADERBOARD_V1 = "open-llm-leaderboard-v1"

# The Open LLM Leaderboard (v1) task keys ("harness|<task>|<shots>") and what they measure:
# benchmark name in our catalogue, and the metric the leaderboard displayed for it.
LEADERBOARD_V1_TASKS: dict[str, tuple[str, str]] = {
    "arc:challenge": ("ARC-Challenge", "acc_norm"),
    "hellaswag": ("HellaSwag", "acc_norm"),
    "truthfulqa:mc": ("TruthfulQA", "mc2"),
    "winogrande": ("WinoGrande", "acc"),
    "gsm8k": ("GSM8K", "acc"),
    "hendrycksTest": ("MMLU", "acc"),  # the mean over its 57 subjects, as the leaderboard did
}
_DATE_IN_NAME = re.compile(r"(\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}(?:\.\d+)?)")


@dataclass
class ParsedScore:
    benchmark: str  # our benchmark name (leaderboard files); empty: found by harness task
    tasks: list[str]
    metric: str  # lm-eval style key, "acc,none"


@dataclass
class ParsedResults:
    """What a results file says, normalised to lm-eval's shape for scoring."""

    format: str
    model_name: str
    model_revision: str
    harness: str
    date: datetime | None
    task_versions: dict[str, Any]
    results: dict[str, Any]  # {"results": ..., "n-shot": ..., "n-samples": ...}
    backend: str = Backend.OTHER
    limit: int | None = None
    leaderboard_scores: list[ParsedScore] = field(default_factory=list)
    # Every task's full configuration (prompt, few-shot split, metric, filters) is in the file:
    # it says what ran even when the harness version was not recorded.
    task_configs_recorded: bool = False

    @property
    def provenance_complete(self) -> bool:
        """Who ran which weights on which task, and when, can be told from the file: the model
        revision, each task's version, the date, and the harness version or, failing that,
        each task's recorded configuration."""
        return bool(
            (self.harness or self.task_configs_recorded)
            and SHA_RE.match(self.model_revision or "")
            and self.task_versions
            and all(version is not None for version in self.task_versions.values())
            and self.date
        )


def _model_args(config: dict[str, Any]) -> dict[str, str]:
    args = config.get("model_args") or {}
    if isinstance(args, dict):
        return {str(k): str(v) for k, v in args.items()}
    pairs = (part.split("=", 1) for part in str(args).split(",") if "=" in part)
    return {key.strip(): value.strip() for key, value in pairs}


def _first_sha(*candidates: Any) -> str:
    for candidate in candidates:
        if isinstance(candidate, str) and SHA_RE.match(candidate):
            return candidate
    return ""


def _date_from_name(path: Path) -> datetime | None:
    match = _DATE_IN_NAME.search(path.name)
    if not match:
        return None
    day, _, clock = match.group(1).partition("T")
    try:
        return datetime.fromisoformat(f"{day}T{clock.replace('-', ':')}").replace(tzinfo=UTC)
    except ValueError:
        return None


def _parse_lm_eval(data: dict[str, Any], path: Path) -> ParsedResults:
    config = data.get("config") or {}
    args = _model_args(config)
    model_name = data.get("model_name") or args.get("pretrained") or args.get("model") or ""
    harness = ""
    if data.get("lm_eval_version"):
        harness = f"lm-eval {data['lm_eval_version']}"
    elif data.get("git_hash"):
        harness = f"lm-eval git {data['git_hash']}"
    date = None
    if isinstance(data.get("date"), int | float) and math.isfinite(data["date"]):
        date = datetime.fromtimestamp(data["date"], tz=UTC)
    date = date or _date_from_name(path)
    versions = data.get("versions") or {}
    # A group ("mmlu") is an aggregate of its subtasks and has no version of its own.
    subtasks = data.get("group_subtasks") or {}
    groups = set(data.get("groups") or {}) | {name for name, tasks in subtasks.items() if tasks}
    tasks = [task for task in data.get("results", {}) if task not in groups]
    task_versions = {task: versions.get(task) for task in tasks}
    configs = data.get("configs") or {}
    source = str(config.get("model") or data.get("model_source") or "")
    return ParsedResults(
        format=LM_EVAL,
        model_name=str(model_name),
        model_revision=_first_sha(
            config.get("model_sha"), config.get("model_revision"), args.get("revision")
        ),
        harness=harness,
        date=date,
        task_versions=task_versions,
        results=data,
        backend=source if source in Backend.values else Backend.OTHER,
        limit=int(config["limit"]) if isinstance(config.get("limit"), int | float) else None,
        task_configs_recorded=bool(tasks) and all(task in configs for task in tasks),
    )


def _parse_leaderboard_v1(data: dict[str, Any], path: Path) -> ParsedResults:
    general = data.get("config_general") or {}
    table: dict[str, dict[str, float]] = {}
    shots: dict[str, int] = {}
    versions_in = data.get("versions") or {}
    task_versions: dict[str, Any] = {}
    by_benchmark: dict[str, ParsedScore] = {}
    for key, metrics in (data.get("results") or {}).items():
        parts = key.split("|")
        if len(parts) != 3 or not isinstance(metrics, dict):
            continue  # "all" is the leaderboard's own average, not a benchmark
        _, task, shot_text = parts
        family = task.split("-", 1)[0]
        if family not in LEADERBOARD_V1_TASKS:
            continue
        benchmark, metric = LEADERBOARD_V1_TASKS[family]
        table[task] = {
            f"{name},none": value for name, value in metrics.items() if isinstance(value, float)
        }
        shots[task] = int(shot_text) if shot_text.isdigit() else None  # type: ignore[assignment]
        task_versions[task] = versions_in.get(key)
        entry = by_benchmark.setdefault(benchmark, ParsedScore(benchmark, [], f"{metric},none"))
        entry.tasks.append(task)
    return ParsedResults(
        format=OPEN_LLM_LEADERBOARD_V1,
        model_name=str(general.get("model_name") or ""),
        model_revision=_first_sha(general.get("model_sha")),
        harness=f"lighteval {general['lighteval_sha']}" if general.get("lighteval_sha") else "",
        date=_date_from_name(path),
        task_versions=task_versions,
        results={"results": table, "n-shot": shots},
        limit=general.get("max_samples") if isinstance(general.get("max_samples"), int) else None,
        leaderboard_scores=list(by_benchmark.values()),
    )


def parse_results_file(path: Path) -> ParsedResults:
    """Read an lm-eval `results_*.json` or an Open LLM Leaderboard (v1) results file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ApplicationError(f"{path.name} is not a readable JSON file: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("results"), dict):
        raise ApplicationError(f"{path.name} has no results table.")
    if "config_general" in data:
        return _parse_leaderboard_v1(data, path)
    return _parse_lm_eval(data, path)


def results_files(path: Path) -> list[Path]:
    """`path` itself, or the results files found under a folder."""
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise ApplicationError(f"{path} does not exist.")
    found = sorted(p for p in path.rglob("*.json") if p.is_file() and _looks_like_results(p))
    if not found:
        raise ApplicationError(f"No results files under {path}.")
    return found


def _looks_like_results(path: Path) -> bool:
    """In a folder: lm-eval's results_*.json, or any JSON with a leaderboard's config_general."""
    if path.name.startswith("results_"):
        return True
    try:
        head = path.read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return False
    return '"config_general"' in head


def _samples_files(path: Path, parsed: ParsedResults) -> list[Path]:
    """lm-eval writes samples_<task>_<date>.jsonl beside results_<date>.json."""
    if parsed.format != LM_EVAL or not path.name.startswith("results_"):
        return []
    date_id = path.stem.removeprefix("results_")
    return sorted(path.parent.glob(f"samples_*_{date_id}.jsonl"))


def _model_for(parsed: ParsedResults) -> ModelRelease:
    name = parsed.model_name.strip()
    if not name:
        raise ApplicationError("The file does not name its model; pass the model explicitly.")
    by_repo = ModelRelease.objects.filter(hf_repo_id__iexact=name).first()
    return by_repo or model_get_or_create_pending(name=name)


def _source_for(
    *, content: bytes, path: Path, source_url: str, publisher: str, kind: str, user: Any
) -> Source:
    if source_url:
        existing = Source.objects.filter(canonical_url=source_url).first()
        if existing is not None:
            return existing
    snapshot = snapshot_store(content=content, content_type="application/json")
    source, _ = source_get_or_create(
        url=source_url,
        snapshot=snapshot,
        details=SourceDetails(kind=kind, publisher=publisher, title=path.name),
        submitted_by=user,
        canonical_url=source_url,
        status=SourceStatus.INGESTED,
    )
    return source


def _measured(parsed: ParsedResults) -> list[tuple[Benchmark, scores.HarnessScore]]:
    found: list[tuple[Benchmark, scores.HarnessScore]] = []
    if parsed.format == OPEN_LLM_LEADERBOARD_V1:
        for entry in parsed.leaderboard_scores:
            benchmark = benchmark_find(entry.benchmark)
            score = scores.harness_score(parsed.results, entry.tasks, entry.metric)
            if benchmark is not None and score is not None:
                found.append((benchmark, score))
        return found
    reported = set(parsed.results.get("results", {}))
    for benchmark in Benchmark.objects.exclude(harness_tasks=[]).order_by("slug"):
        if not reported.intersection(benchmark.harness_tasks):
            continue
        score = scores.harness_score(
            parsed.results, benchmark.harness_tasks, benchmark.harness_metric
        )
        if score is not None:
            found.append((benchmark, score))
    return found


@transaction.atomic
def _import_file(
    path: Path,
    *,
    source_url: str,
    publisher: str,
    kind: str,
    model: ModelRelease | None,
    user: Any,
) -> EvaluationRun | None:
    content = path.read_bytes()
    parsed = parse_results_file(path)
    file_sha = hashlib.sha256(content).hexdigest()
    model = model or _model_for(parsed)
    existing = EvaluationRun.objects.filter(
        origin=RunOrigin.IMPORTED, model=model, provenance__file_sha256=file_sha
    ).first()
    if existing is not None:
        return existing
    measured = _measured(parsed)
    if not measured:
        return None
    samples = _samples_files(path, parsed)
    source = _source_for(
        content=content,
        path=path,
        source_url=source_url,
        publisher=publisher,
        kind=kind or (SourceKind.LEADERBOARD if parsed.format != LM_EVAL else SourceKind.STAFF),
        user=user,
    )
    provenance = {
        "format": parsed.format,
        "file_name": path.name,
        "file_sha256": file_sha,
        "harness": parsed.harness,
        "model_name": parsed.model_name,
        "model_revision": parsed.model_revision,
        "task_versions": parsed.task_versions,
        "date": parsed.date.isoformat() if parsed.date else None,
        "source_url": source_url,
        "publisher": publisher,
        "samples_files": [p.name for p in samples],
    }
    raw = json.loads(content)
    run = EvaluationRun(
        origin=RunOrigin.IMPORTED,
        model=model,
        model_revision=parsed.model_revision,
        backend=parsed.backend,
        tasks=[
            {"name": task, "version": version, "shots": parsed.results.get("n-shot", {}).get(task)}
            for task, version in sorted(parsed.task_versions.items())
        ],
        sample_limit=parsed.limit,
        status=RunStatus.SUCCEEDED,
        started_at=parsed.date,
        finished_at=parsed.date,
        versions={"harness": parsed.harness},
        results=raw,
        results_sha256=results_sha256(raw),
        source=source,
        provenance=provenance,
        provenance_complete=parsed.provenance_complete,
        requested_by=user,
    )
    if samples:
        run.samples_file.save(
            f"imported-{file_sha[:12]}.tar.gz", ContentFile(archive([path, *samples])), save=False
        )
    run.save()
    run.benchmarks.set([benchmark for benchmark, _ in measured])
    Measurement.objects.bulk_create(
        measurement_build(run=run, benchmark=benchmark, score=score)
        for benchmark, score in measured
    )
    pages_changed()
    return run


def results_import(
    *,
    path: Path,
    source_url: str = "",
    publisher: str = "",
    kind: str = "",
    model: ModelRelease | None = None,
    imported_by: AbstractBaseUser | None = None,
) -> list[EvaluationRun]:
    """Import every results file at `path`; files that measure no catalogued benchmark are
    skipped. Importing the same file again returns the run already imported."""
    runs = []
    for file in results_files(path):
        run = _import_file(
            file,
            source_url=source_url,
            publisher=publisher,
            kind=kind,
            model=model,
            user=imported_by,
        )
        if run is not None:
            runs.append(run)
    return runs
