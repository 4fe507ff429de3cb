"""Parsing: HTML, markdown and plain text become blocks whose spans index the document text."""

import time

from claims.extract.files import decode
from claims.parse import ParsedDocument, document_parse
from claims.parse.html import MAX_TABLES
from claims.parse.tables import MAX_ROWS
from claims.parse.types import Block


def _html(body: str) -> ParsedDocument:
    return document_parse(content=f"<html><body>{body}</body></html>", content_type="text/html")


def _markdown(text: str) -> ParsedDocument:
    return document_parse(content=text, content_type="text/markdown")


def _kinds(doc: ParsedDocument) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in doc.blocks]


def _table(doc: ParsedDocument) -> Block:
    return next(b for b in doc.blocks if b.kind == "table")


def _grid(doc: ParsedDocument) -> list[list[str]]:
    table = _table(doc).table
    assert table is not None
    return [[c.text for c in row.cells] for row in table.rows]


def assert_spans_index_text(doc: ParsedDocument) -> None:
    """Every block, row and cell span lies in the text, and visible characters map back."""
    n = len(doc.text)
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= n
        assert len(block.offsets) == len(block.text)
        for ch, at in zip(block.text, block.offsets, strict=True):
            assert block.start <= at < block.end
            if ch.isascii() and ch.isalnum():
                assert doc.text[at] == ch
        if block.table is not None:
            for row in block.table.rows:
                assert block.start <= row.start <= row.end <= block.end
                for cell in row.cells:
                    assert row.start <= cell.start <= cell.end <= row.end or cell.spanned


# --------------------------------------------------------------------------- HTML


def test_html_headings_paragraphs_and_list_items_become_blocks():
    doc = _html("<h2>Results</h2><p>Mistral 7B scores 60.1.</p><ul><li>one</li><li>two</li></ul>")

    assert _kinds(doc) == [
        ("heading", "Results"),
        ("paragraph", "Mistral 7B scores 60.1."),
        ("list_item", "one"),
        ("list_item", "two"),
    ]
    assert doc.blocks[0].level == 2


def test_html_text_is_the_visible_text_and_each_block_is_its_own_slice():
    doc = _html("<p>Mistral <b>7B</b> <i>scores</i>\n   60.1 on<br>MMLU &amp; more.</p>")

    block = doc.blocks[0]
    assert block.text == "Mistral 7B scores 60.1 on MMLU & more."
    assert doc.text[block.start : block.end] == block.text
    assert_spans_index_text(doc)


def test_html_scripts_styles_and_comments_are_not_text():
    doc = _html("<script>var x = 99.9;</script><style>p{}</style><!-- 12.5 --><p>Visible</p>")

    assert doc.text == "Visible"


def test_html_title_comes_from_the_title_element():
    doc = document_parse(
        content="<html><head><title>Qwen 3.5  release</title></head><body><p>x</p></body></html>",
        content_type="text/html",
    )

    assert doc.title == "Qwen 3.5 release"


def test_html_table_cells_are_laid_out_as_rows_with_exact_spans():
    doc = _html("<table><tr><th>Model</th><th>MMLU</th></tr><tr><td>A-7B</td><td>60.1</td></tr>")

    table = _table(doc).table
    assert table is not None
    assert doc.text == "Model | MMLU\nA-7B | 60.1"
    for row in table.rows:
        for cell in row.cells:
            assert doc.text[cell.start : cell.end] == cell.text
    assert doc.text[table.rows[1].start : table.rows[1].end] == "A-7B | 60.1"


def test_html_rowspan_and_colspan_repeat_the_cell_in_every_slot_it_covers():
    doc = _html(
        "<table><tr><th rowspan=2>Benchmark</th><th colspan=2>Falcon</th></tr>"
        "<tr><th>40B</th><th>7B</th></tr>"
        "<tr><td>MMLU</td><td>55.4</td><td>27.8</td></tr></table>"
    )

    table = _table(doc).table
    assert table is not None
    assert _grid(doc) == [
        ["Benchmark", "Falcon", "Falcon"],
        ["Benchmark", "40B", "7B"],
        ["MMLU", "55.4", "27.8"],
    ]
    assert table.header_rows == 2
    assert [c.spanned for c in table.rows[0].cells] == [False, False, True]
    assert table.rows[1].cells[0].spanned


