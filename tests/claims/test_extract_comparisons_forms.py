"""Comparisons and relative margins, one test per form a document uses, on sentences about
models and benchmarks that appear in no corpus."""

import pytest

from claims.extract import ExtractedClaim, claims_extract
from claims.extract.comparison_rules import COMPARISON_RULES, TRIGGERS, comparison_verbs
from claims.parse import document_parse


def _extract(text: str, content_type: str = "text/plain") -> list[ExtractedClaim]:
    doc = document_parse(content=text, content_type=content_type)
    claims = claims_extract(doc)
    for c in claims:
        assert doc.text[c.start : c.end] == c.quote
    return claims


def _comparisons(text: str, content_type: str = "text/plain") -> set[tuple[str, str, str, str]]:
    return {
        (c.model, c.relation, c.other_model, c.benchmark)
        for c in _extract(text, content_type)
        if c.kind == "comparison"
    }


def _margins(text: str) -> set[tuple[str, str, str, str, float | None, str]]:
    return {
        (c.model, c.relation, c.other_model, c.benchmark, c.value, c.unit)
        for c in _extract(text)
        if c.kind == "relative"
    }


# --------------------------------------------------------------------------- the rules as data


def test_every_word_that_starts_a_rule_is_a_trigger():
    for phrase, relation in COMPARISON_RULES:
        sentence = f"Vela-7B {phrase.removeprefix('be ')} Norn-12B"
        if phrase.startswith("be "):
            sentence = f"Vela-7B is {phrase.removeprefix('be ')} Norn-12B"
        (verb,) = comparison_verbs(sentence)
        assert verb.relation == relation
        assert sentence[verb.start : verb.end].split()[0].lower() in TRIGGERS | {"is"}


@pytest.mark.parametrize(
    ("verb", "relation"),
    [
        ("edges out", ">"),
        ("edged out", ">"),
        ("is edging out", ">"),
        ("has outperformed", ">"),
        ("beat", ">"),
        ("surpasses", ">"),
        ("outscored", ">"),
        ("trails", "<"),
        ("is trailing", "<"),
        ("lagged behind", "<"),
        ("fell short of", "<"),
        ("loses out to", "<"),
        ("matches", "="),
        ("rivalled", "="),
    ],
)
def test_every_inflection_of_a_verb_is_read(verb, relation):
    assert _comparisons(f"Vela-7B-Instruct {verb} Norn-12B on GlyphQA.") == {
        ("Vela-7B-Instruct", relation, "Norn-12B", "GlyphQA")
    }


# --------------------------------------------------------------------------- verb forms


def test_edges_out_is_ahead():
    assert _comparisons("Vela-7B-Instruct edges out Norn-12B on GlyphQA.") == {
        ("Vela-7B-Instruct", ">", "Norn-12B", "GlyphQA")
    }


def test_is_edging_out_is_ahead():
    assert _comparisons("Vela-7B-Instruct is edging out Norn-12B on GlyphQA.") == {
        ("Vela-7B-Instruct", ">", "Norn-12B", "GlyphQA")
    }


def test_trails_is_behind():
    assert _comparisons("Tarn-3B trails Kestrel-9B on RuneBench.") == {
        ("Tarn-3B", "<", "Kestrel-9B", "RuneBench")
    }


def test_on_par_with_is_level():
    assert _comparisons("Tarn-3B is on par with Kestrel-9B on RuneBench.") == {
        ("Tarn-3B", "=", "Kestrel-9B", "RuneBench")
    }


def test_roughly_on_par_without_a_copula_is_level():
    assert ("Tarn-3B", "=", "Kestrel-9B", "RuneBench") in _comparisons(
        "The results place Tarn-3B roughly on par with Kestrel-9B on RuneBench."
    )


def test_ahead_of_after_a_comma_is_ahead():
    assert ("Vela-7B", ">", "Norn-12B", "GlyphQA") in _comparisons(
        "On GlyphQA, Vela-7B reaches the top spot, ahead of Norn-12B."
    )


def test_is_behind_is_behind():
    assert _comparisons("On GlyphQA, Tarn-3B is still behind Kestrel-9B.") == {
        ("Tarn-3B", "<", "Kestrel-9B", "GlyphQA")
    }


def test_falls_short_of_is_behind():
    assert _comparisons("Tarn-3B falls far short of Kestrel-9B on RuneBench.") == {
        ("Tarn-3B", "<", "Kestrel-9B", "RuneBench")
    }


