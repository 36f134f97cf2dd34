"""Sending from agents: counted, and rejections shaped alike whichever stage gives up on a record."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

from agents.metrics import RECORDS_FAILED, RECORDS_OUT, REJECTED, fold_reason
from streams.errors import RejectedInput
from streams.records import Rejection

log = logging.getLogger("newswire")


async def send(stage: str, topic: Any, key: str, value: Any) -> None:
    """Send one record and count it as the stage's output."""
    await topic.send(key=key, value=value)
    RECORDS_OUT.labels(stage, topic.get_topic_name()).inc()


def failure_reason(exc: Exception) -> str:
    """The reason users read: the stage's own for bad input, the error itself (logged in full) for a bug."""
    if isinstance(exc, RejectedInput):
        return exc.reason
    log.error("internal error", exc_info=exc)
    return f"internal error: {exc!r}"


async def reject(
    stage: str,
    topic: Any,
    *,
    document_id: str,
    filename: str | None,
    size: int,
    reason: str,
    record_id: str | None = None,
) -> None:
    """Put what a stage could not process on `news.rejected` with the reason, so nothing is lost."""
    record = Rejection(
        document_id=document_id,
        filename=filename,
        stage=stage,
        reason=reason,
        size=size,
        rejected_at=datetime.now(UTC).isoformat(),
    )
    if record_id is not None:
        record["record_id"] = record_id
    log.warning("rejected %s in %s: %s", filename or document_id, stage, reason)
    RECORDS_FAILED.labels(stage).inc()
    REJECTED.labels(fold_reason(reason)).inc()
    await send(stage, topic, document_id, record)
