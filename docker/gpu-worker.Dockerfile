# GPU workers: lm-eval with in-process vLLM, in an environment of its own.
# vLLM pins its own torch and transformers (CUDA builds), so this image never shares an
# environment with the CPU `eval` stack of the web tier and the test suite.
# It runs `evaluator.gpu_app` only: broker only, no database credentials (docs/EVALUATION.md).
ARG CUDA_VERSION=12.8.1
# The base image's CUDA runtime is unused: torch and vLLM bring theirs as wheels; the NVIDIA
# container runtime mounts the host's driver (and nvidia-smi, recorded as hardware) at start.
FROM nvidia/cuda:${CUDA_VERSION}-base-ubuntu22.04

ENV DEBIAN_FRONTEND=noninteractive \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    UV_PYTHON_INSTALL_DIR=/opt/python \
    UV_LINK_MODE=copy \
    VIRTUAL_ENV=/opt/venv \
    PATH=/opt/venv/bin:$PATH \
    HF_HOME=/models

# A C compiler: Triton compiles its kernels (vLLM's, torch.compile's) when they first run.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates build-essential \
    && rm -rf /var/lib/apt/lists/*
# Ubuntu 22.04 ships Python 3.10; the project needs 3.11, installed by uv (standalone build).
COPY --from=ghcr.io/astral-sh/uv:0.8 /uv /usr/local/bin/uv
RUN uv venv --python 3.11 /opt/venv

WORKDIR /app
# Only the evaluator package: the worker imports nothing else of the project.
COPY pyproject.toml README.md ./
COPY evaluator ./evaluator
RUN uv pip install --no-cache ".[gpu]" \
    && python -c "import lm_eval, evaluator.gpu_app; from importlib.metadata import version; version('vllm')"

# /data/media: the site's media volume, where samples archives are written (compose).
RUN useradd --create-home scorecheck && mkdir -p /models /data/media \
    && chown scorecheck /models /data/media
USER scorecheck
VOLUME ["/models"]

# One evaluation at a time per GPU; late acks and prefetch 1 are also set in evaluator/gpu_app.py.
# SCORECHECK_GPU_CLASS names the worker's GPU memory class; it consumes that class's queues and
# those of the smaller classes its cards can also hold (evaluator/routing.py).
ENV SCORECHECK_GPU_CLASS=gpu-24g
CMD ["sh", "-c", "exec celery -A evaluator.gpu_app worker -Q \"$(python -m evaluator.routing \"$SCORECHECK_GPU_CLASS\")\" --concurrency 1 --prefetch-multiplier 1 -n \"$SCORECHECK_GPU_CLASS@%h\" -l info"]
