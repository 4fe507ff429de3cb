"""One setting grammar: what a text states, written back canonically and read back the same."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from claims.extract.settings import FigureSetting, shots_from_number
from claims.setting import (
    SETTING_PARTS,
    UNDISCLOSED,
    Aggregation,
    OutputType,
    Setting,
    Thinking,
    setting_assume,
    setting_differences,
    setting_format,
    setting_merge,
    setting_parse,
    setting_rest,
    setting_stated_parts,
)


@st.composite
def settings(draw: st.DrawFn) -> Setting:
    shots = draw(st.none() | st.integers(0, 64))
    shots_max = None
    if shots is not None and draw(st.booleans()):
        shots_max = draw(st.integers(shots + 1, 128))
    aggregation = draw(st.none() | st.sampled_from(Aggregation))
    return Setting(
        shots=shots,
        shots_max=shots_max,
        few_shot=shots is None and draw(st.booleans()),
        chain_of_thought=draw(st.none() | st.booleans()),
        aggregation=aggregation,
        k=draw(st.integers(1, 1024)) if aggregation else None,
        thinking=draw(st.none() | st.sampled_from(Thinking)),
        chat_template=draw(st.none() | st.booleans()),
        output_type=draw(st.none() | st.sampled_from(OutputType)),
        temperature=draw(st.none() | st.integers(0, 200).map(lambda t: t / 100)),
    )


@given(settings())
def test_every_setting_reads_back_from_its_canonical_text(setting):
    assert setting_parse(setting_format(setting)) == setting


# What prose states: one shot count, then setting phrases, joined by ", ".
_WRITTEN_SHOTS = st.sampled_from(["", "0-shot", "5-shot", "25-shot", "3-5-shot", "few-shot"])
_WRITTEN_FLAGS = st.lists(
    st.sampled_from(["CoT", "pass@1", "maj@32", "cons@64", "avg@8", "thinking", "non-thinking"]),
    unique=True,
    max_size=2,
).filter(
    lambda flags: (
        sum("@" in f for f in flags) <= 1 and len({*flags} & {"thinking", "non-thinking"}) <= 1
    )
)


@given(_WRITTEN_SHOTS, _WRITTEN_FLAGS)
def test_every_setting_the_extractor_writes_is_read_whole(shots, flags):
    # In prose a bare "thinking" describes a model; "thinking mode" states a setting.
    phrases = ["thinking mode" if f == "thinking" else f for f in flags]
    found = setting_parse(", ".join(p for p in [shots, *phrases] if p), prose=True)

    assert setting_parse(setting_format(found)) == found
    assert found.shots_text == shots
    assert (found.chain_of_thought is True) == ("CoT" in flags)
    assert found.aggregation_text == next((f for f in flags if "@" in f), "")
    thinking = next((f for f in flags if "thinking" in f), None)
    assert found.thinking == (Thinking(thinking) if thinking else None)


# Words that qualify a figure without being a setting, as tables print them.
_NOTES = st.lists(
    st.sampled_from(["EM", "f1", "acc_char", "macro_avg/acc_char", "fr", "Average", "strict"]),
    max_size=3,
)


@given(settings(), _NOTES)
def test_a_figures_setting_text_reads_back_to_its_setting_whatever_its_notes(setting, notes):
    written = FigureSetting(setting, tuple(notes)).text

    assert setting_parse(written) == setting
    assert all(note in written.split(", ") for note in notes)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MMLU (5-shot)", "5-shot"),
        ("GSM8K (8-shot, CoT)", "8-shot, CoT"),
        ("zero-shot chain-of-thought", "0-shot, CoT"),
        ("in thinking mode", "thinking"),
        ("# Shots 3-5", "3-5-shot"),
    ],
)
def test_extractor_output_on_real_phrases_reads_back(text, expected):
    found = setting_parse(text, prose=True)
    if not found.disclosed:
        found = shots_from_number(text.split()[-1])
    assert setting_format(setting_parse(setting_format(found))) == expected


# Phrases of every form, prose-only and field-only, to compose texts from.
_PHRASES = st.sampled_from(
    [
        "5-shot",
        "3 to 5 shots",
        "few-shot",
        "CoT",
        "without CoT",
        "pass@1",
        "averaged over 16 samples",
        "majority voting over 32 samples",
        "thinking",
        "thinking mode",
        "thinking disabled",
        "non-reasoning",
        "high reasoning",
        "reasoning effort: low",
        "chat template",
        "no chat template",
        "multiple-choice",
        "generative",
        "temperature 0.6",
        "greedy",
        "Zorblax scores 71.2",
    ]
)


def _stated(setting: Setting) -> set[str]:
    return {part[0] for part in setting_stated_parts(setting)}


@given(st.lists(_PHRASES, max_size=4))
def test_prose_states_nothing_a_settings_field_would_not(phrases):
    text = ", ".join(phrases)

    assert _stated(setting_parse(text, prose=True)) <= _stated(setting_parse(text))


@pytest.mark.parametrize(
    "text",
    [
        "a thinking model",
        "on a multiple-choice benchmark",
        "on generative tasks",
        "with its chat template",
        "at temperature 0.6",
        "with greedy decoding",
        "ahead of non-reasoning models",
        "on high-reasoning tasks",
    ],
)
def test_prose_does_not_read_words_that_describe_a_model_or_benchmark(text):
    assert setting_parse(text, prose=True) == UNDISCLOSED
    assert setting_parse(text).disclosed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("averaged over 64 samples", "avg@64"),
        ("majority voting over 32 samples", "maj@32"),
        ("pass@1, averaged over 16 samples", "avg@16"),
        ("with thinking enabled", "thinking"),
        ("with thinking disabled", "non-thinking"),
        ("thinking off", "non-thinking"),
        ("without reasoning", "non-thinking"),
        ("with high reasoning effort", "reasoning effort high"),
        ("three to five shots", "3-5-shot"),
    ],
)
def test_loose_forms_read_the_same_in_prose_and_in_a_settings_field(text, expected):
    assert setting_format(setting_parse(text, prose=True)) == expected
    assert setting_format(setting_parse(text)) == expected


def test_what_is_left_of_a_text_without_its_setting_words():
    assert setting_rest("5-shot EM") == "EM"
    assert setting_rest("CoT, 3-shot, average/em") == "average/em"
    assert setting_rest("pass@1") == ""
    assert setting_rest("fr") == "fr"


@given(settings(), settings())
def test_an_own_stated_part_wins_and_the_rest_is_inherited(own, inherited):
    merged = setting_merge(own, inherited)

    for part in SETTING_PARTS:
        source = own if part[0] in _stated(own) else inherited
        assert all(getattr(merged, name) == getattr(source, name) for name in part)
    assert setting_parse(setting_format(merged)) == merged


@given(settings())
def test_merging_with_nothing_changes_nothing(setting):
    assert setting_merge(setting, UNDISCLOSED) == setting
    assert setting_merge(UNDISCLOSED, setting) == setting
    assert setting_merge(setting, setting) == setting


def test_an_own_shot_count_overrides_an_inherited_one_and_keeps_the_rest():
    merged = setting_merge(setting_parse("8-shot"), setting_parse("5-shot, CoT"))

    assert setting_format(merged) == "8-shot, CoT"
    assert setting_format(setting_merge(setting_parse("few-shot"), setting_parse("5-shot"))) == (
        "few-shot"
    )


def test_a_range_of_shots_is_not_its_upper_end():
    ranged = setting_parse("3-5 shot")

    assert (ranged.shots, ranged.shots_max) == (3, 5)
    assert setting_differences(ranged, setting_parse("5-shot"), names=("the claim", "the run"))


def test_majority_vote_keeps_its_k():
    assert setting_parse("maj@32").aggregation_text == "maj@32"


@pytest.mark.parametrize(
    ("text", "thinking"),
    [
        ("thinking", Thinking.ON),
        ("non-thinking", Thinking.OFF),
        ("reasoning effort: high", Thinking.HIGH),
        ("low reasoning effort", Thinking.LOW),
    ],
)
def test_thinking_and_reasoning_effort_are_read(text, thinking):
    assert setting_parse(text).thinking == thinking


def test_greedy_decoding_is_temperature_zero():
    assert setting_parse("greedy").temperature == 0.0


def test_nothing_stated_is_undisclosed():
    assert setting_parse("") == UNDISCLOSED
    assert not UNDISCLOSED.disclosed
    assert UNDISCLOSED.describe() == "undisclosed"


def test_a_separate_shot_count_wins_over_the_text():
    assert setting_parse("5-shot CoT", shots=0).shots == 0


def test_differences_are_only_on_what_both_state():
    claim, run = setting_parse("5-shot"), setting_parse("5-shot, no CoT, chat template")

    assert setting_differences(claim, run, names=("the claim", "the run")) == []


def test_differences_say_how():
    claim, run = setting_parse("0-shot, CoT"), setting_parse("5-shot, no CoT")

    assert setting_differences(claim, run, names=("the claim", "the run")) == [
        "the claim is 0-shot, the run 5-shot",
        "only the claim uses chain of thought",
    ]


def test_pass_at_ten_differs_from_pass_at_one_but_avg_at_k_estimates_pass_at_one():
    run = setting_parse("pass@1")
    names = ("the claim", "the run")

    assert setting_differences(setting_parse("pass@10"), run, names=names)
    assert setting_differences(setting_parse("avg@8"), run, names=names) == []


def test_few_shot_without_a_count_differs_only_from_zero_shot():
    names = ("the claim", "the run")
    few = setting_parse("few-shot")

    assert setting_differences(few, setting_parse("5-shot"), names=names) == []
    assert setting_differences(few, setting_parse("0-shot"), names=names)


def test_unstated_parts_are_assumed_from_the_conventional_setting_and_named():
    assumed, parts = setting_assume(setting_parse("CoT"), setting_parse("5-shot, no CoT"))

    assert setting_format(assumed) == "5-shot, CoT"
    assert parts == ["5-shot"]


def test_an_undisclosed_setting_assumes_all_of_the_conventional_one():
    assumed, parts = setting_assume(UNDISCLOSED, setting_parse("3-shot, CoT"))

    assert setting_format(assumed) == "3-shot, CoT"
    assert parts == ["3-shot", "CoT"]