def test_loses_out_to_is_behind():
    assert _comparisons("Tarn-3B always loses out to Kestrel-9B on RuneBench.") == {
        ("Tarn-3B", "<", "Kestrel-9B", "RuneBench")
    }


def test_passive_outperformed_by_is_behind():
    assert _comparisons("Tarn-3B is outperformed by Kestrel-9B on RuneBench.") == {
        ("Tarn-3B", "<", "Kestrel-9B", "RuneBench")
    }


def test_matches_or_beats_is_level():
    assert _comparisons("Vela-7B matches or beats Norn-12B on GlyphQA.") == {
        ("Vela-7B", "=", "Norn-12B", "GlyphQA")
    }


def test_a_negated_match_is_behind():
    assert _comparisons("Tarn-3B cannot match Kestrel-9B on RuneBench.") == {
        ("Tarn-3B", "<", "Kestrel-9B", "RuneBench")
    }


def test_not_scoring_as_high_on_a_benchmark_as_is_behind():
    assert _comparisons("Tarn-3B doesn't score as high on RuneBench as Kestrel-9B.") == {
        ("Tarn-3B", "<", "Kestrel-9B", "RuneBench")
    }


def test_scores_higher_on_a_benchmark_than_is_ahead():
    assert _comparisons("Vela-7B scores higher on GlyphQA than Norn-12B.") == {
        ("Vela-7B", ">", "Norn-12B", "GlyphQA")
    }


def test_performance_comparable_to_is_level():
    assert ("Vela-7B", "=", "Norn-12B", "performance") in _comparisons(
        "Vela-7B is a strong model, with performance comparable to Norn-12B."
    )


def test_a_design_similar_to_another_model_is_no_comparison():
    assert _comparisons("Vela-7B uses an attention design similar to Norn-12B.") == set()


def test_the_team_behind_a_model_is_no_comparison():
    assert _comparisons("Vela-7B comes from the team behind Norn-12B.") == set()


def test_leading_as_an_adjective_is_no_comparison():
    assert _comparisons("Many leading open models such as Norn-12B ship weights.") == set()


def test_a_category_the_subject_is_said_to_be_superior_at_is_the_benchmark():
    assert ("Vela-7B", ">", "Norn-12B", "graduate-level knowledge") in _comparisons(
        "Vela-7B demonstrates superior graduate-level knowledge, outperforming Norn-12B."
    )


# --------------------------------------------------------------------------- margins


def test_by_points_after_trails_is_a_margin_behind():
    assert _margins("Tarn-3B trails Kestrel-9B by 4.2 points on RuneBench.") == {
        ("Tarn-3B", "<", "Kestrel-9B", "RuneBench", 4.2, "points")
    }


def test_by_percent_after_edges_out_is_a_margin_ahead():
    assert _margins("Vela-7B-Instruct edges out Norn-12B by 3% on GlyphQA.") == {
        ("Vela-7B-Instruct", ">", "Norn-12B", "GlyphQA", 3.0, "percent")
    }


def test_percent_above_another_model_is_a_margin_ahead():
    assert _margins("Vela-7B reaches 61.2% on GlyphQA, 30% above Norn-12B.") == {
        ("Vela-7B", ">", "Norn-12B", "GlyphQA", 30.0, "percent")
    }


def test_points_over_another_model_is_a_margin_ahead():
    assert _margins("On GlyphQA, Vela-7B scores 12 points over Norn-12B.") == {
        ("Vela-7B", ">", "Norn-12B", "GlyphQA", 12.0, "points")
    }


def test_points_behind_another_model_is_a_margin_behind():
    assert _margins("On RuneBench, Tarn-3B sits 7 points behind Kestrel-9B.") == {
        ("Tarn-3B", "<", "Kestrel-9B", "RuneBench", 7.0, "points")
    }


def test_a_margin_range_better_than_another_model_keeps_both_ends():
    (claim,) = [
        c
        for c in _extract("Vela-7B is 20–30% better than Norn-12B on GlyphQA.")
        if c.kind == "relative"
    ]

    assert (claim.model, claim.other_model, claim.value, claim.value_high) == (
        "Vela-7B",
        "Norn-12B",
        20.0,
        30.0,
    )


def test_a_margin_in_elo_points_over_a_class_and_its_examples():
    found = _margins(
        "Vela-7B took first place on GlyphArena by a margin of roughly 40 Elo points over "
        "competitors including Norn-12B and Tarn-3B."
    )

    assert found == {
        ("Vela-7B", ">", other, "GlyphArena", 40.0, "points")
        for other in ("competitors", "Norn-12B", "Tarn-3B")
    }


