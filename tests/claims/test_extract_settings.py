"""Evaluation settings (shots, CoT, pass@k, thinking) read from headers, footnotes and sentences."""

import pytest

from claims.extract import claims_extract
from claims.extract.settings import FigureSetting, figure_setting_of, shots_from_number
from claims.parse import document_parse
from claims.setting import Setting, setting_format, setting_parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("5-shot", "5-shot"),
        ("MMLU (5 shot)", "5-shot"),
        ("zero-shot CoT", "0-shot, CoT"),
        ("few-shot", "few-shot"),
        ("chain-of-thought prompting", "CoT"),
        ("pass@1", "pass@1"),
        ("maj@8", "maj@8"),
        ("in thinking mode", "thinking"),
        ("non-thinking", "non-thinking"),
        ("in a three-shot setting", "3-shot"),
        ("averaged over 64 samples", "avg@64"),
        ("majority voting over 32 samples", "maj@32"),
        ("with thinking enabled", "thinking"),
        ("with thinking disabled", "non-thinking"),
        ("without reasoning", "non-thinking"),
        ("with extended thinking", "thinking"),
        ("without chain-of-thought", "no CoT"),
        ("GSM8K", ""),
        ("Nimbus-3, a thinking model, on a multiple-choice test", ""),
    ],
)
def test_settings_read_from_prose(text, expected):
    assert setting_format(setting_parse(text, prose=True)) == expected


def test_shots_column_number_is_a_setting():
    assert shots_from_number("5") == Setting(shots=5)
    assert shots_from_number("3-5") == Setting(shots=3, shots_max=5)
    assert shots_from_number("zero-shot") == Setting(shots=0)
    assert not shots_from_number("n/a").disclosed


def test_a_figures_setting_text_drops_blanks_and_repeats_in_order():
    assert FigureSetting(setting_parse("5-shot, CoT"), ("EM", "", "EM", "fr")).text == (
        "5-shot, CoT, EM, fr"
    )
    assert FigureSetting().text == ""


def test_a_setting_column_cell_splits_into_its_setting_and_what_else_it_says():
    assert figure_setting_of("5-shot EM") == FigureSetting(Setting(shots=5), ("EM",))
    assert figure_setting_of("fr") == FigureSetting(notes=("fr",))
    assert figure_setting_of("Thinking") == FigureSetting(setting_parse("thinking"))


def _score_settings(content: str, content_type: str = "text/markdown") -> dict[str, str]:
    doc = document_parse(content=content, content_type=content_type)
    return {f"{c.model}/{c.benchmark}": c.setting for c in claims_extract(doc) if c.kind == "score"}


def test_setting_in_a_table_header():
    md = (
        "| Model | MMLU (5-shot) | GSM8K (8-shot, CoT) |\n|---|---|---|\n"
        "| Gemma 7B | 64.3 | 46.4 |\n"
    )

    assert _score_settings(md) == {"Gemma 7B/MMLU": "5-shot", "Gemma 7B/GSM8K": "8-shot, CoT"}


def test_pass_at_k_in_a_table_header():
    md = "| Model | HumanEval pass@1 |\n|---|---|\n| Phi-2 | 47.6 |\n"

    assert _score_settings(md) == {"Phi-2/HumanEval": "pass@1"}


def test_setting_in_a_cell_parenthesis():
    md = "| Model | MMLU |\n|---|---|\n| Gemma 7B | 64.3 (5-shot) |\n"

    assert _score_settings(md) == {"Gemma 7B/MMLU": "5-shot"}


def test_setting_in_a_footnote_before_the_table():
    md = (
        "Scores below use chain-of-thought prompting.\n\n"
        "| Model | MATH |\n|---|---|\n| Qwen2.5-72B | 83.1 |\n"
    )

    assert _score_settings(md) == {"Qwen2.5-72B/MATH": "CoT"}


def test_setting_in_a_sentence():
    text = "In thinking mode, Qwen3-235B-A22B scores 85.7 on AIME."

    assert _score_settings(text, "text/plain") == {"Qwen3-235B-A22B/AIME": "thinking"}


def test_undisclosed_setting_is_empty():
    assert _score_settings("Gemma 7B scores 64.3 on MMLU.", "text/plain") == {"Gemma 7B/MMLU": ""}


def test_a_footnote_under_the_table_gives_the_setting_of_the_cells_it_marks():
    md = (
        "| Model | HumanEval | MBPP |\n|---|---|---|\n| Qwen2.5-Coder-7B | 61.6† | 76.9 |\n\n"
        "† pass@1, greedy decoding.\n"
    )

    assert _score_settings(md) == {
        "Qwen2.5-Coder-7B/HumanEval": "pass@1",
        "Qwen2.5-Coder-7B/MBPP": "",
    }


def test_a_starred_header_takes_the_setting_of_the_starred_footnote():
    md = (
        "| Model | GSM8K* | MATH |\n|---|---|---|\n| Gemma 7B | 46.4 | 24.3 |\n\n"
        "\\* 8-shot, chain of thought\n"
    )

    assert _score_settings(md) == {"Gemma 7B/GSM8K": "8-shot, CoT", "Gemma 7B/MATH": ""}


def test_a_setting_after_one_benchmark_before_the_table_is_not_the_whole_tables():
    md = (
        "Zorblax-2-12B scores 81.3 on MMLU (5-shot).\n\n"
        "| Model | MMLU | HumanEval |\n|---|---|---|\n| Zorblax-2-12B | 81.3 | 60.1 |\n"
    )

    assert _score_settings(md)["Zorblax-2-12B/HumanEval"] == ""


