"""Any input, however broken, parses and extracts without error, in bounded time, and every
claim quotes the document text exactly at its offsets."""

import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract import claims_extract
from claims.extract.files import decode
from claims.parse import ParsedDocument, document_parse

MODELS = ["Qwen 3.5-122B-A10B", "GPT-5 mini", "Llama 2 70B", "Mixtral 8x7B", "the 35B model", "It"]
BENCHMARKS = ["MMLU", "BFCL-V4 (Tool Use)", "GSM8K (8-shot)", "HumanEval pass@1", "HellaSwag-10"]
VERBS = ["scores", "beats", "outperforms", "trails", "is on par with", "has", "is released under"]
TAILS = ["", "by 30%", "+5 points over", "(5-shot)", "experts", "total parameters", "Apache 2.0"]

numbers = st.one_of(
    st.floats(min_value=0, max_value=100, allow_nan=False).map(lambda x: f"{x:.1f}"),
    st.sampled_from(
        ["-", "N/A", "**74.9**", "61.6†", "85.2 (5-shot)", "40.2%", "1589/343", "1,000", ""]
    ),
)
names = st.sampled_from(MODELS + BENCHMARKS)
noise = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
words = st.one_of(names, numbers, st.sampled_from(VERBS + TAILS), noise)
sentences = st.lists(words, min_size=1, max_size=12).map(" ".join)


@st.composite
def grids(draw) -> list[list[str]]:
    width = draw(st.integers(1, 5))
    head = [
        draw(
            st.sampled_from(["Model", "Benchmark", "", "# Shots", "License", *MODELS, *BENCHMARKS])
        )
        for _ in range(width)
    ]
    rows = draw(
        st.lists(
            st.lists(st.one_of(names, numbers, noise), min_size=0, max_size=width + 1), max_size=5
        )
    )
    return [head, *rows]


def _markdown_table(grid: list[list[str]]) -> str:
    lines = ["| " + " | ".join(grid[0]) + " |", "|" + "---|" * max(1, len(grid[0]))]
    lines += ["| " + " | ".join(row) + " |" for row in grid[1:]]
    return "\n".join(lines)


def _html_table(grid: list[list[str]], spans: list[int]) -> str:
    out = ["<table>"]
    for r, row in enumerate(grid):
        tag = "th" if r == 0 else "td"
        cells = "".join(
            f"<{tag} colspan={spans[(r + k) % len(spans)]}>{c}</{tag}>" if spans else f"<{tag}>{c}"
            for k, c in enumerate(row)
        )
        out.append(f"<tr>{cells}</tr>" if r % 2 else f"<tr>{cells}")
    out.append("</table>")
    return "".join(out)


markdown_blocks = st.one_of(
    sentences,
    sentences.map(lambda s: f"# {s}"),
    sentences.map(lambda s: f"- {s}"),
    grids().map(_markdown_table),
    st.just(
        "---\nmodel-index:\n- name: Tiny-1B\n  results:\n  - dataset:\n      name: MMLU\n"
        "    metrics:\n    - value: 41.5\n---"
    ),
)
html_blocks = st.one_of(
    sentences.map(lambda s: f"<p>{s}</p>"),
    sentences.map(lambda s: f"<h2>{s}"),
    sentences.map(lambda s: f"<ul><li>{s}</li></ul>"),
    st.builds(_html_table, grids(), st.lists(st.integers(1, 3), max_size=3)),
    st.sampled_from(
        ["<div>", "</div>", "<b>", "</td>", "<tr>", "<script>1.5</script>", "&amp;", "<!--"]
    ),
)


def _mutate(text: str, cut: int, insert: str) -> str:
    at = cut % (len(text) + 1)
    return text[:at] + insert + text[at:]


def assert_claims_quote_their_text(doc: ParsedDocument) -> None:
    for claim in claims_extract(doc):
        assert 0 <= claim.start <= claim.end <= len(doc.text)
        assert doc.text[claim.start : claim.end] == claim.quote
        assert claim.kind in {"score", "comparison", "relative", "attribute"}


PROPERTY = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(
    st.lists(markdown_blocks, max_size=8),
    st.integers(0, 10_000),
    st.sampled_from(["", "|", "**", "\n", "<table>", "---\n"]),
)
def test_markdown_documents_never_raise_and_quotes_match(blocks, cut, insert):
    text = _mutate("\n\n".join(blocks), cut, insert)

    assert_claims_quote_their_text(document_parse(content=text, content_type="text/markdown"))


@PROPERTY
@given(
    st.lists(html_blocks, max_size=10),
    st.integers(0, 10_000),
    st.sampled_from(["", "<", "</table>", "<td rowspan=9>", "\x00"]),
)
def test_html_documents_never_raise_and_quotes_match(blocks, cut, insert):
    text = _mutate("<html><body>" + "".join(blocks), cut, insert)

    assert_claims_quote_their_text(document_parse(content=text, content_type="text/html"))


@PROPERTY
@given(st.lists(sentences, max_size=8))
def test_plain_text_documents_never_raise_and_quotes_match(lines):
    text = "\n".join(lines)

    assert_claims_quote_their_text(document_parse(content=text, content_type="text/plain"))


@PROPERTY
@given(st.binary(max_size=2000), st.sampled_from(["text/html", "text/markdown", "text/plain", ""]))
def test_arbitrary_bytes_never_raise(data, content_type):
    assert_claims_quote_their_text(document_parse(content=decode(data), content_type=content_type))


# --------------------------------------------------------------------------- bad input, bounded


def test_ten_thousand_tables_extract_in_bounded_time_and_report_truncation():
    table = (
        "<table><tr><th>Model</th><th>MMLU</th></tr><tr><td>Gemma 7B</td><td>64.3</td></tr></table>"
    )
    started = time.perf_counter()
    doc = document_parse(
        content=f"<html><body>{table * 10_000}</body></html>", content_type="text/html"
    )
    claims = claims_extract(doc)
    elapsed = time.perf_counter() - started

    assert doc.truncated
    assert 0 < len([c for c in claims if c.kind == "score"]) <= 300
    assert elapsed < 30


def test_huge_table_is_read_only_up_to_the_cell_cap():
    row = "| Gemma 7B | " + " | ".join(["64.3"] * 99) + " |\n"
    head = (
        "| Model | " + " | ".join(f"Bench {i}" for i in range(99)) + " |\n|" + "---|" * 100 + "\n"
    )
    doc = document_parse(content=head + row * 2_500, content_type="text/markdown")
    started = time.perf_counter()
    claims = claims_extract(doc)

    assert doc.truncated
    assert 0 < len(claims) <= 20_000
    assert time.perf_counter() - started < 30


def test_binary_garbage_gives_no_claims():
    garbage = bytes((i * 37 + 11) % 256 for i in range(50_000))
    for content_type in ("text/html", "text/markdown", "text/plain"):
        doc = document_parse(content=decode(garbage), content_type=content_type)
        assert claims_extract(doc) == []


def test_deeply_nested_html_still_gives_its_claim():
    html = "<div><span>" * 3000 + "<p>Gemma 7B scores 64.3 on MMLU.</p>" + "</span></div>" * 3000
    doc = document_parse(content=html, content_type="text/html")

    assert [(c.model, c.value) for c in claims_extract(doc)] == [("Gemma 7B", 64.3)]


def test_empty_document_gives_no_claims():
    for content_type in ("text/html", "text/markdown", "text/plain"):
        assert claims_extract(document_parse(content="", content_type=content_type)) == []


def test_whitespace_only_document_gives_no_claims():
    assert claims_extract(document_parse(content=" \n\t\r\n ", content_type="text/html")) == []
