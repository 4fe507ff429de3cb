"""Claims in sentences: scores, comparisons, relative margins and attributes."""

from claims.extract import ExtractedClaim, claims_extract
from claims.parse import document_parse


def _extract(text: str, content_type: str = "text/plain") -> list[ExtractedClaim]:
    doc = document_parse(content=text, content_type=content_type)
    claims = claims_extract(doc)
    for c in claims:
        assert doc.text[c.start : c.end] == c.quote
    return claims


def _of_kind(text: str, kind: str) -> list[ExtractedClaim]:
    return [c for c in _extract(text) if c.kind == kind]


def _comparisons(text: str) -> set[tuple[str, str, str, str]]:
    return {(c.model, c.relation, c.other_model, c.benchmark) for c in _of_kind(text, "comparison")}


def _attributes(text: str) -> set[tuple[str, str, str]]:
    return {(c.model, c.attribute, c.attribute_value) for c in _of_kind(text, "attribute")}


# --------------------------------------------------------------------------- scores


def test_a_model_of_an_unknown_family_named_with_its_size_is_the_subject():
    (claim,) = _of_kind(
        "Zorblax-2-12B-Instruct scores 81.3 on MMLU, ahead of Llama 3.1 8B.", "score"
    )

    assert (claim.model, claim.benchmark, claim.value) == ("Zorblax-2-12B-Instruct", "MMLU", 81.3)


def test_a_family_the_documents_table_names_is_recognised_in_its_prose():
    md = (
        "| Model | MMLU |\n|---|---|\n| Brightstar 2 Pro | 88.1 |\n| Llama 3.1 70B | 83.6 |\n\n"
        "Brightstar 2 Pro beats Llama 3.1 70B on GSM8K.\n"
    )
    claims = [c for c in _extract(md, "text/markdown") if c.kind == "comparison"]

    assert [(c.model, c.relation, c.other_model, c.benchmark) for c in claims] == [
        ("Brightstar 2 Pro", ">", "Llama 3.1 70B", "GSM8K")
    ]


def test_sizes_after_ordinary_words_are_not_models():
    assert (
        _of_kind(
            "Top-5B tokens were kept for Stage-2B training; Llama 3 70B scores 82.0 on MMLU.",
            "score",
        )[0].model
        == "Llama 3 70B"
    )


def test_score_sentence_gives_model_benchmark_value_and_setting():
    (claim,) = _of_kind("Llama 3 70B scores 82.0 on MMLU (5-shot).", "score")

    assert (claim.model, claim.benchmark, claim.value, claim.setting) == (
        "Llama 3 70B",
        "MMLU",
        82.0,
        "5-shot",
    )
    assert claim.quote == "Llama 3 70B scores 82.0 on MMLU (5-shot)."


def test_percent_score_keeps_the_printed_scale():
    (claim,) = _of_kind("Gemma 7B achieves 64.3% on MMLU.", "score")

    assert claim.value == 64.3


def test_possessive_owns_the_number_it_precedes():
    scores = _of_kind("That 72.2 score on BFCL-V4 is far above GPT-5 mini's 55.5.", "score")

    assert ("GPT-5 mini", "BFCL-V4", 55.5) in {(c.model, c.benchmark, c.value) for c in scores}


def test_score_quote_is_the_sentence_inside_its_paragraph():
    text = "Intro sentence here. Mistral 7B scores 60.1 on MMLU. Closing words."
    (claim,) = _of_kind(text, "score")

    assert claim.quote == "Mistral 7B scores 60.1 on MMLU."
    assert text[claim.start : claim.end] == claim.quote


def test_numbers_without_a_benchmark_are_not_scores():
    assert _of_kind("Falcon-40B scored 55.4 in its first week.", "score") == []


def test_years_sizes_and_counts_are_not_scores():
    text = "In 2024, Llama 3 70B was trained on 15T tokens with 1,000 GPUs for MMLU research."

    assert _of_kind(text, "score") == []


def test_score_in_markdown_quotes_the_file_with_its_markup():
    text = "Mistral 7B scores **60.1** on MMLU.\n"
    doc = document_parse(content=text, content_type="text/markdown")
    (claim,) = [c for c in claims_extract(doc) if c.kind == "score"]

    assert claim.value == 60.1
    assert claim.quote == "Mistral 7B scores **60.1** on MMLU."


# --------------------------------------------------------------------------- comparisons


def test_beats_is_a_greater_than_comparison():
    assert _comparisons("Mistral 7B beats Llama 2 13B on MMLU.") == {
        ("Mistral 7B", ">", "Llama 2 13B", "MMLU")
    }


def test_outperforms_is_a_greater_than_comparison():
    assert _comparisons("Mixtral 8x7B outperforms Llama 2 70B on GSM8K.") == {
        ("Mixtral 8x7B", ">", "Llama 2 70B", "GSM8K")
    }


def test_trails_is_a_less_than_comparison():
    assert _comparisons("Gemma 7B trails Mistral 7B on HumanEval.") == {
        ("Gemma 7B", "<", "Mistral 7B", "HumanEval")
    }


