"""The demo's measurements: published lm-eval results files, imported as third-party runs.

`demo/third-party-results/results.yaml` lists each file with the model it measures, who ran it
and where it was published; the files are byte-for-byte copies of the published ones.
"""

from dataclasses import dataclass
from pathlib import Path

import yaml
from django.conf import settings
from django.db import transaction

from catalogue.models import ModelRelease
from core.errors import ApplicationError

from .imports import results_import
from .models import EvaluationRun
from .revisions import SHA_RE

DEMO_RESULTS_DIR = Path(settings.BASE_DIR) / "demo" / "third-party-results"


@dataclass(frozen=True)
class DemoResult:
    file: str
    model: str
    publisher: str
    source_url: str
    kind: str


def demo_results(*, directory: Path = DEMO_RESULTS_DIR) -> list[DemoResult]:
    """The results files the demo imports, as listed in the directory's results.yaml."""
    with (directory / "results.yaml").open(encoding="utf-8") as handle:
        return [DemoResult(**entry) for entry in yaml.safe_load(handle) or []]


def _pin_evaluated_revision(model: ModelRelease, run: EvaluationRun) -> None:
    """Verdicts compare a model's pinned revision only. The catalogue pins none until a run
    resolves one, so the revision a published run evaluated becomes the one we check."""
    if not model.hf_revision and model.hf_repo_id and SHA_RE.match(run.model_revision or ""):
        model.hf_revision = run.model_revision
        model.save(update_fields=["hf_revision", "updated_at"])


@transaction.atomic
def demo_results_load(*, directory: Path = DEMO_RESULTS_DIR) -> list[EvaluationRun]:
    """Import the demo's results files; importing them again changes nothing."""
    runs: list[EvaluationRun] = []
    for entry in demo_results(directory=directory):
        model = ModelRelease.objects.filter(slug=entry.model).first()
        if model is None:
            raise ApplicationError(
                f"{entry.file} measures {entry.model!r}, which is not in the catalogue: "
                "run loadcatalog first."
            )
        imported = results_import(
            path=directory / entry.file,
            source_url=entry.source_url,
            publisher=entry.publisher,
            kind=entry.kind,
            model=model,
        )
        for run in imported:
            _pin_evaluated_revision(model, run)
        runs += imported
    return runs
