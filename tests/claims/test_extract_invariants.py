"""Properties extraction keeps whatever the document around a claim says."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claims.extract import document_extract
from claims.parse import document_parse

MODELS = ["Vela-7B-Instruct", "Norn-12B", "Tarn-3B", "Orrin-70B-Chat"]
BENCHMARKS = ["GlyphQA", "RuneBench", "MMLU", "GSM8K"]

BASE = (
    "Vela-7B-Instruct reaches 61.2% on GlyphQA.\n\n"
    "Norn-12B scores 55.0 on RuneBench.\n\n"
    "| Model | MMLU | GSM8K |\n|---|---|---|\n| Tarn-3B | 48.1 | 63.5 |\n"
)

# Figures that are not scores, in the sentences that usually carry them.
model = st.sampled_from(MODELS)
not_scores = st.one_of(
    st.builds(lambda m, v: f"{m} v{v} is out.", model, st.sampled_from(["2", "2.1", "3.0"])),
    st.builds(
        lambda m, d, y: f"{m} was released on March {d}, {y}.",
        model,
        st.integers(1, 28),
        st.integers(2020, 2030),
    ),
    st.builds(lambda m, n: f"{m} has {n}B parameters.", model, st.integers(1, 400)),
    st.builds(
        lambda m, p: f"{m} costs ${p} per million tokens.",
        model,
        st.sampled_from(["0.5", "2", "15"]),
    ),
    st.builds(
        lambda m, n: f"{m} has a context window of {n}K tokens.",
        model,
        st.sampled_from(["8", "32", "128"]),
    ),
    st.builds(lambda m, n: f"{m} was trained on {n} trillion tokens.", model, st.integers(1, 30)),
)


def _scores(content: str) -> set[tuple[str, str, float | None]]:
    doc = document_parse(content=content, content_type="text/markdown")
    return {
        (c.model, c.benchmark, c.value) for c in document_extract(doc).claims if c.kind == "score"
    }


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.lists(not_scores, min_size=1, max_size=4), st.integers(0, 2))
def test_inserting_versions_dates_sizes_and_prices_creates_no_score(sentences, where):
    paragraphs = BASE.split("\n\n")
    paragraphs.insert(where, " ".join(sentences))

    assert _scores("\n\n".join(paragraphs)) == _scores(BASE)
    assert len(_scores(BASE)) == 4


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    st.permutations(MODELS),
    st.lists(st.floats(10, 99).map(lambda x: round(x, 1)), min_size=8, max_size=8),
)
def test_shuffling_table_rows_does_not_change_which_model_a_figure_goes_to(order, values):
    cells = {m: values[2 * i : 2 * i + 2] for i, m in enumerate(MODELS)}

    def table(models: list[str]) -> str:
        rows = [f"| {m} | {cells[m][0]} | {cells[m][1]} |" for m in models]
        return "| Model | GlyphQA | RuneBench |\n|---|---|---|\n" + "\n".join(rows) + "\n"

    assert _scores(table(list(order))) == _scores(table(MODELS))
    assert len(_scores(table(MODELS))) == 8
