"""docker-compose.yml starts one GPU worker service per memory class, one card per worker."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings

from evaluator.routing import GPU_CLASSES, queues_served_by

COMPOSE = Path(settings.BASE_DIR) / "docker-compose.yml"


@pytest.fixture(scope="module")
def services() -> dict:
    return yaml.safe_load(COMPOSE.read_text())["services"]


def _devices(service: dict) -> dict:
    [device] = service["deploy"]["resources"]["reservations"]["devices"]
    return device


@pytest.mark.parametrize("gpu_class", GPU_CLASSES, ids=lambda c: c.name)
def test_each_gpu_class_has_a_worker_service_of_its_own(services, gpu_class) -> None:
    service = services[gpu_class.name]
    assert service["environment"]["SCORECHECK_GPU_CLASS"] == gpu_class.name
    assert service["profiles"] == [gpu_class.name]
    assert "evaluator.gpu_app" in service["command"]


@pytest.mark.parametrize("gpu_class", GPU_CLASSES, ids=lambda c: c.name)
def test_a_gpu_worker_holds_exactly_the_cards_of_its_class(services, gpu_class) -> None:
    devices = _devices(services[gpu_class.name])
    if gpu_class.gpus == 1:
        # Pinned by id: `count: 1` would hand every container the same first card.
        assert len(devices["device_ids"]) == 1
        assert "count" not in devices
    else:
        assert devices["count"] == gpu_class.gpus


def test_single_card_workers_pin_a_card_chosen_per_service(services) -> None:
    pinned = [_devices(services[c.name])["device_ids"][0] for c in GPU_CLASSES if c.gpus == 1]
    assert len(set(pinned)) == len(pinned)
    assert all(card.startswith("${GPU_") for card in pinned)


def test_gpu_workers_hold_no_database_credentials(services) -> None:
    for gpu_class in GPU_CLASSES:
        environment = services[gpu_class.name]["environment"]
        assert not {"DATABASE_URL", "SECRET_KEY"} & set(environment)


def test_gpu_workers_write_samples_to_the_media_volume_the_site_reads(services) -> None:
    site = services["worker"]
    for gpu_class in GPU_CLASSES:
        service = services[gpu_class.name]
        storage = service["environment"]["SCORECHECK_SAMPLES_STORAGE"]
        assert storage.endswith(f"file://{site['environment']['MEDIA_ROOT']}}}")
        assert f"media:{site['environment']['MEDIA_ROOT']}" in service["volumes"]


@pytest.mark.parametrize("name", ["gpu-24g", "gpu-2x80g"])
def test_the_worker_command_consumes_the_queues_of_its_class(services, name) -> None:
    """The service's command as compose hands it to the shell ($$ is compose's escaped $),
    echoed instead of started."""
    command = services[name]["command"].replace("$$", "$").replace("exec celery", "exec echo")
    completed = subprocess.run(
        ["sh", "-c", command],
        cwd=settings.BASE_DIR,
        env={**os.environ, **services[name]["environment"], "PATH": _python_first_path()},
        capture_output=True,
        text=True,
        check=True,
    )
    words = completed.stdout.split()
    assert words[words.index("-Q") + 1] == ",".join(queues_served_by(name))
    assert words[words.index("-n") + 1] == f"{name}@%h"


def _python_first_path() -> str:
    return os.pathsep.join([str(Path(sys.executable).parent), os.environ.get("PATH", "")])
