"""Which lm-eval tasks a run loads, and how a sampled protocol changes them.

Imports lm-eval only inside its functions (the runner's rule: importable without it).
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lm_eval.api.task import ConfigurableTask, Task
    from lm_eval.tasks import TaskManager


def task_manager_for(
    tasks: list[str], include_paths: list[str], metadata: dict[str, Any] | None = None
) -> TaskManager:
    """A TaskManager that knows every task of the run.

    Our own folders alone when they define all of them: scanning the ~14,700 built-in tasks
    costs ~15 s a run. The built-in tasks stay known otherwise, so adding a folder of our own
    never makes "mmlu" unknown.
    """
    from lm_eval.tasks import TaskManager

    if include_paths:
        ours = TaskManager(include_path=list(include_paths), include_defaults=False)
        if set(tasks) <= set(ours.all_tasks) and not metadata:
            return ours
    return TaskManager(
        include_path=list(include_paths) or None, include_defaults=True, metadata=metadata
    )


def _sampled_filters(filter_list: list[dict[str, Any]] | None, k: int) -> list[dict[str, Any]]:
    """The task's filters keeping all k answers instead of the first one."""
    keep_all = {"function": "take_first_k", "k": k}
    if not filter_list:
        return [{"name": "none", "filter": [keep_all]}]
    sampled = []
    for chain in filter_list:
        steps = [step for step in chain["filter"] if step.get("function") != "take_first"]
        sampled.append({**chain, "filter": [*steps, keep_all]})
    return sampled


def sampled_task(base: Task, sampling: dict[str, Any]) -> ConfigurableTask:
    """`base` answered k times per problem at the protocol's temperature.

    avg@k scores each problem by the mean correctness of its k answers (each answer scored as
    the task scores one); pass@k hands the k answers to the task's own pass@k metric.
    """
    from lm_eval.api.task import ConfigurableTask

    k = int(sampling["k"])
    config = base.config.to_dict(keep_callable=True)
    config["repeats"] = k
    config["generation_kwargs"] = {
        **(config.get("generation_kwargs") or {}),
        "do_sample": True,
        "temperature": float(sampling["temperature"]),
        "top_p": float(sampling.get("top_p", 1.0)),
    }
    if sampling.get("estimator", "avg@k") == "pass@k":
        for metric in config.get("metric_list") or []:
            if "k" in metric:
                metric["k"] = [k]
        return ConfigurableTask(config=config)
    config["filter_list"] = _sampled_filters(config.get("filter_list"), k)
    return _averaged_task_class()(config=config)


@cache
def _averaged_task_class() -> type[ConfigurableTask]:
    from lm_eval.api.task import ConfigurableTask

    class AveragedTask(ConfigurableTask):
        """Scores every one of a problem's k answers as the task would, and averages them."""

        def process_results(self, doc: dict[str, Any], results: list[Any]) -> dict[str, Any]:
            [answers] = results
            score_one = super().process_results
            rows = [score_one(doc, [answer]) for answer in answers]
            return {key: sum(float(row[key]) for row in rows) / len(rows) for key in rows[0]}

    return AveragedTask


def run_tasks(
    task_manager: TaskManager, tasks: list[str], sampling: dict[str, dict[str, Any]]
) -> list[str | Task]:
    """The task list for `simple_evaluate`: names, with sampled tasks built here."""
    loaded: list[str | Task] = []
    for name in tasks:
        if name not in sampling:
            loaded.append(name)
            continue
        built = task_manager.load([name])["tasks"]
        loaded.extend(sampled_task(task, sampling[name]) for task in built.values())
    return loaded
