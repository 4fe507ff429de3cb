"""Verdicts as stored: each claim's latest verdict with the inputs it was computed from, and
the history of how it changed.

The rules (`rules`) stay plain functions; these rows are what pages, feeds and the API read,
recomputed when a claim, a measurement or a catalogue fact changes (`services`).
"""

from django.db import models

from .rules import VerdictCategory

CATEGORY_CHOICES = [(category.value, category.label) for category in VerdictCategory]


class StoredVerdict(models.Model):
    """A claim's verdict as last computed. `measured` keeps the measurement's figures as they
    were used (value, stderr, setting, who measured it), so the sentence can be shown again
    without recomputing."""

    claim = models.OneToOneField(
        "claims.Claim", on_delete=models.PROTECT, primary_key=True, related_name="stored_verdict"
    )
    # The claim's benchmark, copied so a leaderboard reads its rows by index (joined to
    # thousands of claims, PostgreSQL scans the whole table instead).
    benchmark = models.ForeignKey(
        "leaderboard.Benchmark",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    category = models.CharField(max_length=24, choices=CATEGORY_CHOICES, db_index=True)
    reason = models.TextField()
    basis = models.CharField(max_length=24, blank=True)
    claimed = models.FloatField(null=True, blank=True)
    difference = models.FloatField(null=True, blank=True)
    half_width = models.FloatField(null=True, blank=True)
    tolerance = models.FloatField(null=True, blank=True)
    assumed = models.JSONField(default=list, blank=True)
    measurement = models.ForeignKey(
        "evaluator.Measurement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    measured = models.JSONField(default=dict, blank=True)
    computed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"Claim #{self.claim_id}: {self.category}"


class VerdictChange(models.Model):
    """One change of a claim's verdict: from what, to what, when, and what caused it."""

    claim = models.ForeignKey(
        "claims.Claim", on_delete=models.PROTECT, related_name="verdict_changes"
    )
    from_category = models.CharField(
        max_length=24, choices=CATEGORY_CHOICES, blank=True, help_text="Empty for the first."
    )
    to_category = models.CharField(max_length=24, choices=CATEGORY_CHOICES)
    reason = models.TextField(help_text="The new verdict's sentence.")
    cause = models.CharField(max_length=300, help_text='e.g. "run 17 finished".')
    run = models.ForeignKey(
        "evaluator.EvaluationRun",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["claim", "created_at"])]

    def __str__(self) -> str:
        return f"Claim #{self.claim_id}: {self.from_category or '—'} → {self.to_category}"


class Standing(models.Model):
    """A model's place on one benchmark's leaderboard, as last built from the published score
    claims, their stored verdicts and the eligible measurement (`standings`).

    One row per setting group the model's claims fall in ("" holds every claim, and a model
    that is only measured), so a leaderboard and each of its setting filters is one indexed
    query, sorted and paged in SQL. The model's catalogue facts (name, organization, licence,
    status) are joined when read, so editing them needs no rebuild.
    """

    # Indexed with the setting group (the unique constraint, and migration 0003's): every
    # read of a board names both.
    benchmark = models.ForeignKey(
        "leaderboard.Benchmark", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    model = models.ForeignKey(
        "leaderboard.ModelRelease", on_delete=models.CASCADE, related_name="+"
    )
    setting_group = models.CharField(max_length=16, blank=True)
    measured_value = models.FloatField(null=True, blank=True)
    # The measurement as the row shows it (as StoredVerdict.measured keeps it).
    measured = models.JSONField(default=dict, blank=True)
    # The claim whose verdict speaks for the row (the most severe), and its figure.
    claim = models.ForeignKey("claims.Claim", on_delete=models.CASCADE, null=True, related_name="+")
    claimed_value = models.FloatField(null=True, blank=True)
    claimed_printed = models.CharField(max_length=64, blank=True)
    verdict = models.CharField(max_length=24, choices=CATEGORY_CHOICES, blank=True)
    difference = models.FloatField(null=True, blank=True, help_text="Claimed − measured.")
    gap = models.FloatField(null=True, blank=True, help_text="|claimed − measured| when measured.")
    # The first claims in the group, as [claim id, figure as printed, setting], and how many.
    claims_shown = models.JSONField(default=list, blank=True)
    claim_count = models.PositiveIntegerField(default=0)
    # How many of those claims hold each of the verdicts the overall leaderboard counts.
    consistent_count = models.PositiveIntegerField(default=0)
    overclaimed_count = models.PositiveIntegerField(default=0)
    underclaimed_count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["benchmark", "setting_group", "model"], name="one_standing_per_group"
            )
        ]
        # Each board is also indexed in its default order, best measured first (either
        # direction of "best"), so a first page reads its rows in order and stops: on
        # PostgreSQL only, created by migration 0003 (SQLite cannot order NULLs in an index).

    def __str__(self) -> str:
        return f"{self.model_id} on {self.benchmark_id} [{self.setting_group or 'any'}]"


class StandingsChange(models.Model):
    """A note that a benchmark's standings no longer match what they are built from.

    Written in the same transaction as the change (inserts never wait on one another), and
    deleted by the rebuild that read the change: a note written while a rebuild runs survives
    it, so no change is ever lost to a race.
    """

    benchmark = models.ForeignKey(
        "leaderboard.Benchmark", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["benchmark", "id"], name="standings_change_benchmark")]

    def __str__(self) -> str:
        return f"Benchmark {self.benchmark_id} changed"
