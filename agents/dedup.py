"""The dedup agent: articles in, unique ones on `news.unique`, repeats on `news.duplicates`."""

from __future__ import annotations

from typing import Any

import faust

from agents.channels import Channels
from agents.metrics import DUPLICATES, timed
from agents.outputs import failure_reason, reject, send
from streams.dedup import Deduplicator, duplicate_record
from streams.records import Article
from streams.settings import Settings

STAGE = "dedup"


def register(app: faust.App, ch: Channels, settings: Settings) -> Any:
    """Attach the dedup agent and its changelog-backed tables to the app."""
    dedup = Deduplicator(
        exact=app.Table("dedup-exact", partitions=settings.partitions),
        buckets=app.Table("dedup-buckets", partitions=settings.partitions),
        memory=app.Table("dedup-memory", partitions=settings.partitions),
        threshold=settings.near_threshold,
    )

    @app.agent(ch.articles, name=f"newswire.{STAGE}")
    async def deduplicate(stream: faust.StreamT[Article]) -> None:
        async for article in stream:
            try:
                with timed(STAGE):
                    verdict = dedup.check(article)
            except Exception as exc:
                await reject(STAGE, ch.rejected, document_id=article["document_id"],
                             filename=article["source"]["filename"], size=len(article["body"]),
                             reason=failure_reason(exc), record_id=article["id"])  # fmt: skip
                continue
            if verdict.kind is None:
                await send(STAGE, ch.unique, article["id"], article)
            else:
                DUPLICATES.labels(verdict.kind).inc()
                await send(STAGE, ch.duplicates, article["id"], duplicate_record(article, verdict))

    return deduplicate
