from evaluator.scores import harness_score

# The shape lm-eval gives a group run 5-shot: the group itself is recorded as 0-shot.
MMLU_5_SHOT = {
    "results": {"mmlu": {"acc,none": 0.65, "acc_stderr,none": 0.004}},
    "group_subtasks": {
        "mmlu": ["mmlu_stem", "mmlu_other"],
        "mmlu_stem": ["mmlu_anatomy"],
        "mmlu_other": ["mmlu_virology"],
    },
    "n-shot": {"mmlu": 0, "mmlu_anatomy": 5, "mmlu_virology": 5},
}


def test_a_group_score_takes_the_shot_count_its_subtasks_ran_with() -> None:
    score = harness_score(MMLU_5_SHOT, ["mmlu"], "acc,none")

    assert score is not None and score.shots == 5


def test_a_group_whose_subtasks_ran_with_different_shots_has_no_single_shot_count() -> None:
    mixed = {**MMLU_5_SHOT, "n-shot": {"mmlu_anatomy": 5, "mmlu_virology": 0}}

    score = harness_score(mixed, ["mmlu"], "acc,none")

    assert score is not None and score.shots is None


def test_a_plain_task_keeps_its_recorded_shot_count() -> None:
    results = {"results": {"piqa": {"acc,none": 0.8}}, "n-shot": {"piqa": 0}}

    score = harness_score(results, ["piqa"], "acc,none")

    assert score is not None and score.shots == 0
