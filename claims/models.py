"""Sources (documents that make claims), their immutable snapshots, and the claims themselves."""

import math
import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse

from catalogue.attributes import ATTRIBUTE_CHOICES
from catalogue.models import Benchmark, ModelFamily, ModelRelease


class Snapshot(models.Model):
    """The exact bytes a source was read from. Written once, never changed.

    The same content fetched twice is stored once (`sha256` is unique). Claim offsets are
    character offsets into `text`, the content decoded with `encoding`.
    """

    sha256 = models.CharField(max_length=64, unique=True)
    content = models.BinaryField()
    content_type = models.CharField(max_length=200)
    encoding = models.CharField(max_length=40, default="utf-8")
    text = models.TextField(help_text="The content decoded; claim offsets index into this.")
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(sha256__regex=r"^[0-9a-f]{64}$"), name="snapshot_sha256_hex"
            )
        ]

    def __str__(self) -> str:
        return f"{self.sha256[:12]} ({self.content_type}, {self.size} bytes)"


class SourceKind(models.TextChoices):
    VENDOR_BLOG = "vendor_blog", "Vendor blog"
    MODEL_CARD = "model_card", "Model card"
    PAPER = "paper", "Paper"
    PRESS = "press", "Press"
    SOCIAL = "social", "Social media"
    LEADERBOARD = "leaderboard", "Leaderboard"
    STAFF = "staff", "Staff submission"
    # A document whose feed does not say and whose address no rule knows: calling it a vendor
    # or press source would make the lineage of its claims wrong.
    UNKNOWN = "unknown", "Unknown kind"


class SourceStatus(models.TextChoices):
    QUEUED = "queued", "Queued"
    INGESTED = "ingested", "Ingested"
    FAILED = "failed", "Failed"


class Source(models.Model):
    url = models.URLField(max_length=2000, blank=True, help_text="Empty for pasted text.")
    canonical_url = models.URLField(max_length=2000, blank=True)
    publisher = models.CharField(max_length=200, blank=True)
    kind = models.CharField(max_length=16, choices=SourceKind.choices)
    title = models.CharField(max_length=500, blank=True)
    author = models.CharField(max_length=300, blank=True)
    published_date = models.DateField(null=True, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    snapshot = models.ForeignKey(
        Snapshot,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sources",
        help_text="The latest snapshot read; earlier ones stay referenced by their claims.",
    )
    status = models.CharField(
        max_length=16, choices=SourceStatus.choices, default=SourceStatus.QUEUED
    )
    failure_reason = models.TextField(blank=True)
    is_trusted = models.BooleanField(
        default=False, help_text="Claims from trusted sources are published without review."
    )
    is_demo = models.BooleanField(
        default=False, help_text="Sample material written for the project's demo."
    )
    demo_note = models.TextField(blank=True, help_text="For demo sources: what they restate.")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-published_date", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["canonical_url"],
                condition=~Q(canonical_url=""),
                name="source_unique_canonical_url",
            ),
            models.CheckConstraint(
                condition=~Q(url="") | Q(snapshot__isnull=False) | Q(status=SourceStatus.FAILED),
                name="source_has_url_or_text",
            ),
            models.CheckConstraint(
                condition=~Q(status=SourceStatus.FAILED) | ~Q(failure_reason=""),
                name="source_failure_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.canonical_url or self.url or f"Source #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("claims:source", kwargs={"pk": self.pk})


class SourceFetch(models.Model):
    """One attempt to fetch a source: what was asked, what answered, and what was stored."""

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="fetches")
    requested_url = models.CharField(max_length=2000)
    final_url = models.CharField(max_length=2000, blank=True)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.PROTECT, null=True, blank=True, related_name="fetches"
    )
    error = models.TextField(blank=True)
    fetched_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-fetched_at"]

    def __str__(self) -> str:
        return f"{self.requested_url} → {self.http_status or self.error[:40]}"


class ClaimKind(models.TextChoices):
    SCORE = "score", "Score"
    COMPARISON = "comparison", "Comparison"
    RELATIVE = "relative", "Relative"
    ATTRIBUTE = "attribute", "Attribute"


