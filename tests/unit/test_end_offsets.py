"""tansu's end offsets, corrected by reading the last batch: the end table recovery and lag rely on."""

from __future__ import annotations

import asyncio

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from agents.broker import EmbeddedBroker, ensure_topics
from agents.end_offsets import true_ends
from streams.settings import Settings, kafka_bootstrap
from streams.topics import TopicSpec


@pytest.mark.integration
def test_the_true_end_is_one_past_the_last_record_of_a_batch_of_many() -> None:
    full, empty = TopicPartition("ends.full", 0), TopicPartition("ends.empty", 0)

    async def scenario(url: str) -> tuple[dict[TopicPartition, int], dict[TopicPartition, int]]:
        specs = [TopicSpec(tp.topic, "test records", False) for tp in (full, empty)]
        await ensure_topics(url, specs, Settings(partitions=1, replication=1))
        producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(url), linger_ms=200)
        await producer.start()
        for size in (10, 5):  # two batches: offsets 0-9, then 10-14
            await asyncio.gather(*[await producer.send(full.topic, b"x%d" % i) for i in range(size)])
        await producer.stop()
        consumer = AIOKafkaConsumer(bootstrap_servers=kafka_bootstrap(url), group_id=None)
        await consumer.start()
        try:
            reported = await consumer.end_offsets([full, empty])
            return reported, await true_ends(consumer, reported)
        finally:
            await consumer.stop()

    with EmbeddedBroker() as broker:
        reported, ends = asyncio.run(scenario(broker.url))
    assert reported[full] == 11, "tansu reports the last batch's base offset plus one"
    assert ends == {full: 15, empty: 0}
