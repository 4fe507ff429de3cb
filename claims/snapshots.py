"""Snapshots: the immutable bytes a source was read from, stored once per content."""

import hashlib

from django.db import IntegrityError, transaction

from .models import Snapshot


def decode_text(content: bytes, *, declared_encoding: str | None) -> tuple[str, str]:
    """Decode `content`, trusting a declared charset only when it decodes cleanly."""
    for encoding in (declared_encoding, "utf-8"):
        if not encoding:
            continue
        try:
            return content.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    return content.decode("cp1252", errors="replace"), "cp1252"


def snapshot_store(
    *, content: bytes, content_type: str, declared_encoding: str | None = None
) -> Snapshot:
    """The snapshot of `content`, creating it if these exact bytes were never stored."""
    digest = hashlib.sha256(content).hexdigest()
    existing = Snapshot.objects.filter(sha256=digest).first()
    if existing is not None:
        return existing
    text, encoding = decode_text(content, declared_encoding=declared_encoding)
    try:
        with transaction.atomic():
            return Snapshot.objects.create(
                sha256=digest,
                content=content,
                content_type=content_type[:200],
                encoding=encoding,
                text=text.replace("\x00", "\ufffd"),
                size=len(content),
            )
    except IntegrityError:
        return Snapshot.objects.get(sha256=digest)
