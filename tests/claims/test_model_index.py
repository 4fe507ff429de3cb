"""A Hugging Face model card's `model-index` front matter is read as score claims."""

from claims.extract import ExtractedClaim, claims_extract
from claims.extract.model_index import model_index_claims
from claims.parse import document_parse

CARD = """---
language:
- en
license: apache-2.0
tags:
- generated_from_trainer
model-index:
- name: Zephyr-7B-β
  results:
  - task:
      type: text-generation
      name: Text Generation
    dataset:
      name: AI2 Reasoning Challenge (25-Shot)
      type: ai2_arc
      config: ARC-Challenge
      split: test
      args:
        num_few_shot: 25
    metrics:
    - type: acc_norm
      value: 62.03
      name: normalized accuracy
    source:
      url: https://huggingface.co/spaces/open-llm-leaderboard/open_llm_leaderboard
      name: Open LLM Leaderboard
  - task:
      type: text-generation
    dataset:
      name: MMLU (5-Shot)
      type: cais/mmlu
      args:
        num_few_shot: 5
    metrics:
    - type: acc
      value: 61.07
  - task:
      type: text-generation
    dataset:
      name: HumanEval
      type: openai_humaneval
    metrics:
    - type: pass@1
      value: 0.293
      verified: false
---

# Zephyr 7B β

Zephyr is a series of language models trained to act as helpful assistants.
"""


def _card_claims(card: str) -> list[ExtractedClaim]:
    doc = document_parse(content=card, content_type="text/markdown")
    claims = claims_extract(doc)
    for c in claims:
        assert card[c.start : c.end] == c.quote
    return claims


def test_every_metric_value_is_a_score_claim_of_the_named_model():
    found = {(c.model, c.benchmark, c.value) for c in _card_claims(CARD) if c.kind == "score"}

    assert found == {
        ("Zephyr-7B-β", "AI2 Reasoning Challenge", 62.03),
        ("Zephyr-7B-β", "MMLU", 61.07),
        ("Zephyr-7B-β", "HumanEval", 0.293),
    }


def test_quote_is_the_values_line_in_the_front_matter():
    claim = next(c for c in _card_claims(CARD) if c.benchmark == "MMLU")

    assert claim.quote == "value: 61.07"
    line_start = CARD.index("value: 61.07")
    assert (claim.start, claim.end) == (line_start, line_start + len("value: 61.07"))


def test_few_shot_count_and_metric_become_the_setting():
    settings = {c.benchmark: c.setting for c in _card_claims(CARD) if c.kind == "score"}

    assert settings == {
        "AI2 Reasoning Challenge": "25-shot",
        "MMLU": "5-shot",
        "HumanEval": "pass@1",
    }


def test_several_models_in_one_index_keep_their_own_results():
    card = (
        "---\nmodel-index:\n"
        "- name: Tiny-1B\n  results:\n  - dataset:\n      name: GSM8K\n    metrics:\n"
        "    - type: acc\n      value: 12.5\n"
        "- name: Tiny-3B\n  results:\n  - dataset:\n      name: GSM8K\n    metrics:\n"
        "    - type: acc\n      value: 30.25\n"
        "---\nBody.\n"
    )

    assert {(c.model, c.value) for c in _card_claims(card)} == {
        ("Tiny-1B", 12.5),
        ("Tiny-3B", 30.25),
    }


def test_dataset_type_names_the_benchmark_when_it_has_no_name():
    card = (
        "---\nmodel-index:\n- name: Tiny-1B\n  results:\n  - dataset:\n      type: gsm8k\n"
        "    metrics:\n    - value: 12.5\n---\n"
    )

    assert [(c.benchmark, c.value) for c in _card_claims(card)] == [("gsm8k", 12.5)]


def test_values_that_are_not_numbers_are_skipped():
    card = (
        "---\nmodel-index:\n- name: Tiny-1B\n  results:\n  - dataset:\n      name: MMLU\n"
        "    metrics:\n    - value: pending\n    - value: [1, 2]\n    - value: 41.5\n---\n"
    )

    assert [c.value for c in _card_claims(card)] == [41.5]


def test_malformed_model_index_gives_no_claims_and_no_error():
    for body in ("model-index: 7", "model-index:\n- just a string", "model-index:\n- results: {}"):
        card = f"---\n{body}\n---\nText.\n"
        doc = document_parse(content=card, content_type="text/markdown")
        assert model_index_claims(doc) == []


def test_card_without_model_index_has_no_front_matter_claims():
    card = "---\nlicense: mit\n---\n\nA model card with no results.\n"

    assert _card_claims(card) == []


def test_model_index_in_plain_text_is_not_front_matter():
    doc = document_parse(content=CARD, content_type="text/plain")

    assert model_index_claims(doc) == []


def test_crlf_card_offsets_still_index_the_file():
    card = CARD.replace("\n", "\r\n")
    claim = next(c for c in _card_claims(card) if c.benchmark == "MMLU")

    assert claim.quote == "value: 61.07"


def test_the_cards_licence_is_an_attribute_claim_of_its_model():
    card = "---\nlicense: apache-2.0\n---\n# Nimbus-3-8B\n\nA model card.\n"
    doc = document_parse(content=card, content_type="text/markdown")

    (claim,) = [c for c in claims_extract(doc) if c.kind == "attribute"]

    assert (claim.model, claim.attribute, claim.attribute_value) == (
        "Nimbus-3-8B",
        "license",
        "Apache 2.0",
    )
    assert claim.quote == doc.text[claim.start : claim.end] == "license: apache-2.0"


def test_an_other_licence_is_read_from_its_name():
    card = "---\nlicense: other\nlicense_name: nimbus-community\n---\n# Nimbus-3-8B\n"
    doc = document_parse(content=card, content_type="text/markdown")

    values = [c.attribute_value for c in claims_extract(doc) if c.attribute == "license"]

    assert values == ["nimbus-community"]


def test_the_licence_belongs_to_the_model_the_index_names():
    licences = {(c.model, c.attribute_value) for c in _card_claims(CARD) if c.kind == "attribute"}

    assert licences == {("Zephyr-7B-β", "Apache 2.0")}