def test_lags_behind_is_a_less_than_comparison():
    assert _comparisons("Qwen2.5-72B lags behind GPT-4o on MATH.") == {
        ("Qwen2.5-72B", "<", "GPT-4o", "MATH")
    }


def test_on_par_with_is_an_equal_comparison():
    assert _comparisons("Phi-3 Mini is on par with Mixtral 8x7B on MMLU.") == {
        ("Phi-3 Mini", "=", "Mixtral 8x7B", "MMLU")
    }


def test_comparison_over_several_benchmarks_gives_one_claim_each():
    found = _comparisons("Mistral 7B outperforms Llama 2 13B on MMLU and GSM8K.")

    assert found == {
        ("Mistral 7B", ">", "Llama 2 13B", "MMLU"),
        ("Mistral 7B", ">", "Llama 2 13B", "GSM8K"),
    }


def test_comparison_without_a_benchmark_is_about_performance():
    assert _comparisons("Mixtral 8x7B outperforms Llama 2 70B.") == {
        ("Mixtral 8x7B", ">", "Llama 2 70B", "performance")
    }


def test_short_size_reference_is_resolved_to_the_documents_full_name():
    text = (
        "Qwen 3.5-35B-A3B and Qwen 3.5-122B-A10B are out.\nThe 35B model tops Sonnet 4.5 on MMLU.\n"
    )

    assert ("Qwen 3.5-35B-A3B", ">", "Sonnet 4.5", "MMLU") in _comparisons(text)


# --------------------------------------------------------------------------- relative


def test_margin_by_percent_is_a_relative_claim():
    (claim,) = _of_kind(
        "The 122B variant Qwen 3.5-122B-A10B beats GPT-5 mini by 30% on BFCL-V4.", "relative"
    )

    assert (claim.model, claim.other_model, claim.benchmark) == (
        "Qwen 3.5-122B-A10B",
        "GPT-5 mini",
        "BFCL-V4",
    )
    assert (claim.value, claim.unit, claim.relation) == (30.0, "percent", ">")


def test_margin_in_points_is_a_relative_claim():
    (claim,) = _of_kind("Mixtral 8x7B outperforms Llama 2 70B by 5 points on GSM8K.", "relative")

    assert (claim.value, claim.unit) == (5.0, "points")


def test_plus_points_over_another_model_is_a_relative_claim():
    (claim,) = _of_kind("Gemma 7B scores +5 points over Llama 2 7B on MMLU.", "relative")

    assert (claim.model, claim.other_model, claim.value, claim.unit) == (
        "Gemma 7B",
        "Llama 2 7B",
        5.0,
        "points",
    )


def test_advantage_over_states_a_relative_margin_without_a_verb():
    (claim,) = _of_kind(
        "Qwen 3.5-122B-A10B reaches 72.2 on BFCL-V4, a 30% advantage over GPT-5 mini's 55.5.",
        "relative",
    )

    assert (claim.model, claim.other_model, claim.value) == (
        "Qwen 3.5-122B-A10B",
        "GPT-5 mini",
        30.0,
    )


def test_margin_range_is_kept_as_printed_with_its_low_and_high_ends():
    (claim,) = _of_kind("Mixtral 8x7B outperforms GPT-3.5 on coding tasks by 20–30%.", "relative")

    assert (claim.value, claim.value_high) == (20.0, 30.0)
    assert claim.value_text == "20–30"
    assert claim.printed_value == "20–30"


# --------------------------------------------------------------------------- attributes


def test_total_and_active_parameters_of_one_model():
    text = "Mixtral 8x7B has 46.7B total parameters but only 12.9B active parameters."

    assert _attributes(text) == {
        ("Mixtral 8x7B", "total_params", "46.7B"),
        ("Mixtral 8x7B", "active_params", "12.9B"),
    }


def test_sizes_listed_become_one_model_each():
    text = "# Llama 3.1\n\nLlama 3.1 comes in three sizes: 8B, 70B and 405B parameters.\n"
    doc = document_parse(content=text, content_type="text/markdown")
    found = {
        (c.model, c.attribute_value) for c in claims_extract(doc) if c.attribute == "total_params"
    }

    assert found == {("Llama 3.1 8B", "8B"), ("Llama 3.1 70B", "70B"), ("Llama 3.1 405B", "405B")}


def test_experts_in_total_and_per_token():
    text = "Mixtral 8x7B uses 2 active experts per token out of 8 experts."

    assert _attributes(text) == {
        ("Mixtral 8x7B", "experts_per_token", "2"),
        ("Mixtral 8x7B", "num_experts", "8"),
    }


def test_licence_is_read_from_under_the_licence():
    assert _attributes("Qwen2.5-72B is released under the Apache 2.0 license.") == {
        ("Qwen2.5-72B", "license", "Apache 2.0")
    }


def test_release_date_follows_a_release_verb_and_a_full_date_is_written_iso():
    text = "DeepSeek-V3 was released on December 26, 2024."

    assert _attributes(text) == {("DeepSeek-V3", "release_date", "2024-12-26")}


def test_context_length_in_k():
    assert ("DeepSeek-V3", "context_length", "128K") in _attributes(
        "DeepSeek-V3 has a context window of 128K tokens."
    )


