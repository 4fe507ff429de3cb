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