def test_html_first_row_spanning_columns_makes_a_two_row_header_without_th():
    doc = _html(
        "<table><tr><td></td><td colspan=2>Qwen3</td></tr>"
        "<tr><td>Benchmark</td><td>Base</td><td>Instruct</td></tr>"
        "<tr><td>MMLU</td><td>70.1</td><td>75.3</td></tr></table>"
    )

    table = _table(doc).table
    assert table is not None
    assert table.header_rows == 2


def test_html_absurd_spans_are_capped():
    doc = _html("<table><tr><td colspan=99999>a</td></tr><tr><td rowspan=99999>b</td></tr></table>")

    table = _table(doc).table
    assert table is not None
    assert table.width <= 50
    assert len(table.rows) == 2


def test_html_nested_table_is_not_read_as_rows_of_the_outer_table():
    doc = _html(
        "<table><tr><td>outer</td><td><table><tr><td>inner</td></tr></table></td></tr></table>"
    )

    assert _grid(doc)[0][0] == "outer"
    assert len(_table(doc).table.rows) == 1  # type: ignore[union-attr]


def test_malformed_html_with_unclosed_tags_still_gives_blocks():
    doc = _html("<p>Llama 3 70B <b>scores 82.0<p>Second <div>third<table><tr><td>x<td>1")

    assert [t for _, t in _kinds(doc) if t][:2] == ["Llama 3 70B scores 82.0", "Second"]
    assert _grid(doc) == [["x", "1"]]
    assert_spans_index_text(doc)


def test_truncated_html_document_parses_what_is_there():
    full = "<html><body><h1>Release</h1><p>Gemma 7B scores 64.3 on MMLU.</p><p>More text"
    doc = document_parse(content=full[:-4], content_type="text/html")

    assert ("paragraph", "Gemma 7B scores 64.3 on MMLU.") in _kinds(doc)
    assert_spans_index_text(doc)


def test_html_is_sniffed_when_the_content_type_says_nothing():
    doc = document_parse(
        content="<!DOCTYPE html><html><body><p>Hi</p></body></html>", content_type=""
    )

    assert doc.text == "Hi"


# --------------------------------------------------------------------------- markdown


def test_markdown_text_is_the_file_itself():
    source = "# Title\n\nPara **bold** [link](https://example.org) text\n"
    doc = _markdown(source)

    assert doc.text == source


def test_markdown_blocks_keep_their_positions_in_the_file():
    source = (
        "Title\n=====\n\nPara **bold** [link](http://x)\nline two\n\n- item *one*\n- item two\n"
    )
    doc = _markdown(source)

    assert _kinds(doc) == [
        ("heading", "Title"),
        ("paragraph", "Para bold link line two"),
        ("list_item", "item one"),
        ("list_item", "item two"),
    ]
    para = doc.blocks[1]
    start, end = para.span_of(5, 9)
    assert source[start:end] == "bold"
    assert_spans_index_text(doc)


def test_markdown_atx_heading_has_its_level():
    doc = _markdown("### Evaluation\n")

    assert (doc.blocks[0].kind, doc.blocks[0].level, doc.blocks[0].text) == (
        "heading",
        3,
        "Evaluation",
    )


def test_markdown_pipe_table_becomes_a_grid_of_clean_cells():
    source = "| Model | MMLU |\n|:---|---:|\n| **Mistral 7B** | 60.1 |\n| Llama 2 13B | 55.6 |\n"
    doc = _markdown(source)

    table = _table(doc).table
    assert table is not None
    assert _grid(doc) == [["Model", "MMLU"], ["Mistral 7B", "60.1"], ["Llama 2 13B", "55.6"]]
    assert table.header_rows == 1
    assert table.rows[1].cells[0].bold
    assert source[table.rows[2].start : table.rows[2].end] == "| Llama 2 13B | 55.6 |"
    assert source[table.rows[1].cells[1].start : table.rows[1].cells[1].end].strip() == "60.1"


def test_markdown_pipe_table_without_outer_pipes():
    doc = _markdown("Model | MMLU\n--- | ---\nGemma 7B | 64.3\n")

    assert _grid(doc) == [["Model", "MMLU"], ["Gemma 7B", "64.3"]]


def test_markdown_html_table_keeps_spans_in_the_file():
    source = (
        "Intro\n\n<table>\n<tr><th>Model</th><th>GSM8K</th></tr>\n"
        "<tr><td>Phi-2</td><td>57.2</td></tr>\n</table>\n"
    )
    doc = _markdown(source)

    table = _table(doc).table
    assert table is not None
    assert _grid(doc) == [["Model", "GSM8K"], ["Phi-2", "57.2"]]
    cell = table.rows[1].cells[1]
    assert source[cell.start : cell.end] == "57.2"


