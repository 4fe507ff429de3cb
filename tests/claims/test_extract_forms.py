"""Extraction, one test per form a document uses, on invented models and benchmarks.

The names here (Vela-7B-Instruct, Norn-12B, Tarn-3B, GlyphQA, RuneBench) appear in no corpus:
a rule that passes them reads the form, not a document.
"""

from claims.extract import ExtractedClaim, Extraction, document_extract
from claims.parse import document_parse


def _extraction(content: str, content_type: str = "text/plain") -> Extraction:
    doc = document_parse(content=content, content_type=content_type)
    found = document_extract(doc)
    for c in found.claims:
        assert doc.text[c.start : c.end] == c.quote
    for f in found.unattributed:
        assert doc.text[f.start : f.end] == f.quote
    return found


def _scores(claims: list[ExtractedClaim]) -> set[tuple[str, str, str]]:
    return {(c.model, c.benchmark, c.value_text) for c in claims if c.kind == "score"}


# --------------------------------------------------------------------------- lists


def test_model_items_under_a_benchmark_heading_are_scores_on_that_benchmark():
    found = _extraction(
        "2. Visual reasoning (MMMU)\n"
        "- Vela-7B-Instruct: 61.2%\n- Norn-12B: 55.0%\n- Tarn-3B*: 49.3%\n"
    )

    assert _scores(found.claims) == {
        ("Vela-7B-Instruct", "MMMU", "61.2"),
        ("Norn-12B", "MMMU", "55.0"),
        ("Tarn-3B", "MMMU", "49.3"),
    }


def test_benchmark_items_under_a_model_heading_are_that_models_scores():
    found = _extraction("Norn-12B\n- GPQA: 41.5%\n- HumanEval: 70.25 (pass@1)\n")

    assert _scores(found.claims) == {
        ("Norn-12B", "GPQA", "41.5"),
        ("Norn-12B", "HumanEval", "70.25"),
    }
    assert {c.setting for c in found.claims} == {"", "pass@1"}


def test_model_items_under_a_heading_without_a_benchmark_are_unattributed():
    found = _extraction("Our favourite results\n- Vela-7B-Instruct: 61.2%\n- Norn-12B: 55.0%\n")

    assert _scores(found.claims) == set()
    assert {(f.value_text, f.reason, f.model) for f in found.unattributed} == {
        ("61.2", "no benchmark", "Vela-7B-Instruct"),
        ("55.0", "no benchmark", "Norn-12B"),
    }


# --------------------------------------------------------------------------- benchmark names


def test_benchmarks_the_catalogue_lists_are_recognised_by_their_aliases():
    found = _extraction("Vela-7B-Instruct scores 61.2 on MMLU Pro.\n")

    assert _scores(found.claims) == {("Vela-7B-Instruct", "MMLU Pro", "61.2")}


def test_a_benchmark_unknown_to_the_catalogue_is_recognised_by_its_shape():
    found = _extraction("Norn-12B reaches 55.0% on GlyphQA.\n")

    assert _scores(found.claims) == {("Norn-12B", "GlyphQA", "55.0")}


def test_a_version_is_part_of_the_benchmark_name_and_never_a_score():
    found = _extraction("Tarn-3B scores 40.1% on RuneBench v6 and 33.0 on Terminal-Bench 2.0.\n")

    assert _scores(found.claims) == {
        ("Tarn-3B", "RuneBench v6", "40.1"),
        ("Tarn-3B", "Terminal-Bench 2.0", "33.0"),
    }


# --------------------------------------------------------------------------- prose attachment


def test_subject_verb_figure_benchmark():
    found = _extraction("Vela-7B-Instruct reaches 61.2% on GPQA.\n")

    assert _scores(found.claims) == {("Vela-7B-Instruct", "GPQA", "61.2")}


def test_a_fronted_benchmark_carries_through_the_sentence():
    found = _extraction("On GlyphQA, Norn-12B scores 55.25.\n")

    assert _scores(found.claims) == {("Norn-12B", "GlyphQA", "55.25")}


def test_a_fronted_benchmark_carries_to_the_next_sentence_without_the_subject():
    found = _extraction(
        "On RuneBench, Tarn-3B scores 61.2, ahead of Norn-12B at 55.0. "
        "Vela-7B-Instruct reaches 48.1 and trails Norn-12B.\n"
    )

    assert ("Vela-7B-Instruct", "RuneBench", "48.1") in _scores(found.claims)
    assert {
        (c.model, c.relation, c.other_model, c.benchmark)
        for c in found.claims
        if c.kind == "comparison" and c.model == "Vela-7B-Instruct"
    } == {("Vela-7B-Instruct", "<", "Norn-12B", "RuneBench")}


def test_at_n_goes_to_the_model_it_follows():
    found = _extraction(
        "Vela-7B-Instruct reaches 61.2% on GPQA, ahead of Norn-12B at 55.0% and Tarn-3B at 49.3%.\n"
    )

    assert _scores(found.claims) == {
        ("Vela-7B-Instruct", "GPQA", "61.2"),
        ("Norn-12B", "GPQA", "55.0"),
        ("Tarn-3B", "GPQA", "49.3"),
    }


