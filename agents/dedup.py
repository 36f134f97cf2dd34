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
from collections.abc import Callable
from typing import Any

import faust

from agents.channels import Channels
from agents.codec import NAME as ORJSON
from agents.metrics import DUPLICATES, RECORDS_OUT, timed
from agents.outputs import failure_reason, reject
from streams import topics
from streams.dedup import Articles, Buckets, Config, Step, expire_bucket, expired
from streams.records import Article
from streams.settings import Settings

STAGE = "dedup"
SWEEP_SECONDS = 3600.0
SWEEP_CHUNK = 10_000

log = logging.getLogger("newswire")


def now_us() -> int:
    """Wall-clock time in microseconds, against which retention is measured."""
    return int(time.time() * 1_000_000)


def register(app: faust.App, ch: Channels, settings: Settings) -> tuple[Any, Any]:
    """Attach the bucket and article agents, their changelog-backed tables and the retention sweep."""
    config = Config.from_settings(settings)
    article_table = app.Table("dedup-articles", partitions=settings.partitions, key_type=bytes, value_type=bytes)
    bucket_table = app.Table("dedup-buckets", partitions=settings.partitions, key_type=bytes, value_type=bytes)
    buckets = Buckets(bucket_table, config)
    articles = Articles(article_table, config, band_partitions=settings.partitions)
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
            await deliver(outlets, step)

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
                    with timed(STAGE):
                        step = articles.article(article, partition)
                except Exception as exc:
                    await reject(STAGE, ch.rejected, document_id=article["document_id"],
                                 filename=article["source"]["filename"], size=len(article["body"]),
                                 reason=failure_reason(exc), record_id=article["id"])  # fmt: skip
                    continue
            await deliver(outlets, step)

    @app.timer(SWEEP_SECONDS)  # type: ignore[untyped-decorator]
    async def sweep() -> None:
        """Forget what is older than the retention window, in the partitions this worker owns."""
        owned = app.assignor.assigned_actives()
        cutoff = now_us() - config.retention_us
        mine = {tp.partition for tp in owned if tp.topic == topics.ARTICLES.name}
        await _expire(article_table, lambda value: None if expired(value, mine, cutoff) else value)
        mine_buckets = {tp.partition for tp in owned if tp.topic == topics.DEDUP_BANDS.name}
        await _expire(bucket_table, lambda value: expire_bucket(value, mine_buckets, cutoff))

    return bucket, decide


async def deliver(outlets: dict[str, Any], step: Step) -> None:
    """Send a step's messages, wait until the broker has them all, then write the tables.

    The sends are forced out now rather than attached to the incoming message (Faust's default, which
    publishes them only when its offset is committed), so the broker has them before the state changes.
    """
    pending = []
    for send in step.sends:
        topic = outlets[send.topic]
        pending.append(await topic.send(key=send.key, value=send.value, partition=send.partition, force=True))
        if send.topic in ("unique", "duplicates"):
            RECORDS_OUT.labels(STAGE, topic.get_topic_name()).inc()
        if send.topic == "duplicates":
            DUPLICATES.labels(send.value["duplicate_kind"]).inc()
    await asyncio.gather(*pending)
    step.commit()


async def _expire(table: Any, keep: Callable[[bytes], bytes | None]) -> None:
    """Rewrite or delete each entry as `keep` says, in chunks that leave the event loop free between them."""
    keys = list(table.data.keys())
    for start in range(0, len(keys), SWEEP_CHUNK):
        for key in keys[start : start + SWEEP_CHUNK]:
            value = table.data.get(key)
            if value is None:
                continue
            kept = keep(value)
            if kept is value:
                continue
            partition = value[0]
            if kept is None:
                del table.data[key]
                table.send_changelog(partition, key, None, value_serializer="raw")
            else:
                table.data[key] = kept
                table.send_changelog(partition, key, kept)
        await asyncio.sleep(0)
