"""Table cells that look like scores but attach to no single model and benchmark are kept as
unattributed figures, quoting their row, with the reason; cells that are not scores are not."""

from claims.extract import document_extract
from claims.extract.types import UnattributedFigure
from claims.parse import document_parse


def _figures(content: str, content_type: str = "text/markdown") -> list[UnattributedFigure]:
    doc = document_parse(content=content, content_type=content_type)
    figures = document_extract(doc).unattributed
    for figure in figures:
        assert doc.text[figure.start : figure.end] == figure.quote
    return figures


def _read(figures: list[UnattributedFigure]) -> list[tuple[str, str, str, str]]:
    return [(f.value_text, f.reason, f.model, f.benchmark) for f in figures]


def test_a_benchmark_table_naming_no_model_keeps_its_figures_as_no_model():
    figures = _figures(
        "| Benchmark | Score |\n|---|---|\n| GlyphQA | 61.2 |\n| RuneBench | 40.1 |\n"
    )

    assert _read(figures) == [
        ("61.2", "no model", "", "GlyphQA"),
        ("40.1", "no model", "", "RuneBench"),
    ]


def test_a_figure_keeps_its_row_as_written_for_a_quote():
    figures = _figures("| Benchmark | Score |\n|---|---|\n| GlyphQA | **61.2** |\n")

    assert figures[0].quote == "| GlyphQA | **61.2** |"


def test_a_row_naming_no_model_keeps_its_figure_while_model_rows_are_claims():
    content = "| Model | GlyphQA |\n|---|---|\n| Vela-7B | 61.2 |\n| Human expert | 89.0 |\n"
    doc = document_parse(content=content, content_type="text/markdown")
    extraction = document_extract(doc)

    assert [(c.model, c.value) for c in extraction.claims] == [("Vela-7B", 61.2)]
    assert _read(extraction.unattributed) == [("89.0", "no model", "", "GlyphQA")]


def test_a_column_naming_no_benchmark_keeps_its_figures_as_no_benchmark():
    figures = _figures("| Model | Score |\n|---|---|\n| Vela-7B | 61.2 |\n| Norn-12B | 55.0 |\n")

    assert _read(figures) == [
        ("61.2", "no benchmark", "Vela-7B", ""),
        ("55.0", "no benchmark", "Norn-12B", ""),
    ]


def test_a_row_naming_no_benchmark_under_model_columns_keeps_its_figures():
    figures = _figures("| Benchmark | Vela-7B | Norn-12B |\n|---|---|---|\n| 2 | 61.2 | 55.0 |\n")

    assert _read(figures) == [
        ("61.2", "no benchmark", "Vela-7B", ""),
        ("55.0", "no benchmark", "Norn-12B", ""),
    ]


def test_a_head_to_head_figure_between_two_models_is_ambiguous():
    figures = _figures("| Model | Norn-12B |\n|---|---|\n| Vela-7B | 61.2 |\n")

    assert _read(figures) == [("61.2", "ambiguous", "Vela-7B", "")]


def test_an_html_table_naming_no_model_keeps_its_figures():
    figures = _figures(
        "<html><body><table><tr><th>Benchmark</th><th>Result</th></tr>"
        "<tr><td>GlyphQA</td><td>61.2</td></tr></table></body></html>",
        "text/html",
    )

    assert _read(figures) == [("61.2", "no model", "", "GlyphQA")]


def test_a_text_table_naming_no_model_keeps_its_figures():
    figures = _figures("Benchmark\tScore\nGlyphQA\t61.2\nRuneBench\t40.1\n", "text/plain")

    assert [f.value_text for f in figures] == ["61.2", "40.1"]


def test_sizes_prices_dates_counts_and_speeds_in_a_table_are_not_figures():
    figures = _figures(
        "| Model | Parameters | Price | Release date | Downloads | Tokens/s |\n"
        "|---|---|---|---|---|---|\n"
        "| Vela-7B | 7B | $0.20 | 2024-05-01 | 1204 | 85 |\n"
    )

    assert figures == []


def test_attribute_rows_under_model_columns_are_not_figures():
    figures = _figures(
        "| Benchmark | Vela-7B | Norn-12B |\n|---|---|---|\n"
        "| Layers | 32 | 48 |\n| Context length | 8192 | 32768 |\n| GlyphQA | 61.2 | 55.0 |\n"
    )

    assert figures == []


def test_a_figure_that_became_a_claim_is_not_also_unattributed():
    figures = _figures("| Model | GlyphQA |\n|---|---|\n| Vela-7B | 61.2 |\n")

    assert figures == []


def test_a_text_table_row_figure_no_column_claims_is_kept_as_no_benchmark():
    figures = _figures("Model GlyphQA RuneBench\nVela-7B-Instruct 61.2\n", "text/plain")

    assert _read(figures) == [("61.2", "no benchmark", "Vela-7B-Instruct", "")]
