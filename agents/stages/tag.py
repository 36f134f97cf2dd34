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
TIMED_CHARACTERS = 100_000
"""Characters of a batch per tag timeout: NER reads about 40,000 a second here, so a timeout of a few seconds or more
passes any batch but one that is stuck."""
Tagger = Callable[[list[Article]], list[EnrichedArticle]]


def register(
    app: faust.App, ch: Channels, pool: ProcessPool, concurrency: int, batch_size: int, timeout: float
) -> AgentT[Article]:
    """Attach the tag agent; each of its actors keeps one pool process busy with a batch."""

    @app.agent(ch[topics.UNIQUE], name=f"newswire.{STAGE}", concurrency=concurrency)
    async def tag_articles(stream: faust.StreamT[Article]) -> None:
        async for events in handled_batches(stream, batch_size):
            batch = [cast(Article, event.value) for event in events]
            with timed(STAGE, len(batch)):
                results = await tag_off_loop(pool, batch, timeout)
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
    pool: ProcessPool, batch: list[Article], timeout: float, tagger: Tagger = tag_and_release
) -> list[tuple[Article, EnrichedArticle | Exception]]:
    """Tag a batch in a pool process; if it fails, overruns its time (`batch_timeout`) or kills its process, tag
    its articles one by one, so only the article that does so again is rejected and the rest come out."""
    allowed = batch_timeout(batch, timeout)
    try:
        tagged = await asyncio.wrap_future(pool.schedule(tagger, (batch,), timeout=allowed))
    except Exception as exc:
        if len(batch) > 1:
            return [result for article in batch for result in await tag_off_loop(pool, [article], timeout, tagger)]
        if isinstance(exc, TimeoutError):
            return [(batch[0], RejectedInput(f"timed out: tagging took over {allowed:g} s"))]
        if isinstance(exc, ProcessExpired):
            return [(batch[0], RejectedInput(f"crashed: the tagging process died on this article (exit code "
                                             f"{exc.exitcode})"))]  # fmt: skip
        return [(batch[0], exc)]
    return list(zip(batch, tagged, strict=True))


def batch_timeout(batch: list[Article], timeout: float) -> float:
    """The time a batch may take: `timeout` per `TIMED_CHARACTERS` characters of its articles, at least `timeout`."""
    characters = sum(len(article["title"] or "") + len(article["body"]) for article in batch)
    return timeout * max(1.0, characters / TIMED_CHARACTERS)
