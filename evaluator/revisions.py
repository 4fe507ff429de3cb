"""Pin a model to the exact weights evaluated: a commit sha, never a branch name.

A Hugging Face repo's revision ("main", a tag, a short sha) is resolved to the full commit
sha through the hub API. A local folder has no commit, so its revision is a content hash:
sha1 over the sorted relative paths and the sha256 of every file, 40 hex characters like a
git sha so both fit the same column. Importable without Django.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

SHA_RE = re.compile(r"^[0-9a-f]{40}$")
_SKIPPED_DIRS = {".git", ".cache", "__pycache__"}


class RevisionError(Exception):
    """The revision cannot be resolved or checked: gated, missing, unreachable, or changed."""


def is_local_model(reference: str) -> bool:
    """A local folder (absolute or explicitly relative path) rather than a hub repo id."""
    return reference.startswith(("/", "./", "../", "~")) or os.path.isdir(reference)


def folder_content_sha(folder: str | Path) -> str:
    """Content hash of every file under `folder` (names and bytes), as 40 hex characters."""
    root = Path(folder).expanduser()
    if not root.is_dir():
        raise RevisionError(f"Model folder {root} does not exist.")
    digest = hashlib.sha1(usedforsecurity=False)
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        relative = path.relative_to(root)
        if _SKIPPED_DIRS.intersection(relative.parts):
            continue
        file_digest = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                file_digest.update(chunk)
        digest.update(f"{relative.as_posix()}\0{file_digest.hexdigest()}\n".encode())
    return digest.hexdigest()


def revision_resolve(repo: str, revision: str = "main", *, token: str | None = None) -> str:
    """The commit sha that `revision` of `repo` points to now (or the folder's content hash)."""
    if is_local_model(repo):
        return folder_content_sha(repo)
    try:
        from huggingface_hub import HfApi
        from huggingface_hub.errors import (
            GatedRepoError,
            RepositoryNotFoundError,
            RevisionNotFoundError,
        )
    except ImportError as error:  # the web tier without the eval extra
        raise RevisionError(
            "huggingface_hub is not installed: pin the revision (a commit sha) in the catalogue."
        ) from error
    try:
        info = HfApi(token=token or None).model_info(repo, revision=revision or "main")
    except GatedRepoError as error:
        raise RevisionError(f"{repo} is gated: access must be granted first.") from error
    except RevisionNotFoundError as error:
        raise RevisionError(f"{repo} has no revision {revision!r}.") from error
    except RepositoryNotFoundError as error:
        raise RevisionError(f"{repo} does not exist on the hub (or is private).") from error
    except Exception as error:  # network failures: retry later, not a property of the model
        raise RevisionError(f"Could not reach the hub for {repo}: {error}") from error
    if not info.sha or not SHA_RE.match(info.sha):
        raise RevisionError(f"The hub returned no commit sha for {repo}@{revision}.")
    return info.sha
