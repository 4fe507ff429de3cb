"""Evaluation runs (ours, or imported from someone else's results file) and their measurements."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone

from catalogue.models import Benchmark, ModelRelease


class RunOrigin(models.TextChoices):
    OURS = "ours", "Our run"
    IMPORTED = "imported", "Imported results"


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    RUNNING = "running", "Running"
    SUCCEEDED = "succeeded", "Succeeded"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


FINAL_STATES = (RunStatus.SUCCEEDED, RunStatus.FAILED, RunStatus.CANCELLED)
ACTIVE_STATES = (RunStatus.QUEUED, RunStatus.RUNNING)


class FailureReason(models.TextChoices):
    NONE = "", "—"
    OUT_OF_MEMORY = "oom", "Out of memory"
    TIMEOUT = "timeout", "Time limit exceeded"
    WEIGHTS_UNAVAILABLE = "weights", "Weights gated or missing"
    HARNESS_ERROR = "harness", "Harness error"
    WORKER_LOST = "worker_lost", "Worker lost"
    OTHER = "other", "Other"


class Backend(models.TextChoices):
    VLLM = "vllm", "vLLM"
    HF = "hf", "Hugging Face transformers"
    LOCAL_COMPLETIONS = "local-completions", "OpenAI-compatible server"
    OTHER = "other", "Other"


class EvaluationRun(models.Model):
    origin = models.CharField(max_length=16, choices=RunOrigin.choices, default=RunOrigin.OURS)
    model = models.ForeignKey(ModelRelease, on_delete=models.PROTECT, related_name="runs")
    model_revision = models.CharField(
        max_length=40, blank=True, help_text="Commit sha of the weights evaluated."
    )
    benchmarks = models.ManyToManyField(Benchmark, related_name="runs", blank=True)
    tasks = models.JSONField(
        default=list, blank=True, help_text="[{name, version, config_hash, shots}] per task."
    )
    backend = models.CharField(max_length=32, choices=Backend.choices, default=Backend.VLLM)
    run_settings = models.JSONField(
        default=dict,
        blank=True,
        help_text="Shots, chat template, generation settings, dtype, parallelism, batch, seed.",
    )
    sample_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="Smoke runs only: never used for verdicts."
    )
    dedup_key = models.CharField(
        max_length=64, db_index=True, blank=True, help_text="sha256 of what was run."
    )
    forced = models.BooleanField(default=False, help_text="Run again despite an identical run.")

    status = models.CharField(
        max_length=16, choices=RunStatus.choices, default=RunStatus.QUEUED, db_index=True
    )
    failure_reason = models.CharField(
        max_length=16, choices=FailureReason.choices, blank=True, default=FailureReason.NONE
    )
    log_tail = models.TextField(blank=True)
    progress = models.FloatField(null=True, blank=True, help_text="0-1, where known.")
    celery_task_id = models.CharField(max_length=255, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    spec = models.JSONField(
        default=dict, blank=True, help_text="The run spec sent to the GPU worker, as sent."
    )
    soft_time_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="Seconds before the run is asked to stop."
    )
    time_limit = models.PositiveIntegerField(
        null=True, blank=True, help_text="Seconds before the run is killed."
    )
    worker = models.CharField(max_length=255, blank=True, help_text="Host that ran it last.")
    gpu_class = models.CharField(
        max_length=16,
        blank=True,
        help_text="The GPU memory class (and queue) its model needs, set when it was requested.",
    )
    error = models.TextField(blank=True, help_text="The error that ended a failed run.")

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    wall_seconds = models.FloatField(null=True, blank=True)

    versions = models.JSONField(
        default=dict, blank=True, help_text="lm_eval, vllm, torch, transformers versions."
    )
    hardware = models.JSONField(
        default=dict, blank=True, help_text="GPU model, count, memory, driver; CPU otherwise."
    )
    chat_template_sha256 = models.CharField(max_length=64, blank=True)
    results = models.JSONField(
        default=dict, blank=True, help_text="lm-eval's aggregated results, as returned."
    )
    results_sha256 = models.CharField(max_length=64, blank=True)
    samples_file = models.FileField(upload_to="runs/samples/", blank=True)
    reproduce_command = models.TextField(blank=True)

    # Imported runs: where the results file came from, and whether it says enough to be trusted.
    source = models.ForeignKey(
        "claims.Source", on_delete=models.PROTECT, null=True, blank=True, related_name="runs"
    )
    provenance = models.JSONField(default=dict, blank=True)
    provenance_complete = models.BooleanField(default=False)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["dedup_key"],
                condition=Q(origin=RunOrigin.OURS, forced=False)
                & ~Q(status__in=[RunStatus.FAILED, RunStatus.CANCELLED])
                & ~Q(dedup_key=""),
                name="run_unique_unforced_live_run",
            ),
            models.CheckConstraint(
                condition=~Q(status=RunStatus.FAILED) | ~Q(failure_reason=""),
                name="run_failure_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(finished_at__isnull=True)
                | Q(started_at__isnull=True)
                | Q(finished_at__gte=F("started_at")),
                name="run_finishes_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(origin=RunOrigin.OURS)
                | Q(model_revision__regex=r"^[0-9a-f]{40}$")
                | Q(status__in=[RunStatus.FAILED, RunStatus.CANCELLED]),
                name="run_ours_pins_revision",
            ),
            models.CheckConstraint(
                condition=Q(progress__isnull=True) | (Q(progress__gte=0) & Q(progress__lte=1)),
                name="run_progress_fraction",
            ),
        ]

    def __str__(self) -> str:
        return f"Run #{self.pk} of {self.model_id} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("evaluator:run", kwargs={"pk": self.pk})

    @property
    def is_smoke(self) -> bool:
        return self.sample_limit is not None

    @property
    def is_final(self) -> bool:
        return self.status in FINAL_STATES

    @property
    def elapsed_seconds(self) -> float | None:
        """Wall time so far for a running run; the recorded wall time once finished."""
        if self.wall_seconds is not None:
            return self.wall_seconds
        if self.started_at is None:
            return None
        end = self.finished_at or timezone.now()
        return (end - self.started_at).total_seconds()


# "±" on the site and in the command line is the half-width of the 95% interval around a
# measurement: this many standard errors.
Z_95 = 1.959964


def half_width_95(stderr: float | None) -> float | None:
    """What follows "±": the half-width of the 95% interval, or None without a standard error."""
    return None if stderr is None else Z_95 * stderr


class Measurement(models.Model):
    """A measured value of one benchmark in one run, on the benchmark's display scale."""

    run = models.ForeignKey(EvaluationRun, on_delete=models.PROTECT, related_name="measurements")
    model = models.ForeignKey(ModelRelease, on_delete=models.PROTECT, related_name="measurements")
    benchmark = models.ForeignKey(Benchmark, on_delete=models.PROTECT, related_name="measurements")
    task = models.CharField(max_length=200, help_text="lm-eval task (or group) name.")
    metric = models.CharField(max_length=100, help_text='lm-eval metric key, e.g. "acc,none".')
    shots = models.PositiveSmallIntegerField(null=True, blank=True)
    setting = models.CharField(
        max_length=200,
        blank=True,
        help_text='From the lm-eval config that ran, e.g. "5-shot, no CoT, log-likelihood".',
    )
    value = models.FloatField()
    stderr = models.FloatField(null=True, blank=True)
    sample_count = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["benchmark__name"]
        constraints = [
            models.UniqueConstraint(fields=["run", "benchmark"], name="measurement_one_per_run"),
            models.CheckConstraint(
                condition=Q(stderr__isnull=True) | Q(stderr__gte=0),
                name="measurement_stderr_non_negative",
            ),
        ]
        indexes = [models.Index(fields=["model", "benchmark"])]

    def __str__(self) -> str:
        return f"{self.benchmark_id}: {self.value}"

    @property
    def half_width(self) -> float | None:
        return half_width_95(self.stderr)