def test_a_share_of_tasks_is_no_margin():
    assert _margins("Vela-7B solves 70% of GlyphQA tasks that Norn-12B fails.") == set()


# --------------------------------------------------------------------------- objects


def test_a_class_of_models_as_object_gives_one_claim_per_class():
    assert _comparisons("Vela-7B surpasses both its predecessors and rival models.") == {
        ("Vela-7B", ">", "its predecessors", "performance"),
        ("Vela-7B", ">", "rival models", "performance"),
    }


def test_a_bare_models_like_names_only_the_examples():
    assert _comparisons("Vela-7B beats models like Norn-12B and Tarn-3B on GlyphQA.") == {
        ("Vela-7B", ">", "Norn-12B", "GlyphQA"),
        ("Vela-7B", ">", "Tarn-3B", "GlyphQA"),
    }


def test_a_class_with_named_examples_gives_the_class_and_each_example():
    assert _comparisons(
        "Vela-7B is competitive with much larger models like Norn-12B and Tarn-3B."
    ) == {
        ("Vela-7B", "=", "much larger models", "performance"),
        ("Vela-7B", "=", "Norn-12B", "performance"),
        ("Vela-7B", "=", "Tarn-3B", "performance"),
    }


def test_leads_what_against_whom_compares_on_what():
    assert _comparisons("Vela-7B leads key benchmarks against models like Norn-12B.") == {
        ("Vela-7B", ">", "Norn-12B", "key benchmarks")
    }


# --------------------------------------------------------------------------- what is compared


def test_a_fronted_benchmark_carries_through_the_sentence():
    assert _comparisons("On GlyphQA, Vela-7B-Instruct edges out Norn-12B.") == {
        ("Vela-7B-Instruct", ">", "Norn-12B", "GlyphQA")
    }


def test_a_benchmark_list_before_the_verb_gives_one_claim_per_benchmark():
    assert _comparisons(
        "On benchmarks such as GlyphQA, RuneBench, and SigilEval, Vela-7B beats Norn-12B."
    ) == {("Vela-7B", ">", "Norn-12B", b) for b in ("GlyphQA", "RuneBench", "SigilEval")}


def test_a_category_after_the_object_is_what_is_compared():
    assert _comparisons("Vela-7B surpasses Norn-12B in code generation and math reasoning.") == {
        ("Vela-7B", ">", "Norn-12B", "code generation"),
        ("Vela-7B", ">", "Norn-12B", "math reasoning"),
    }


def test_among_the_strongest_is_ahead_of_that_class_on_its_own_clauses_benchmark():
    found = _comparisons(
        "Vela-7B posted 61.2% on GlyphQA, placing it among the strongest coding models at the "
        "time, and reached 18.8% on RuneBench."
    )

    assert found == {("Vela-7B", ">", "coding models", "GlyphQA")}


# --------------------------------------------------------------------------- subjects


def test_the_subject_is_the_model_the_sentence_is_about_not_one_named_in_an_aside():
    assert _comparisons("Vela-7B, distilled from Norn-12B, outperforms Tarn-3B on GlyphQA.") == {
        ("Vela-7B", ">", "Tarn-3B", "GlyphQA")
    }


def test_a_pronoun_subject_is_the_passages_model():
    text = "# Vela-7B\n\nVela-7B is out today. It is edging out Norn-12B on GlyphQA.\n"

    assert _comparisons(text, "text/markdown") == {("Vela-7B", ">", "Norn-12B", "GlyphQA")}


def test_a_clause_with_its_own_subject_compares_no_model():
    text = (
        "Vela-7B judges answers by the share of prompts where the first answer's score "
        "exceeds the second answer's on GlyphArena.\n"
    )

    assert _comparisons(text) == set()


def test_a_comparison_in_a_condition_is_not_claimed():
    assert _comparisons("If Vela-7B can match Norn-12B on GlyphQA, the price will fall.") == set()


def test_coordinated_subjects_each_compare():
    assert _comparisons("Vela-7B and Tarn-3B both outperform Norn-12B on GlyphQA.") == {
        ("Vela-7B", ">", "Norn-12B", "GlyphQA"),
        ("Tarn-3B", ">", "Norn-12B", "GlyphQA"),
    }


def test_scoring_higher_with_no_object_is_against_the_model_just_discussed():
    text = "GlyphQA: Norn-12B scores 88.6. Vela-7B scores slightly higher at 88.9.\n"

    assert ("Vela-7B", ">", "Norn-12B", "GlyphQA") in _comparisons(text)


