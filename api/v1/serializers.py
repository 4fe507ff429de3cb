"""What the API says about each thing. Related catalogue entries are named by slug, everything
else by id: both are stable."""

import math
from collections.abc import Mapping
from typing import Any, TypeVar

from django.urls import reverse
from rest_framework import serializers

from catalogue.attributes import ATTRIBUTE_CHOICES, ATTRIBUTE_NAMES
from catalogue.models import Architecture, Benchmark, ModelRelease, Organization
from claims.models import Claim, ClaimKind, Relation, Source, SourceKind, Unit
from evaluator.models import EvaluationRun, Measurement
from leaderboard.ranking import MAX_PARAMS_BILLIONS, SETTING_CHOICES, SORTS, LeaderboardFilters
from verdicts.rules import VerdictCategory

FieldT = TypeVar("FieldT", bound=serializers.Field)


def _absolute(context: Mapping[str, Any], path: str) -> str:
    request = context.get("request")
    return request.build_absolute_uri(path) if request is not None else path


def _slug(*, nullable: bool = False, many: bool = False) -> Any:
    """A related catalogue entry, named by its slug (typed Any: the stubs' generics add nothing)."""
    return serializers.SlugRelatedField(
        slug_field="slug", read_only=True, allow_null=nullable, many=many
    )


def _aliases() -> Any:
    """The other names of a catalogue entry (the viewsets prefetch them in order)."""
    return serializers.SlugRelatedField(slug_field="alias", read_only=True, many=True)


class WebPageMixin(serializers.Serializer):
    """`page_url`: the object's page on the website."""

    page_url = serializers.SerializerMethodField()

    def get_page_url(self, obj: Any) -> str:
        return _absolute(self.context, obj.get_absolute_url())


# --- Catalogue ------------------------------------------------------------------------------


class OrganizationSerializer(WebPageMixin, serializers.ModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "id",
            "slug",
            "name",
            "homepage",
            "description",
            "status",
            "created_at",
            "page_url",
        ]


class ModelReleaseSerializer(WebPageMixin, serializers.ModelSerializer):
    organization = _slug()
    family = _slug(nullable=True)
    aliases = _aliases()

    class Meta:
        model = ModelRelease
        fields = [
            "id",
            "slug",
            "name",
            "organization",
            "family",
            "aliases",
            "status",
            *ATTRIBUTE_NAMES,
            "architecture",
            "hf_repo_id",
            "hf_revision",
            "homepage",
            "notes",
            "created_at",
            "updated_at",
            "page_url",
        ]


class BenchmarkSerializer(WebPageMixin, serializers.ModelSerializer):
    aliases = _aliases()
    is_measurable = serializers.BooleanField(
        read_only=True, help_text="Whether an lm-evaluation-harness task measures it."
    )

    class Meta:
        model = Benchmark
        fields = [
            "id",
            "slug",
            "name",
            "aliases",
            "status",
            "category",
            "description",
            "url",
            "metric",
            "scale_min",
            "scale_max",
            "higher_is_better",
            "default_setting",
            "harness_tasks",
            "harness_metric",
            "harness_shots",
            "is_measurable",
            "created_at",
            "page_url",
        ]


# --- Sources and claims ---------------------------------------------------------------------


class SnapshotSummarySerializer(serializers.Serializer):
    sha256 = serializers.CharField(help_text="sha256 of the exact bytes read.")
    content_type = serializers.CharField()
    size = serializers.IntegerField(help_text="In bytes.")
    created_at = serializers.DateTimeField(help_text="When the bytes were stored.")


class SourceSerializer(WebPageMixin, serializers.ModelSerializer):
    snapshot = SnapshotSummarySerializer(read_only=True, allow_null=True)
    archived_copy_url = serializers.SerializerMethodField(
        help_text="Where the archived copy (the snapshot) can be read."
    )

    class Meta:
        model = Source
        fields = [
            "id",
            "url",
            "canonical_url",
            "publisher",
            "kind",
            "title",
            "author",
            "published_date",
            "fetched_at",
            "status",
            "is_trusted",
            "is_demo",
            "demo_note",
            "snapshot",
            "archived_copy_url",
            "created_at",
            "updated_at",
            "page_url",
        ]

    def get_archived_copy_url(self, obj: Source) -> str | None:
        if obj.snapshot_id is None:
            return None
        return _absolute(self.context, reverse("claims:source", kwargs={"pk": obj.pk}))


