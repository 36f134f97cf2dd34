"""The dedup index's retention: entries older than `NEWSWIRE_DEDUP_RETENTION_DAYS` are swept out every hour."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

import faust
from faust.types import TableT

from streams import topics
from streams.dedup.stage import expire_bucket, expired

SWEEP_SECONDS = 3600.0
SWEEP_CHUNK = 10_000


def now_us() -> int:
    """Wall-clock time in microseconds, against which retention is measured."""
    return int(time.time() * 1_000_000)


def register(
    app: faust.App, articles: TableT[bytes, bytes], buckets: TableT[bytes, bytes], retention_us: int, epoch: int
) -> None:
    """Sweep both dedup tables of the partitions this worker owns, every `SWEEP_SECONDS`."""

    @app.timer(SWEEP_SECONDS)  # type: ignore[untyped-decorator]
    async def sweep() -> None:
        """Forget what is older than the retention window, in the partitions this worker owns."""
        owned = app.assignor.assigned_actives()
        cutoff = now_us() - retention_us
        mine = {tp.partition for tp in owned if tp.topic == topics.ARTICLES.name}
        await _expire(articles, lambda value: expired(value, mine, cutoff, epoch))
        mine_buckets = {tp.partition for tp in owned if tp.topic == topics.DEDUP_BANDS.name}
        await _expire(buckets, lambda value: expire_bucket(value, mine_buckets, cutoff) is None)


async def _expire(table: TableT[bytes, bytes], gone: Callable[[bytes], bool]) -> None:
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
