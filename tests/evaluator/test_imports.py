"""Importing results: lm-eval files (the one our own run wrote) and a public leaderboard's file."""

import json
import math
import shutil
import tarfile
from pathlib import Path

import pytest
from django.core.management import call_command

from claims.models import Snapshot, SourceKind
from core.errors import ApplicationError
from evaluator.imports import parse_results_file, results_import
from evaluator.models import EvaluationRun, RunOrigin
from tests.factories import BenchmarkFactory, ModelReleaseFactory, SourceFactory
from verdicts.selectors import measurement_is_eligible

pytestmark = pytest.mark.django_db

LEADERBOARD_FILE = (
    Path(__file__).parent
    / "fixtures"
    / "open_llm_leaderboard"
    / "results_2023-11-04T10-12-33.519412.json"
)


@pytest.fixture
def lm_eval_output(request_run, tmp_path) -> tuple[EvaluationRun, Path]:
    """The results and samples files that our own run's lm-eval wrote, unpacked."""
    run = request_run()
    folder = tmp_path / "lm-eval-output"
    with run.samples_file.open("rb") as handle, tarfile.open(fileobj=handle, mode="r:gz") as tar:
        tar.extractall(folder, filter="data")
    return run, folder


@pytest.fixture
def leaderboard_benchmarks():
    return {
        "arc": BenchmarkFactory(name="ARC-Challenge", harness_tasks=["arc_challenge"]),
        "mmlu": BenchmarkFactory(name="MMLU", harness_tasks=["mmlu"], harness_shots=5),
        "gsm8k": BenchmarkFactory(name="GSM8K", harness_tasks=["gsm8k"], harness_shots=5),
    }


@pytest.fixture
def leaderboard_model():
    return ModelReleaseFactory(
        hf_repo_id="example-org/example-7b",
        hf_revision="3f1c2b9a8e7d6c5b4a3f2e1d0c9b8a7f6e5d4c3b",
    )


@pytest.mark.eval
def test_our_runs_results_file_imports_with_complete_provenance(lm_eval_output):
    ours, folder = lm_eval_output
    [imported] = results_import(path=folder)
    assert imported.origin == RunOrigin.IMPORTED
    assert imported.model == ours.model
    assert imported.model_revision == ours.model_revision
    assert imported.provenance["harness"] == "lm-eval 0.4.13"
    assert imported.provenance["task_versions"] == {ours.tasks[0]["name"]: 1.0}
    assert imported.provenance["date"]
    assert imported.provenance_complete


@pytest.mark.eval
def test_imported_measurement_matches_our_run(lm_eval_output):
    ours, folder = lm_eval_output
    [imported] = results_import(path=folder)
    mine, theirs = ours.measurements.get(), imported.measurements.get()
    assert theirs.benchmark == mine.benchmark
    assert theirs.value == pytest.approx(mine.value)
    assert theirs.stderr == pytest.approx(mine.stderr)


@pytest.mark.eval
def test_imported_samples_files_are_kept(lm_eval_output):
    _, folder = lm_eval_output
    [imported] = results_import(path=folder)
    assert len(imported.provenance["samples_files"]) == 1
    with imported.samples_file.open("rb") as handle, tarfile.open(fileobj=handle) as tar:
        assert any(name.startswith("samples_") for name in tar.getnames())


@pytest.mark.eval
def test_importing_the_same_file_twice_keeps_one_run(lm_eval_output):
    _, folder = lm_eval_output
    first = results_import(path=folder)
    second = results_import(path=folder)
    assert [r.pk for r in first] == [r.pk for r in second]
    assert EvaluationRun.objects.filter(origin=RunOrigin.IMPORTED).count() == 1


def test_leaderboard_file_imports_benchmarks_on_display_scale(
    leaderboard_benchmarks, leaderboard_model
):
    [run] = results_import(path=LEADERBOARD_FILE, source_url="https://example.org/results.json")
    by_name = {m.benchmark.name: m for m in run.measurements.select_related("benchmark")}
    assert set(by_name) == {"ARC-Challenge", "MMLU", "GSM8K"}
    arc = by_name["ARC-Challenge"]
    assert arc.value == pytest.approx(54.26621160409556)
    assert arc.stderr == pytest.approx(1.455810654392406)
    assert arc.shots == 25
    assert run.model == leaderboard_model


def test_leaderboard_mmlu_is_the_mean_over_its_subjects(leaderboard_benchmarks, leaderboard_model):
    [run] = results_import(path=LEADERBOARD_FILE)
    mmlu = run.measurements.get(benchmark=leaderboard_benchmarks["mmlu"])
    subjects = [
        (0.31, 0.04648231987117316),
        (0.4740740740740741, 0.04313531696750575),
        (0.5131578947368421, 0.04067533136309174),
    ]
    assert mmlu.value == pytest.approx(100 * sum(v for v, _ in subjects) / 3)
    assert mmlu.stderr == pytest.approx(100 * math.sqrt(sum(e**2 for _, e in subjects)) / 3)
    assert mmlu.shots == 5


