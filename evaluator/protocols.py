"""How each benchmark is measured: the lm-eval task, shots, chain of thought, metric, chat
template and sampling, and the vendor convention it follows. Plain data, no Django.

A protocol is read from a catalogue entry's `harness:` mapping. Only `tasks`, `metric` and
`shots` are required; the rest default to a greedy, log-likelihood, base-model protocol.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

GENERATIVE = "generative"
LOGLIKELIHOOD = "loglikelihood"
MIXED = "mixed"  # a group with subtasks of both kinds
OUTPUTS = (GENERATIVE, LOGLIKELIHOOD, MIXED)

# When the model's chat template is applied: for instruct (chat-tuned) models only, or never.
CHAT_FOR_INSTRUCT = "instruct"
CHAT_NEVER = "never"
CHAT_TEMPLATE_RULES = (CHAT_FOR_INSTRUCT, CHAT_NEVER)

# How k sampled answers per problem become one score.
AVG_AT_K = "avg@k"  # the mean correctness over the k samples (what vendors call pass@1)
PASS_AT_K = "pass@k"  # the unbiased estimate that one of k samples is correct
ESTIMATORS = (AVG_AT_K, PASS_AT_K)

TEXT = "text"
IMAGE_TEXT = "image-text"
MODALITIES = (TEXT, IMAGE_TEXT)

# Vendors name chat-tuned releases this way ("-Instruct", "-Chat", "-it", "R1" distillations
# are instruct too, but say so in their own names).
_INSTRUCT_NAME = re.compile(r"(instruct|chat|(^|[-_ ])it($|[-_ ]))", re.IGNORECASE)


class ProtocolError(ValueError):
    """A catalogue protocol that cannot be run as written."""


@dataclass(frozen=True)
class Sampling:
    """k sampled answers per problem, scored with `estimator`."""

    k: int
    temperature: float
    top_p: float = 1.0
    estimator: str = AVG_AT_K

    def gen_kwargs(self) -> dict[str, Any]:
        return {"do_sample": True, "temperature": self.temperature, "top_p": self.top_p}

    @property
    def label(self) -> str:
        return self.estimator.replace("@k", f"@{self.k}")


@dataclass(frozen=True)
class Protocol:
    tasks: tuple[str, ...]
    metric: str  # lm-eval "metric,filter"
    shots: int
    output: str = LOGLIKELIHOOD
    cot: bool = False
    chat_template: str = CHAT_NEVER
    fewshot_as_multiturn: bool = False
    sampling: Sampling | None = None
    unsafe_code: bool = False
    modality: str = TEXT
    # lm-eval task metadata some tasks need (RULER's context lengths).
    task_metadata: dict[str, Any] = field(default_factory=dict)
    convention: str = ""
    source: str = ""

    @property
    def metric_name(self) -> str:
        return self.metric.partition(",")[0]

    @property
    def filter_name(self) -> str:
        return self.metric.partition(",")[2] or "none"

    def wants_chat_template(self, *, instruct: bool) -> bool:
        return self.chat_template == CHAT_FOR_INSTRUCT and instruct

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["tasks"] = list(self.tasks)
        return data


def protocol_from_harness(harness: dict[str, Any]) -> Protocol:
    """The protocol a catalogue `harness:` mapping describes; ProtocolError when inconsistent."""
    try:
        tasks, metric, shots = harness["tasks"], harness["metric"], harness["shots"]
    except KeyError as error:
        raise ProtocolError(f"A harness protocol needs {error.args[0]!r}.") from error
    sampling = harness.get("sampling")
    protocol = Protocol(
        tasks=tuple(tasks),
        metric=metric,
        shots=int(shots),
        output=harness.get("output", LOGLIKELIHOOD),
        cot=bool(harness.get("cot", False)),
        chat_template=harness.get("chat_template", CHAT_NEVER),
        fewshot_as_multiturn=bool(harness.get("fewshot_as_multiturn", False)),
        sampling=Sampling(**sampling) if sampling else None,
        unsafe_code=bool(harness.get("unsafe_code", False)),
        modality=harness.get("modality", TEXT),
        task_metadata=dict(harness.get("task_metadata") or {}),
        convention=harness.get("convention", ""),
        source=harness.get("source", ""),
    )
    _check(protocol)
    return protocol


def _check(protocol: Protocol) -> None:
    problems = []
    if not protocol.tasks:
        problems.append("no task")
    if "," not in protocol.metric:
        problems.append(f'metric {protocol.metric!r} is not "metric,filter"')
    if protocol.output not in OUTPUTS:
        problems.append(f"output {protocol.output!r} is not one of {OUTPUTS}")
    if protocol.chat_template not in CHAT_TEMPLATE_RULES:
        problems.append(f"chat_template {protocol.chat_template!r} not in {CHAT_TEMPLATE_RULES}")
    if protocol.modality not in MODALITIES:
        problems.append(f"modality {protocol.modality!r} is not one of {MODALITIES}")
    if protocol.cot and protocol.output != GENERATIVE:
        problems.append("chain of thought needs a generative task")
    if protocol.sampling is not None:
        if protocol.output != GENERATIVE:
            problems.append("sampling needs a generative task")
        if protocol.sampling.k < 1 or protocol.sampling.temperature <= 0:
            problems.append("sampling needs k >= 1 and a temperature above 0")
        if protocol.sampling.estimator not in ESTIMATORS:
            problems.append(f"estimator {protocol.sampling.estimator!r} not in {ESTIMATORS}")
    if problems:
        raise ProtocolError("; ".join(problems))


def is_instruct_model(*names: str) -> bool:
    """Whether a release is chat-tuned, from its name or repo id as the vendor spells them."""
    return any(_INSTRUCT_NAME.search(name or "") for name in names)
