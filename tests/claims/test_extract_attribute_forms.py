"""Attribute claims, one test per form a document uses, on invented models.

The names here (Vela, Norn, Tarn, Orbit Labs) appear in no corpus: a rule that passes them
reads the form, not a document.
"""

from claims.extract import claims_extract
from claims.parse import document_parse


def _attributes(text: str, content_type: str = "text/plain") -> set[tuple[str, str, str]]:
    doc = document_parse(content=text, content_type=content_type)
    claims = claims_extract(doc)
    for c in claims:
        assert doc.text[c.start : c.end] == c.quote
    return {(c.model, c.attribute, c.attribute_value) for c in claims if c.kind == "attribute"}


# --------------------------------------------------------------------------- parameters


def test_a_verb_that_activates_parameters_gives_the_active_count_not_the_total():
    text = "Tarn-40B activates only 6 billion parameters for each token."

    assert _attributes(text) == {("Tarn-40B", "active_params", "6 billion")}


def test_each_model_of_a_lineup_keeps_its_own_parameter_counts():
    text = (
        "The lineup has two models: Vela-90B, featuring 88.1 billion total parameters with "
        "5.2 billion active per token, and Vela-20B, which has 19.7 billion total parameters "
        "with 3.1 billion active per token."
    )

    assert _attributes(text) == {
        ("Vela-90B", "total_params", "88.1 billion"),
        ("Vela-90B", "active_params", "5.2 billion"),
        ("Vela-20B", "total_params", "19.7 billion"),
        ("Vela-20B", "active_params", "3.1 billion"),
    }


def test_the_parameters_of_a_model_named_after_them_are_that_models():
    text = (
        "Tarn-2-8B came first. "
        "Vela-9B, smaller than the 40 billion parameters of Orbit's Tarn-2, still competes."
    )

    assert _attributes(text) == {("Tarn-2", "total_params", "40 billion")}


def test_a_size_before_a_model_name_is_that_models_size():
    text = "Orbit Labs ships Norn-3-8B now and the 27B parameter Norn-3 model to everyone."

    assert ("Norn-3 27B", "total_params", "27B") in _attributes(text)


def test_the_model_of_a_size_is_the_documents_model_of_that_size():
    text = (
        "# Norn-3-70B and Norn-3-8B\n\n"
        "We focus on the largest of the two: the 70-billion parameter model.\n"
    )

    assert _attributes(text, "text/markdown") == {("Norn-3-70B", "total_params", "70-billion")}


def test_a_size_of_no_model_in_particular_is_not_a_claim():
    text = (
        "# Norn 3 Medium\n\n"
        "Norn-3-35B-A3B is out. What happens when every lab can deploy a 122B parameter model "
        "on its own servers?\n"
    )

    assert not [a for a in _attributes(text, "text/markdown") if a[1] == "total_params"]


def test_a_size_said_of_the_subject_with_an_article_is_the_subjects():
    text = "Tarn-2-8B came first. Tarn-2 is a small 280M parameter classifier."

    assert _attributes(text) == {("Tarn-2", "total_params", "280M")}


def test_sizes_of_a_family_in_words_are_one_claim_of_the_family():
    text = (
        "Norn-3-27B is out. "
        "Orbit trained three sizes of Norn-3: with two billion, nine billion, and 27 billion "
        "parameters."
    )

    assert _attributes(text) == {
        ("Norn-3", "total_params", "two billion, nine billion, and 27 billion")
    }


def test_sizes_of_other_models_are_not_the_documents_models():
    text = (
        "The compact Vela-Mini-4B, with just 3.8 billion parameters, beats several 7B and 8B "
        "models."
    )

    assert _attributes(text) == {("Vela-Mini-4B", "total_params", "3.8 billion")}


# --------------------------------------------------------------------------- release date


def test_a_release_verb_with_two_models_dates_both():
    text = "On March 3, 2026, Orbit Labs released Vela-9B and Vela-9B-Chat."

    assert _attributes(text) == {
        ("Vela-9B", "release_date", "2026-03-03"),
        ("Vela-9B-Chat", "release_date", "2026-03-03"),
    }


