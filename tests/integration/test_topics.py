"""newswire's topics on a real Kafka: created with the production settings, and existing ones that do not fit
reported at start-up in one line each, fatal only where the pipeline would break."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Coroutine

import pytest
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from kafka import KafkaBroker

from agents.broker import ensure_changelogs, ensure_topics
from agents.errors import BrokerError
from streams import topics
from streams.settings import Settings, kafka_bootstrap

pytestmark = pytest.mark.integration
SETTINGS = Settings(partitions=4, replication=1, retention_hours=48.0)


@contextlib.asynccontextmanager
async def admin_of(url: str) -> AsyncIterator[AIOKafkaAdminClient]:
    """An admin client on the test's Kafka, closed after."""
    admin = AIOKafkaAdminClient(bootstrap_servers=kafka_bootstrap(url))
    await admin.start()
    try:
        yield admin
    finally:
        await admin.close()


async def make(url: str, name: str, partitions: int, configs: dict[str, str]) -> None:
    async with admin_of(url) as admin:
        await admin.create_topics([NewTopic(name, partitions, 1, topic_configs=configs)])


async def configs_of(url: str, name: str) -> dict[str, str]:
    async with admin_of(url) as admin:
        [response] = await admin.describe_configs([ConfigResource(ConfigResourceType.TOPIC, name, None)])
        [resource] = response.to_object()["resources"]
        return {entry["config_names"]: entry["config_value"] for entry in resource["config_entries"]}


async def listed_once_made(url: str, make: Coroutine[None, None, object], names: list[str]) -> dict[str, int]:
    """Each topic's partition count in the broker's metadata the moment `make` is done (0 where not listed): a
    consumer that joins its group then sees them."""
    async with admin_of(url) as admin:
        await make
        return {topic["topic"]: len(topic["partitions"]) for topic in await admin.describe_topics(names)}


def test_topics_are_created_as_production_wants_them(kafka: KafkaBroker) -> None:
    names = [spec.name for spec in topics.ALL]
    listed = asyncio.run(listed_once_made(kafka.url, ensure_topics(kafka.url, topics.ALL, SETTINGS), names))
    assert listed == dict.fromkeys(names, SETTINGS.partitions), "listed by the broker before newswire goes on"
    configs = asyncio.run(configs_of(kafka.url, topics.RAW.name))
    assert configs["max.message.bytes"] == str(SETTINGS.message_bytes)
    assert configs["retention.ms"] == str(48 * 3_600_000)
    assert configs["cleanup.policy"] == "delete"


def test_missing_changelogs_are_made_compacted_before_the_worker_starts(kafka: KafkaBroker) -> None:
    changelog = "newswire-ledger-changelog"
    asyncio.run(ensure_topics(kafka.url, topics.ALL, SETTINGS))  # as at a start (a broker's first topics list at once)
    made = ensure_changelogs(kafka.url, [changelog], SETTINGS)
    assert asyncio.run(listed_once_made(kafka.url, made, [changelog])) == {changelog: SETTINGS.partitions}
    assert asyncio.run(configs_of(kafka.url, changelog))["cleanup.policy"] == "compact"


def test_mismatches_are_one_line_each_and_fatal_only_when_they_break_the_pipeline(
    kafka: KafkaBroker, caplog: pytest.LogCaptureFixture
) -> None:
    asyncio.run(make(kafka.url, topics.RAW.name, 4, {"max.message.bytes": "1048576", "retention.ms": "3600000"}))
    with caplog.at_level(logging.WARNING, logger="agents.broker"):
        asyncio.run(ensure_topics(kafka.url, [topics.RAW], SETTINGS))
    warned = [record.getMessage() for record in caplog.records]
    assert any("takes messages up to 1,048,576 bytes" in line and "max.message.bytes=" in line for line in warned)
    assert any("retention.ms=3600000" in line for line in warned)
    assert all("\n" not in line for line in warned)

    asyncio.run(make(kafka.url, topics.CLEANED.name, 2, {}))
    with pytest.raises(
        BrokerError, match=r"news.cleaned has 2 partitions but newswire is set for 4: set NEWSWIRE_PART"
    ):
        asyncio.run(ensure_topics(kafka.url, [topics.CLEANED], SETTINGS))

    changelog = "newswire-ledger-changelog"
    asyncio.run(make(kafka.url, changelog, 4, {"cleanup.policy": "delete"}))
    with pytest.raises(
        BrokerError, match=r"cleanup.policy=delete, so its table loses entries: .* cleanup.policy=compact"
    ):
        asyncio.run(ensure_changelogs(kafka.url, [changelog, "newswire-chrome-lines-changelog"], SETTINGS))
    made = asyncio.run(configs_of(kafka.url, "newswire-chrome-lines-changelog"))
    assert made["cleanup.policy"] == "compact", "the missing changelog is made before the others are checked"