class FiniteFloatField(serializers.FloatField):
    """A float that JSON can carry. The database refuses non-finite claim values; a claim stored
    before that (rejected since, seen by staff only) shows its value as null, not a 500."""

    def to_representation(self, value: Any) -> float | None:  # type: ignore[override]
        number = float(value)
        return number if math.isfinite(number) else None


PRINTED_HELP = 'The figure as the source printed it ("72.20", "20–30"), where `value` is a number.'


class ClaimSerializer(WebPageMixin, serializers.ModelSerializer):
    value = FiniteFloatField(read_only=True, allow_null=True)
    value_printed = serializers.CharField(
        source="printed_value", read_only=True, help_text=PRINTED_HELP
    )
    snapshot_sha256 = serializers.CharField(
        read_only=True, help_text="The snapshot the quote and its offsets refer to."
    )
    model = _slug(nullable=True)
    family = _slug(nullable=True)
    benchmark = _slug(nullable=True)
    other_model = _slug(nullable=True)
    submitted_by_staff = serializers.SerializerMethodField(
        help_text="Typed in by a staff member rather than found by an extractor."
    )
    earliest: serializers.PrimaryKeyRelatedField[Claim] = serializers.PrimaryKeyRelatedField(
        read_only=True,
        allow_null=True,
        help_text="The same claim in the earliest source that made it (null: this is it).",
    )

    class Meta:
        model = Claim
        fields = [
            "id",
            "source",
            "snapshot_sha256",
            "kind",
            "model",
            "model_text",
            "family",
            "benchmark",
            "benchmark_text",
            "value",
            "value_printed",
            "unit",
            "other_model",
            "other_model_text",
            "relation",
            "attribute",
            "attribute_value",
            "setting",
            "shots",
            "quote",
            "start",
            "end",
            "extractor",
            "submitted_by_staff",
            "status",
            "status_reason",
            "fingerprint",
            "earliest",
            "created_at",
            "updated_at",
            "page_url",
        ]

    def get_submitted_by_staff(self, obj: Claim) -> bool:
        return obj.submitted_by_id is not None


# --- Runs and measurements ------------------------------------------------------------------


class EvaluationRunSerializer(WebPageMixin, serializers.ModelSerializer):
    """The sealed bundle of a run: what ran, where, with what, and what came out."""

    model = _slug()
    benchmarks = _slug(many=True)
    is_smoke = serializers.BooleanField(
        read_only=True, help_text="A sample-limited run; never used for verdicts."
    )
    samples_url = serializers.SerializerMethodField()

    class Meta:
        model = EvaluationRun
        fields = [
            "id",
            "origin",
            "model",
            "model_revision",
            "benchmarks",
            "tasks",
            "backend",
            "run_settings",
            "sample_limit",
            "is_smoke",
            "dedup_key",
            "forced",
            "status",
            "failure_reason",
            "progress",
            "attempts",
            "requested_at",
            "started_at",
            "finished_at",
            "wall_seconds",
            "versions",
            "hardware",
            "chat_template_sha256",
            "results",
            "results_sha256",
            "samples_url",
            "reproduce_command",
            "source",
            "provenance",
            "provenance_complete",
            "page_url",
        ]

    def get_samples_url(self, obj: EvaluationRun) -> str | None:
        if not obj.samples_file:
            return None
        return _absolute(self.context, reverse("evaluator:run-samples", kwargs={"pk": obj.pk}))


class MeasurementSerializer(serializers.ModelSerializer):
    model = _slug()
    benchmark = _slug()
    run_origin = serializers.CharField(read_only=True, help_text="ours or imported.")
    run_status = serializers.CharField(read_only=True)
    model_revision = serializers.CharField(read_only=True, help_text="The revision evaluated.")

    class Meta:
        model = Measurement
        fields = [
            "id",
            "run",
            "run_origin",
            "run_status",
            "model",
            "model_revision",
            "benchmark",
            "task",
            "metric",
            "shots",
            "setting",
            "value",
            "stderr",
            "sample_count",
            "created_at",
        ]


# --- Verdicts and the leaderboard -----------------------------------------------------------


