"""How a requested evaluation runs, beyond which model and which benchmarks: one value that the
API, the admin, the `evaluate` command and a repeat all hand to `evaluation_request`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .runner import RunSpec


@dataclass(frozen=True)
class RunOptions:
    """Every option a run request may choose; the defaults are the site's and the protocol's.

    `apply_chat_template` None follows each benchmark's protocol; `chat_template` names one of
    the tokenizer's templates. `sampling` ({k, temperature, top_p, estimator}) replaces the
    protocol's for a claim made in another setting. `limit` makes a smoke run, never used for
    verdicts. `force` runs again even when an identical run exists.
    """

    backend: str | None = None  # None: SCORECHECK_EVAL_DEFAULT_BACKEND
    limit: int | None = None
    force: bool = False
    apply_chat_template: bool | None = None
    chat_template: str = ""
    gen_kwargs: dict[str, Any] = field(default_factory=dict)
    dtype: str = "auto"
    batch_size: int | str | None = None
    tensor_parallel_size: int = 1
    data_parallel_size: int = 1
    device: str | None = None  # None: the worker picks
    model_args: dict[str, Any] = field(default_factory=dict)
    sampling: dict[str, Any] | None = None

    @classmethod
    def of_spec(cls, spec: RunSpec, *, force: bool = False) -> RunOptions:
        """The options a run was sent with, read back from its spec."""
        chat = spec.apply_chat_template
        return cls(
            backend=spec.backend,
            limit=spec.limit,
            force=force,
            apply_chat_template=bool(chat),
            chat_template=chat if isinstance(chat, str) else "",
            gen_kwargs=dict(spec.gen_kwargs),
            dtype=spec.dtype,
            batch_size=spec.batch_size,
            tensor_parallel_size=spec.tensor_parallel_size,
            data_parallel_size=spec.data_parallel_size,
            device=spec.device,
            model_args=dict(spec.model_args),
            sampling=next(iter(spec.sampling.values()), None),
        )
