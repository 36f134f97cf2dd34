"""The producer asks for metadata of every topic it writes to, so a batch never waits for a leader it forgot.

aiokafka lists a topic for metadata updates only when a send finds the topic missing from the metadata it
holds. While the list is empty an update fetches every topic, so a topic first written after such an update
is never listed; the first update after some topic is listed returns the listed topics only, and the
others vanish from the client's metadata. A batch still waiting for a vanished topic then has no known
leader for good: the sender asks for metadata of the listed topics in a tight loop (3 MB/s on the tests'
Kafka) and the agent that sent it, with every stage behind it, waits forever. Seen on a fresh Kafka under
load in about one start of eight, before the first files came out.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import cast

import faust
from aiokafka import AIOKafkaProducer
from faust.transport.drivers.aiokafka import Producer


def list_every_topic_written(producer: AIOKafkaProducer) -> None:
    """Make each send list its topic for the client's metadata updates, known or not."""
    client = producer.client
    wait_on_metadata: Callable[[str], Awaitable[set[int]]] = client._wait_on_metadata

    async def listed(topic: str) -> set[int]:
        if topic not in client._topics:
            client.add_topic(topic)
        return await wait_on_metadata(topic)

    client._wait_on_metadata = listed


def register(app: faust.App) -> None:
    """Apply `list_every_topic_written` to each producer Faust makes for the app."""
    faust_producer = cast(Producer, app.producer)
    new_producer = faust_producer._new_producer

    def new_listing(transactional_id: str | None = None) -> AIOKafkaProducer:
        created: AIOKafkaProducer = new_producer(transactional_id)
        list_every_topic_written(created)
        return created

    faust_producer._new_producer = new_listing  # type: ignore[method-assign]
