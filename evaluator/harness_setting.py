"""The setting a score was measured in, read from the lm-eval results dict that produced it.

Pure functions over the results dict (ours or an imported file): each task's config says its
shots (`num_fewshot`), whether it generates or scores log-likelihoods (`output_type`), how it
decodes (`generation_kwargs`), whether answers are voted on (`filter_list`) or scored as
pass@k (`metric_list`); the run says whether a chat template was applied. A group ("mmlu")
takes its setting from its leaf tasks: lm-eval reports a group's own `n-shot` as 0 whatever
its subtasks used. Older files with no
per-task config carry one `num_fewshot` for the whole run.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import fields, replace
from typing import Any

from claims.setting import (
    UNDISCLOSED,
    Aggregation,
    OutputType,
    Setting,
    Thinking,
    setting_format,
)

_GENERATIVE = {"generate_until"}
_LOGLIKELIHOOD = {"loglikelihood", "multiple_choice", "loglikelihood_rolling"}


def leaf_tasks(results: dict[str, Any], task: str) -> list[str]:
    """The tasks a group is made of, down to those that ran (a task is its own leaf)."""
    groups = results.get("group_subtasks") or {}
    members = groups.get(task)
    if not members:
        return [task]
    leaves: list[str] = []
    for member in members:
        if member != task:
            leaves.extend(leaf_tasks(results, member))
    return leaves or [task]


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _shots(results: dict[str, Any], task: str, config: dict[str, Any]) -> int | None:
    for candidate in (
        config.get("num_fewshot"),
        (results.get("n-shot") or {}).get(task),
        (results.get("config") or {}).get("num_fewshot"),
    ):
        if _int(candidate) is not None:
            return candidate  # type: ignore[no-any-return]
    return None


def _key_values(text: Any) -> dict[str, str]:
    """lm-eval's "a=1,b=2" argument strings (or a dict) as a dict of strings."""
    if isinstance(text, dict):
        return {str(k): str(v) for k, v in text.items()}
    pairs = (part.split("=", 1) for part in str(text or "").split(",") if "=" in part)
    return {key.strip(): value.strip() for key, value in pairs}


def _truthy(value: Any) -> bool:
    return str(value).strip().lower() in {"true", "1", "yes"}


def _temperature(results: dict[str, Any], config: dict[str, Any]) -> float | None:
    generation = {
        **_key_values(config.get("generation_kwargs") or {}),
        **_key_values((results.get("config") or {}).get("gen_kwargs")),
    }
    if "do_sample" in generation and not _truthy(generation["do_sample"]):
        return 0.0
    try:
        return float(generation["temperature"]) if "temperature" in generation else None
    except ValueError:
        return None


def _votes(config: dict[str, Any]) -> int | None:
    """k when a filter takes a majority vote over k answers (lm-eval's maj@k filters)."""
    for pipeline in config.get("filter_list") or []:
        steps = pipeline.get("filter") or [] if isinstance(pipeline, dict) else []
        functions = {step.get("function"): step for step in steps if isinstance(step, dict)}
        if "majority_vote" in functions:
            first_k = _int((functions.get("take_first_k") or {}).get("k"))
            return first_k or _int(config.get("repeats"))
    return None


def _scores_pass_at_k(config: dict[str, Any]) -> bool:
    """Whether the task's metric is an unbiased pass@k estimate (code tasks such as humaneval)."""
    metrics = config.get("metric_list") or []
    names = [str(m.get("metric", "")) for m in metrics if isinstance(m, dict)]
    return any("pass_at_k" in name or "pass@" in name for name in names)


def _chat_template(results: dict[str, Any]) -> bool | None:
    keys = ("chat_template", "chat_template_sha", "fewshot_as_multiturn")
    if not any(key in results for key in keys):
        return None  # harnesses before 0.4.3 did not record it
    return any(bool(results.get(key)) for key in keys)


def _thinking_flag(results: dict[str, Any]) -> bool | None:
    arguments = _key_values((results.get("config") or {}).get("model_args"))
    for key in ("enable_thinking", "think"):
        if key in arguments:
            return _truthy(arguments[key])
    return None


def task_setting(results: dict[str, Any], task: str) -> Setting:
    """The setting one task (not a group) ran in."""
    config = (results.get("configs") or {}).get(task) or {}
    output = config.get("output_type")
    output_type = (
        OutputType.GENERATIVE
        if output in _GENERATIVE
        else OutputType.LOGLIKELIHOOD
        if output in _LOGLIKELIHOOD
        else None
    )
    aggregation, k = None, None
    if output_type == OutputType.GENERATIVE:
        votes = _votes(config)
        repeats = _int(config.get("repeats")) or 1
        # One answer per problem scores pass@1; several are voted on, scored by a pass@k
        # metric, or else averaged.
        if votes:
            aggregation, k = Aggregation.MAJ, votes
        elif repeats == 1 or _scores_pass_at_k(config):
            aggregation, k = Aggregation.PASS, repeats
        else:
            aggregation, k = Aggregation.AVG, repeats
    names = set(task.lower().replace("-", "_").split("_"))
    chain_of_thought = (
        True if "cot" in names else False if output_type == OutputType.LOGLIKELIHOOD else None
    )
    thinking = _thinking_flag(results)
    return Setting(
        shots=_shots(results, task, config),
        chain_of_thought=chain_of_thought,
        aggregation=aggregation,
        k=k,
        thinking=None if thinking is None else Thinking.ON if thinking else Thinking.OFF,
        chat_template=_chat_template(results),
        output_type=output_type,
        temperature=_temperature(results, config)
        if output_type != OutputType.LOGLIKELIHOOD
        else None,
    )


def _common(settings: list[Setting]) -> Setting:
    """What several tasks' settings share; shots that differ become a range."""
    if not settings:
        return UNDISCLOSED
    first = settings[0]
    shared: dict[str, Any] = {
        field.name: getattr(first, field.name)
        if all(getattr(s, field.name) == getattr(first, field.name) for s in settings)
        else None
        for field in fields(Setting)
        if field.name not in ("shots", "shots_max", "few_shot", "aggregation", "k")
    }
    counts = {s.shots for s in settings}
    highs = {s.shots_max or s.shots for s in settings}
    shots = shots_max = None
    if None not in counts:
        low, high = min(counts), max(highs)  # type: ignore[type-var]
        shots, shots_max = low, (high if high != low else None)
    pairs = {(s.aggregation, s.k) for s in settings}
    aggregation, k = pairs.pop() if len(pairs) == 1 else (None, None)
    return replace(
        UNDISCLOSED,
        shots=shots,
        shots_max=shots_max,
        aggregation=aggregation,
        k=k,
        **shared,
    )


def results_setting(results: dict[str, Any], tasks: Iterable[str]) -> Setting:
    """The setting a score combined from `tasks` (tasks or groups) was measured in."""
    leaves = [leaf for task in tasks for leaf in leaf_tasks(results, task)]
    return _common([task_setting(results, leaf) for leaf in leaves])


def results_setting_text(results: dict[str, Any], tasks: Iterable[str]) -> str:
    return setting_format(results_setting(results, tasks))
