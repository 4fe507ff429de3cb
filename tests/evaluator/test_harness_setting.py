"""The setting a score was measured in, derived from the real lm-eval results that produced it."""

import json
from pathlib import Path

import pytest

from claims.setting import Aggregation, setting_format
from evaluator.harness_setting import leaf_tasks, results_setting
from evaluator.scores import harness_score

THIRD_PARTY = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "third-party-results"


def results_of(name: str) -> dict:
    return json.loads((THIRD_PARTY / f"EleutherAI__{name}.json").read_text())


def setting_of(name: str, tasks: list[str]) -> str:
    return setting_format(results_setting(results_of(name), tasks))


def test_a_five_shot_mmlu_group_reads_five_shot_from_its_subjects():
    # lm-eval writes the group's own n-shot as 0; its 57 subjects ran 5-shot.
    results = results_of("lm-evaluation-harness__llama3.1-8b_mmlu-5shot")
    assert results["n-shot"]["mmlu"] == 0

    assert setting_of("lm-evaluation-harness__llama3.1-8b_mmlu-5shot", ["mmlu"]) == (
        "5-shot, no CoT, no chat template, log-likelihood"
    )


def test_an_imported_zero_shot_mmlu_group_stays_zero_shot():
    # This file has no n-shot entry for the group at all.
    results = results_of("lm-evaluation-harness__llama3.2-3b_0shot-suite")
    assert "mmlu" not in results["n-shot"]

    assert setting_of("lm-evaluation-harness__llama3.2-3b_0shot-suite", ["mmlu"]).startswith(
        "0-shot, "
    )


def test_group_leaves_are_the_subjects_under_the_categories():
    results = results_of("lm-evaluation-harness__llama3.1-8b_mmlu-5shot")

    leaves = leaf_tasks(results, "mmlu")

    assert len(leaves) == 57
    assert "mmlu_stem" not in leaves


def test_a_generative_cot_task_with_greedy_decoding_and_a_chat_template():
    # gsm8k_cot_llama: generate_until, do_sample false, few-shot as multi-turn chat.
    assert setting_of(
        "lm-evaluation-harness__llama3-8b-instruct_gsm8k-cot-llama", ["gsm8k_cot_llama"]
    ) == ("5-shot, CoT, pass@1, chat template, generative, temperature 0")


def test_an_old_harness_file_takes_its_shots_from_the_run_config():
    # Files written before lm-eval 0.4 have no per-task config, only config.num_fewshot.
    assert setting_of("pythia__pythia-6.9b_5shot-step143000", ["piqa"]) == "5-shot"
    assert setting_of("pythia__pythia-6.9b_0shot-step143000", ["piqa"]) == "0-shot"


def test_the_measured_score_carries_the_setting_and_the_shots_of_the_group():
    results = results_of("lm-evaluation-harness__qwen2.5-7b_mmlu-5shot")

    score = harness_score(results, ["mmlu"], "acc,none")

    assert score is not None
    assert score.shots == 5
    assert score.setting.shots == 5


def test_a_majority_vote_filter_is_maj_at_k():
    results = {
        "results": {"gsm8k_maj": {}},
        "configs": {
            "gsm8k_maj": {
                "num_fewshot": 8,
                "output_type": "generate_until",
                "repeats": 64,
                "generation_kwargs": {"do_sample": True, "temperature": 0.6},
                "filter_list": [
                    {
                        "name": "maj@64",
                        "filter": [
                            {"function": "regex"},
                            {"function": "majority_vote"},
                            {"function": "take_first"},
                        ],
                    }
                ],
            }
        },
    }

    assert setting_format(results_setting(results, ["gsm8k_maj"])) == (
        "8-shot, maj@64, generative, temperature 0.6"
    )


@pytest.mark.parametrize(("shots", "expected"), [((3, 5), "3-5-shot"), ((5, 5), "5-shot")])
def test_tasks_with_different_shots_combine_into_a_range(shots, expected):
    results = {
        "results": {"a": {}, "b": {}},
        "configs": {name: {"num_fewshot": n} for name, n in zip("ab", shots, strict=True)},
    }

    assert setting_format(results_setting(results, ["a", "b"])) == expected


def test_a_code_task_scored_by_a_pass_at_k_metric_is_pass_at_k():
    results = {
        "configs": {
            "humaneval_64": {
                "output_type": "generate_until",
                "repeats": 64,
                "generation_kwargs": {"do_sample": True, "temperature": 0.2},
                "metric_list": [{"metric": "def pass_at_k(references, predictions, k): ..."}],
            }
        },
    }

    assert results_setting(results, ["humaneval_64"]).aggregation == Aggregation.PASS
    assert results_setting(results, ["humaneval_64"]).k == 64


def test_sampled_answers_without_a_vote_or_pass_at_k_metric_are_averaged():
    results = {
        "configs": {
            "aime24": {
                "output_type": "generate_until",
                "repeats": 64,
                "generation_kwargs": {"do_sample": True, "temperature": 0.6},
                "metric_list": [{"metric": "exact_match"}],
            }
        },
    }

    setting = results_setting(results, ["aime24"])
    assert (setting.aggregation, setting.k, setting.temperature) == (Aggregation.AVG, 64, 0.6)