def test_a_subordinate_clause_keeps_its_comparison_to_itself():
    text = "While Vela-7B leads in math reasoning, Norn-12B shows strong results in coding."

    assert _comparisons(text) == {("Vela-7B", ">", "Norn-12B", "math reasoning")}


def test_a_class_with_sizes_joined_by_and_is_one_class():
    assert _comparisons("Vela-7B surpasses several 13B and 34B models.") == {
        ("Vela-7B", ">", "several 13B and 34B models", "performance")
    }


def test_the_benchmark_named_last_before_the_verb_is_the_one_compared():
    text = "Vela-7B scores 100% on GlyphQA and 93.1 on RuneBench, surpassing Norn-12B's 91.6."

    assert _comparisons(text) == {("Vela-7B", ">", "Norn-12B", "RuneBench")}


def test_industry_leading_is_ahead_of_the_industry():
    text = "# Vela-7B\n\nVela-7B is out.\n\n- Industry-leading performance on GlyphQA (93.7%)\n"

    assert ("Vela-7B", ">", "industry", "GlyphQA") in _comparisons(text, "text/markdown")


def test_a_new_industry_standard_in_a_category_is_ahead_of_the_industry_there():
    text = "Vela-7B sets a new industry standard in coding tasks, achieving 93.7% on GlyphQA."

    assert _comparisons(text) == {("Vela-7B", ">", "industry", "coding tasks")}


def test_a_ratio_is_a_comparison_not_a_margin():
    text = "On GlyphQA, Vela-7B is 2x better than Norn-12B."

    assert _comparisons(text) == {("Vela-7B", ">", "Norn-12B", "GlyphQA")}
    assert _margins(text) == set()


def test_a_hyphenated_point_lead_over_another_model_is_a_margin_only():
    text = "Vela-7B posts a 5-point lead over Norn-12B on GlyphQA."

    assert _margins(text) == {("Vela-7B", ">", "Norn-12B", "GlyphQA", 5.0, "points")}
    assert _comparisons(text) == set()


def test_points_higher_than_another_model_is_a_margin():
    assert _margins("On GlyphQA, Vela-7B scores 5 points higher than Norn-12B.") == {
        ("Vela-7B", ">", "Norn-12B", "GlyphQA", 5.0, "points")
    }


# --------------------------------------------------------------------------- which model


def test_a_size_written_before_a_family_name_is_that_sized_model():
    text = "Norn-3-8B came first. The 27B parameter Norn-3 model beats Tarn-3B on GlyphQA."

    assert _comparisons(text) == {("Norn-3 27B", ">", "Tarn-3B", "GlyphQA")}


def test_a_family_name_stands_for_the_documents_one_sized_model_of_that_family():
    text = "# Vela-2-70B\n\nVela-2-70B is out.\n\nVela-2 edges out Norn-12B on GlyphQA.\n"

    assert _comparisons(text, "text/markdown") == {("Vela-2-70B", ">", "Norn-12B", "GlyphQA")}


def test_a_family_name_next_to_another_size_of_the_family_stays_the_family():
    text = (
        "# Vela-2-70B\n\nVela-2-70B is out.\n\n"
        "Vela-2-8B is small, and Vela-2 edges out Norn-12B on GlyphQA.\n"
    )

    assert ("Vela-2", ">", "Norn-12B", "GlyphQA") in _comparisons(text, "text/markdown")


def test_a_family_name_with_models_after_it_speaks_of_the_whole_family():
    text = "# Vela-2-70B\n\nVela-2-70B is out.\n\nThe Vela-2 models beat Norn-12B on GlyphQA.\n"

    assert _comparisons(text, "text/markdown") == {("Vela-2", ">", "Norn-12B", "GlyphQA")}


# --------------------------------------------------------------------------- refused attachments


def test_a_clause_whose_subject_is_not_a_model_gives_the_passages_model_nothing():
    text = "# Vela-7B\n\nVela-7B is out.\n\nThe variant with 9 layers loses out to Norn-12B.\n"

    assert _comparisons(text, "text/markdown") == set()


def test_a_model_before_a_colon_is_not_the_subject_of_the_next_clause():
    assert _comparisons("Vela-7B Review: Orbit Crushes Norn-12B and Tarn-3B") == set()


def test_a_model_is_never_compared_with_itself():
    text = (
        "# Vela-2-70B\n\nVela-2-70B (V2) is out.\n\n"
        "Its average score of 58.8 percent falls far short of V2's 74.4 percent.\n"
    )

    assert _comparisons(text, "text/markdown") == set()


