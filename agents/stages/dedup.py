"""The dedup agents: articles probe LSH buckets on `news.dedup-bands`, decide on `news.dedup-answers`.

Two agents share the work across any number of workers. The bucket agent owns the buckets of its
partitions of `news.dedup-bands`. The article agent reads `news.articles` and `news.dedup-answers`
(both keyed by article id, so co-partitioned) and owns each article's state. Both run the logic of
`streams.dedup.stage`; here messages are sent, delivered, and only then the tables are written.
"""

from __future__ import annotations

import logging
from typing import Any

import faust

from agents.channels import Channels
from agents.codec import NAME as ORJSON
from agents.crash_guard import CrashGuard
from agents.ops.metrics import timed
from agents.outputs import failure_reason, reject_article
from agents.stages import retention
from agents.stages.dedup_delivery import deliver_step
from agents.stages.retention import now_us
from agents.tables import table
from streams import topics
from streams.dedup import Articles, Buckets, Config
from streams.errors import RejectedInput
from streams.records import Article
from streams.settings import Settings

STAGE = "dedup"

log = logging.getLogger("newswire")


def register(app: faust.App, ch: Channels, settings: Settings, guard: CrashGuard, epoch: int = 0) -> tuple[Any, Any]:
    """Attach the bucket and article agents, their changelog-backed tables and the retention sweep."""
    config = Config.from_settings(settings)
    article_table = table(app, "dedup-articles", settings.partitions, key_type=bytes, value_type=bytes)
    bucket_table = table(app, "dedup-buckets", settings.partitions, key_type=bytes, value_type=bytes)
    buckets = Buckets(bucket_table, config)
    articles = Articles(article_table, config, band_partitions=settings.partitions, epoch=epoch)
    inbox = app.topic(topics.ARTICLES.name, topics.DEDUP_ANSWERS.name, key_serializer="raw", value_serializer=ORJSON)
    outlets = {
        "bands": ch[topics.DEDUP_BANDS],
        "answers": ch[topics.DEDUP_ANSWERS],
        "unique": ch[topics.UNIQUE],
        "duplicates": ch[topics.DUPLICATES],
    }

    @app.agent(ch[topics.DEDUP_BANDS], name=f"newswire.{STAGE}.buckets")
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
            await deliver_step(outlets, ch[topics.REJECTED], step)

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
                    await reject_article(STAGE, ch[topics.REJECTED], article, failure_reason(exc))
                    continue
            await deliver_step(outlets, ch[topics.REJECTED], step)

    retention.register(app, article_table, bucket_table, config.retention_us, epoch)

    return bucket, decide