def _if_measured(field: type[FieldT], source: str, **kwargs: Any) -> FieldT:
    """A figure of the measurement behind a verdict or row: null where none was measured."""
    return field(source=source, read_only=True, allow_null=True, default=None, **kwargs)


class VerdictSerializer(serializers.Serializer):
    """A published claim and what our measurements (or the claimed figures) say about it."""

    claim = serializers.IntegerField(source="claim.pk")
    kind = serializers.ChoiceField(choices=ClaimKind.choices, source="claim.kind")
    model = serializers.CharField(source="claim.model.slug", allow_null=True, default=None)
    benchmark = serializers.CharField(source="claim.benchmark.slug", allow_null=True, default=None)
    other_model = serializers.CharField(
        source="claim.other_model.slug", allow_null=True, default=None
    )
    verdict = serializers.ChoiceField(
        choices=[c.value for c in VerdictCategory], source="verdict.category"
    )
    label = serializers.CharField(source="verdict.label")  # type: ignore[assignment]
    reason = serializers.CharField(source="verdict.reason")
    basis = serializers.CharField(
        source="verdict.basis", help_text='"measurement" or "claimed figures" (relative claims).'
    )
    claimed = serializers.FloatField(source="verdict.claimed", allow_null=True)
    claimed_printed = serializers.CharField(source="claim.printed_value", help_text=PRINTED_HELP)
    difference = serializers.FloatField(
        source="verdict.difference", allow_null=True, help_text="Claimed minus measured."
    )
    measured_value = _if_measured(serializers.FloatField, "verdict.measured.value")
    measured_stderr = _if_measured(serializers.FloatField, "verdict.measured.stderr")
    measurement = _if_measured(serializers.IntegerField, "verdict.measured.measurement_id")
    run = _if_measured(serializers.IntegerField, "verdict.measured.run_id")
    measurement_origin = _if_measured(
        serializers.ChoiceField,
        "verdict.measured.origin",
        choices=["ours", "imported"],
        help_text='"ours" for our runs, "imported" for a third party\'s results file.',
    )
    measured_by = _if_measured(
        serializers.CharField,
        "verdict.measured.measured_by",
        help_text="Who ran an imported measurement (empty for ours).",
    )
    imported_from = _if_measured(
        serializers.CharField,
        "verdict.measured.imported_from",
        help_text="The results file an imported measurement came from (empty for ours).",
    )


class LeaderboardQuerySerializer(serializers.Serializer):
    """The website's leaderboard filters (leaderboard.ranking), as query parameters."""

    organization = serializers.SlugField(required=False, help_text="Organization slug.")
    open_weights = serializers.BooleanField(required=False, allow_null=True, default=None)
    license = serializers.CharField(required=False, default="")
    params_min = serializers.FloatField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=MAX_PARAMS_BILLIONS,
        help_text="Billions.",
    )
    params_max = serializers.FloatField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=MAX_PARAMS_BILLIONS,
        help_text="Billions.",
    )
    architecture = serializers.ChoiceField(
        choices=[c for c in Architecture.choices if c[0]], required=False
    )
    verdict = serializers.ChoiceField(
        choices=[c.value for c in VerdictCategory],
        required=False,
        help_text="Rows whose most severe claim verdict is this.",
    )
    setting = serializers.ChoiceField(choices=[c for c in SETTING_CHOICES if c[0]], required=False)
    sort = serializers.ChoiceField(choices=list(SORTS), required=False, default="measured")
    page = serializers.IntegerField(required=False, default=1, min_value=1)

    def filters(self) -> LeaderboardFilters:
        data = self.validated_data
        return LeaderboardFilters(
            organization=data.get("organization", ""),
            open_weights=data.get("open_weights"),
            license=data.get("license", ""),
            params_min=data.get("params_min"),
            params_max=data.get("params_max"),
            architecture=data.get("architecture", ""),
            verdict=data.get("verdict", ""),
            setting=data.get("setting", ""),
            sort=data.get("sort", "measured"),
        )


class LeaderboardClaimSerializer(serializers.Serializer):
    claim = serializers.IntegerField(source="claim_id")
    value = serializers.FloatField()
    value_printed = serializers.CharField(source="printed", help_text=PRINTED_HELP)
    setting = serializers.CharField()
    verdict = serializers.ChoiceField(
        choices=[c.value for c in VerdictCategory], source="verdict.category"
    )
    reason = serializers.CharField(source="verdict.reason")


