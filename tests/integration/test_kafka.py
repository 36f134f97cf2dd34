"""The tests' own Kafka: it starts, answers, keeps its records over a kill and a restart; newswire's readers on it."""

from __future__ import annotations

import asyncio
import time

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from kafka import KafkaBroker

from agents.accounts import AccountReader, Resume
from agents.broker import ensure_topics
from agents.producer_topics import list_every_topic_written
from streams import topics
from streams.security import Security
from streams.settings import Settings, kafka_bootstrap

pytestmark = pytest.mark.integration


async def produce(url: str, values: list[bytes], topic: str = "probe") -> None:
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(url))
    await producer.start()
    try:
        for value in values:
            await producer.send_and_wait(topic, value)
    finally:
        await producer.stop()


async def consume(url: str, count: int) -> list[bytes]:
    consumer = AIOKafkaConsumer("probe", bootstrap_servers=kafka_bootstrap(url), auto_offset_reset="earliest")
    await consumer.start()
    try:
        found: list[bytes] = []
        while len(found) < count:
            batches = await asyncio.wait_for(consumer.getmany(timeout_ms=1000), 30)
            found += [record.value for records in batches.values() for record in records]
        return found
    finally:
        await consumer.stop()


def test_kafka_keeps_its_records_over_a_kill_and_a_restart(kafka: KafkaBroker) -> None:
    assert kafka.url == f"kafka://127.0.0.1:{kafka.port}"
    asyncio.run(produce(kafka.url, [b"one", b"two"]))
    kafka.kill()
    kafka.start()
    asyncio.run(produce(kafka.url, [b"three"]))
    kafka.restart()
    assert sorted(asyncio.run(consume(kafka.url, 3))) == [b"one", b"three", b"two"], "over its partitions"


def test_the_account_reader_finds_news_accounts_on_kafka(kafka: KafkaBroker) -> None:
    """Kafka, unlike tansu, names no topics to a client that has asked about none: the reader must ask."""

    async def read() -> list[object]:
        await ensure_topics(kafka.url, topics.ALL, Settings())
        async with AccountReader(kafka.url, Security()) as reader:
            await produce(kafka.url, [b'{"filename": "one.txt"}'], topics.ACCOUNTS.name)
            return list(await reader.batch(30.0))

    assert asyncio.run(read()) == [{"filename": "one.txt"}]


def test_the_account_reader_resumes_at_saved_positions_else_at_accounts_sent_since_a_time(kafka: KafkaBroker) -> None:
    """What the daemon's reader does after a restart (saved positions) and at a first start (a time)."""

    async def read(resume: Resume) -> list[object]:
        async with AccountReader(kafka.url, Security(), resume) as reader:
            found: list[object] = []
            while accounts := await reader.batch(5.0):
                found += accounts
            return sorted(found, key=str)

    async def send(producer: AIOKafkaProducer, partition: int, *numbers: int) -> None:
        for number in numbers:
            await producer.send_and_wait(topics.ACCOUNTS.name, b'{"n": %d}' % number, partition=partition)

    async def scenario() -> tuple[list[object], ...]:
        await ensure_topics(kafka.url, [topics.ACCOUNTS], Settings(partitions=2))
        producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(kafka.url))
        await producer.start()
        try:
            await send(producer, 0, 1, 2)
            await send(producer, 1, 4)
            await asyncio.sleep(1.0)
            between = int(time.time() * 1000)
            await send(producer, 0, 3)
        finally:
            await producer.stop()
        return (
            await read(Resume(since_ms=0, positions={0: 1})),  # partition 1 added since: from its first record
            await read(Resume(since_ms=between)),
            await read(Resume(since_ms=between, positions={0: 50})),  # past the end: a topic made again
            await read(Resume(since_ms=int(time.time() * 1000) + 60_000)),
        )

    saved, since, past, future = asyncio.run(scenario())
    assert saved == [{"n": 2}, {"n": 3}, {"n": 4}]
    assert since == [{"n": 3}]
    assert past == [{"n": 3}, {"n": 4}]
    assert future == []


async def metadata_after_a_new_topic(url: str) -> set[int] | None:
    """Write to a topic the client learned of before it listed any, then to a new one; what it still knows of
    the first."""
    await ensure_topics(url, [topics.UNIQUE], Settings())
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(url))
    list_every_topic_written(producer)
    await producer.start()
    try:
        await producer.client.force_metadata_update()  # no topic listed yet: the metadata of every topic
        await producer.send_and_wait(topics.UNIQUE.name, b"to a topic the client already knew")
        await ensure_topics(url, [topics.REJECTED], Settings())
        await producer.send_and_wait(topics.REJECTED.name, b"to a topic the client did not know")
        partitions: set[int] | None = producer.client.cluster.partitions_for_topic(topics.UNIQUE.name)
        return partitions
    finally:
        await producer.stop()


def test_the_producer_keeps_the_metadata_of_every_topic_it_wrote_to(kafka: KafkaBroker) -> None:
    """Without `list_every_topic_written` the first topic's partitions are gone here, and a batch sent to it
    at that moment waits for ever for a leader."""
    assert asyncio.run(metadata_after_a_new_topic(kafka.url)) == set(range(Settings().partitions))
