"""`newswire tail`: print a topic's records as JSON lines, for people and shell pipelines."""

from __future__ import annotations

import asyncio
import sys
import time
from typing import Annotated, BinaryIO

import orjson
import typer
from aiokafka import AIOKafkaConsumer
from aiokafka.structs import ConsumerRecord

from agents import kafka
from agents.broker import find_broker
from agents.cli.common import BrokerOption, fail, quiet_clients, with_security
from agents.errors import BrokerError, StartupError
from agents.group_watch import GroupWatch
from streams import topics
from streams.ledger import counted
from streams.security import Security
from streams.settings import Settings, kafka_options


def render(record: ConsumerRecord[bytes, bytes]) -> bytes:
    """A record as one JSON line; raw files are described rather than dumped."""
    if record.topic != topics.RAW.name:
        return (record.value or b"") + b"\n"
    headers = {key: value.decode("utf-8", "replace") for key, value in record.headers}
    summary = {"partition": record.partition, "offset": record.offset, "size": len(record.value or b""),
               "headers": headers}  # fmt: skip
    return orjson.dumps(summary) + b"\n"


async def print_records(
    broker_url: str,
    topic: str,
    security: Security,
    *,
    from_beginning: bool,
    limit: int | None,
    timeout: float | None,
    out: BinaryIO = sys.stdout.buffer,
) -> int:
    """Print records until `limit` are printed or none arrives for `timeout` seconds; return how many."""
    consumer = AIOKafkaConsumer(
        **kafka_options(broker_url, security),
        group_id=None,
        auto_offset_reset="earliest" if from_beginning else "latest",
        enable_auto_commit=False,
    )
    try:
        await kafka.start(consumer.start, broker_url, security, "is newswire running?")
    except BrokerError:
        await consumer.stop()
        raise
    printed = 0
    watch = GroupWatch(broker_url, security, workers=False)
    try:
        existing = await consumer.topics()
        if topic not in existing:
            known = ", ".join(sorted(name for name in existing if name.startswith("news.")))
            raise BrokerError(f"no topic {topic!r} on {broker_url}; newswire's topics are: {known or 'none yet'}")
        consumer.subscribe([topic])
        last = time.monotonic()
        while limit is None or printed < limit:
            batches = await consumer.getmany(timeout_ms=200, max_records=None if limit is None else limit - printed)
            for record in (record for records in batches.values() for record in records):
                out.write(render(record))
                printed += 1
                last = time.monotonic()
                if limit is not None and printed >= limit:
                    break
            out.flush()
            if timeout is not None and time.monotonic() - last > timeout:
                break
            if (gone := await watch.gone(last)) is not None:  # else a tail whose broker had gone waited forever
                raise BrokerError(f"{gone} after {counted(printed, 'record')} of {topic}")
    finally:
        await watch.close()
        await kafka.stop_consumer(consumer)
    return printed


@with_security
def tail(
    security: Security,
    topic: Annotated[str, typer.Argument(help="Topic to print, e.g. news.enriched.")],
    from_beginning: Annotated[bool, typer.Option("--from-beginning", help="Start at the oldest record.")] = False,
    limit: Annotated[
        int | None, typer.Option(min=1, show_default="none: follow until Ctrl-C", help="Stop after this many records.")
    ] = None,
    timeout: Annotated[
        float | None,
        typer.Option(
            min=0, show_default="none: follow until Ctrl-C", help="Stop after this many seconds with no record."
        ),
    ] = None,
    broker: BrokerOption = None,
) -> None:
    """Print a topic's records, one JSON object per line."""
    quiet_clients()
    try:
        url = find_broker(broker, Settings(security=security).state_dir)
        asyncio.run(print_records(url, topic, security, from_beginning=from_beginning, limit=limit, timeout=timeout))
    except StartupError as exc:
        fail(exc)
