"""Reading `news.accounts`: how the inbox, the out folder and `newswire ingest --wait` learn what became of files.

`ingest --wait` reads from where the topic ended when it started: it sends its files after. The daemon resumes
where it had read to, kept in its state folder (`ReadPositions`), and otherwise reads from the accounts sent since
it started: its ledger may give an account (of a note left over from before a stop) before the reader is up, and
an account given as the previous daemon stopped may not have been read by it.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
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
POSITIONS_FILE = "accounts-read.json"
CLOCK_SLACK_MS = 10_000
"""How far before the daemon's start a fresh reader begins: a peer worker's clock may be behind this one's."""


@dataclass(frozen=True, slots=True)
class Resume:
    """Where a reader starts: each partition at its saved position, else at the first account sent since a time."""

    since_ms: int
    positions: Mapping[int, int] = field(default_factory=dict)


class ReadPositions:
    """The daemon's read positions on `news.accounts`, in its state folder, for the broker they were read on.

    The embedded broker is a new one (with a new cluster id) at every start, so positions of another cluster are
    not used: every account on a new broker was sent since the start.
    """

    def __init__(self, state_dir: Path, cluster_id: str) -> None:
        self.path = state_dir / POSITIONS_FILE
        self.cluster_id = cluster_id

    def resume(self, started: float) -> Resume:
        """Where to start reading: the saved positions, if they are of this broker; else the accounts sent since
        the daemon `started` (a Unix time), give or take `CLOCK_SLACK_MS`."""
        since_ms = int(started * 1000) - CLOCK_SLACK_MS
        saved: object = None
        try:
            saved = orjson.loads(self.path.read_bytes())
        except FileNotFoundError:
            pass
        except (OSError, orjson.JSONDecodeError) as exc:
            log.warning(
                "read positions in %s not used (%s): reading the accounts given since the start", self.path, exc
            )
        if not isinstance(saved, dict) or saved.get("cluster_id") != self.cluster_id:
            return Resume(since_ms)
        try:
            return Resume(since_ms, {int(partition): int(offset) for partition, offset in saved["positions"].items()})
        except (KeyError, AttributeError, TypeError, ValueError):  # written by hand, or by something else
            return Resume(since_ms)

    def save(self, positions: Mapping[int, int]) -> None:
        """Keep the positions, replacing the file whole (a kill midway leaves the previous one)."""
        part = self.path.with_name(f".{self.path.name}.part")
        kept = {str(partition): offset for partition, offset in sorted(positions.items())}
        part.write_bytes(orjson.dumps({"cluster_id": self.cluster_id, "positions": kept}))
        os.replace(part, self.path)


class AccountReader:
    """Every partition of `news.accounts`, read from where `resume` says, or else from where it ended at the start.

    Read from the end, start it before sending: an account cannot come before its file is sent, so none is
    missed. Like the workers' consumer (`agents.fetching`), it fetches with a short wait while accounts come,
    since tansu answers a waiting fetch only at half its wait, and with the long one until the first and once idle.
    """

    def __init__(self, broker_url: str, security: Security, resume: Resume | None = None) -> None:
        self._consumer = AIOKafkaConsumer(
            **kafka_options(broker_url, security), group_id=None, enable_auto_commit=False,
            fetch_max_wait_ms=FETCH_WAIT_MS,
        )  # fmt: skip
        self._resume = resume
        self._last = float("-inf")
        self.positions: dict[int, int] = {}
        """The offset of the next account to read, by partition."""

    async def __aenter__(self) -> AccountReader:
        await self._consumer.start()
        try:
            await self._place()
        except BaseException:
            await kafka.stop_consumer(self._consumer)
            raise
        return self

    async def _place(self) -> None:
        """Assign every partition of the topic and put each where reading starts."""
        # The consumer knows only the topics it has asked about (Kafka answers a request for none with none; tansu
        # with all), so ask about every topic once, which also creates none.
        cluster = await self._consumer._client.fetch_all_metadata()
        partitions = cluster.partitions_for_topic(topics.ACCOUNTS.name) or set()
        if not partitions:
            raise KafkaError(f"topic {topics.ACCOUNTS.name} not found: is this a newswire broker?")
        assigned = [TopicPartition(topics.ACCOUNTS.name, partition) for partition in sorted(partitions)]
        self._consumer.assign(assigned)
        await self._seek(assigned)
        for tp in assigned:  # resolve the positions now, not at the first fetch
            self.positions[tp.partition] = await self._consumer.position(tp)

    async def _seek(self, assigned: list[TopicPartition]) -> None:
        """Put each partition where reading starts (see `Resume`). A partition the saved positions lack was added
        since they were kept, and is read from its first record; a saved position past the partition's end is of
        a topic made again, and is read as a partition of a broker new to the reader; one before its first record
        (expired) starts at the first."""
        resume = self._resume
        if resume is None:
            await self._consumer.seek_to_end(*assigned)
            return
        firsts = await self._consumer.beginning_offsets(assigned)
        ends = await self._consumer.end_offsets(assigned)
        offsets: dict[TopicPartition, int] = {}
        for tp in assigned:
            saved = resume.positions.get(tp.partition)
            if saved is not None and saved <= ends[tp]:
                offsets[tp] = max(saved, firsts[tp])
            elif saved is None and resume.positions:
                offsets[tp] = firsts[tp]
        fresh = {tp: resume.since_ms for tp in assigned if tp not in offsets}
        for tp, found in (await self._consumer.offsets_for_times(fresh) if fresh else {}).items():
            offsets[tp] = ends[tp] if found is None else found.offset
        for tp, offset in offsets.items():
            self._consumer.seek(tp, offset)

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
        for tp, records in fetched.items():
            if records:
                self.positions[tp.partition] = records[-1].offset + 1
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