class ClaimStatus(models.TextChoices):
    PENDING = "pending", "Pending review"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    RETRACTED = "retracted", "Retracted"


STATUSES_NEEDING_REASON = (ClaimStatus.REJECTED, ClaimStatus.RETRACTED)
# What the public may see, on the site and through the API: a retraction stays on record with
# its reason; pending and rejected claims are the moderators' business.
PUBLIC_STATUSES = (ClaimStatus.PUBLISHED, ClaimStatus.RETRACTED)


class Relation(models.TextChoices):
    NONE = "", "—"
    GREATER = ">", "better than"
    LESS = "<", "worse than"
    EQUAL = "=", "on par with"


class Unit(models.TextChoices):
    NONE = "", "—"
    SCORE = "score", "score (benchmark scale)"
    PERCENT = "percent", "percent"
    POINTS = "points", "points"


def validate_finite(value: float | None) -> None:
    """A claimed figure is a number: not infinity, not NaN (JSON cannot carry those)."""
    if value is not None and not math.isfinite(value):
        raise ValidationError("The value must be a finite number.", code="not_finite")


class Claim(models.Model):
    """One thing a source says about a model, with the verbatim quote it says it in.

    Claims are never deleted: they are rejected or retracted with a reason, and every change is
    recorded as a `ClaimEvent`.
    """

    source = models.ForeignKey(Source, on_delete=models.PROTECT, related_name="claims")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="claims")
    kind = models.CharField(max_length=16, choices=ClaimKind.choices)

    model_text = models.CharField(max_length=300, help_text="The model as the source names it.")
    model = models.ForeignKey(
        ModelRelease, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    family = models.ForeignKey(
        ModelFamily,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims",
        help_text="For claims about a whole family (e.g. its licence).",
    )
    benchmark_text = models.CharField(max_length=300, blank=True)
    benchmark = models.ForeignKey(
        Benchmark, on_delete=models.PROTECT, null=True, blank=True, related_name="claims"
    )
    value = models.FloatField(
        null=True, blank=True, validators=[validate_finite], help_text="For a range, its low end."
    )
    value_high = models.FloatField(
        null=True,
        blank=True,
        validators=[validate_finite],
        help_text="The high end of a range (“20–30%”); empty otherwise.",
    )
    value_text = models.CharField(
        max_length=40,
        blank=True,
        help_text="The figure exactly as printed (“60.97”, “20–30”): pages show this.",
    )
    unit = models.CharField(max_length=8, choices=Unit.choices, blank=True, default=Unit.NONE)
    other_model_text = models.CharField(max_length=300, blank=True)
    other_model = models.ForeignKey(
        ModelRelease,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="claims_as_other",
    )
    relation = models.CharField(
        max_length=1, choices=Relation.choices, blank=True, default=Relation.NONE
    )
    attribute = models.CharField(max_length=24, choices=ATTRIBUTE_CHOICES, blank=True, default="")
    attribute_value = models.CharField(max_length=300, blank=True)
    setting = models.CharField(
        max_length=200,
        blank=True,
        help_text='As stated: "5-shot", "0-shot CoT", "pass@1". Empty when not disclosed.',
    )
    shots = models.PositiveSmallIntegerField(null=True, blank=True)

    quote = models.TextField()
    start = models.PositiveIntegerField(help_text="Character offset of the quote in the snapshot.")
    end = models.PositiveIntegerField()

    extractor = models.CharField(max_length=100, blank=True, help_text="name/version")
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="submitted_claims",
    )

    status = models.CharField(
        max_length=16, choices=ClaimStatus.choices, default=ClaimStatus.PENDING, db_index=True
    )
    status_reason = models.TextField(blank=True)

    fingerprint = models.CharField(
        max_length=64, db_index=True, help_text="Identity of what is claimed, for lineage."
    )
    earliest = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repetitions",
        help_text="The claim of the earliest source that made the same claim.",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="claim_quote_span"),
            models.CheckConstraint(
                condition=~Q(extractor="") | Q(submitted_by__isnull=False),
                name="claim_has_producer",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=STATUSES_NEEDING_REASON) | ~Q(status_reason=""),
                name="claim_rejection_has_reason",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ClaimKind.SCORE)
                | (Q(value__isnull=False) & ~Q(benchmark_text="")),
                name="claim_score_has_value_and_benchmark",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ClaimKind.COMPARISON)
                | (~Q(relation=Relation.NONE) & ~Q(other_model_text="")),
                name="claim_comparison_has_relation_and_other",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ClaimKind.RELATIVE)
                | (Q(value__isnull=False) & Q(unit__in=[Unit.PERCENT, Unit.POINTS])),
                name="claim_relative_has_margin",
            ),
            models.CheckConstraint(
                condition=~Q(kind=ClaimKind.ATTRIBUTE)
                | (~Q(attribute="") & ~Q(attribute_value="")),
                name="claim_attribute_has_name_and_value",
            ),
            models.CheckConstraint(
                condition=Q(value_high__isnull=True)
                | (Q(value__isnull=False) & Q(value_high__gt=F("value"))),
                name="claim_range_low_below_high",
            ),
            models.CheckConstraint(
                condition=Q(earliest__isnull=True) | ~Q(earliest=F("id")),
                name="claim_earliest_is_another",
            ),
            # PostgreSQL orders NaN above infinity: "< inf" refuses both, "> -inf" the other.
            models.CheckConstraint(
                condition=(
                    Q(value__isnull=True) | (Q(value__lt=float("inf")) & Q(value__gt=float("-inf")))
                )
                & (
                    Q(value_high__isnull=True)
                    | (Q(value_high__lt=float("inf")) & Q(value_high__gt=float("-inf")))
                ),
                name="claim_value_finite",
            ),
            models.UniqueConstraint(
                fields=["snapshot", "start", "end", "fingerprint"], name="claim_unique_in_snapshot"
            ),
        ]
        indexes = [models.Index(fields=["model", "benchmark", "status"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.quote[:80]}"

    def get_absolute_url(self) -> str:
        return reverse("claims:claim", kwargs={"pk": self.pk})

    @property
    def printed_value(self) -> str:
        """The figure as the source printed it (“60.97”, “20–30”); for a claim stored before
        printed figures were kept, its value written plainly. Empty when it has none."""
        return printed_figure(
            value_text=self.value_text, value=self.value, value_high=self.value_high
        )

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise ClaimDeletionError("Claims are never deleted; retract or reject them with a reason.")


def printed_figure(*, value_text: str, value: float | None, value_high: float | None) -> str:
    """A claim's figure as the source printed it, from its columns alone (for pages that read
    claims as flat rows): the stored text, else the value written plainly."""
    if value_text:
        return value_text
    if value is None:
        return ""
    if value_high is not None:
        return f"{_plain(value)}–{_plain(value_high)}"
    return _plain(value)


def _plain(value: float) -> str:
    """72.2 as "72.2", 70.0 as "70": no digits the float does not carry."""
    return format(value, ".10g")


class ClaimDeletionError(Exception):
    pass


class RefusedClaim(models.Model):
    """A claim extraction found in a source that could not be stored, with the reason.

    The source's other claims are stored; this keeps what was lost visible to staff. Each
    ingestion of a snapshot replaces the refusals it recorded before for that snapshot.
    """

    source = models.ForeignKey(Source, on_delete=models.CASCADE, related_name="refused_claims")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(max_length=16, choices=ClaimKind.choices)
    model_text = models.CharField(max_length=300, blank=True)
    quote = models.TextField()
    start = models.PositiveIntegerField()
    end = models.PositiveIntegerField()
    reason = models.TextField()
    extracted = models.JSONField(default=dict, help_text="What extraction read, field by field.")
    extractor = models.CharField(max_length=100)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="refused_claim_has_reason")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} refused: {self.reason[:80]}"