class LeaderboardRowSerializer(serializers.Serializer):
    rank = serializers.IntegerField(
        allow_null=True,
        help_text="Among the rows the model filters keep: one more than the number measured "
        "better (equal scores share a rank). Null when not measured.",
    )
    model = serializers.CharField(source="model.slug", help_text="The model's slug.")
    model_name = serializers.CharField(source="model.name")
    organization = serializers.CharField(
        source="model.organization.slug", help_text="The organization's slug."
    )
    measured_value = _if_measured(serializers.FloatField, "measured.value")
    measured_stderr = _if_measured(serializers.FloatField, "measured.stderr")
    measurement = _if_measured(serializers.IntegerField, "measured.measurement_id")
    run = _if_measured(serializers.IntegerField, "measured.run_id")
    verdict = serializers.ChoiceField(
        choices=[c.value for c in VerdictCategory],
        source="verdict.category",
        allow_null=True,
        default=None,
        help_text="The most severe verdict among the model's claims.",
    )
    claims = LeaderboardClaimSerializer(many=True, help_text="Published score claims.")


class LeaderboardSerializer(serializers.Serializer):
    benchmark = serializers.CharField(source="benchmark.slug", help_text="The benchmark's slug.")
    higher_is_better = serializers.BooleanField(source="benchmark.higher_is_better")
    scale_min = serializers.FloatField(source="benchmark.scale_min")
    scale_max = serializers.FloatField(source="benchmark.scale_max")
    total = serializers.IntegerField(help_text="Rows across all pages.")
    page = serializers.IntegerField(source="page.number")
    num_pages = serializers.IntegerField(source="page.paginator.num_pages")
    rows = LeaderboardRowSerializer(many=True)


# --- Writes ---------------------------------------------------------------------------------


def _optional_text(**kwargs: Any) -> serializers.CharField:
    return serializers.CharField(required=False, default="", allow_blank=True, **kwargs)


def _optional_choice(choices: Any) -> serializers.ChoiceField:
    return serializers.ChoiceField(choices=choices, required=False, default="", allow_blank=True)


class ClaimSubmitSerializer(serializers.Serializer):
    """A claim typed in by staff. Provenance is required: a source URL or its pasted text."""

    kind = serializers.ChoiceField(choices=ClaimKind.choices)
    model = serializers.CharField(max_length=300, help_text="The model as the source names it.")
    quote = serializers.CharField(help_text="Verbatim, as it appears in the source.")
    source_url = serializers.URLField(max_length=2000, required=False, default="", allow_blank=True)
    pasted_text = _optional_text(help_text="The source's text, when there is no URL.")
    source_kind = serializers.ChoiceField(
        choices=SourceKind.choices, required=False, default=SourceKind.STAFF
    )
    publisher = _optional_text(max_length=200)
    title = _optional_text(max_length=500)
    benchmark = _optional_text(max_length=300)
    value = serializers.FloatField(required=False, allow_null=True, default=None)
    unit = _optional_choice(Unit.choices)
    setting = _optional_text(max_length=200, help_text='As stated, e.g. "5-shot".')
    other_model = _optional_text(max_length=300)
    relation = _optional_choice(Relation.choices)
    attribute = _optional_choice(ATTRIBUTE_CHOICES)
    attribute_value = _optional_text(max_length=300)

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        errors: dict[str, str] = {}
        if not (attrs["source_url"] or attrs["pasted_text"].strip()):
            errors["source_url"] = "A source URL or the pasted text of the source is required."
        if attrs["pasted_text"] and attrs["quote"] not in attrs["pasted_text"]:
            errors["quote"] = "The quote must appear word for word in the pasted text."
        kind = attrs["kind"]
        if kind in (ClaimKind.SCORE, ClaimKind.RELATIVE) and attrs["value"] is None:
            errors["value"] = "A value is required for this kind of claim."
        if kind == ClaimKind.SCORE and not attrs["benchmark"]:
            errors["benchmark"] = "A score claim names its benchmark."
        if kind == ClaimKind.RELATIVE and attrs["unit"] not in (Unit.PERCENT, Unit.POINTS):
            errors["unit"] = "A relative claim's margin is in percent or points."
        if kind in (ClaimKind.COMPARISON, ClaimKind.RELATIVE):
            if not attrs["other_model"]:
                errors["other_model"] = "Name the model it is compared with."
            if kind == ClaimKind.COMPARISON and not attrs["relation"]:
                errors["relation"] = "Say whether it is better, worse or on par."
        if kind == ClaimKind.ATTRIBUTE:
            if not attrs["attribute"]:
                errors["attribute"] = "Name the attribute."
            if not attrs["attribute_value"]:
                errors["attribute_value"] = "Give the attribute's value."
        if errors:
            raise serializers.ValidationError(errors)
        return attrs


class SourceSubmitSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=2000)
    kind = serializers.ChoiceField(choices=SourceKind.choices)
    publisher = _optional_text(max_length=200)
    title = _optional_text(max_length=500)
    is_trusted = serializers.BooleanField(
        required=False, default=False, help_text="Publish its claims without review."
    )


class EvaluationRequestSerializer(serializers.Serializer):
    model: serializers.SlugRelatedField[ModelRelease] = serializers.SlugRelatedField(
        slug_field="slug", queryset=ModelRelease.objects.all(), help_text="The model's slug."
    )
    benchmarks: serializers.SlugRelatedField[Benchmark] = serializers.SlugRelatedField(
        slug_field="slug",
        queryset=Benchmark.objects.all(),
        many=True,
        allow_empty=False,
        help_text="Benchmark slugs.",
    )
    backend = serializers.ChoiceField(
        choices=["hf", "vllm", "local-completions"],
        required=False,
        help_text="hf runs on a CPU or GPU worker, vllm on a GPU worker. Default: the site's.",
    )
    limit = serializers.IntegerField(
        min_value=1, required=False, allow_null=True, help_text="Samples per task: a smoke run."
    )
    force = serializers.BooleanField(
        default=False, help_text="Run again even when an identical run exists."
    )
    device = serializers.RegexField(
        r"^(cpu|cuda(:\d+)?)$", required=False, allow_null=True, help_text='"cpu" or "cuda".'
    )
    dtype = serializers.ChoiceField(
        choices=["auto", "float32", "float16", "bfloat16"], default="auto"
    )
    batch_size = serializers.RegexField(
        r"^(auto|[1-9][0-9]*)$", required=False, allow_null=True, help_text='A number or "auto".'
    )
    tensor_parallel_size = serializers.IntegerField(min_value=1, max_value=16, default=1)
    data_parallel_size = serializers.IntegerField(min_value=1, max_value=16, default=1)
    apply_chat_template = serializers.BooleanField(
        required=False,
        allow_null=True,
        default=None,
        help_text="Empty: as each benchmark's protocol says for this model.",
    )
    chat_template = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=100,
        help_text="The name of one of the tokenizer's chat templates.",
    )
    model_args = serializers.DictField(
        required=False,
        default=dict,
        help_text="Backend arguments: max_model_len, gpu_memory_utilization (vLLM), ...",
    )
    sampling = serializers.DictField(
        required=False,
        allow_null=True,
        default=None,
        help_text="{k, temperature, top_p, estimator}: a claim's own sampling setting.",
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        unknown = sorted(set(self.initial_data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: "Not a run option." for name in unknown})
        return attrs


class ModerationSerializer(serializers.Serializer):
    action = serializers.ChoiceField(choices=["publish", "reject", "retract", "reopen"])
    reason = serializers.CharField(
        required=False, default="", allow_blank=True, help_text="Required to reject or retract."
    )

    def validate(self, attrs: dict[str, Any]) -> dict[str, Any]:
        if attrs["action"] in ("reject", "retract") and not attrs["reason"].strip():
            raise serializers.ValidationError(
                {"reason": f"A reason is required to {attrs['action']} a claim."}
            )
        return attrs


class DumpFileSerializer(serializers.Serializer):
    name = serializers.CharField()
    sha256 = serializers.CharField()
    size = serializers.IntegerField()
    rows = serializers.IntegerField()
    url = serializers.CharField()


class DumpManifestSerializer(serializers.Serializer):
    generated_at = serializers.DateTimeField()
    licence = serializers.CharField()
    licence_url = serializers.CharField()
    attribution = serializers.CharField()
    files = DumpFileSerializer(many=True)
