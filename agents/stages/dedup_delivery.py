"""Delivering what one dedup message decided: its sends first, acknowledged by the broker, then its table writes."""

from __future__ import annotations

import logging

from faust.types import TopicT

from agents.ops.metrics import DUPLICATES, RECORDS_OUT
from agents.outputs import Outgoing, deliver_all, reject_article
from streams.dedup import Send, Step

STAGE = "dedup"
log = logging.getLogger("newswire")


async def deliver_step(outlets: dict[str, TopicT], rejected: TopicT, step: Step) -> None:
    """Send a step's messages in order, wait until the broker has them all, then write the tables.

    The sends go out now rather than attached to the incoming message, so the broker has them before the
    state changes. An article the broker refuses (too large) goes to `news.rejected` in its place.
    """
    sends = [Outgoing(outlets[send.topic], send.key, send.value, send.partition) for send in step.sends]
    for send, refused in zip(step.sends, await deliver_all(sends), strict=True):
        if refused is not None:
            await _undelivered(rejected, send, refused.reason)
            continue
        if send.topic in ("unique", "duplicates"):
            RECORDS_OUT.labels(STAGE, outlets[send.topic].get_topic_name()).inc()
        if send.topic == "duplicates":
            DUPLICATES.labels(send.value["duplicate_kind"]).inc()
    step.commit()


async def _undelivered(rejected: TopicT, send: Send, reason: str) -> None:
    """Account for a message the broker did not take: an article is rejected, an internal message logged."""
    if send.topic not in ("unique", "duplicates"):
        log.error("dedup %s message for %s not sent: %s", send.topic, send.key, reason)
        return
    article = send.value
    await reject_article(STAGE, rejected, article, reason)
