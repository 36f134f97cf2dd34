"""Faust's sensor hooks feeding newswire's metrics, in seconds, for what Faust sees that the stages do not."""

from __future__ import annotations

import logging
import time
from typing import Any

import faust
from faust.types import TP, AppT, ConsumerT, Message, PendingMessage, ProducerT, RecordMetadata

from agents.ops.metrics import BUFFER_FULL, COMMIT_SECONDS, INGESTED_BYTES, PRODUCE_SECONDS, REBALANCES, REBALANCING
from streams import topics

log = logging.getLogger("newswire")
_NAMES = frozenset(spec.name for spec in topics.ALL)


class MetricsSensor(faust.Sensor):
    """Counts raw bytes read, rebalances, commit and produce latency, and full fetch buffers."""

    def on_message_in(self, tp: TP, offset: int, message: Message) -> None:
        """Count the bytes of each raw file read, whichever producer put it on news.raw."""
        if tp.topic == topics.RAW.name:
            INGESTED_BYTES.inc(len(message.value or b""))

    def on_topic_buffer_full(self, tp: TP) -> None:
        """Count backpressure: a stage too slow for what is fetched for it."""
        BUFFER_FULL.labels(tp.topic).inc()

    def on_commit_initiated(self, consumer: ConsumerT) -> float:
        """Start timing an offset commit."""
        return time.perf_counter()

    def on_commit_completed(self, consumer: ConsumerT, state: Any) -> None:
        """Observe how long the offset commit took."""
        COMMIT_SECONDS.observe(time.perf_counter() - state)

    def on_send_initiated(
        self, producer: ProducerT, topic: str, message: PendingMessage, keysize: int, valsize: int
    ) -> tuple[str, float]:
        """Start timing a send to the broker."""
        return topic, time.perf_counter()

    def on_send_completed(self, producer: ProducerT, state: Any, metadata: RecordMetadata) -> None:
        """Observe the time until the broker acknowledged the send."""
        topic, started = state
        PRODUCE_SECONDS.labels(topic).observe(time.perf_counter() - started)

    def on_rebalance_start(self, app: AppT) -> dict[str, Any]:
        """Mark the worker as rebalancing, count it, and say so in the log: its partitions wait meanwhile."""
        REBALANCES.inc()
        REBALANCING.set(1)
        log.info("rebalance: the consumer group is reassigning partitions; this worker's stages wait")
        return {"started": time.monotonic()}

    def on_rebalance_end(self, app: AppT, state: dict[str, Any]) -> None:
        """Mark the rebalance (and any table recovery) as over, and log what this worker now reads."""
        REBALANCING.set(0)
        owned = [tp for tp in app.consumer.assignment() if tp.topic in _NAMES]
        log.info(
            "rebalance done in %.1f s: generation %s, this worker reads %d partitions of newswire's topics",
            time.monotonic() - state["started"], app.consumer_generation_id, len(owned),
        )  # fmt: skip
