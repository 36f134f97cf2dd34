"""The tag agent: unique articles in, tagged ones out on `news.enriched`, NER batched in worker processes."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from concurrent.futures import Executor
from typing import Any

import faust

from agents.channels import Channels
from agents.metrics import observe_enriched, timed
from agents.outputs import failure_reason, reject, send
from streams.errors import RejectedInput
from streams.records import Article
from streams.tag import tag_batch

STAGE = "tag"


def register(app: faust.App, ch: Channels, pool: Executor, concurrency: int, batch_size: int) -> Any:
    """Attach the tag agent; each of its actors keeps one pool process busy with a batch."""

    @app.agent(ch.unique, name=f"newswire.{STAGE}", concurrency=concurrency)
    async def tag_articles(stream: faust.StreamT[Article]) -> None:
        loop = asyncio.get_running_loop()
        batches: AsyncIterator[list[Article]] = stream.take(batch_size, within=0.25)
        async for batch in batches:
            try:
                with timed(STAGE, len(batch)):
                    tagged = await loop.run_in_executor(pool, tag_batch, batch)
            except Exception as exc:
                reason = failure_reason(exc)
                for article in batch:
                    await reject(STAGE, ch.rejected, document_id=article["document_id"],
                                 filename=article["source"]["filename"], size=len(article["body"]),
                                 reason=reason, record_id=article["id"], position=article["position"])  # fmt: skip
                continue
            for article in tagged:
                try:
                    await send(STAGE, ch.enriched, article["id"], article)
                except RejectedInput as exc:
                    await reject(STAGE, ch.rejected, document_id=article["document_id"],
                                 filename=article["source"]["filename"], size=len(article["body"]),
                                 reason=exc.reason, record_id=article["id"], position=article["position"])  # fmt: skip
                    continue
                observe_enriched(article)

    return tag_articles
