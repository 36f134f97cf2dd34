"""Reading `news.accounts` from its end: how the inbox and `newswire ingest --wait` learn what became of their files."""

from __future__ import annotations

import logging
import time
from collections.abc import AsyncIterator
from types import TracebackType

import orjson
from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.errors import KafkaError

from agents import kafka
from agents.fetching import BUSY_MS, BUSY_SECONDS, set_fetch_wait
from streams import topics
from streams.ledger import Account
from streams.security import Security
from streams.settings import kafka_options

log = logging.getLogger("newswire")
FETCH_WAIT_MS = 1000
"""How long an empty fetch may wait once no account came for a while: fewer empty fetches while idle."""


class AccountReader:
    """Every partition of `news.accounts`, read from where it ended when the reader started.

    Start it before sending: an account cannot come before its file is sent, so none is missed. Like the
    workers' consumer (`agents.fetching`), it fetches with a short wait while accounts come, since tansu
    answers a waiting fetch only at half its wait, and with the long one until the first and once idle.
    """

    def __init__(self, broker_url: str, security: Security) -> None:
        self._consumer = AIOKafkaConsumer(
            **kafka_options(broker_url, security), group_id=None, enable_auto_commit=False,
            fetch_max_wait_ms=FETCH_WAIT_MS,
        )  # fmt: skip
        self._last = float("-inf")

    async def __aenter__(self) -> AccountReader:
        await self._consumer.start()
        # The consumer knows only the topics it has asked about (Kafka answers a request for none with none; tansu
        # with all), so ask about every topic once, which also creates none.
        cluster = await self._consumer._client.fetch_all_metadata()
        partitions = cluster.partitions_for_topic(topics.ACCOUNTS.name) or set()
        if not partitions:
            await self._consumer.stop()
            raise KafkaError(f"topic {topics.ACCOUNTS.name} not found: is this a newswire broker?")
        assigned = [TopicPartition(topics.ACCOUNTS.name, partition) for partition in sorted(partitions)]
        self._consumer.assign(assigned)
        await self._consumer.seek_to_end(*assigned)
        for tp in assigned:  # resolve the positions now, not at the first fetch
            await self._consumer.position(tp)
        return self

    async def __aexit__(
        self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        """Stop reading."""
        await kafka.stop_consumer(self._consumer)

    async def batch(self, timeout: float) -> list[Account]:
        """The accounts that arrived, waiting up to `timeout` seconds for the first."""
        fetched = await self._consumer.getmany(timeout_ms=int(timeout * 1000))
        self._pace(bool(fetched), time.monotonic())
        accounts = []
        for records in fetched.values():
            for record in records:
                try:
                    accounts.append(orjson.loads(record.value or b""))
                except orjson.JSONDecodeError:
                    log.warning("unreadable record on %s at offset %d", topics.ACCOUNTS.name, record.offset)
        return accounts

    def _pace(self, arrived: bool, now: float) -> None:
        """Fetch with the short wait while accounts come, and with the long one `BUSY_SECONDS` after the last."""
        self._last = now if arrived else self._last
        set_fetch_wait(self._consumer, BUSY_MS if now - self._last < BUSY_SECONDS else FETCH_WAIT_MS)

    async def __aiter__(self) -> AsyncIterator[Account]:
        while True:
            for account in await self.batch(1.0):
                yield account
