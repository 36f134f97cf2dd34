"""The dedup agents: articles probe LSH buckets on `news.dedup-bands`, decide on `news.dedup-answers`.

Two agents share the work across any number of workers. The bucket agent owns the buckets of its
partitions of `news.dedup-bands`. The article agent reads `news.articles` and `news.dedup-answers`
(both keyed by article id, so co-partitioned) and owns each article's state. Both run the logic of
`streams.dedup`; here messages are sent, delivered, and only then the tables are written.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from typing import Any

import faust

from agents.channels import Channels
from agents.codec import NAME as ORJSON
from agents.crash_guard import CrashGuard
from agents.metrics import DUPLICATES, RECORDS_OUT, timed
from agents.outputs import acknowledged, enqueue, failure_reason, reject
from agents.tables import table
from streams import topics
from streams.dedup import Articles, Buckets, Config, Send, Step, expire_bucket, expired
from streams.errors import RejectedInput
from streams.records import Article
from streams.settings import Settings

STAGE = "dedup"
SWEEP_SECONDS = 3600.0
SWEEP_CHUNK = 10_000

log = logging.getLogger("newswire")


def now_us() -> int:
    """Wall-clock time in microseconds, against which retention is measured."""
    return int(time.time() * 1_000_000)


def register(app: faust.App, ch: Channels, settings: Settings, guard: CrashGuard, epoch: int = 0) -> tuple[Any, Any]:
    """Attach the bucket and article agents, their changelog-backed tables and the retention sweep."""
    config = Config.from_settings(settings)
    article_table = table(app, "dedup-articles", settings.partitions, key_type=bytes, value_type=bytes)
    bucket_table = table(app, "dedup-buckets", settings.partitions, key_type=bytes, value_type=bytes)
    buckets = Buckets(bucket_table, config)
    articles = Articles(article_table, config, band_partitions=settings.partitions, epoch=epoch)
    inbox = app.topic(topics.ARTICLES.name, topics.DEDUP_ANSWERS.name, key_serializer="raw", value_serializer=ORJSON)
    outlets = {"bands": ch.dedup_bands, "answers": ch.dedup_answers, "unique": ch.unique, "duplicates": ch.duplicates}

    @app.agent(ch.dedup_bands, name=f"newswire.{STAGE}.buckets")
    async def bucket(stream: faust.StreamT[dict[str, Any]]) -> None:
        async for event in stream.events():
            message, partition = event.value, event.message.partition
            try:
                if message["type"] == "forget":
                    step = buckets.forget(message, partition)
                else:
                    step = buckets.probe(message, partition, now_us())
            except Exception:
                log.exception("dedup bucket message %s for %s failed", message.get("type"), message.get("id"))
                continue
            await deliver_step(outlets, ch.rejected, step)

    @app.agent(inbox, name=f"newswire.{STAGE}")
    async def decide(stream: faust.StreamT[dict[str, Any]]) -> None:
        async for event in stream.events():
            value, partition = event.value, event.message.partition
            if "type" in value:
                try:
                    step = articles.message(value)
                except Exception:
                    log.exception("dedup %s for %s failed", value["type"], value.get("id"))
                    continue
            else:
                article: Article = value
                try:
                    if (gave_up := guard.gave_up(article["document_id"])) is not None:
                        raise RejectedInput(gave_up)
                    with timed(STAGE), guard.processing(article["document_id"]):
                        step = articles.article(article, partition)
                except Exception as exc:
                    await reject(STAGE, ch.rejected, document_id=article["document_id"],
                                 filename=article["source"]["filename"], size=len(article["body"]),
                                 reason=failure_reason(exc), record_id=article["id"],
                                 position=article["position"])  # fmt: skip
                    continue
            await deliver_step(outlets, ch.rejected, step)

    @app.timer(SWEEP_SECONDS)  # type: ignore[untyped-decorator]
    async def sweep() -> None:
        """Forget what is older than the retention window, in the partitions this worker owns."""
        owned = app.assignor.assigned_actives()
        cutoff = now_us() - config.retention_us
        mine = {tp.partition for tp in owned if tp.topic == topics.ARTICLES.name}
        await _expire(article_table, lambda value: expired(value, mine, cutoff, epoch))
        mine_buckets = {tp.partition for tp in owned if tp.topic == topics.DEDUP_BANDS.name}
        await _expire(bucket_table, lambda value: expire_bucket(value, mine_buckets, cutoff) is None)

    return bucket, decide


async def deliver_step(outlets: dict[str, Any], rejected: Any, step: Step) -> None:
    """Send a step's messages in order, wait until the broker has them all, then write the tables.

    The sends go out now rather than attached to the incoming message, so the broker has them before the
    state changes. An article the broker refuses (too large) goes to `news.rejected` in its place.
    """
    pending: list[tuple[Send, Awaitable[Any] | BaseException]] = []
    for send in step.sends:
        try:
            pending.append((send, await enqueue(outlets[send.topic], send.key, send.value, partition=send.partition)))
        except RejectedInput as exc:
            pending.append((send, exc))
    for send, waiting in pending:
        try:
            if isinstance(waiting, BaseException):
                raise waiting
            await acknowledged(outlets[send.topic], waiting)
        except RejectedInput as exc:
            await _undelivered(rejected, send, exc.reason)
            continue
        if send.topic in ("unique", "duplicates"):
            RECORDS_OUT.labels(STAGE, outlets[send.topic].get_topic_name()).inc()
        if send.topic == "duplicates":
            DUPLICATES.labels(send.value["duplicate_kind"]).inc()
    step.commit()


async def _undelivered(rejected: Any, send: Send, reason: str) -> None:
    """Account for a message the broker did not take: an article is rejected, an internal message logged."""
    if send.topic not in ("unique", "duplicates"):
        log.error("dedup %s message for %s not sent: %s", send.topic, send.key, reason)
        return
    article = send.value
    await reject(STAGE, rejected, document_id=article["document_id"], filename=article["source"]["filename"],
                 size=len(article["body"]), reason=reason, record_id=article["id"],
                 position=article["position"])  # fmt: skip


async def _expire(table: Any, gone: Callable[[bytes], bool]) -> None:
    """Delete each entry `gone` says is over, in chunks that leave the event loop free between them.

    Entries are only ever deleted here (a bucket with some members expired is trimmed by its next probe),
    since a table kept on disk can write a key only within the message of its partition.
    """
    keys = list(table.data.keys())
    for start in range(0, len(keys), SWEEP_CHUNK):
        for key in keys[start : start + SWEEP_CHUNK]:
            value = table.data.get(key)
            if value is None or not gone(value):
                continue
            del table.data[key]
            table.send_changelog(value[0], key, None, value_serializer="raw")
        await asyncio.sleep(0)
