"""The setting a run measured each task in, read from lm-eval's own results (plain data).

What the harness ran, not what was asked: shots from "n-shot", generative or log-likelihood
from the task config, the number of answers per problem (k) and how they were scored, the
temperature, and whether the chat template was applied. Chain of thought is not in lm-eval's
config; it is a property of the task's prompt, so it comes from the benchmark's protocol.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class SettingFacts:
    task: str
    shots: int | None
    generative: bool
    k: int  # answers per problem (1: one greedy or sampled answer)
    estimator: str  # "greedy", "sampled", "avg@k" or "pass@k"
    temperature: float | None
    chat_template: bool
    fewshot_as_multiturn: bool


def _estimator(config: dict[str, Any], k: int, sampled: bool) -> str:
    if k == 1:
        return "sampled" if sampled else "greedy"
    metrics = [str(m.get("metric", "")) for m in config.get("metric_list") or []]
    if any("pass_at_k" in metric or "pass@" in metric for metric in metrics):
        return "pass@k"
    return "avg@k"


def run_setting_facts(results: dict[str, Any]) -> list[SettingFacts]:
    """One SettingFacts per task in lm-eval's results dict."""
    facts = []
    chat = bool(results.get("chat_template"))
    multiturn = bool(results.get("fewshot_as_multiturn"))
    for task, config in sorted((results.get("configs") or {}).items()):
        generation = config.get("generation_kwargs") or {}
        k = int(config.get("repeats") or 1)
        sampled = bool(generation.get("do_sample"))
        temperature = generation.get("temperature")
        facts.append(
            SettingFacts(
                task=task,
                shots=(results.get("n-shot") or {}).get(task),
                generative=config.get("output_type") == "generate_until",
                k=k,
                estimator=_estimator(config, k, sampled),
                temperature=float(temperature) if temperature is not None else None,
                chat_template=chat,
                fewshot_as_multiturn=multiturn,
            )
        )
    return facts