def test_markdown_code_fence_is_not_parsed_as_a_table():
    doc = _markdown("```\n| a | b |\n|---|---|\n| 1 | 2 |\n```\n")

    assert [b.kind for b in doc.blocks] == ["code"]


def test_markdown_front_matter_is_read_and_not_body_text():
    doc = _markdown("---\ntitle: Mixtral of experts\nlicense: apache-2.0\n---\n\nBody text.\n")

    assert doc.front_matter == {"title": "Mixtral of experts", "license": "apache-2.0"}
    assert doc.title == "Mixtral of experts"
    assert doc.front_matter_span == (4, 49)
    assert doc.text[4:49] == "title: Mixtral of experts\nlicense: apache-2.0"
    assert _kinds(doc) == [("heading", "Mixtral of experts"), ("paragraph", "Body text.")]


def test_markdown_with_broken_front_matter_keeps_its_body():
    doc = _markdown("---\nkey: [unclosed\n---\nBody text.\n")

    assert doc.front_matter is None
    assert ("paragraph", "Body text.") in _kinds(doc)


# --------------------------------------------------------------------------- plain text


def test_plain_text_makes_each_line_a_paragraph_and_reads_no_markup():
    doc = document_parse(content="line one\nline two\n\n# not a heading", content_type="text/plain")

    assert _kinds(doc) == [
        ("paragraph", "line one"),
        ("paragraph", "line two"),
        ("paragraph", "# not a heading"),
    ]


def test_empty_documents_have_no_blocks():
    for content_type in ("text/html", "text/markdown", "text/plain"):
        doc = document_parse(content="", content_type=content_type)
        assert doc.blocks == []
        assert not doc.truncated


# --------------------------------------------------------------------------- bytes


def test_decode_reads_utf8_and_drops_a_byte_order_mark():
    assert decode("\ufeffQwen 3.5 – 72.2".encode()) == "Qwen 3.5 – 72.2"


def test_decode_falls_back_to_latin1_for_bytes_that_are_not_utf8():
    assert decode("Modèle ½".encode("latin-1")) == "Modèle ½"


def test_decode_never_fails_on_binary_garbage():
    garbage = bytes(range(256)) * 4

    assert len(decode(garbage)) == len(garbage)


# --------------------------------------------------------------------------- caps


def test_page_with_ten_thousand_tables_is_truncated_in_bounded_time():
    table = (
        "<table><tr><th>Model</th><th>MMLU</th></tr><tr><td>Gemma 7B</td><td>64.3</td></tr></table>"
    )
    started = time.perf_counter()
    doc = _html(table * 10_000)
    elapsed = time.perf_counter() - started

    assert doc.truncated
    assert sum(1 for b in doc.blocks if b.kind == "table") == MAX_TABLES
    assert elapsed < 30


def test_markdown_with_too_many_tables_says_it_was_truncated():
    table = "| Model | MMLU |\n|---|---|\n| Gemma 7B | 64.3 |\n\n"
    doc = _markdown(table * (MAX_TABLES + 5))

    assert doc.truncated
    assert sum(1 for b in doc.blocks if b.kind == "table") == MAX_TABLES


def test_small_document_is_not_truncated():
    assert not _markdown("| a | b |\n|---|---|\n| 1 | 2 |\n").truncated


def test_deeply_nested_html_parses():
    doc = _html("<div>" * 5000 + "<p>Gemma 7B scores 64.3.</p>" + "</div>" * 5000)

    assert ("paragraph", "Gemma 7B scores 64.3.") in _kinds(doc)


def test_markdown_table_rows_over_the_cap_are_skipped_not_read_as_prose():
    rows = "| Gemma 7B | 64.3 |\n" * (MAX_ROWS + 10)
    doc = _markdown("| Model | MMLU |\n|---|---|\n" + rows)

    assert doc.truncated
    assert [b.kind for b in doc.blocks] == ["table"]
    assert len(_table(doc).table.rows) == MAX_ROWS  # type: ignore[union-attr]


def test_markdown_html_tables_over_the_cap_are_skipped_not_read_as_prose():
    table = (
        "<table><tr><td>Model</td><td>MMLU</td></tr>"
        "<tr><td>Gemma 7B</td><td>64.3</td></tr></table>\n\n"
    )
    doc = _markdown(table * (MAX_TABLES + 3))

    assert doc.truncated
    assert {b.kind for b in doc.blocks} == {"table"}