def test_only_has_to_beat_puts_the_other_model_ahead():
    assert _comparisons("On GlyphQA, Vela-7B only has to beat Norn-12B.") == {
        ("Vela-7B", "<", "Norn-12B", "GlyphQA")
    }


def test_has_to_beat_is_a_goal_not_a_result():
    assert _comparisons("On GlyphQA, Vela-7B has to beat Norn-12B.") == set()


def test_a_coordinated_predicate_ends_the_objects_of_the_verb():
    found = _comparisons(
        "On GlyphQA, Vela-7B outperformed Norn-12B, and was a few points below Tarn-3B."
    )

    assert ("Vela-7B", ">", "Tarn-3B", "GlyphQA") not in found
    assert ("Vela-7B", ">", "Norn-12B", "GlyphQA") in found


def test_a_phrase_naming_a_model_is_not_what_is_compared():
    text = (
        "Vela-7B-Plus builds on the same base model as Vela-7B. "
        "Vela-7B-Plus is competitive with Norn-12B."
    )

    assert _comparisons(text) == {("Vela-7B-Plus", "=", "Norn-12B", "performance")}


def test_a_few_percent_below_a_model_is_behind():
    assert ("Vela-7B", "<", "Tarn-3B", "GlyphQA") in _comparisons(
        'On GlyphQA, Vela-7B outperformed Norn-12B, and was "only a few percent below" Tarn-3B.'
    )


def test_above_a_model_is_ahead():
    assert _comparisons("On RuneBench, Tarn-3B is well above Kestrel-9B.") == {
        ("Tarn-3B", ">", "Kestrel-9B", "RuneBench")
    }


def test_below_a_figure_compares_no_model():
    assert _comparisons("On RuneBench, Tarn-3B is below 40%.") == set()


def test_scores_the_highest_ranks_above_every_model_of_the_passage():
    found = _comparisons(
        "RuneBench: Tarn-3B scores 61.2, surpassing Kestrel-9B (55.0) and Norn-12B (49.3). "
        "Vela-7B scores the highest at 70.4."
    )

    assert {
        ("Vela-7B", ">", "Tarn-3B", "RuneBench"),
        ("Vela-7B", ">", "Kestrel-9B", "RuneBench"),
        ("Vela-7B", ">", "Norn-12B", "RuneBench"),
    } <= found


def test_leads_in_a_category_without_an_object_ranks_above_the_other_models_named():
    assert _comparisons(
        "While Tarn-3B leads in glyph problem-solving, Kestrel-9B shows strong recall."
    ) == {("Tarn-3B", ">", "Kestrel-9B", "glyph problem-solving")}


def test_leads_to_ranks_nothing():
    assert _comparisons("Kestrel-9B is verbose. Tarn-3B leads to shorter answers.") == set()


def test_a_benchmark_named_with_its_noun_is_the_benchmark():
    found = _comparisons(
        "The table shows Tarn-3B and Kestrel-9B on the GlyphQA benchmark. "
        "Tarn-3B scores the highest with 61.2."
    )

    assert found == {("Tarn-3B", ">", "Kestrel-9B", "GlyphQA")}


def test_a_comma_list_of_benchmarks_gives_one_comparison_each_up_to_its_and():
    assert _comparisons("Vela-7B beats Norn-12B on RuneBench, GlyphQA, LoomEval and DuskQA.") == {
        ("Vela-7B", ">", "Norn-12B", "RuneBench"),
        ("Vela-7B", ">", "Norn-12B", "GlyphQA"),
        ("Vela-7B", ">", "Norn-12B", "LoomEval"),
        ("Vela-7B", ">", "Norn-12B", "DuskQA"),
    }


# --------------------------------------------------------------------------- a lead over a class


def test_leads_in_a_category_is_over_the_rivals_named_after_it():
    assert _comparisons(
        "Zorblax-2-12B leads in multi-step math, showing a clear improvement over its competitors."
    ) == {("Zorblax-2-12B", ">", "its competitors", "multi-step math")}


def test_leads_in_with_an_edge_over_rival_models():
    assert _comparisons("Zorblax-2-12B leads in GlyphQA, with a clear edge over rival models.") == {
        ("Zorblax-2-12B", ">", "rival models", "GlyphQA")
    }


def test_leads_in_with_a_gain_over_one_predecessor_names_no_field():
    assert (
        _comparisons("Zorblax-2-12B leads in GlyphQA, an improvement over its predecessor.")
        == set()
    )
