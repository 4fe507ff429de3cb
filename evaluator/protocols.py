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


@dataclass(frozen=True)
class ProtocolPlan:
    """The run settings the protocols of one request call for."""

    apply_chat_template: bool
    fewshot_as_multiturn: bool
    sampling: dict[str, dict[str, Any]]  # task -> Sampling as a dict
    unsafe_code: bool
    task_metadata: dict[str, Any]


def sampling_from(data: dict[str, Any]) -> Sampling:
    """A requested sampling setting, checked; ProtocolError names what is wrong."""
    unknown = set(data) - {"k", "temperature", "top_p", "estimator"}
    if unknown:
        raise ProtocolError(f"Sampling takes k, temperature, top_p and estimator, not {unknown}.")
    try:
        sampling = Sampling(
            k=int(data["k"]),
            temperature=float(data["temperature"]),
            top_p=float(data.get("top_p", 1.0)),
            estimator=data.get("estimator", AVG_AT_K),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise ProtocolError(f"Sampling needs a whole k and a temperature ({error}).") from error
    if sampling.k < 1 or sampling.temperature <= 0 or not 0 < sampling.top_p <= 1:
        raise ProtocolError("Sampling needs k >= 1, a temperature above 0 and 0 < top_p <= 1.")
    if sampling.estimator not in ESTIMATORS:
        raise ProtocolError(f"The estimator is one of {', '.join(ESTIMATORS)}.")
    return sampling


def protocol_plan(
    protocols: list[Protocol], *, instruct: bool, sampling: dict[str, Any] | None = None
) -> ProtocolPlan:
    """One set of run settings for `protocols`, or ProtocolError when they need different
    chat templates (one lm-eval call applies one). `sampling` replaces the protocols' own for
    their generative tasks: a claim made in another setting is measured in its own."""
    chat = {p.wants_chat_template(instruct=instruct) for p in protocols}
    if len(chat) > 1:
        raise ProtocolError(
            "These benchmarks are measured with and without the chat template; "
            "request them separately."
        )
    override = sampling_from(sampling) if sampling else None
    if override and not any(p.output == GENERATIVE for p in protocols):
        raise ProtocolError("Sampling applies to generative benchmarks only.")
    sampled: dict[str, dict[str, Any]] = {}
    metadata: dict[str, Any] = {}
    for protocol in protocols:
        chosen = override if override and protocol.output == GENERATIVE else protocol.sampling
        if chosen is not None:
            sampled |= {task: asdict(chosen) for task in protocol.tasks}
        metadata |= protocol.task_metadata
    return ProtocolPlan(
        apply_chat_template=chat.pop() if chat else False,
        fewshot_as_multiturn=any(p.fewshot_as_multiturn for p in protocols),
        sampling=sampled,
        unsafe_code=any(p.unsafe_code for p in protocols),
        task_metadata=metadata,
    )
