"""Consumer lag of the partitions a worker owns, in records and in seconds, measured against the broker."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import faust
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from agents.end_offsets import true_ends
from agents.ops.metrics import ASSIGNED_PARTITIONS, BROKER_UP, LAG_RECORDS, LAG_SECONDS
from streams.pipeline import READERS
from streams.security import Security
from streams.settings import kafka_options

log = logging.getLogger("newswire")
INTERVAL = 10.0
REQUEST_TIMEOUT_MS = 5000


@dataclass(frozen=True, slots=True)
class PartitionLag:
    """How far the group is behind on one partition."""

    topic: str
    partition: int
    records: int
    seconds: float | None


class LagProbe:
    """Reads the group's committed offsets and the log ends, and dates the oldest record not yet committed."""

    def __init__(self, broker_url: str, group: str, security: Security, *, tansu: bool) -> None:
        self.group = group
        self.tansu = tansu
        self._admin = AIOKafkaAdminClient(**kafka_options(broker_url, security), request_timeout_ms=REQUEST_TIMEOUT_MS)
        self._consumer = AIOKafkaConsumer(
            **kafka_options(broker_url, security),
            group_id=None,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            request_timeout_ms=REQUEST_TIMEOUT_MS,
        )
        self._admin_started = False
        self._consumer_started = False

    async def start(self) -> None:
        """Connect both clients; safe to call again after a failed attempt."""
        if not self._admin_started:
            await self._admin.start()
            self._admin_started = True
        if not self._consumer_started:
            await self._consumer.start()
            self._consumer_started = True

    async def stop(self) -> None:
        """Close the clients that were connected."""
        if self._consumer_started:
            await self._consumer.stop()
        if self._admin_started:
            await self._admin.close()
        self._admin_started = self._consumer_started = False

    async def measure(self, partitions: Iterable[TopicPartition]) -> list[PartitionLag]:
        """Lag of each partition: log end minus the group's committed offset (the log start if none)."""
        wanted = sorted(partitions)
        await self.start()
        if not wanted:
            await self._consumer.topics()  # still a round trip, so a lost broker shows before any assignment
            return []
        committed = await self._admin.list_consumer_group_offsets(self.group, partitions=wanted)
        ends: Mapping[TopicPartition, int] = await self._consumer.end_offsets(wanted)
        if self.tansu:
            ends = await true_ends(self._consumer, ends, REQUEST_TIMEOUT_MS / 1000)
        starts: Mapping[TopicPartition, int] = await self._consumer.beginning_offsets(wanted)
        now = time.time()
        result = []
        for tp in wanted:
            meta = committed.get(tp)
            position = meta.offset if meta is not None and meta.offset >= 0 else starts[tp]
            records = max(ends[tp] - position, 0)
            seconds = await self._age(tp, position, now) if records else 0.0
            result.append(PartitionLag(tp.topic, tp.partition, records, seconds))
        return result

    async def _age(self, tp: TopicPartition, offset: int, now: float) -> float | None:
        """Seconds since the record at `offset` was produced; None when it could not be fetched in time."""
        self._consumer.assign([tp])
        self._consumer.seek(tp, offset)
        batch = await self._consumer.getmany(tp, timeout_ms=REQUEST_TIMEOUT_MS, max_records=1)
        records = batch.get(tp)
        if not records:
            return None
        return max(now - float(records[0].timestamp) / 1000, 0.0)


class LagGauges:
    """Publishes measured lag, dropping the series of partitions this worker no longer owns."""

    def __init__(self, stages: Mapping[str, str]) -> None:
        self.stages = stages
        self._shown: set[tuple[str, str, str]] = set()

    def publish(self, lags: Iterable[PartitionLag]) -> None:
        """Set the gauges of each partition measured and remove those of partitions given away."""
        shown = set()
        for lag in lags:
            labels = (lag.topic, str(lag.partition), self.stages.get(lag.topic, "other"))
            shown.add(labels)
            LAG_RECORDS.labels(*labels).set(lag.records)
            if lag.seconds is not None:
                LAG_SECONDS.labels(*labels).set(lag.seconds)
        for labels in self._shown - shown:
            LAG_RECORDS.remove(*labels)
            LAG_SECONDS.remove(*labels)
        self._shown = shown
        ASSIGNED_PARTITIONS.set(len(shown))


def register(app: faust.App, broker_url: str, security: Security, *, tansu: bool, interval: float = INTERVAL) -> None:
    """Measure the lag of the worker's own partitions every `interval` seconds while the app runs."""

    @app.task  # type: ignore[untyped-decorator]
    async def measure_lag() -> None:
        probe = LagProbe(broker_url, app.conf.id, security, tansu=tansu)
        gauges = LagGauges(READERS)
        try:
            while True:
                owned = {TopicPartition(tp.topic, tp.partition) for tp in app.assignor.assigned_actives()}
                try:
                    lags = await probe.measure(tp for tp in owned if tp.topic in gauges.stages)
                except (KafkaError, OSError, TimeoutError) as exc:
                    BROKER_UP.set(0)
                    log.warning("could not measure consumer lag: %s", exc)
                else:
                    BROKER_UP.set(1)
                    gauges.publish(lags)
                await asyncio.sleep(interval)
        finally:
            await probe.stop()
