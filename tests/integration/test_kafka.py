"""The tests' own Kafka: it starts, answers, and keeps its records over a kill and a restart on the same port."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from kafka import KafkaBroker

from streams.settings import kafka_bootstrap

pytestmark = pytest.mark.integration


async def produce(url: str, values: list[bytes]) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(url))
    await producer.start()
    try:
        for value in values:
            await producer.send_and_wait("probe", value)
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
    assert asyncio.run(consume(kafka.url, 3)) == [b"one", b"two", b"three"]
