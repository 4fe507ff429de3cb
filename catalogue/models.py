"""The catalogue: who releases models, which models, and which benchmarks they are scored on."""

from django.db import models
from django.db.models import F, Q
from django.urls import reverse


class CatalogueStatus(models.TextChoices):
    # Entries created automatically for a name nobody has checked yet (an unknown model in a
    # scraped page) wait for moderation instead of being dropped or trusted.
    PUBLISHED = "published", "Published"
    PENDING = "pending", "Pending review"


class Organization(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    homepage = models.URLField(blank=True)
    description = models.TextField(blank=True)
    status = models.CharField(
        max_length=16, choices=CatalogueStatus.choices, default=CatalogueStatus.PUBLISHED
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("leaderboard:organization", kwargs={"slug": self.slug})


class ModelFamily(models.Model):
    """A named group of releases, e.g. "Qwen3.5 Medium" or "Llama 3.1"."""

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="families"
    )
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "model families"
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="family_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class Architecture(models.TextChoices):
    UNKNOWN = "", "Unknown"
    DENSE = "dense", "Dense"
    MOE = "moe", "Mixture of experts"


class ModelRelease(models.Model):
    """One released model. Unknown facts stay empty (null), never guessed."""

    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="models")
    family = models.ForeignKey(
        ModelFamily, on_delete=models.PROTECT, null=True, blank=True, related_name="releases"
    )
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    status = models.CharField(
        max_length=16, choices=CatalogueStatus.choices, default=CatalogueStatus.PUBLISHED
    )
    release_date = models.DateField(null=True, blank=True)
    open_weights = models.BooleanField(null=True, blank=True, help_text="Empty when unknown.")
    license = models.CharField(max_length=100, blank=True)
    total_params = models.BigIntegerField(null=True, blank=True, help_text="Parameter count.")
    active_params = models.BigIntegerField(
        null=True, blank=True, help_text="Parameters active per token (mixture of experts)."
    )
    architecture = models.CharField(
        max_length=8, choices=Architecture.choices, default=Architecture.UNKNOWN, blank=True
    )
    num_experts = models.PositiveIntegerField(null=True, blank=True)
    experts_per_token = models.PositiveIntegerField(null=True, blank=True)
    context_length = models.PositiveIntegerField(null=True, blank=True, help_text="In tokens.")
    hf_repo_id = models.CharField("Hugging Face repo id", max_length=200, blank=True)
    hf_revision = models.CharField(
        "pinned revision",
        max_length=40,
        blank=True,
        help_text="The commit sha of the Hugging Face repo that evaluations use.",
    )
    homepage = models.URLField(blank=True)
    notes = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["organization__name", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(total_params__isnull=True) | Q(total_params__gt=0),
                name="model_total_params_positive",
            ),
            models.CheckConstraint(
                condition=Q(active_params__isnull=True)
                | Q(total_params__isnull=True)
                | Q(active_params__lte=F("total_params")),
                name="model_active_params_within_total",
            ),
            models.CheckConstraint(
                condition=Q(experts_per_token__isnull=True)
                | Q(num_experts__isnull=True)
                | Q(experts_per_token__lte=F("num_experts")),
                name="model_experts_per_token_within_experts",
            ),
            models.CheckConstraint(
                condition=Q(num_experts__isnull=True) | Q(architecture=Architecture.MOE),
                name="model_experts_only_for_moe",
            ),
            models.CheckConstraint(
                condition=Q(hf_revision="") | Q(hf_revision__regex=r"^[0-9a-f]{40}$"),
                name="model_revision_is_commit_sha",
            ),
            models.CheckConstraint(
                condition=Q(hf_revision="") | ~Q(hf_repo_id=""),
                name="model_revision_needs_repo",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("leaderboard:model", kwargs={"slug": self.slug})

    @property
    def is_pending(self) -> bool:
        return self.status == CatalogueStatus.PENDING


class ModelAlias(models.Model):
    """Another name a model goes by. `normalized` is unique across the catalogue."""

    model = models.ForeignKey(ModelRelease, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "model aliases"

    def __str__(self) -> str:
        return self.alias


class BenchmarkCategory(models.TextChoices):
    KNOWLEDGE = "knowledge", "Knowledge"
    REASONING = "reasoning", "Reasoning"
    COMMONSENSE = "commonsense", "Commonsense"
    MATH = "math", "Math"
    CODING = "coding", "Coding"
    TOOL_USE = "tool_use", "Tool use"
    VISION = "vision", "Vision"
    INSTRUCTION_FOLLOWING = "instruction_following", "Instruction following"
    CHAT = "chat", "Chat quality"
    LONG_CONTEXT = "long_context", "Long context"
    READING = "reading", "Reading comprehension"
    TRUTHFULNESS = "truthfulness", "Truthfulness"
    MULTILINGUAL = "multilingual", "Multilingual"
    AGGREGATE = "aggregate", "Aggregate"
    OTHER = "other", "Other"


class Benchmark(models.Model):
    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    status = models.CharField(
        max_length=16, choices=CatalogueStatus.choices, default=CatalogueStatus.PUBLISHED
    )
    category = models.CharField(
        max_length=32, choices=BenchmarkCategory.choices, default=BenchmarkCategory.OTHER
    )
    description = models.TextField(blank=True)
    url = models.URLField(blank=True)
    metric = models.CharField(max_length=100, blank=True, help_text='e.g. "accuracy", "pass@1".')
    scale_min = models.FloatField(default=0)
    scale_max = models.FloatField(default=100, help_text="100 for percentages, 1 for fractions.")
    higher_is_better = models.BooleanField(default=True)
    default_setting = models.CharField(
        max_length=100, blank=True, help_text='The setting usually reported, e.g. "5-shot".'
    )
    harness_tasks = models.JSONField(
        default=list,
        blank=True,
        help_text="lm-evaluation-harness task names that measure it; empty when none exists.",
    )
    harness_metric = models.CharField(
        max_length=100, blank=True, help_text='lm-eval metric key, e.g. "acc,none".'
    )
    harness_shots = models.PositiveSmallIntegerField(null=True, blank=True)
    tolerance_points = models.FloatField(
        null=True,
        blank=True,
        help_text="How far a same-setting score from another harness or prompt format may "
        "honestly land, in points of this benchmark's scale. Empty when not on record.",
    )
    tolerance_source = models.TextField(
        blank=True, help_text="Where the tolerance comes from; required with a tolerance."
    )
    harness_protocol = models.JSONField(
        default=dict,
        blank=True,
        help_text="How it is measured beyond task, metric and shots: output, CoT, chat "
        "template, sampling, sandboxed code, modality, the vendor convention and its source.",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")), name="benchmark_scale_not_empty"
            ),
            models.CheckConstraint(
                condition=Q(tolerance_points__isnull=True)
                | (Q(tolerance_points__gte=0) & ~Q(tolerance_source="")),
                name="benchmark_tolerance_has_source",
            ),
            models.CheckConstraint(
                condition=Q(harness_tasks=[]) | ~Q(harness_metric=""),
                name="benchmark_harness_tasks_need_metric",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("leaderboard:benchmark", kwargs={"slug": self.slug})

    @property
    def is_measurable(self) -> bool:
        return bool(self.harness_tasks)

    @property
    def scale_span(self) -> float:
        return self.scale_max - self.scale_min


class BenchmarkAlias(models.Model):
    benchmark = models.ForeignKey(Benchmark, on_delete=models.CASCADE, related_name="aliases")
    alias = models.CharField(max_length=200)
    normalized = models.CharField(max_length=200, unique=True, editable=False)

    class Meta:
        ordering = ["alias"]
        verbose_name_plural = "benchmark aliases"

    def __str__(self) -> str:
        return self.alias
