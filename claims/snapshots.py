"""Snapshots: the immutable bytes a source was read from, stored once per content."""

import hashlib

from django.db import IntegrityError, transaction

from .models import Snapshot


def decode_text(content: bytes, *, declared_encoding: str | None) -> tuple[str, str]:
    """Decode `content`, trusting a declared charset only when it decodes cleanly.

    NUL characters become U+FFFD: PostgreSQL text cannot hold them. A leading byte-order mark
    is dropped: it is not text, and a model card's front matter must start the text.
    """
    for encoding in (declared_encoding, "utf-8"):
        if not encoding:
            continue
        try:
            return _clean(content.decode(encoding)), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    return _clean(content.decode("cp1252", errors="replace")), "cp1252"


def _clean(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\x00", "\ufffd")


def snapshot_store(
    *,
    content: bytes,
    content_type: str,
    declared_encoding: str | None = None,
    text: str | None = None,
) -> Snapshot:
    """The snapshot of `content`, creating it if these exact bytes were never stored.

    `text` is what claim offsets will index: the parser's reading of the content (for HTML,
    its visible text); by default the content decoded.
    """
    digest = hashlib.sha256(content).hexdigest()
    existing = Snapshot.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    decoded, encoding = decode_text(content, declared_encoding=declared_encoding)
    text = decoded if text is None else text
    try:
        with transaction.atomic():
            return Snapshot.objects.create(
                sha256=digest,
                content=content,
                content_type=content_type[:200],
                encoding=encoding,
                text=text,
                size=len(content),
            )
    except IntegrityError:
        return Snapshot.objects.get(sha256=digest)
