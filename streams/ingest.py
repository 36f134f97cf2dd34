"""The `news.raw` contract: which headers a producer may set and how the clean stage reads them."""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

import xxhash

from streams.records import RawMeta

HEADER_FILENAME = "filename"
HEADER_CONTENT_TYPE = "content-type"
HEADER_CRAWLED_AT = "crawled-at"
HEADER_INGEST_ID = "ingest-id"
"""Names one ingestion across re-sends: a file sent again after a restart keeps its document id."""
HEADER_OVERSIZE = "oversize"
"""The size in bytes of a file over the size limit, sent with an empty value instead of the file."""
HEADER_NOT_SENT = "not-sent"
"""Why the sender sent an empty value instead of the file; the clean stage rejects it with this reason."""


def file_headers(
    path: Path,
    crawled_at: datetime | None = None,
    *,
    content_type: str | None = None,
    ingest_id: str | None = None,
    oversize: int | None = None,
    limit: int | None = None,
    name: str | None = None,
) -> list[tuple[str, bytes]]:
    """Headers for a file dropped on `news.raw`, so the pipeline knows its name (`name`, by default the file's own, or
    its path under the folder it was found in), type, crawl time and identity; for a file not sent because it is
    over the sender's `limit`, its size and why (a worker's own limit may be larger)."""
    headers = [(HEADER_FILENAME, (name or path.name).encode("utf-8", "surrogateescape"))]
    kind = content_type or mimetypes.guess_type(path.name)[0]
    if kind:
        headers.append((HEADER_CONTENT_TYPE, kind.encode("ascii", "replace")))
    if crawled_at is not None:
        headers.append((HEADER_CRAWLED_AT, crawled_at.isoformat().encode("ascii")))
    if ingest_id is not None:
        headers.append((HEADER_INGEST_ID, ingest_id.encode("ascii")))
    if oversize is not None:
        headers.append((HEADER_OVERSIZE, str(oversize).encode("ascii")))
    if oversize is not None and limit is not None:
        headers.append((HEADER_NOT_SENT, too_large(oversize, limit).encode("utf-8")))
    return headers


def too_large(size: int, limit: int) -> str:
    """The rejection reason of a file over the size limit."""
    return f"too large: {size:,} bytes, limit {limit:,}"


def not_sent_reason(headers: Mapping[str, bytes]) -> str | None:
    """The sender's reason for sending no file, if it gave one."""
    for key, value in headers.items():
        if key.lower() == HEADER_NOT_SENT:
            return value.decode("utf-8", "replace")
    return None


def parse_time(value: str) -> datetime | None:
    """Read an ISO 8601 time, taking one without an offset as UTC; None when it is not a time."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def document_id(value: bytes, partition: int, offset: int, timestamp_ms: int, ingest_id: str | None = None) -> str:
    """Id of one ingestion: the same message re-delivered or re-sent keeps it, the same file dropped again does not."""
    if ingest_id:
        return ingest_document_id(ingest_id)
    digest = xxhash.xxh3_64()
    digest.update(f"{partition}:{offset}:{timestamp_ms}:".encode("ascii"))
    digest.update(value)
    return digest.hexdigest()


def ingest_document_id(ingest_id: str) -> str:
    """The document id a message with an `ingest-id` header gets, so its sender can wait for its account."""
    return xxhash.xxh3_64_hexdigest(f"ingest-id:{ingest_id}".encode())


def shown_name(name: str) -> str:
    """A file name as records and logs write it: bytes that are not UTF-8 as escapes ("bad-\\xff-name.txt"), so that
    two such names stay apart and any JSON or terminal can hold them."""
    return os.fsencode(name).decode("utf-8", "backslashreplace")


def raw_meta(value: bytes, headers: Mapping[str, bytes], partition: int, offset: int, timestamp_ms: int) -> RawMeta:
    """Everything the clean stage needs besides the bytes, taken from a `news.raw` message.

    A message without a timestamp (0 or below, as a producer that sets none may leave it) was ingested now, as far
    as anyone can tell: as 1970 it made every date on the page later than the crawl, so none was read.
    """
    text = {key.lower(): raw.decode("utf-8", "backslashreplace") for key, raw in headers.items()}  # see shown_name
    ingested = datetime.fromtimestamp(timestamp_ms / 1000, tz=UTC) if timestamp_ms > 0 else datetime.now(UTC)
    crawled = parse_time(text.get(HEADER_CRAWLED_AT, ""))
    oversize = text.get(HEADER_OVERSIZE, "")
    return RawMeta(
        document_id=document_id(value, partition, offset, timestamp_ms, text.get(HEADER_INGEST_ID)),
        filename=text.get(HEADER_FILENAME),
        content_type=text.get(HEADER_CONTENT_TYPE),
        size=int(oversize) if oversize.isdigit() else len(value),
        crawled_at=(crawled or ingested).isoformat(),
        ingested_at=ingested.isoformat(),
        crawled_at_source="header" if crawled else "ingest",
    )