def test_context_length_with_a_thousands_separator():
    assert _attributes("Llama 3 8B supports a context length of 8,192 tokens.") == {
        ("Llama 3 8B", "context_length", "8,192")
    }


def test_open_weights_said_of_the_model():
    found = _attributes("Gemma 7B is an open-weight model from Google.")

    assert ("Gemma 7B", "open_weights", "true") in found


def test_negated_open_weights_is_claimed_as_not_open():
    found = [
        a for a in _attributes("GPT-4o is not an open-weight model.") if a[1] == "open_weights"
    ]

    assert found == [("GPT-4o", "open_weights", "false")]


def test_clause_about_companies_is_not_a_comparison_of_the_passages_model():
    text = (
        "Qwen 3.5-122B-A10B is out.\n"
        "American companies dominated AI startups and large model development for years.\n"
    )

    assert _of_kind(text, "comparison") == []


def test_pronoun_subject_compares_the_passages_model():
    text = "# Mistral 7B\n\nMistral 7B is a new model. It outperforms Llama 2 13B on MMLU.\n"
    doc = document_parse(content=text, content_type="text/markdown")
    found = {(c.model, c.other_model) for c in claims_extract(doc) if c.kind == "comparison"}

    assert found == {("Mistral 7B", "Llama 2 13B")}


def test_a_margin_above_another_model_is_a_relative_claim():
    (claim,) = _of_kind(
        "Qwen 3.5-122B-A10B scores 72.2 on BFCL-V4, 30% above GPT-5 mini.", "relative"
    )

    assert (claim.model, claim.relation, claim.other_model, claim.value, claim.unit) == (
        "Qwen 3.5-122B-A10B",
        ">",
        "GPT-5 mini",
        30.0,
        "percent",
    )


def test_a_margin_behind_another_model_is_a_relative_claim_with_the_lower_relation():
    (claim,) = _of_kind("On MMLU, Nimbus-3-8B is 4.2 points behind Llama 3.1 70B.", "relative")

    assert (claim.model, claim.relation, claim.other_model, claim.value, claim.unit) == (
        "Nimbus-3-8B",
        "<",
        "Llama 3.1 70B",
        4.2,
        "points",
    )


def test_a_margin_is_not_a_score():
    assert (
        _of_kind("On HumanEval, Nimbus-3-8B is 10 points behind its larger sibling.", "score") == []
    )


def test_a_total_beside_active_parameters_is_the_total():
    text = "Nimbus-3-70B is a mixture-of-experts model with 70B total and 12B active parameters."

    assert _attributes(text) == {
        ("Nimbus-3-70B", "total_params", "70B"),
        ("Nimbus-3-70B", "active_params", "12B"),
    }


def test_parameters_used_per_token_are_the_active_parameters():
    text = "Mixtral 8x7B has 46.7B total parameters but only uses 12.9B parameters per token."

    assert _attributes(text) == {
        ("Mixtral 8x7B", "total_params", "46.7B"),
        ("Mixtral 8x7B", "active_params", "12.9B"),
    }


def test_parameters_said_to_be_active_are_the_active_parameters():
    text = "Nimbus-3-70B has 70 billion parameters in total, of which 12 billion are active."

    assert ("Nimbus-3-70B", "active_params", "12 billion") in _attributes(text)


def test_a_licence_applies_to_every_model_named_together_before_it():
    text = "Nimbus-3-70B, Nimbus-3-8B and Nimbus-3-1B are licensed under MIT, unlike Llama 3.1 8B."

    assert _attributes(text) == {
        ("Nimbus-3-70B", "license", "MIT"),
        ("Nimbus-3-8B", "license", "MIT"),
        ("Nimbus-3-1B", "license", "MIT"),
    }


def _score_owners(text: str) -> set[tuple[str, str, float | None]]:
    return {(c.model, c.benchmark, c.value) for c in _of_kind(text, "score")}


def test_figures_set_against_each_other_belong_to_the_subject_then_the_other_model():
    text = "The smaller Qwen3-8B trails Llama 3.1 8B on MMLU, at 66.1 versus 69.4."

    assert _score_owners(text) == {("Qwen3-8B", "MMLU", 66.1), ("Llama 3.1 8B", "MMLU", 69.4)}


def test_a_figure_against_another_models_possessive_figure_is_the_subjects():
    text = "Qwen3-32B beats GPT-4o on GPQA Diamond, scoring 51.2 against GPT-4o's 49.9."

    assert _score_owners(text) == {
        ("Qwen3-32B", "GPQA Diamond", 51.2),
        ("GPT-4o", "GPQA Diamond", 49.9),
    }


def test_a_figure_given_for_a_model_belongs_to_that_model():
    text = "On MMLU, Gemma 7B scores 64.3 vs. 62.5 for Mistral 7B and 45.3 for Llama 2 7B."

    assert _score_owners(text) == {
        ("Gemma 7B", "MMLU", 64.3),
        ("Mistral 7B", "MMLU", 62.5),
        ("Llama 2 7B", "MMLU", 45.3),
    }