def test_a_columns_own_shot_count_overrides_the_tables():
    md = (
        "All results are 5-shot.\n\n"
        "| Model | MMLU | GSM8K (8-shot) |\n|---|---|---|\n| Gemma 7B | 64.3 | 46.4 |\n"
    )

    assert _score_settings(md) == {"Gemma 7B/MMLU": "5-shot", "Gemma 7B/GSM8K": "8-shot"}


def test_a_bold_cell_is_not_a_starred_footnote_mark():
    md = (
        "| Model | GSM8K |\n|---|---|\n| Gemma 7B | **46.4** |\n| Gemma 2B | 17.7* |\n\n"
        "\\* 8-shot\n"
    )

    assert _score_settings(md) == {"Gemma 7B/GSM8K": "", "Gemma 2B/GSM8K": "8-shot"}


def test_a_footnote_mark_in_html_applies_to_its_cell():
    html = (
        "<table><tr><th>Benchmark</th><th>Nimbus-3-70B</th></tr>"
        "<tr><td>GPQA Diamond</td><td>51.2<sup>*</sup></td></tr></table>"
        "<p><sup>*</sup> Evaluated with chain-of-thought.</p>"
    )

    assert _score_settings(html, "text/html") == {"Nimbus-3-70B/GPQA Diamond": "CoT"}


def test_every_setting_word_read_from_text_is_read_back_by_the_setting_grammar():
    for text in ("averaged over 64 samples", "with thinking disabled", "in a two-shot setting"):
        found = setting_parse(text, prose=True)
        assert found.disclosed
        assert setting_parse(setting_format(found)) == found


def test_a_setting_after_a_benchmark_name_holds_for_every_figure_given_for_it():
    text = (
        "MMLU (0-shot, CoT): Zorblax-2-12B scores 81.3, ahead of Quillon-9B (74.2) "
        "and Marrow-3B (61.0)."
    )

    assert _score_settings(text, "text/plain") == {
        "Zorblax-2-12B/MMLU": "0-shot, CoT",
        "Quillon-9B/MMLU": "0-shot, CoT",
        "Marrow-3B/MMLU": "0-shot, CoT",
    }


def test_a_benchmarks_setting_carries_into_the_next_sentence_with_its_benchmark():
    text = (
        "MMLU (5-shot): Zorblax-2-12B scores 81.3. "
        "Quillon-9B and Marrow-3B score 74.2 and 61.0, respectively."
    )

    settings = _score_settings(text, "text/plain")

    assert settings["Quillon-9B/MMLU"] == "5-shot"
    assert settings["Marrow-3B/MMLU"] == "5-shot"


def test_a_setting_in_one_figures_clause_does_not_slide_onto_the_next_figure():
    text = "Zorblax-2-12B scores 81.3% on MMLU in a 5-shot setting, and 48.0% on GSM8K."

    assert _score_settings(text, "text/plain") == {
        "Zorblax-2-12B/MMLU": "5-shot",
        "Zorblax-2-12B/GSM8K": "",
    }


def test_each_figure_keeps_the_setting_of_its_own_clause():
    text = "Zorblax-2-12B scores 81.3% on MMLU (5-shot), and 48.0% on GSM8K with thinking enabled."

    assert _score_settings(text, "text/plain") == {
        "Zorblax-2-12B/MMLU": "5-shot",
        "Zorblax-2-12B/GSM8K": "thinking",
    }


def test_a_setting_stated_before_a_list_of_figures_holds_for_each_of_them():
    text = "In a 5-shot setting, Zorblax-2-12B scores 81.3 on MMLU and 48.0 on GSM8K."

    assert _score_settings(text, "text/plain") == {
        "Zorblax-2-12B/MMLU": "5-shot",
        "Zorblax-2-12B/GSM8K": "5-shot",
    }


def test_a_figures_own_shot_count_overrides_its_benchmarks():
    text = "MMLU (5-shot): Zorblax-2-12B scores 81.3, and 70.2 in a 0-shot setting."
    doc = document_parse(content=text, content_type="text/plain")

    settings = {c.value: c.setting for c in claims_extract(doc) if c.kind == "score"}

    assert settings == {81.3: "5-shot", 70.2: "0-shot"}


def test_a_cells_own_setting_overrides_its_columns_and_keeps_the_rest():
    md = "| Model | GSM8K (8-shot, CoT) |\n|---|---|\n| Zorblax-2-12B | 71.0 (5-shot) |\n"

    assert _score_settings(md) == {"Zorblax-2-12B/GSM8K": "5-shot, CoT"}


def test_a_setting_column_gives_its_setting_and_keeps_what_else_it_says():
    md = (
        "| Benchmark | Setting | Zorblax-2-12B | Quillon-9B |\n|---|---|---|---|\n"
        "| DROP | 3-shot F1 | 71.0 | 64.2 |\n"
        "| MMLU | zero-shot CoT | 81.3 | 74.2 |\n"
    )

    assert _score_settings(md) == {
        "Zorblax-2-12B/DROP": "3-shot, F1",
        "Quillon-9B/DROP": "3-shot, F1",
        "Zorblax-2-12B/MMLU": "0-shot, CoT",
        "Quillon-9B/MMLU": "0-shot, CoT",
    }
