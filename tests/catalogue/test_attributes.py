"""The attribute registry: every place that names an attribute reads the same list."""

import datetime

from catalogue.attributes import ATTRIBUTE_NAMES, AttributeSpec, attribute_phrase, attribute_spec
from catalogue.models import ModelRelease
from claims.models import Claim


def spec(name: str) -> AttributeSpec:
    found = attribute_spec(name)
    assert found is not None
    return found


def test_every_attribute_is_checked_against_a_catalogue_field_of_its_name():
    fields = {field.name for field in ModelRelease._meta.get_fields()}
    assert set(ATTRIBUTE_NAMES) <= fields


def test_a_claim_can_state_exactly_the_registered_attributes():
    choices = Claim._meta.get_field("attribute").choices or []
    assert [value for value, _ in choices if value] == list(ATTRIBUTE_NAMES)


def test_one_reads_singular_and_more_read_plural():
    assert attribute_phrase("num_experts", "32") == "32 experts"
    assert attribute_phrase("experts_per_token", "1") == "1 expert per token"


def test_parameter_counts_read_as_people_write_them():
    assert attribute_phrase("total_params", 70_000_000_000) == "70B parameters"


def test_an_unknown_name_still_reads_as_words():
    assert attribute_phrase("vocab_size", 32000) == "vocab size: 32000"


def test_catalogue_values_are_read_into_the_field_types():
    assert spec("context_length").catalogue_value("32768") == 32768
    assert spec("release_date").catalogue_value("2025-03-05") == datetime.date(2025, 3, 5)
    assert spec("license").catalogue_value(None) == ""


def test_facts_read_on_a_page_in_words():
    assert spec("context_length").shown(32768) == "32,768 tokens"
    assert spec("open_weights").shown(False) == "no"
    assert spec("release_date").shown(datetime.date(2025, 3, 5)) == "5 March 2025"
