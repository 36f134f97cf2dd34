"""The Faust app factory: one app holding every stage, so a worker runs the whole pipeline."""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

import faust
import xxhash
from aiokafka.errors import KafkaError
from pebble import ProcessPool

from agents import channels, end_offsets, kafka, producer_topics, rebalance
from agents.accounts import AccountReader, ReadPositions
from agents.channels import Channels
from agents.codec import NAME as ORJSON
from agents.crash_guard import CrashGuard
from agents.fetching import FetchPacer
from agents.inbox import Drop, Inbox, content_digest
from agents.ops import lag
from agents.ops.recycle import Recycler
from agents.ops.sensor import MetricsSensor
from agents.outputs import deliver
from agents.stages import clean, dedup, ledger, sinks, split, tag
from agents.stages.sinks import Written, account_key, append_records, open_out_file
from agents.tables import DeclaredTables
from streams import topics
from streams.ingest import file_headers
from streams.settings import Settings

PRODUCER_BATCH_BYTES = 16384
"""Faust's own default producer batch size, in bytes."""
KAFKA_SESSION_SECONDS = 30.0
EMBEDDED_SESSION_SECONDS = 6.0
"""tansu lets a consumer group form for half the session timeout before it answers the first member's join,
so the session timeout is most of the time to ready; on the embedded broker it is short."""
TABLES = "tables"
"""The state folder's subfolder where the tables are kept (RocksDB), when a worker keeps them."""

log = logging.getLogger("newswire")


@dataclass(frozen=True, slots=True)
class Broker:
    """The broker a worker runs against: its URL, the id of the cluster (which names its life), and its kind."""

    url: str
    cluster_id: str
    tansu: bool

    @property
    def epoch(self) -> int:
        """The broker's life as a number, for the dedup tables (see `streams.dedup.stage.Articles`)."""
        return xxhash.xxh32_intdigest(self.cluster_id.encode("utf-8"))


def create_app(
    settings: Settings,
    broker: Broker,
    pool: ProcessPool,
    clean_pool: ProcessPool,
    *,
    watch_inbox: bool = True,
    keep_tables: bool = True,
    follow_accounts: bool = True,
    recycler: Recycler | None = None,
) -> faust.App:
    """Build the app with all stage agents, the ledger, the out-folder sinks and, optionally, the inbox watcher.

    The daemon (`newswire run`) follows every account, and writes them out; extra workers do not.

    With `keep_tables` the tables live on disk in the state folder (RocksDB) and outlive the process and,
    on the embedded broker, the broker itself; without, in memory, rebuilt from their changelogs.
    On tansu, table recovery and lag read each partition's true end from its last batch (`end_offsets`).
    """
    session = settings.session_timeout or (EMBEDDED_SESSION_SECONDS if broker.tansu else KAFKA_SESSION_SECONDS)
    app = faust.App(
        topics.APP_ID,
        broker=broker.url,
        store="rocksdb://" if keep_tables else "memory://",
        datadir=str(settings.state_dir),
        tabledir=TABLES,
        value_serializer=ORJSON,
        topic_partitions=settings.partitions,
        topic_replication_factor=settings.replication,
        consumer_auto_offset_reset="earliest",
        broker_session_timeout=session,
        broker_heartbeat_interval=session / 3,
        web_enabled=False,
        autodiscover=False,
        producer_max_batch_size=PRODUCER_BATCH_BYTES,
        producer_max_request_size=settings.message_bytes,
        producer_compression_type=kafka.COMPRESSION,
        broker_credentials=kafka.faust_credentials(settings.security),
        TableManager=DeclaredTables,
        topic_disable_leader=True,  # no leader-only timers: Faust's leader topic would be one more to make and read
    )
    ch = channels.build(app)
    guard = CrashGuard(settings.state_dir if keep_tables else None)
    clean.register(app, ch, settings, clean_pool, guard)
    split.register(app, ch, settings, guard)
    dedup.register(app, ch, settings, guard, epoch=broker.epoch)
    tag.register(
        app, ch, pool, concurrency=settings.tag_processes, batch_size=settings.tag_batch, timeout=settings.tag_timeout
    )
    ledger.register(app, ch, settings)
    sinks.register(app, ch, settings.out)
    app.sensors.add(MetricsSensor())
    lag.register(app, broker.url, settings.security, tansu=broker.tansu)
    rebalance.reread_uncommitted(app)
    producer_topics.register(app)
    if broker.tansu:
        end_offsets.correct_highwaters(app, broker.url)
    FetchPacer(app).register()
    inbox = _inbox(ch, settings) if watch_inbox else None
    if follow_accounts:
        _follow_accounts(app, settings, broker, inbox)
    if recycler is not None:
        recycler.register(app, inbox, broker.url, settings.security)
    return app


def _follow_accounts(app: faust.App, settings: Settings, broker: Broker, inbox: Inbox | None) -> None:
    """Read every account: append it to the out folder, then let the inbox move the file it is for to `.done/`.

    Reading resumes where it had got to, or starts at the accounts sent since now, before any agent runs (see
    `agents.accounts`)."""
    path = settings.out / f"{topics.ACCOUNTS.name}.jsonl" if settings.out is not None else None
    written = open_out_file(path, account_key) if path is not None else Written()
    read = ReadPositions(settings.state_dir, broker.cluster_id)
    resume = read.resume(started=time.time())

    @app.task  # type: ignore[untyped-decorator]
    async def follow_accounts() -> None:
        async with AccountReader(broker.url, settings.security, resume) as reader:
            watcher = asyncio.ensure_future(inbox.watch() if inbox is not None else asyncio.Event().wait())
            try:
                while not watcher.done():
                    try:
                        accounts = await reader.batch(1.0)
                    except KafkaError as exc:
                        log.warning("could not read %s: %s", topics.ACCOUNTS.name, exc)
                        await asyncio.sleep(1.0)
                        continue
                    fresh = written.fresh(accounts, account_key)  # an account given again may follow in the batch
                    if path is not None:
                        append_records(path, fresh)
                    if accounts:
                        try:
                            read.save(reader.positions)
                        except OSError as exc:  # kept for the next start only: the accounts are written all the same
                            log.warning("could not keep how far %s was read in %s: %s", topics.ACCOUNTS.name,
                                        read.path, exc.strerror)  # fmt: skip
                    for account in accounts:
                        if inbox is not None:
                            inbox.account(account)
                watcher.result()
            finally:
                watcher.cancel()


def _inbox(ch: Channels, settings: Settings) -> Inbox:
    """The inbox, sending each complete file to `news.raw` (or, for a file it will not send, why not)."""

    async def send(drop: Drop) -> int | None:
        name = drop.path.relative_to(settings.inbox).as_posix()  # `sub/a.txt` and `a.txt` stay apart
        if drop.size > settings.max_file_bytes:
            await deliver(ch[topics.RAW], None, b"", headers=file_headers(drop.path, ingest_id=drop.ingest_id,
                          oversize=drop.size, limit=settings.max_file_bytes, name=name))  # fmt: skip
            return None
        data = await asyncio.to_thread(drop.path.read_bytes)
        headers = file_headers(drop.path, ingest_id=drop.ingest_id, name=name)
        await deliver(ch[topics.RAW], None, data, headers=headers)
        return content_digest(data)

    return Inbox(settings.inbox, send)
