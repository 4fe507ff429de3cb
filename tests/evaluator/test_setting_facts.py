"""A run's setting is read from what lm-eval ran."""

from evaluator.setting_facts import run_setting_facts

RESULTS = {
    "n-shot": {"aime24": 0, "gsm8k_cot_llama": 8, "humaneval_64": 0},
    "chat_template": "{{ messages }}",
    "fewshot_as_multiturn": True,
    "configs": {
        "aime24": {
            "output_type": "generate_until",
            "repeats": 64,
            "generation_kwargs": {"do_sample": True, "temperature": 0.6},
            "metric_list": [{"metric": "exact_match"}],
        },
        "gsm8k_cot_llama": {
            "output_type": "generate_until",
            "repeats": 1,
            "generation_kwargs": {"do_sample": False},
        },
        "humaneval_64": {
            "output_type": "generate_until",
            "repeats": 64,
            "generation_kwargs": {"do_sample": True, "temperature": 0.2},
            "metric_list": [{"metric": "def pass_at_k(references, predictions, k): ..."}],
        },
    },
}


def test_sampled_task_is_avg_at_k_with_its_temperature() -> None:
    aime = {f.task: f for f in run_setting_facts(RESULTS)}["aime24"]
    assert (aime.k, aime.estimator, aime.temperature, aime.generative) == (64, "avg@k", 0.6, True)


def test_greedy_few_shot_task_keeps_its_shots_and_chat_template() -> None:
    gsm8k = {f.task: f for f in run_setting_facts(RESULTS)}["gsm8k_cot_llama"]
    assert (gsm8k.shots, gsm8k.estimator, gsm8k.chat_template) == (8, "greedy", True)
    assert gsm8k.fewshot_as_multiturn


def test_code_task_with_k_answers_is_pass_at_k() -> None:
    code = {f.task: f for f in run_setting_facts(RESULTS)}["humaneval_64"]
    assert (code.k, code.estimator) == (64, "pass@k")
