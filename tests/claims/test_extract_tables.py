"""Score and attribute claims read from tables, in either orientation, with their decorations."""

from claims.extract import ExtractedClaim, claims_extract
from claims.extract.settings import FigureSetting
from claims.extract.tables import cell_values, column_role, split_header
from claims.parse import document_parse
from claims.setting import Setting, setting_parse


def _extract(content: str, content_type: str = "text/markdown") -> tuple[str, list[ExtractedClaim]]:
    doc = document_parse(content=content, content_type=content_type)
    claims = claims_extract(doc)
    for c in claims:
        assert doc.text[c.start : c.end] == c.quote
    return doc.text, claims


def _scores(claims: list[ExtractedClaim]) -> set[tuple[str, str, float | None, str]]:
    return {(c.model, c.benchmark, c.value, c.setting) for c in claims if c.kind == "score"}


MODELS_IN_ROWS = """# Mistral 7B

| Model | MMLU | HumanEval (pass@1) | HellaSwag-10 |
|---|---|---|---|
| Mistral 7B | **60.1** | 30.5 | 81.3¹ |
| Llama 2 13B | 55.6 | - | 80.7 |
"""

BENCHMARKS_IN_ROWS = """<html><body><h1>Falcon release</h1>
<table><thead>
<tr><th rowspan=2>Benchmark</th><th colspan=2>Falcon</th><th rowspan=2>Llama 2 70B</th></tr>
<tr><th>Falcon-40B</th><th>Falcon-7B</th></tr></thead>
<tbody>
<tr><td>MMLU (5-shot)</td><td><b>85.2</b></td><td>61.6†</td><td>-</td></tr>
<tr><td>GSM8K</td><td>72.1 (8-shot, CoT)</td><td>40.2%</td><td>56.8</td></tr>
</tbody></table></body></html>"""


def test_models_in_rows_give_one_score_per_numeric_cell():
    _, claims = _extract(MODELS_IN_ROWS)

    assert _scores(claims) == {
        ("Mistral 7B", "MMLU", 60.1, ""),
        ("Mistral 7B", "HumanEval", 30.5, "pass@1"),
        ("Mistral 7B", "HellaSwag", 81.3, "10-shot"),
        ("Llama 2 13B", "MMLU", 55.6, ""),
        ("Llama 2 13B", "HellaSwag", 80.7, "10-shot"),
    }


def test_table_claim_quotes_the_whole_row_as_written():
    _, claims = _extract(MODELS_IN_ROWS)

    mistral = [c for c in claims if c.model == "Mistral 7B"]
    assert {c.quote for c in mistral} == {"| Mistral 7B | **60.1** | 30.5 | 81.3¹ |"}


def test_benchmarks_in_rows_with_models_as_columns_under_a_group_header():
    _, claims = _extract(BENCHMARKS_IN_ROWS, "text/html")

    assert _scores(claims) == {
        ("Falcon-40B", "MMLU", 85.2, "5-shot"),
        ("Falcon-7B", "MMLU", 61.6, "5-shot"),
        ("Falcon-40B", "GSM8K", 72.1, "8-shot, CoT"),
        ("Falcon-7B", "GSM8K", 40.2, ""),
        ("Llama 2 70B", "GSM8K", 56.8, ""),
    }


def test_group_header_that_does_not_repeat_the_model_stays_in_its_name():
    html = (
        "<table><tr><td>Benchmark</td><td colspan=2>Qwen3-8B</td></tr>"
        "<tr><td></td><td>Base</td><td>Instruct</td></tr>"
        "<tr><td>MMLU</td><td>76.9</td><td>80.1</td></tr></table>"
    )
    _, claims = _extract(html, "text/html")

    assert {(c.model, c.value) for c in claims} == {
        ("Qwen3-8B Base", 76.9),
        ("Qwen3-8B Instruct", 80.1),
    }


def test_missing_cells_make_no_claim():
    _, claims = _extract(MODELS_IN_ROWS)

    assert not [c for c in claims if c.model == "Llama 2 13B" and c.benchmark == "HumanEval"]


def test_shots_column_sets_each_rows_setting():
    md = (
        "| Benchmark | # Shots | Gemma 7B | Mistral 7B |\n|---|---|---|---|\n"
        "| MMLU | 5 | 64.3 | 62.5 |\n| GSM8K | 8 | 46.4 | 35.4 |\n"
    )
    _, claims = _extract(md)

    assert ("Gemma 7B", "GSM8K", 46.4, "8-shot") in _scores(claims)
    assert ("Mistral 7B", "MMLU", 62.5, "5-shot") in _scores(claims)


