"""Every benchmark protocol in the catalogue exists in the installed lm-eval as stated: its
tasks, the shots their configs fix, their output type, metric and filter, and code execution."""

from functools import cache
from typing import Any

import pytest
from lm_eval.tasks import TaskManager
from lm_eval.tasks._index import Kind
from lm_eval.tasks._yaml_loader import load_yaml

from catalogue.loader import CATALOGUE_DIR, read_yaml
from evaluator.protocols import (
    GENERATIVE,
    MIXED,
    Protocol,
    ProtocolError,
    is_instruct_model,
    protocol_from_harness,
)

ENTRIES = [e for e in read_yaml(CATALOGUE_DIR / "benchmarks.yaml") if e.get("harness")]


@cache
def task_manager() -> TaskManager:
    return TaskManager()


def _config(name: str) -> dict[str, Any]:
    entry = task_manager().task_index[name]
    if entry.yaml_path is None:
        return dict(entry.cfg or {})
    return load_yaml(entry.yaml_path, resolve_func=False)


def leaf_configs(name: str) -> list[dict[str, Any]]:
    """The configs of the tasks `name` runs (itself, or a group's or tag's members)."""
    index = task_manager().task_index
    entry = index[name]
    if entry.kind == Kind.TAG:
        members = [n for n, e in index.items() if name in e.tags and e.kind != Kind.TAG]
        return [config for member in members for config in leaf_configs(member)]
    if entry.kind == Kind.GROUP:
        return _children(_config(name).get("task", []))
    return [_config(name)]


def _children(children: list[Any]) -> list[dict[str, Any]]:
    configs = []
    for child in children:
        if isinstance(child, str):
            configs += leaf_configs(child)
        elif isinstance(child.get("task"), list):  # a group defined inline
            configs += _children(child["task"])
        else:
            configs.append(child)
    return configs


def _metric_names(config: dict[str, Any]) -> set[str]:
    """The metric keys a task reports: a function metric is named after its function, and one
    taking `k` reports pass@k for each k (lm-eval's code tasks)."""
    names = set()
    for metric in config.get("metric_list") or []:
        name = metric["metric"].rsplit(".", 1)[-1] if "/" in metric["metric"] else metric["metric"]
        names |= {f"pass@{k}" for k in metric["k"]} if "k" in metric else {name}
    return names


def _filter_names(config: dict[str, Any]) -> set[str]:
    return {f["name"] for f in config.get("filter_list") or []} or {"none"}


@pytest.fixture(params=ENTRIES, ids=lambda entry: entry["slug"])
def protocol(request) -> Protocol:
    return protocol_from_harness(request.param["harness"])


def test_protocol_names_its_vendor_convention_and_a_source(protocol) -> None:
    assert protocol.convention
    assert protocol.source.startswith("https://")


def test_protocol_tasks_exist_in_lm_eval(protocol) -> None:
    unknown = [task for task in protocol.tasks if task not in task_manager().all_tasks]
    assert unknown == []


def test_protocol_output_type_is_what_the_tasks_do(protocol) -> None:
    configs = [config for task in protocol.tasks for config in leaf_configs(task)]
    if all("class" in config for config in configs):
        pytest.skip(f"{protocol.tasks} are defined in Python: no output type in their config")
    kinds = {config.get("output_type") == "generate_until" for config in configs}
    expected = {True, False} if protocol.output == MIXED else {protocol.output == GENERATIVE}
    assert kinds == expected


def test_protocol_shots_agree_with_the_shots_a_task_fixes(protocol) -> None:
    for task in protocol.tasks:
        for config in leaf_configs(task):
            if config.get("num_fewshot") is not None:
                assert config["num_fewshot"] == protocol.shots, config.get("task")


def test_protocol_metric_and_filter_are_reported_by_the_tasks(protocol) -> None:
    for task in protocol.tasks:
        entry = task_manager().task_index[task]
        if entry.kind == Kind.GROUP:
            aggregates = _config(task).get("aggregate_metric_list") or []
            pairs = {(m["metric"], m.get("filter_list", "none")) for m in aggregates}
            if pairs:
                assert (protocol.metric_name, protocol.filter_name) in pairs
                continue
        for config in leaf_configs(task):
            names = _metric_names(config)
            # RULER names its metrics after the context lengths it is asked for.
            if names and not protocol.task_metadata:
                assert protocol.metric_name in names, config.get("task")
            assert protocol.filter_name in _filter_names(config), config.get("task")


def test_protocol_runs_generated_code_exactly_when_the_tasks_do(protocol) -> None:
    for task in protocol.tasks:
        for config in leaf_configs(task):
            assert bool(config.get("unsafe_code")) == protocol.unsafe_code, config.get("task")


def test_vendor_conventions_the_issue_names_are_followed() -> None:
    protocols = {e["slug"]: protocol_from_harness(e["harness"]) for e in ENTRIES}
    gsm8k = protocols["gsm8k"]
    assert (gsm8k.shots, gsm8k.cot, gsm8k.tasks) == (8, True, ("gsm8k_cot_llama",))
    aime = protocols["aime-2024"].sampling
    assert aime is not None and (aime.estimator, aime.k, aime.temperature) == ("avg@k", 64, 0.6)
    gpqa = protocols["gpqa-diamond"]
    assert (gpqa.output, gpqa.cot) == (GENERATIVE, True)
    assert protocols["ifeval"].wants_chat_template(instruct=True)
    assert not protocols["ifeval"].wants_chat_template(instruct=False)
    assert protocols["mmmu"].modality == "image-text"
    for code in ("humaneval", "humaneval-plus", "mbpp"):
        assert protocols[code].unsafe_code


def test_sampling_on_a_loglikelihood_task_is_refused() -> None:
    with pytest.raises(ProtocolError, match="sampling needs a generative task"):
        protocol_from_harness(
            {
                "tasks": ["mmlu"],
                "metric": "acc,none",
                "shots": 5,
                "sampling": {"k": 4, "temperature": 0.6},
            }
        )


@pytest.mark.parametrize(
    ("name", "instruct"),
    [
        ("Qwen/Qwen2.5-7B-Instruct", True),
        ("google/gemma-2-9b-it", True),
        ("meta-llama/Llama-2-7b-chat-hf", True),
        ("mistralai/Mistral-7B-v0.1", False),
        ("Qwen/Qwen2.5-7B", False),
    ],
)
def test_instruct_models_are_told_by_their_names(name, instruct) -> None:
    assert is_instruct_model(name) is instruct