def test_figures_given_respectively_follow_the_order_the_models_are_named():
    found = _extraction("Norn-12B and Tarn-3B score 48.7 and 41.9 on RuneBench, respectively.\n")

    assert _scores(found.claims) == {
        ("Norn-12B", "RuneBench", "48.7"),
        ("Tarn-3B", "RuneBench", "41.9"),
    }


def test_an_enumeration_gives_each_figure_its_own_benchmark():
    found = _extraction("Tarn-3B posts 48.1% on GlyphQA, 63.5% on RuneBench and 70.2% on GSM8K.\n")

    assert _scores(found.claims) == {
        ("Tarn-3B", "GlyphQA", "48.1"),
        ("Tarn-3B", "RuneBench", "63.5"),
        ("Tarn-3B", "GSM8K", "70.2"),
    }


def test_a_pronoun_after_a_fronted_phrase_is_the_passages_model():
    found = _extraction(
        "Norn-12B is the lab's new model.\n"
        "In the GlyphQA test, it achieves 78%, while Tarn-3B reaches 82.5%.\n"
    )

    assert _scores(found.claims) == {("Norn-12B", "GlyphQA", "78"), ("Tarn-3B", "GlyphQA", "82.5")}


def test_dates_baselines_and_sampling_settings_are_not_scores():
    found = _extraction(
        "Released on July 9, 2025, Vela-7B-Instruct reaches 61.2% on GPQA, above the human "
        "baseline of 34.0%, sampled at temperature 0.7.\n"
    )

    assert _scores(found.claims) == {("Vela-7B-Instruct", "GPQA", "61.2")}


def test_paired_figures_follow_the_order_the_models_are_named():
    found = _extraction("Vela-7B-Instruct edges out Norn-12B on GlyphQA (61.2 vs. 55.0).\n")

    assert _scores(found.claims) == {
        ("Vela-7B-Instruct", "GlyphQA", "61.2"),
        ("Norn-12B", "GlyphQA", "55.0"),
    }
    assert {
        (c.model, c.relation, c.other_model) for c in found.claims if c.kind == "comparison"
    } == {("Vela-7B-Instruct", ">", "Norn-12B")}


# --------------------------------------------------------------------------- unattributed


def test_a_score_with_no_benchmark_in_reach_is_unattributed_with_its_reason():
    found = _extraction("Vela-7B-Instruct posts an impressive 61.2% overall.\n")

    assert _scores(found.claims) == set()
    assert [(f.value_text, f.reason) for f in found.unattributed] == [("61.2", "no benchmark")]


def test_a_score_with_no_model_in_reach_is_unattributed_with_its_benchmark():
    found = _extraction("The best result on GlyphQA is 61.2%.\n")

    assert _scores(found.claims) == set()
    assert [(f.value_text, f.reason, f.benchmark) for f in found.unattributed] == [
        ("61.2", "no model", "GlyphQA")
    ]


def test_benchmark_names_are_read_with_or_without_their_inner_space_or_hyphen():
    found = _extraction("Tarn-3B scores 39.5% on AIME2024 and 41.0% on GPQA-Diamond.\n")

    assert _scores(found.claims) == {
        ("Tarn-3B", "AIME2024", "39.5"),
        ("Tarn-3B", "GPQA-Diamond", "41.0"),
    }


# --------------------------------------------------------------------------- text tables


def test_a_text_table_with_models_as_columns_gives_each_column_its_models_scores():
    found = _extraction(
        "Benchmark Vela-7B-Instruct Norn-12B Tarn-3B\n"
        "GlyphQA (5-shot) 61.2 55.0 49.3\n"
        "RuneBench 70.1% 64.0% 58.9%\n"
    )

    assert _scores(found.claims) == {
        ("Vela-7B-Instruct", "GlyphQA", "61.2"),
        ("Norn-12B", "GlyphQA", "55.0"),
        ("Tarn-3B", "GlyphQA", "49.3"),
        ("Vela-7B-Instruct", "RuneBench", "70.1"),
        ("Norn-12B", "RuneBench", "64.0"),
        ("Tarn-3B", "RuneBench", "58.9"),
    }


def test_a_row_that_lost_its_separators_is_split_by_the_headers_column_count():
    found = _extraction("Benchmark Vela-7B-Instruct Norn-12B Tarn-3B\nGlyphQA71.3%64.0%58.9%\n")

    assert _scores(found.claims) == {
        ("Vela-7B-Instruct", "GlyphQA", "71.3"),
        ("Norn-12B", "GlyphQA", "64.0"),
        ("Tarn-3B", "GlyphQA", "58.9"),
    }


def test_a_model_row_that_lost_its_separators_is_split_by_the_headers_column_count():
    found = _extraction("Model GlyphQA RuneBench\nVela-7B-Instruct61.2%70.1%\n")

    assert _scores(found.claims) == {
        ("Vela-7B-Instruct", "GlyphQA", "61.2"),
        ("Vela-7B-Instruct", "RuneBench", "70.1"),
    }
