"""The moderation desk's forms: what a claim was read as, corrected with catalogue entries
chosen through the admin's autocomplete (never typed), and a decision with its reason."""

from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect
from django.db.models import Model

from catalogue.models import Benchmark, ModelRelease
from claims.figures import figure_values
from claims.models import Claim, ClaimKind
from claims.moderation import DECISIONS
from claims.setting import setting_parse
from core.errors import ApplicationError

# Kinds whose claim carries a figure, or names a second model, the desk may correct.
KINDS_WITH_FIGURE = (ClaimKind.SCORE, ClaimKind.RELATIVE)
KINDS_WITH_OTHER_MODEL = (ClaimKind.COMPARISON, ClaimKind.RELATIVE)


class CatalogueSelect(AutocompleteSelect):
    """The admin's catalogue autocomplete, rendering the entry already chosen from the claim
    loaded with it (the stock widget queries it again: one query per field on a long desk)."""

    def __init__(self, field_name: str, chosen: Model | None) -> None:
        super().__init__(Claim._meta.get_field(field_name), admin.site)
        self.chosen = chosen

    def optgroups(self, name: str, value: Any, attrs: Any = None) -> list[Any]:
        options = [self.create_option(name, "", "", False, 0)]
        if self.chosen is not None:
            options.append(self.create_option(name, self.chosen.pk, str(self.chosen), True, 1))
        return [(None, options, 0)]


class DeskClaimForm(forms.Form):
    """What a claim was read as; the quote and its offsets are never edited."""

    model = forms.ModelChoiceField(queryset=ModelRelease.objects.all(), required=False)
    benchmark = forms.ModelChoiceField(queryset=Benchmark.objects.all(), required=False)
    other_model = forms.ModelChoiceField(
        queryset=ModelRelease.objects.all(), required=False, label="Compared with"
    )
    value = forms.CharField(
        required=False, max_length=40, label="Figure", help_text="As printed: 60.97, 20–30."
    )
    setting = forms.CharField(required=False, max_length=200, help_text="As stated: 5-shot.")

    def __init__(self, *args: Any, claim: Claim, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"claim-{claim.pk}")
        kwargs.setdefault(
            "initial",
            {
                "model": claim.model_id,
                "benchmark": claim.benchmark_id,
                "other_model": claim.other_model_id,
                "value": claim.printed_value,
                "setting": claim.setting,
            },
        )
        super().__init__(*args, **kwargs)
        self.claim = claim
        self.fields["model"].widget = CatalogueSelect("model", claim.model)
        self.fields["benchmark"].widget = CatalogueSelect("benchmark", claim.benchmark)
        self.fields["other_model"].widget = CatalogueSelect("other_model", claim.other_model)
        if claim.kind not in KINDS_WITH_OTHER_MODEL:
            del self.fields["other_model"]
        if claim.kind == ClaimKind.ATTRIBUTE:
            del self.fields["benchmark"]  # a parameter count or licence is on no benchmark
        if claim.kind not in KINDS_WITH_FIGURE:
            del self.fields["value"]

    def clean_value(self) -> str:
        printed = self.cleaned_data["value"].strip()
        if not printed:
            raise forms.ValidationError("This claim needs its figure.")
        try:
            figure_values(printed)
        except ApplicationError as error:
            raise forms.ValidationError(error.message) from error
        return printed

    def changes(self) -> dict[str, Any]:
        """The fields of the claim to change, as `claim_edit` takes them."""
        data = self.cleaned_data
        changes: dict[str, Any] = {"model": data["model"]}
        for name in ("benchmark", "other_model"):
            if name in data:
                changes[name] = data[name]
        if "value" in data and data["value"] != self.claim.printed_value:
            value, value_high = figure_values(data["value"])
            changes.update(value=value, value_high=value_high, value_text=data["value"])
        if data["setting"] != self.claim.setting:
            changes.update(
                setting=data["setting"], shots=setting_parse(data["setting"]).exact_shots
            )
        return changes


class DecisionForm(forms.Form):
    """A decision on one or more claims of a source, with the reason where one is needed."""

    decision = forms.ChoiceField(choices=[(name, name) for name in DECISIONS])
    claims = forms.TypedMultipleChoiceField(coerce=int, choices=[])
    reason = forms.CharField(required=False, max_length=2000)

    def __init__(self, *args: Any, claim_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["claims"]
        assert isinstance(field, forms.TypedMultipleChoiceField)
        field.choices = [(pk, pk) for pk in claim_ids]
        field.error_messages["required"] = "Choose at least one claim."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        decision = DECISIONS.get(data.get("decision", ""))
        if decision is not None and decision.needs_reason and not data.get("reason", "").strip():
            self.add_error("reason", f"Say why: a reason is required to {data['decision']}.")
        return data