def test_exactly_the_maximum_number_of_tables_is_not_truncated():
    doc = _markdown("| a | b |\n|---|---|\n| 1 | 2 |\n\n" * MAX_TABLES)

    assert not doc.truncated


# --------------------------------------------------------------------------- tables as text


def _table_cells(doc) -> list[list[str]]:
    tables = [b.table for b in doc.blocks if b.kind == "table"]
    assert len(tables) == 1
    return [[c.text for c in row.cells] for row in tables[0].rows]


def test_plain_text_reads_a_pipe_table_without_outer_pipes():
    doc = document_parse(
        content="Results.\nBenchmark | Vela-7B | Norn-12B\n---|---|---\nGlyphQA | 61.2 | 55.0\n",
        content_type="text/plain",
    )

    assert _table_cells(doc) == [["Benchmark", "Vela-7B", "Norn-12B"], ["GlyphQA", "61.2", "55.0"]]


def test_pipe_rows_without_a_separator_line_are_a_table():
    doc = document_parse(
        content=(
            "Benchmark | Vela-7B | Norn-12B |\nGlyphQA | 61.2 | 55.0 |\nRuneBench | 40.1 | 38.7 |\n"
        ),
        content_type="text/plain",
    )

    assert _table_cells(doc)[2] == ["RuneBench", "40.1", "38.7"]


def test_tab_separated_columns_are_a_table():
    doc = document_parse(
        content="Model\tGlyphQA\tRuneBench\nVela-7B\t61.2\t40.1\nNorn-12B\t55.0\t38.7\n",
        content_type="text/markdown",
    )

    assert _table_cells(doc)[1] == ["Vela-7B", "61.2", "40.1"]


def test_plain_text_columns_aligned_with_spaces_are_a_table():
    doc = document_parse(
        content=(
            "Model      GlyphQA   RuneBench\nVela-7B    61.2      40.1\nNorn-12B   55.0      38.7\n"
        ),
        content_type="text/plain",
    )

    assert _table_cells(doc)[2] == ["Norn-12B", "55.0", "38.7"]


def test_prose_lines_with_double_spaces_are_not_a_table():
    doc = document_parse(
        content="Vela-7B is out.  It is small.  It is fast.\nNorn-12B follows.  Later.  Soon.\n",
        content_type="text/plain",
    )

    assert all(b.kind == "paragraph" for b in doc.blocks)


# --------------------------------------------------------------------------- markdown structure


def test_markdown_blockquote_lines_are_one_paragraph_without_their_marks():
    source = "> Vela-7B scores\n> 61.2 on GlyphQA.\n"
    doc = _markdown(source)

    assert _kinds(doc) == [("paragraph", "Vela-7B scores 61.2 on GlyphQA.")]
    start, end = doc.blocks[0].span_of(15, 19)
    assert source[start:end] == "61.2"
    assert_spans_index_text(doc)


def test_markdown_nested_list_items_are_each_a_block():
    doc = _markdown("- Vela-7B\n  - GlyphQA: 61.2\n  - RuneBench: 40.1\n")

    assert _kinds(doc) == [
        ("list_item", "Vela-7B"),
        ("list_item", "GlyphQA: 61.2"),
        ("list_item", "RuneBench: 40.1"),
    ]
    assert_spans_index_text(doc)


def test_markdown_list_item_quote_starts_at_its_marker():
    source = "Intro.\n\n- GlyphQA: 61.2\n"
    doc = _markdown(source)

    item = doc.blocks[1]
    assert source[item.start : item.end] == "- GlyphQA: 61.2"


def test_markdown_html_table_with_blank_lines_inside_is_one_table():
    source = (
        "<table>\n<tr><th>Model</th><th>GlyphQA</th></tr>\n\n"
        "<tr><td>Vela-7B</td><td>61.2</td></tr>\n</table>\n\nAfter.\n"
    )
    doc = _markdown(source)

    assert [b.kind for b in doc.blocks] == ["table", "paragraph"]
    assert _grid(doc) == [["Model", "GlyphQA"], ["Vela-7B", "61.2"]]


def test_markdown_indented_code_is_code_not_text():
    doc = _markdown("Intro.\n\n    | a | b |\n    |---|---|\n    | 1 | 2 |\n")

    assert [b.kind for b in doc.blocks] == ["paragraph", "code"]


def test_markdown_lone_carriage_returns_end_lines():
    source = "# Results\rVela-7B scores 61.2.\r"
    doc = _markdown(source)

    assert _kinds(doc) == [("heading", "Results"), ("paragraph", "Vela-7B scores 61.2.")]
    assert_spans_index_text(doc)
