"""The stage agents on Faust's test context: real agent code and tables, outbound sends captured."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, patch

import faust
import pytest
from pebble import ProcessPool

from agents import channels
from agents.channels import Channels
from agents.crash_guard import CrashGuard
from agents.pool import clean_pool, stop_pools
from agents.stages import clean, dedup, split
from streams import topics
from streams.ingest import file_headers
from streams.settings import Settings

STORY = (
    "Harbour ferry fares rise again\n"
    "OSLO, June 2 (Reuters) - The harbour authority raised ferry fares by ten percent on Monday, its third "
    "increase this year, citing fuel costs and a shortage of trained crews on the northern routes.\n"
)


@pytest.fixture
def app() -> faust.App:
    return faust.App("newswire-test", broker="kafka://127.0.0.1:1", store="memory://", value_serializer="orjson")


@pytest.fixture
def ch(app: faust.App) -> Iterator[Channels]:
    """The app's topics, each outbound send replaced by a mock that records what the agent sent."""
    built = channels.build(app)
    with ExitStack() as stack:
        for spec in (topics.CLEANED, topics.ARTICLES, topics.DEDUP_BANDS, topics.DEDUP_ANSWERS, topics.UNIQUE,
                     topics.DUPLICATES, topics.REJECTED, topics.OUTCOMES):  # fmt: skip
            stack.enter_context(patch.object(built[spec], "send", AsyncMock(side_effect=delivered)))
        yield built


def delivered(**_: Any) -> asyncio.Future[None]:
    """What a send returns: a future the broker's acknowledgement completes, here at once."""
    future = asyncio.get_running_loop().create_future()
    future.set_result(None)
    return future


def sent(topic: Any) -> list[Any]:
    return [call.kwargs["value"] for call in topic.send.call_args_list]


@pytest.fixture(scope="module")
def cleaners() -> Iterator[ProcessPool]:
    """The clean stage's real process pool, one process."""
    pool = clean_pool(1)
    yield pool
    stop_pools(pool)


def test_clean_agent_rejects_bad_files_and_passes_good_ones(
    app: faust.App, ch: Channels, cleaners: ProcessPool
) -> None:
    agent = clean.register(app, ch, Settings(max_file_bytes=1000), cleaners, CrashGuard(None))

    async def feed() -> None:
        async with agent.test_context() as running:
            await running.put(b"", headers={"filename": b"empty.txt"})
            await running.put(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", headers={"filename": b"a.png"})
            await running.put(STORY.encode("cp1252"), headers={"filename": b"story.txt"})
            await running.put(b"", headers={"filename": b"huge.txt", "oversize": b"5000"})
            await running.put(STORY.encode() * 5, headers={"filename": b"big.txt"})
            # A sender with a smaller limit than the worker's sends no bytes and says why (probe: "empty file").
            await running.put(b"", headers=dict(file_headers(Path("small.txt"), oversize=549, limit=100)))

    asyncio.run(feed())
    reasons = {r["filename"]: r["reason"] for r in sent(ch[topics.REJECTED])}
    assert reasons == {
        "empty.txt": "empty file: no bytes",
        "a.png": "binary file: PNG image",
        "huge.txt": "too large: 5,000 bytes, limit 1,000",
        "big.txt": f"too large: {len(STORY.encode()) * 5:,} bytes, limit 1,000",
        "small.txt": "too large: 549 bytes, limit 100",
    }
    [document] = sent(ch[topics.CLEANED])
    assert document["filename"] == "story.txt"
    assert "ferry fares" in document["text"]


def test_split_then_dedup_agents_flag_the_second_copy(app: faust.App, ch: Channels) -> None:
    split_agent = split.register(app, ch, Settings(partitions=1), CrashGuard(None))
    buckets_agent, dedup_agent = dedup.register(app, ch, Settings(partitions=1), CrashGuard(None))
    document = {
        "document_id": "doc-1", "filename": "story.txt", "content_type": "text/plain", "size": len(STORY),
        "crawled_at": "2025-06-02T08:00:00+00:00", "ingested_at": "2025-06-02T08:00:00+00:00",
        "format": "text", "encoding": "utf-8", "title": None, "author": None, "published_at": None,
        "site": None, "publisher": None, "domain": None, "url": None, "text": STORY.strip(),
    }  # fmt: skip

    async def feed(agent: Any, values: list[Any]) -> None:
        async with agent.test_context() as running:
            for value in values:
                await running.put(value)

    asyncio.run(feed(split_agent, [document, {**document, "document_id": "doc-2"}]))
    articles = sent(ch[topics.ARTICLES])
    assert [a["document_id"] for a in articles] == ["doc-1", "doc-2"]
    asyncio.run(feed(dedup_agent, articles))
    asyncio.run(feed(buckets_agent, sent(ch[topics.DEDUP_BANDS])))
    asyncio.run(feed(dedup_agent, sent(ch[topics.DEDUP_ANSWERS])))
    [unique] = sent(ch[topics.UNIQUE])
    [duplicate] = sent(ch[topics.DUPLICATES])
    assert unique["document_id"] == "doc-1"
    assert duplicate["duplicate_of"] == unique["id"]
    assert duplicate["duplicate_kind"] == "exact"
