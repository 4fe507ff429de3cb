"""`manage.py extract`: the seed articles' claims, printed as JSON lines."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from claims.resolve import catalogue_from_files, catalogue_load

SEEDS = Path(__file__).resolve().parents[2] / ".." / "shared" / "seeds"
KEYS = [
    "path",
    "kind",
    "model",
    "model_id",
    "benchmark",
    "benchmark_id",
    "value",
    "value_text",
    "unit",
    "setting",
    "relation",
    "other_model",
    "attribute",
    "quote",
    "start",
    "end",
]


def _seed_paths() -> list[str]:
    paths = sorted(str(p) for p in SEEDS.glob("*.txt"))
    assert paths, f"no seed articles in {SEEDS}"
    return paths


def _run(*args: str) -> list[dict]:
    out = StringIO()
    call_command("extract", *args, stdout=out)
    return [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]


@pytest.fixture
def seed_records(catalogue) -> list[dict]:
    return _run(*_seed_paths(), "--format", "jsonl")


def test_every_record_has_exactly_the_documented_keys(seed_records):
    assert seed_records
    assert all(list(r) == KEYS for r in seed_records)


def test_every_quote_is_the_text_at_its_offsets(seed_records):
    texts = {p: Path(p).read_bytes().decode("utf-8-sig") for p in _seed_paths()}

    for r in seed_records:
        assert texts[r["path"]][r["start"] : r["end"]] == r["quote"]


def test_bfcl_v4_figures_of_both_models_are_found_and_resolved(seed_records):
    scores = {
        (r["model_id"], r["benchmark_id"], r["value"]) for r in seed_records if r["kind"] == "score"
    }

    assert ("qwen3-5-122b-a10b", "bfcl-v4", 72.2) in scores
    assert ("bfcl-v4", 55.5) in {s[1:] for s in scores}


def test_gpt5_mini_figure_is_attributed_to_gpt5_mini(seed_records):
    models = {r["model"] for r in seed_records if r["kind"] == "score" and r["value"] == 55.5}

    assert models == {"GPT-5 mini"}


def test_mmlu_comparison_with_sonnet_45_is_found(seed_records):
    found = [
        r
        for r in seed_records
        if r["kind"] == "comparison"
        and r["benchmark_id"] == "mmlu"
        and r["relation"] == ">"
        and "Sonnet 4.5" in r["other_model"]
    ]

    assert found
    assert {r["model_id"] for r in found} == {"qwen3-5-35b-a3b"}


def test_thirty_percent_relative_claim_is_found(seed_records):
    found = [
        r
        for r in seed_records
        if r["kind"] == "relative" and r["value"] == 30 and r["unit"] == "percent"
    ]

    assert found
    assert {(r["model_id"], r["other_model"]) for r in found} == {
        ("qwen3-5-122b-a10b", "GPT-5 mini")
    }


def test_expert_count_is_found(seed_records):
    experts = [r for r in seed_records if r["attribute"] == "num_experts"]

    assert [(r["model_id"], r["value"]) for r in experts] == [("qwen3-5-122b-a10b", "32")]


def test_licence_is_found(seed_records):
    licences = {r["value"] for r in seed_records if r["attribute"] == "license"}

    assert licences == {"Apache 2.0"}


def test_no_resolve_needs_no_database_and_leaves_ids_empty():
    records = _run(*_seed_paths(), "--format", "jsonl", "--no-resolve")

    assert records
    assert {r["model_id"] for r in records} == {None}
    assert {r["benchmark_id"] for r in records} == {None}


def test_text_format_prints_one_line_per_claim():
    out = StringIO()
    path = _seed_paths()[0]
    call_command("extract", path, "--no-resolve", stdout=out)
    lines = out.getvalue().splitlines()

    assert len(lines) == len(_run(path, "--format", "jsonl", "--no-resolve"))
    assert all(line.startswith(f"{path}:") for line in lines)


def test_missing_file_is_a_command_error(tmp_path):
    with pytest.raises(CommandError, match="Not a file"):
        call_command("extract", str(tmp_path / "nope.html"), "--no-resolve")


def test_binary_garbage_file_prints_nothing_and_does_not_fail(tmp_path):
    garbage = tmp_path / "garbage.html"
    garbage.write_bytes(bytes(range(256)) * 64)

    assert _run(str(garbage), "--format", "jsonl", "--no-resolve") == []


def test_model_card_file_gives_its_model_index_scores(tmp_path):
    card = tmp_path / "README.md"
    card.write_text(
        "---\nmodel-index:\n- name: Tiny-1B\n  results:\n  - dataset:\n      name: GSM8K\n"
        "    metrics:\n    - type: acc\n      value: 12.5\n---\n\n# Tiny\n",
        encoding="utf-8",
    )

    records = _run(str(card), "--format", "jsonl", "--no-resolve")

    assert [(r["model"], r["benchmark"], r["value"], r["quote"]) for r in records] == [
        ("Tiny-1B", "GSM8K", 12.5, "value: 12.5")
    ]


def test_both_rows_of_the_flattened_bfcl_table_are_read(seed_records):
    rows = {
        (r["model"], r["value"])
        for r in seed_records
        if r["kind"] == "score" and r["quote"] in ("Qwen 3.5-122B-A10B 72.2", "GPT-5 mini 55.5")
    }

    assert rows == {("Qwen 3.5-122B-A10B", 72.2), ("GPT-5 mini", 55.5)}


def test_without_a_catalogue_in_the_database_names_resolve_against_the_catalogue_files(db):
    errors = StringIO()
    out = StringIO()
    call_command("extract", *_seed_paths(), "--format", "jsonl", stdout=out, stderr=errors)
    records = [json.loads(line) for line in out.getvalue().splitlines() if line.strip()]

    assert ("qwen3-5-122b-a10b", "bfcl-v4", 72.2) in {
        (r["model_id"], r["benchmark_id"], r["value"]) for r in records
    }
    assert "no catalogue" in errors.getvalue()


def test_the_catalogue_files_resolve_as_the_loaded_catalogue_does(db):
    call_command("loadcatalog", stdout=StringIO())

    loaded, shipped = catalogue_load(), catalogue_from_files()

    assert (shipped.models, shipped.benchmarks) == (loaded.models, loaded.benchmarks)


def test_the_text_format_prints_a_figure_as_the_source_printed_it(tmp_path):
    document = tmp_path / "note.md"
    document.write_text("Zorblax-7B scores 72.20 on GlyphQA (5-shot).\n")
    out = StringIO()

    call_command("extract", str(document), "--no-resolve", stdout=out)

    assert "Zorblax-7B GlyphQA = 72.20 5-shot" in out.getvalue()
