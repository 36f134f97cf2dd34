"""The tag agent: unique articles in, tagged ones out on `news.enriched`, NER batched in worker processes."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import cast

import faust
from faust.types import AgentT
from pebble import ProcessExpired, ProcessPool

from agents.batches import handled_batches
from agents.channels import Channels
from agents.ops.metrics import RECORDS_OUT, observe_enriched, timed
from agents.outputs import Outgoing, deliver_all, failure_reason, reject_article
from agents.pool import tag_and_release
from streams import topics
from streams.errors import RejectedInput
from streams.records import Article, EnrichedArticle

STAGE = "tag"
Tagger = Callable[[list[Article]], list[EnrichedArticle]]


def register(app: faust.App, ch: Channels, pool: ProcessPool, concurrency: int, batch_size: int) -> AgentT[Article]:
    """Attach the tag agent; each of its actors keeps one pool process busy with a batch."""

    @app.agent(ch[topics.UNIQUE], name=f"newswire.{STAGE}", concurrency=concurrency)
    async def tag_articles(stream: faust.StreamT[Article]) -> None:
        async for events in handled_batches(stream, batch_size):
            batch = [cast(Article, event.value) for event in events]
            with timed(STAGE, len(batch)):
                results = await tag_off_loop(pool, batch)
            done: list[tuple[Article, EnrichedArticle]] = []
            for article, tagged in results:
                if isinstance(tagged, Exception):
                    await reject_article(STAGE, ch[topics.REJECTED], article, failure_reason(tagged))
                else:
                    done.append((article, tagged))
            sends = [Outgoing(ch[topics.ENRICHED], tagged["id"], tagged) for _, tagged in done]
            for (article, tagged), refusal in zip(done, await deliver_all(sends), strict=True):
                if refusal is not None:
                    await reject_article(STAGE, ch[topics.REJECTED], article, refusal.reason)
                    continue
                RECORDS_OUT.labels(STAGE, topics.ENRICHED.name).inc()
                observe_enriched(tagged)

    return tag_articles


async def tag_off_loop(
    pool: ProcessPool, batch: list[Article], tagger: Tagger = tag_and_release
) -> list[tuple[Article, EnrichedArticle | Exception]]:
    """Tag a batch in a pool process; if the process dies on it, tag its articles one by one, so only an
    article that kills a process again is rejected (as `crashed`) and the rest come out."""
    try:
        tagged = await asyncio.wrap_future(pool.schedule(tagger, (batch,)))
    except ProcessExpired as died:
        if len(batch) == 1:
            return [(batch[0], RejectedInput(f"crashed: the tagging process died on this article (exit code "
                                             f"{died.exitcode})"))]  # fmt: skip
        return [result for article in batch for result in await tag_off_loop(pool, [article], tagger)]
    except Exception as exc:
        return [(article, exc) for article in batch]
    return list(zip(batch, tagged, strict=True))