class FigureReason(models.TextChoices):
    NO_MODEL = "no model", "No model named"
    NO_BENCHMARK = "no benchmark", "No benchmark named"
    AMBIGUOUS = "ambiguous", "Ambiguous attachment"


class UnattributedFigure(models.Model):
    """A figure that looks like a benchmark score but did not become a claim, and why.

    Staff only: it is shown beside the source's claims in the admin, and promoting it (with a
    model and a benchmark chosen from the catalogue) makes a pending claim of it.
    """

    source = models.ForeignKey(
        Source, on_delete=models.PROTECT, related_name="unattributed_figures"
    )
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="+")
    quote = models.TextField()
    start = models.PositiveIntegerField(help_text="Character offset of the quote in the snapshot.")
    end = models.PositiveIntegerField()
    value_text = models.CharField(max_length=40, help_text="The figure exactly as printed.")
    reason = models.CharField(max_length=40, choices=FigureReason.choices)
    model_text = models.CharField(max_length=300, blank=True, help_text="The model seen, if any.")
    benchmark_text = models.CharField(
        max_length=300, blank=True, help_text="The benchmark seen, if any."
    )
    setting = models.CharField(max_length=200, blank=True)
    extractor = models.CharField(max_length=100)
    claim = models.OneToOneField(
        Claim,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="promoted_from",
        help_text="The claim staff made of it.",
    )
    promoted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    promoted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["start", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(end__gt=F("start")), name="figure_quote_span"),
            models.CheckConstraint(
                condition=Q(claim__isnull=True)
                | (Q(promoted_by__isnull=False) & Q(promoted_at__isnull=False)),
                name="figure_promotion_has_actor",
            ),
            models.UniqueConstraint(
                fields=["source", "snapshot", "start", "end", "value_text"],
                name="figure_unique_in_snapshot",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.value_text} ({self.get_reason_display()}): {self.quote[:60]}"


