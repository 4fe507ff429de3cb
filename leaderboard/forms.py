"""The leaderboard's filters, read from the URL so that every view of it can be shared."""

from typing import Any, cast

from django import forms

from catalogue.models import Architecture, CatalogueStatus, ModelRelease, Organization
from verdicts.rules import VerdictCategory

from .ranking import MAX_PARAMS_BILLIONS, SETTING_CHOICES, SORTS, LeaderboardFilters

YES_NO = [("", "Any"), ("yes", "Open weights"), ("no", "Closed weights")]


def _organization_choices() -> list[tuple[str, str]]:
    organizations = Organization.objects.filter(status=CatalogueStatus.PUBLISHED)
    return [("", "Any organization"), *organizations.values_list("slug", "name")]


def _licence_choices() -> list[tuple[str, str]]:
    licences = (
        ModelRelease.objects.exclude(license="")
        .order_by("license")
        .values_list("license", flat=True)
        .distinct()
    )
    return [("", "Any licence"), *((x, x) for x in licences)]


class LeaderboardFilterForm(forms.Form):
    organization = forms.ChoiceField(required=False)
    open_weights = forms.ChoiceField(required=False, choices=YES_NO, label="Weights")
    license = forms.ChoiceField(required=False, label="Licence")
    params_min = forms.FloatField(
        required=False, min_value=0, max_value=MAX_PARAMS_BILLIONS, label="Parameters from (B)"
    )
    params_max = forms.FloatField(
        required=False, min_value=0, max_value=MAX_PARAMS_BILLIONS, label="to (B)"
    )
    architecture = forms.ChoiceField(
        required=False,
        choices=[("", "Any architecture"), *(c for c in Architecture.choices if c[0])],
    )
    verdict = forms.ChoiceField(
        required=False,
        choices=[("", "Any verdict"), *((c.value, c.label.capitalize()) for c in VerdictCategory)],
    )
    setting = forms.ChoiceField(required=False, choices=SETTING_CHOICES)
    sort = forms.ChoiceField(required=False, choices=list(SORTS.items()))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Callables: the choices are read only when the form is rendered or a value checked,
        # so a page served from the cache costs no query for them.
        cast(forms.ChoiceField, self.fields["organization"]).choices = _organization_choices
        cast(forms.ChoiceField, self.fields["license"]).choices = _licence_choices

    def filters(self) -> LeaderboardFilters:
        """The valid part of what was asked; a bad value is ignored rather than refused."""
        self.is_valid()
        data = self.cleaned_data
        weights = data.get("open_weights")
        return LeaderboardFilters(
            organization=data.get("organization") or "",
            open_weights={"yes": True, "no": False}.get(weights or ""),
            license=data.get("license") or "",
            params_min=data.get("params_min"),
            params_max=data.get("params_max"),
            architecture=data.get("architecture") or "",
            verdict=data.get("verdict") or "",
            setting=data.get("setting") or "",
            sort=data.get("sort") or "measured",
        )
