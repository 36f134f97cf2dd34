"""True log ends on tansu, which reports a partition's end as the base offset of its last record batch plus one.

That is the end Kafka means (one past the last record) only when the last batch holds one record. Table
recovery reads a changelog up to the reported end, and lag is measured against it, so on tansu both read
the last batch to find the end; with this, producers batch records on tansu as they do on Kafka.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Mapping

import faust
from aiokafka import AIOKafkaConsumer, TopicPartition
from faust.types import TP

from streams.settings import kafka_bootstrap

log = logging.getLogger("newswire")
TIMEOUT_SECONDS = 10.0


async def true_ends(
    consumer: AIOKafkaConsumer, reported: Mapping[TopicPartition, int], timeout: float = TIMEOUT_SECONDS
) -> dict[TopicPartition, int]:
    """One past the last record of each partition, read from its last batch with a consumer outside any group."""
    ends = dict(reported)
    pending = {tp for tp, end in reported.items() if end > 0}
    if not pending:
        return ends
    consumer.assign(sorted(pending))
    for tp in pending:
        consumer.seek(tp, reported[tp] - 1)
    deadline = asyncio.get_running_loop().time() + timeout
    while pending and (left := deadline - asyncio.get_running_loop().time()) > 0:
        batch = await consumer.getmany(*pending, timeout_ms=int(left * 1000))
        for tp, records in batch.items():
            if records:
                ends[tp] = max(ends[tp], records[-1].offset + 1)
                pending.discard(tp)
    if pending:
        log.warning("could not read the last batch of %s within %.0f s: using the broker's end offsets",
                    ", ".join(f"{tp.topic}[{tp.partition}]" for tp in sorted(pending)), timeout)  # fmt: skip
    return ends


def correct_highwaters(app: faust.App, broker_url: str) -> None:
    """Make Faust's table recovery read a changelog to its true end on tansu, whatever its batches hold."""
    consumer = app.consumer
    reported_highwaters = consumer.highwaters

    async def highwaters(*partitions: TP) -> Mapping[TP, int]:
        reported = await reported_highwaters(*partitions)
        wanted = {TopicPartition(tp.topic, tp.partition): end for tp, end in reported.items() if end}
        if not wanted:
            return reported  # empty changelogs (a new broker life): nothing to read, no client to start
        reader = AIOKafkaConsumer(bootstrap_servers=kafka_bootstrap(broker_url), group_id=None,
                                  enable_auto_commit=False)  # fmt: skip
        await reader.start()
        try:
            ends = await true_ends(reader, wanted)
        finally:
            await reader.stop()
        return {tp: ends.get(TopicPartition(tp.topic, tp.partition), end) for tp, end in reported.items()}

    consumer.highwaters = highwaters  # type: ignore[method-assign]
