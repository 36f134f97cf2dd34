"""Sending from agents: delivered before going on, counted, and rejections shaped alike whichever stage gives up."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Sequence
from typing import NamedTuple

from aiokafka.errors import KafkaError, MessageSizeTooLargeError
from faust.exceptions import ProducerSendError
from faust.types import RecordMetadata, TopicT

from agents.ops.metrics import RECORDS_FAILED, RECORDS_OUT, REJECTED, fold_reason
from streams.errors import RejectedInput
from streams.records import Article, Rejection, rejection

log = logging.getLogger("newswire")
Key = str | bytes | None
Headers = list[tuple[str, bytes]]


async def enqueue(
    topic: TopicT, key: Key, value: object, *, partition: int | None = None, headers: Headers | None = None
) -> Awaitable[RecordMetadata]:
    """Hand one record to the producer now; return what completes with the broker's acknowledgement.

    Sends are forced out rather than attached to the incoming message (Faust's default publishes those
    when its offset is committed, where a refusal crashes the whole app instead of failing one record).
    """
    try:
        return await topic.send(key=key, value=value, partition=partition, headers=headers, force=True)
    except (ProducerSendError, KafkaError) as exc:
        raise RejectedInput(send_failure(topic.get_topic_name(), exc)) from exc


async def acknowledged(topic: TopicT, pending: Awaitable[RecordMetadata]) -> None:
    """Wait for a record handed to the producer to be on the broker; a refusal raises `RejectedInput`."""
    try:
        await pending
    except (ProducerSendError, KafkaError) as exc:
        raise RejectedInput(send_failure(topic.get_topic_name(), exc)) from exc


async def deliver(
    topic: TopicT, key: Key, value: object, *, partition: int | None = None, headers: Headers | None = None
) -> None:
    """Send one record and wait until the broker has it; a refusal raises `RejectedInput`."""
    await acknowledged(topic, await enqueue(topic, key, value, partition=partition, headers=headers))


class Outgoing(NamedTuple):
    """One record to send: where, under which key, and optionally to which partition."""

    topic: TopicT
    key: Key
    value: object
    partition: int | None = None


async def deliver_all(records: Sequence[Outgoing]) -> list[RejectedInput | None]:
    """Hand records to the producer together, then wait until the broker has them all.

    One wait for the lot rather than one per record, so they travel in one request rather than one each.
    Returns, per record in order, why the broker refused it, or None when it has it.
    """
    pending: list[Awaitable[RecordMetadata] | RejectedInput] = []
    for record in records:
        try:
            pending.append(await enqueue(record.topic, record.key, record.value, partition=record.partition))
        except Exception as exc:  # also a bug, such as a value the codec cannot write: this record, not the rest
            pending.append(_refusal(exc))
    outcomes: list[RejectedInput | None] = []
    for record, waiting in zip(records, pending, strict=True):
        if isinstance(waiting, RejectedInput):
            outcomes.append(waiting)
            continue
        try:
            await acknowledged(record.topic, waiting)
        except Exception as exc:
            outcomes.append(_refusal(exc))
        else:
            outcomes.append(None)
    return outcomes


def _refusal(exc: Exception) -> RejectedInput:
    """A failed send as the reason its record is refused: the sender's own, or the failure's for a bug."""
    return exc if isinstance(exc, RejectedInput) else RejectedInput(failure_reason(exc))


def send_failure(topic: str, exc: BaseException) -> str:
    """Why a record could not be sent, as users read it: too large, or the broker's refusal in one line."""
    cause = exc.__cause__ if isinstance(exc, ProducerSendError) and exc.__cause__ else exc
    if isinstance(cause, MessageSizeTooLargeError) or "MessageSizeTooLarge" in repr(cause):
        return f"too large: the record for {topic} is over the message size limit (NEWSWIRE_MAX_FILE_BYTES)"
    return f"not sent: {topic} refused the record: {type(cause).__name__}"


async def send(stage: str, topic: TopicT, key: str, value: object) -> None:
    """Send one record, wait until the broker has it, and count it as the stage's output."""
    await deliver(topic, key, value)
    RECORDS_OUT.labels(stage, topic.get_topic_name()).inc()


def failure_reason(exc: Exception) -> str:
    """The reason users read: the stage's own for bad input, the error itself (logged in full) for a bug."""
    if isinstance(exc, RejectedInput):
        return exc.reason
    log.error("internal error", exc_info=exc)
    return f"internal error: {exc!r}"


async def reject(topic: TopicT, record: Rejection) -> None:
    """Put what a stage could not process on `news.rejected` with the reason, so nothing is lost.

    A rejection that cannot be sent either (the broker is gone) is logged; its file keeps no account,
    which the inbox answers by sending the file again at the next start.
    """
    stage, name = record["stage"], record["filename"] or record["document_id"]
    log.warning("rejected %s in %s: %s", name, stage, record["reason"])
    RECORDS_FAILED.labels(stage).inc()
    REJECTED.labels(fold_reason(record["reason"])).inc()
    try:
        await send(stage, topic, record["document_id"], record)
    except RejectedInput as exc:
        log.error("could not send the rejection of %s in %s: %s", name, stage, exc.reason)


async def reject_article(stage: str, topic: TopicT, article: Article, reason: str) -> None:
    """Reject one article of a document (its file's other articles go on)."""
    await reject(topic, rejection(stage, document_id=article["document_id"], filename=article["source"]["filename"],
                                  size=len(article["body"]), reason=reason, record_id=article["id"],
                                  position=article["position"]))  # fmt: skip