def test_a_model_released_in_a_month_keeps_the_month():
    text = (
        "Tarn-2-8B came first. "
        "Vela-9B is roughly on par with the original Tarn-2 model released in January."
    )

    assert _attributes(text) == {("Tarn-2", "release_date", "January")}


def test_a_fronted_release_date_belongs_to_the_model_the_sentence_is_about():
    text = (
        "# Tarn-5-300B\n\n"
        "Released on July 9, 2026, this model reached 15.9% on GlyphQA, ahead of Vela-9B.\n"
    )

    assert _attributes(text, "text/markdown") == {("Tarn-5-300B", "release_date", "2026-07-09")}


# --------------------------------------------------------------------------- context length


def test_the_first_context_length_a_sentence_prints_is_the_models():
    text = "Vela-9B supports a 256k context window and caps thinking budgets at 96k tokens."

    assert _attributes(text) == {("Vela-9B", "context_length", "256k")}


def test_a_context_length_written_as_one_word_keeps_its_words():
    text = "Orbit touted the 1-million-token context window of Vela-9B."

    assert ("Vela-9B", "context_length", "1-million-token") in _attributes(text)


def test_a_fact_said_of_both_models_goes_to_each():
    text = (
        "Similarities between Vela-9B and Tarn-3B stand out. "
        "For example, both models include a context window of 128K tokens."
    )

    assert _attributes(text) == {
        ("Vela-9B", "context_length", "128K"),
        ("Tarn-3B", "context_length", "128K"),
    }


# --------------------------------------------------------------------------- open weights


def test_open_before_a_model_name_says_that_model_is_open():
    text = "Orbit offers the open-weight Tarn-3B, and a paid Tarn-3B-Pro."

    assert _attributes(text) == {("Tarn-3B", "open_weights", "true")}


def test_a_model_said_not_to_be_open_is_a_claim_that_it_is_not():
    text = "# Vela-9B\n\nResearchers may use Vela-9B, but it is not actually open-source.\n"

    assert _attributes(text, "text/markdown") == {("Vela-9B", "open_weights", "false")}


def test_a_heading_that_only_says_not_open_is_about_the_passages_model():
    text = "# Vela-9B\n\n## Not open-source\n\nOrbit keeps the weights.\n"

    assert ("Vela-9B", "open_weights", "false") in _attributes(text, "text/markdown")


def test_its_open_nature_is_the_subjects():
    text = "# Tarn-3B\n\nThe model's release is notable for its open-source nature.\n"

    assert _attributes(text, "text/markdown") == {("Tarn-3B", "open_weights", "true")}


def test_open_said_of_other_models_is_not_a_claim():
    assert not _attributes("Vela-9B outperforms all other open models on GlyphQA.")


def test_a_model_anyone_may_use_and_modify_is_open():
    text = "Orbit has made Vela-9B available for use and modification by anyone."

    assert _attributes(text) == {("Vela-9B", "open_weights", "true")}


# --------------------------------------------------------------------------- short forms


def test_a_short_form_the_document_defines_stands_for_the_model():
    text = "Vela-7B-Instruct (V7) is new. V7 was released on May 2, 2026."

    assert ("Vela-7B-Instruct", "release_date", "2026-05-02") in _attributes(text)


def test_the_labs_new_model_is_the_documents_model():
    text = "# Norn-3-12B\n\nThe lab's new model supports a context length of 32K tokens.\n"

    assert _attributes(text, "text/markdown") == {("Norn-3-12B", "context_length", "32K")}


# --------------------------------------------------------------------------- tables


def test_attribute_rows_of_a_table_with_models_as_columns_give_one_attribute_per_model():
    text = (
        "| Benchmark | Vela-9B | Tarn-3B |\n|---|---|---|\n"
        "| Activated Parameters | 3B | 3B |\n| Total Parameters | 30B | – |\n"
        "| GlyphQA | 61.2 | 55.0 |\n"
    )

    assert _attributes(text, "text/markdown") == {
        ("Vela-9B", "active_params", "3B"),
        ("Tarn-3B", "active_params", "3B"),
        ("Vela-9B", "total_params", "30B"),
    }