def test_leaderboard_file_provenance_is_complete_and_sourced(
    leaderboard_benchmarks, leaderboard_model
):
    [run] = results_import(path=LEADERBOARD_FILE, publisher="Open LLM Leaderboard")
    assert run.provenance_complete
    assert run.provenance["harness"].startswith("lighteval ")
    assert run.provenance["date"].startswith("2023-11-04T10:12:33")
    assert run.source.kind == SourceKind.LEADERBOARD
    assert run.source.snapshot.content == LEADERBOARD_FILE.read_bytes()
    measurement = run.measurements.first()
    assert measurement_is_eligible(measurement, leaderboard_model)


def test_file_without_model_revision_cannot_support_verdicts(
    leaderboard_benchmarks, leaderboard_model, tmp_path
):
    data = json.loads(LEADERBOARD_FILE.read_text())
    del data["config_general"]["model_sha"]
    path = tmp_path / LEADERBOARD_FILE.name
    path.write_text(json.dumps(data))
    [run] = results_import(path=path)
    assert not run.provenance_complete
    assert not measurement_is_eligible(run.measurements.first(), leaderboard_model)


def test_unknown_model_becomes_a_pending_catalogue_entry(leaderboard_benchmarks, tmp_path):
    shutil.copy(LEADERBOARD_FILE, tmp_path)
    [run] = results_import(path=tmp_path)
    assert run.model.name == "example-org/example-7b"
    assert run.model.is_pending


def test_file_from_a_known_source_url_is_filed_under_that_source(
    leaderboard_benchmarks, leaderboard_model
):
    known = SourceFactory(url="https://example.org/results.json")
    snapshots = Snapshot.objects.count()
    [run] = results_import(path=LEADERBOARD_FILE, source_url="https://example.org/results.json")
    assert run.source == known
    assert Snapshot.objects.count() == snapshots


def test_folder_without_results_files_is_refused(leaderboard_benchmarks, tmp_path):
    (tmp_path / "config.json").write_text('{"results": {}}')
    with pytest.raises(ApplicationError, match="No results files"):
        results_import(path=tmp_path)


def test_import_results_command_reports_runs(leaderboard_benchmarks, leaderboard_model, capsys):
    call_command("import_results", str(LEADERBOARD_FILE), "--publisher", "Open LLM Leaderboard")
    output = capsys.readouterr().out
    assert "provenance complete" in output
    assert "MMLU" in output


@pytest.mark.eval
@pytest.mark.django_db(transaction=True)
def test_evaluate_command_waits_for_the_run(eval_settings, tiny_release, choice_benchmark, capsys):
    # A real commit sends the run (eager here), so --wait sees it end.
    call_command(
        "evaluate",
        tiny_release.slug,
        "--benchmarks",
        choice_benchmark.slug,
        "--backend",
        "hf",
        "--limit",
        "4",
        "--device",
        "cpu",
        "--dtype",
        "float32",
        "--wait",
        "--timeout",
        "120",
    )
    output = capsys.readouterr().out
    assert "Succeeded" in output
    assert "Tiny Choice:" in output
    assert "Reproduce: lm_eval run" in output


DEMO_RESULTS = Path(__file__).resolve().parents[2] / "demo" / "third-party-results"


def test_a_published_file_with_every_task_configuration_but_no_harness_version_is_complete():
    parsed = parse_results_file(
        DEMO_RESULTS / "EleutherAI__lm-evaluation-harness__llama3.1-8b_mmlu-5shot.json"
    )
    assert parsed.harness == ""
    assert parsed.task_configs_recorded
    assert parsed.provenance_complete


def test_a_group_needs_no_version_of_its_own_but_its_subtasks_do():
    parsed = parse_results_file(
        DEMO_RESULTS / "EleutherAI__lm-evaluation-harness__llama3.1-8b_mmlu-5shot.json"
    )
    assert "mmlu" not in parsed.task_versions
    assert parsed.task_versions["mmlu_anatomy"] is not None
    assert (
        "arc_easy"
        in parse_results_file(
            DEMO_RESULTS / "EleutherAI__lm-evaluation-harness__llama3.1-8b_0shot-suite.json"
        ).task_versions
    )


def test_a_file_with_neither_harness_version_nor_task_configurations_is_incomplete(tmp_path):
    data = json.loads(
        (
            DEMO_RESULTS / "EleutherAI__lm-evaluation-harness__llama3.1-8b_mmlu-5shot.json"
        ).read_text()
    )
    data.pop("configs")
    path = tmp_path / "results_2025-03-06T22-23-33.json"
    path.write_text(json.dumps(data))
    assert not parse_results_file(path).provenance_complete
