"""Gzip-compressed crawls: inflated in bounded steps, so a small bomb is refused before it fills memory."""

from __future__ import annotations

import gzip
import io
import zlib

from streams.errors import RejectedInput

GZIP_MAGIC = b"\x1f\x8b\x08"
"""The gzip header with its one compression method, deflate."""
MAX_LAYERS = 3
"""Gzip layers inflated one inside another, each up to the size limit; a deeper nest is no crawl's doing."""


def is_gzip(raw: bytes) -> bool:
    """Whether the bytes are a gzip stream, which crawlers save pages as."""
    return raw.startswith(GZIP_MAGIC)


def gunzip(raw: bytes, limit: int) -> bytes:
    """The decompressed bytes, or a rejection once they pass `limit` (never more than that is inflated).

    A gzip inside the gzip (a `.gz` file a server sent compressed again) is inflated too, up to `MAX_LAYERS`.
    """
    for _ in range(MAX_LAYERS):
        raw = _inflate(raw, limit)
        if not is_gzip(raw):
            return raw
    raise RejectedInput(f"binary file: gzip archive nested more than {MAX_LAYERS} deep")


def _inflate(raw: bytes, limit: int) -> bytes:
    """One gzip layer inflated, up to `limit` bytes."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as archive:
            data = archive.read(limit + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise RejectedInput(f"binary file: damaged gzip archive ({error})") from error
    if len(data) > limit:
        raise RejectedInput(f"too large: gzip expands beyond {limit:,} bytes")
    return data
