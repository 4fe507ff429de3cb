"""Claimed values are finite: a CHECK constraint, added NOT VALID so that a claim stored before
it (a relative claim read as infinity) does not block the migration. Such claims keep their
value as stored (claims are never rewritten) but are rejected with a reason and an event, so
none is public; the constraint is validated when there were none, and applies to every new
or changed row either way."""

from django.db import migrations, models
from django.db.models import Q

import claims.models

CONSTRAINT = "claim_value_finite"
REASON = "The value is not a finite number (a misreading); rejected automatically."


def reject_non_finite(apps, schema_editor) -> int:
    Claim = apps.get_model("claims", "Claim")
    ClaimEvent = apps.get_model("claims", "ClaimEvent")
    infinite = Q(value=float("inf")) | Q(value=float("-inf"))
    nan = Q(value__gt=float("inf"))  # PostgreSQL orders NaN above infinity
    stored = list(Claim.objects.filter(infinite | nan))
    for claim in stored:
        ClaimEvent.objects.create(
            claim=claim,
            action="rejected",
            from_status=claim.status,
            to_status="rejected",
            reason=REASON,
            actor_label="migration 0006",
        )
        Claim.objects.filter(pk=claim.pk).update(status="rejected", status_reason=REASON)
    return len(stored)


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"ALTER TABLE claims_claim ADD CONSTRAINT {CONSTRAINT} CHECK ((value IS NULL OR "
        "(value < 'Infinity'::float8 AND value > '-Infinity'::float8)) AND (value_high IS NULL "
        "OR (value_high < 'Infinity'::float8 AND value_high > '-Infinity'::float8))) NOT VALID"
    )
    if reject_non_finite(apps, schema_editor) == 0:
        schema_editor.execute(f"ALTER TABLE claims_claim VALIDATE CONSTRAINT {CONSTRAINT}")


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE claims_claim DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("claims", "0005_ranges_refusals_unattributed_figures")]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="claim",
                    name="value",
                    field=models.FloatField(
                        blank=True,
                        null=True,
                        help_text="For a range, its low end.",
                        validators=[claims.models.validate_finite],
                    ),
                ),
                migrations.AlterField(
                    model_name="claim",
                    name="value_high",
                    field=models.FloatField(
                        blank=True,
                        null=True,
                        help_text="The high end of a range (“20–30%”); empty otherwise.",
                        validators=[claims.models.validate_finite],
                    ),
                ),
                migrations.AddConstraint(
                    model_name="claim",
                    constraint=models.CheckConstraint(
                        condition=(
                            Q(value__isnull=True)
                            | (Q(value__lt=float("inf")) & Q(value__gt=float("-inf")))
                        )
                        & (
                            Q(value_high__isnull=True)
                            | (Q(value_high__lt=float("inf")) & Q(value_high__gt=float("-inf")))
                        ),
                        name=CONSTRAINT,
                    ),
                ),
            ],
            database_operations=[migrations.RunPython(add_constraint, drop_constraint)],
        )
    ]