class ClaimAction(models.TextChoices):
    CREATED = "created", "Created"
    EDITED = "edited", "Edited"
    PUBLISHED = "published", "Published"
    REJECTED = "rejected", "Rejected"
    RETRACTED = "retracted", "Retracted"
    REOPENED = "reopened", "Returned to review"
    LINKED = "linked", "Linked to earliest source"


class ClaimEvent(models.Model):
    """One entry of a claim's history: who did what, when, and why."""

    claim = models.ForeignKey(Claim, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(max_length=16, choices=ClaimAction.choices)
    from_status = models.CharField(max_length=16, choices=ClaimStatus.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=ClaimStatus.choices, blank=True)
    reason = models.TextField(blank=True)
    changes = models.JSONField(default=dict, blank=True, help_text="field: [old, new]")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True
    )
    actor_label = models.CharField(
        max_length=200, blank=True, help_text="Who acted when it was not a user (an extractor)."
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(actor__isnull=False) | ~Q(actor_label=""), name="claim_event_has_actor"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} by {self.actor or self.actor_label}"


class FeedKind(models.TextChoices):
    FEED = "feed", "RSS or Atom feed (each new entry becomes a source)"
    PAGE = "page", "Page re-read on each poll (a model card, a results page)"
    INDEX = "index", "Blog index (each new post it links to becomes a source)"


def validate_link_pattern(value: str) -> None:
    try:
        re.compile(value)
    except re.error as error:
        raise ValidationError(f"Not a regular expression: {error}.") from error


class Feed(models.Model):
    """A place polled on a schedule for new claim-bearing documents."""

    url = models.URLField(max_length=2000, unique=True)
    kind = models.CharField(max_length=8, choices=FeedKind.choices, default=FeedKind.FEED)
    name = models.CharField(max_length=200)
    source_kind = models.CharField(
        max_length=16,
        choices=SourceKind.choices,
        blank=True,
        help_text=(
            "The kind given to the sources this feed yields; empty: each from its address "
            "(for feeds that link to many sites)."
        ),
    )
    publisher = models.CharField(max_length=200, blank=True)
    link_pattern = models.CharField(
        max_length=500,
        blank=True,
        validators=[validate_link_pattern],
        help_text=(
            "Blog indexes only: a regular expression the post addresses match "
            "(default: links on the same host below the index's folder)."
        ),
    )
    is_trusted = models.BooleanField(
        default=False, help_text="Claims from its sources are published without review."
    )
    is_active = models.BooleanField(default=True)
    etag = models.CharField(max_length=500, blank=True)
    last_modified = models.CharField(max_length=100, blank=True)
    last_polled_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
