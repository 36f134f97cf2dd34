"""Gzip-compressed crawls: inflated in bounded steps, so a small bomb is refused before it fills memory."""

from __future__ import annotations

import gzip
import io
import zlib

from streams.errors import RejectedInput

GZIP_MAGIC = b"\x1f\x8b\x08"
"""The gzip header with its one compression method, deflate."""


def is_gzip(raw: bytes) -> bool:
    """Whether the bytes are a gzip stream, which crawlers save pages as."""
    return raw.startswith(GZIP_MAGIC)


def gunzip(raw: bytes, limit: int) -> bytes:
    """The decompressed bytes, or a rejection once they pass `limit` (never more than that is inflated)."""
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(raw)) as archive:
            data = archive.read(limit + 1)
    except (OSError, EOFError, zlib.error) as error:
        raise RejectedInput(f"binary file: damaged gzip archive ({error})") from error
    if len(data) > limit:
        raise RejectedInput(f"too large: gzip expands beyond {limit:,} bytes")
    return data
