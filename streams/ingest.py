"""The `news.raw` contract: which headers a producer may set and how the clean stage reads them."""

from __future__ import annotations

import mimetypes
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import xxhash

from streams.records import RawMeta

HEADER_FILENAME = "filename"
HEADER_CONTENT_TYPE = "content-type"
HEADER_CRAWLED_AT = "crawled-at"


def file_headers(path: Path, crawled_at: datetime | None = None) -> list[tuple[str, bytes]]:
    """Headers for a file dropped on `news.raw`, so the pipeline knows its name, type and crawl time."""
    headers = [(HEADER_FILENAME, path.name.encode("utf-8"))]
    guessed, _ = mimetypes.guess_type(path.name)
    if guessed:
        headers.append((HEADER_CONTENT_TYPE, guessed.encode("ascii")))
    if crawled_at is not None:
        headers.append((HEADER_CRAWLED_AT, crawled_at.isoformat().encode("ascii")))
    return headers


def parse_time(value: str) -> datetime | None:
    """Read an ISO 8601 time, taking one without an offset as UTC; None when it is not a time."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def document_id(value: bytes, partition: int, offset: int, timestamp_ms: int) -> str:
    """Id of one ingestion: the same message re-delivered keeps it, the same file dropped again does not."""
    digest = xxhash.xxh3_64()
    digest.update(f"{partition}:{offset}:{timestamp_ms}:".encode("ascii"))
    digest.update(value)
    return digest.hexdigest()


def raw_meta(value: bytes, headers: Mapping[str, bytes], partition: int, offset: int, timestamp_ms: int) -> RawMeta:
    """Everything the clean stage needs besides the bytes, taken from a `news.raw` message."""
    text = {key.lower(): raw.decode("utf-8", "replace") for key, raw in headers.items()}
    ingested = datetime.fromtimestamp(timestamp_ms / 1000, tz=UTC)
    crawled = parse_time(text.get(HEADER_CRAWLED_AT, "")) or ingested
    return RawMeta(
        document_id=document_id(value, partition, offset, timestamp_ms),
        filename=text.get(HEADER_FILENAME),
        content_type=text.get(HEADER_CONTENT_TYPE),
        size=len(value),
        crawled_at=crawled.isoformat(),
        ingested_at=ingested.isoformat(),
    )