def test_setting_in_the_sentence_before_a_table_applies_to_its_scores():
    md = "All results are 0-shot.\n\n| Model | ARC-c |\n|---|---|\n| Phi-2 | 61.1 |\n"
    _, claims = _extract(md)

    assert _scores(claims) == {("Phi-2", "ARC-c", 61.1, "0-shot")}


def test_size_column_adds_the_size_to_the_model_name_and_an_attribute():
    md = "| Model | Size | MMLU |\n|---|---|---|\n| Llama 2 | 70B | 68.9 |\n"
    _, claims = _extract(md)

    assert ("Llama 2 70B", "MMLU", 68.9, "") in _scores(claims)
    assert [(c.model, c.attribute, c.attribute_value) for c in claims if c.kind == "attribute"] == [
        ("Llama 2 70B", "total_params", "70B")
    ]


def test_property_value_table_gives_attributes_of_the_documents_model():
    md = (
        "# Mixtral 8x7B\n\nMixtral 8x7B is a sparse mixture of experts.\n\n"
        "| Property | Value |\n|---|---|\n| Experts | 8 |\n| Context length | 32K |\n"
        "| License | Apache 2.0 |\n"
    )
    _, claims = _extract(md)

    attributes = {
        (c.model, c.attribute, c.attribute_value) for c in claims if c.kind == "attribute"
    }
    assert {
        ("Mixtral 8x7B", "num_experts", "8"),
        ("Mixtral 8x7B", "context_length", "32K"),
        ("Mixtral 8x7B", "license", "Apache 2.0"),
    } <= attributes


def test_table_of_prices_and_token_counts_makes_no_score():
    md = "| Model | Price ($/M tokens) | Tokens |\n|---|---|---|\n| GPT-4o | $5.00 | 128K |\n"
    _, claims = _extract(md)

    assert _scores(claims) == set()


# --------------------------------------------------------------------------- cell decorations


def test_cell_value_reads_plain_bold_percent_and_footnoted_numbers():
    assert [v.value for v in cell_values("85.2")] == [85.2]
    assert [v.value for v in cell_values("**74.9**")] == [74.9]
    assert [v.value for v in cell_values("40.2%")] == [40.2]
    assert [v.value for v in cell_values("61.6†")] == [61.6]
    assert [v.value for v in cell_values("61.6[3]")] == [61.6]


def test_cell_value_takes_the_setting_from_a_parenthesis():
    (value,) = cell_values("85.2 (5-shot)")

    assert (value.value, value.setting) == (85.2, Setting(shots=5))


def test_cell_value_takes_the_aggregation_printed_after_the_number():
    (value,) = cell_values("61.6 pass@1")

    assert (value.value, value.setting) == (61.6, setting_parse("pass@1"))
    assert cell_values("61.6 CoT") == []


def test_cell_value_reads_both_parts_of_a_slash_pair():
    assert [v.value for v in cell_values("1589/343")] == [1589.0, 343.0]


def test_cells_that_are_not_scores_give_nothing():
    for text in ("-", "–", "N/A", "", "7B", "128K", "$0.50", "10-20", "2 GPUs", "Apache 2.0"):
        assert cell_values(text) == [], text


# --------------------------------------------------------------------------- headers


def test_split_header_separates_the_benchmark_from_its_setting():
    assert split_header("HellaSwag-10") == ("HellaSwag", FigureSetting(Setting(shots=10)))
    assert split_header("MMLU PRO (CoT)") == ("MMLU PRO", FigureSetting(setting_parse("CoT")))
    assert split_header("QuAC (F1)") == ("QuAC", FigureSetting(notes=("f1",)))
    assert split_header("BFCL-V4 (Tool Use)") == ("BFCL-V4", FigureSetting())
    assert split_header("MBPP pass@1") == ("MBPP", FigureSetting(setting_parse("pass@1")))


def test_split_header_takes_every_setting_word_out_of_the_name():
    assert split_header("GSM8K 8-shot CoT") == (
        "GSM8K",
        FigureSetting(setting_parse("8-shot, CoT")),
    )
    assert split_header("MATH avg@4") == ("MATH", FigureSetting(setting_parse("avg@4")))
    assert split_header("DROP (3-shot) [F1]")[1].text == "3-shot, f1"


def test_column_roles_classify_headers():
    assert column_role("Model") == "model"
    assert column_role("Benchmark") == "benchmark"
    assert column_role("# Shots") == "shots"
    assert column_role("Active Params") == "active"
    assert column_role("License") == "license"
    assert column_role("Context Length") == "context"
    assert column_role("Training tokens") == "ignore"
    assert column_role("MMLU") == "value"
