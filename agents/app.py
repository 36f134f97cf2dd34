"""The Faust app factory: one app holding every stage, so a worker runs the whole pipeline."""

from __future__ import annotations

from concurrent.futures import Executor
from pathlib import Path

import faust
from pebble import ProcessPool

from agents import channels, clean, dedup, inbox, lag, rebalance, sinks, split, tag
from agents.codec import NAME as ORJSON
from agents.outputs import deliver
from agents.sensor import MetricsSensor
from streams.ingest import file_headers
from streams.settings import Settings

APP_ID = "newswire"
PRODUCER_BATCH_BYTES = 16384
"""Faust's own default producer batch size, in bytes, used with brokers other than tansu."""
COMPRESSION = "zstd"
"""How every newswire producer compresses record batches on the wire: pages shrink five- to tenfold."""


def create_app(
    settings: Settings,
    broker_url: str,
    pool: Executor,
    clean_pool: ProcessPool,
    *,
    watch_inbox: bool = True,
    one_record_batches: bool = False,
) -> faust.App:
    """Build the app with all stage agents, the out-folder sinks and, optionally, the inbox watcher.

    `one_record_batches` is for tansu, which reports a partition's end as the start of its last record
    batch plus one: with one record per batch that is the true end, so table recovery reads every record.
    """
    app = faust.App(
        APP_ID,
        broker=broker_url,
        store="memory://",
        value_serializer=ORJSON,
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication,
        consumer_auto_offset_reset="earliest",
        broker_session_timeout=settings.session_timeout,
        broker_heartbeat_interval=max(settings.session_timeout / 10, 0.5),
        web_enabled=False,
        autodiscover=False,
        producer_max_batch_size=1 if one_record_batches else PRODUCER_BATCH_BYTES,
        producer_max_request_size=settings.message_bytes,
        producer_compression_type=COMPRESSION,
    )
    ch = channels.build(app)
    clean.register(app, ch, settings, clean_pool)
    split.register(app, ch, settings)
    dedup.register(app, ch, settings)
    tag.register(app, ch, pool, concurrency=settings.tag_processes, batch_size=settings.tag_batch)
    if settings.out is not None:
        sinks.register(app, ch, settings.out)
    app.sensors.add(MetricsSensor())
    lag.register(app, broker_url)
    rebalance.reread_uncommitted(app)
    if watch_inbox:

        async def produce(path: Path, data: bytes) -> None:
            if len(data) > settings.max_file_bytes:
                await deliver(ch.raw, None, b"", headers=file_headers(path, oversize=len(data)))
            else:
                await deliver(ch.raw, None, data, headers=file_headers(path))

        @app.task  # type: ignore[untyped-decorator]
        async def watch_inbox_folder() -> None:
            await inbox.watch(settings.inbox, produce)

    return app
