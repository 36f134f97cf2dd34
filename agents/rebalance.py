"""A gap in Faust's rebalance closed: partitions nobody committed are read again from their start.

While a rebalance settles, Faust can take records off a partition and drop them (its consumer is
suspended), then seeks every partition back to its committed offset to read them again. aiokafka skips
partitions without a committed offset, so whatever a killed worker had not committed yet was lost for
good and the articles waiting on it never settled. Seeking those partitions to their first record reads
them again instead: at least once, as everywhere else, and dedup is safe against re-delivery.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import faust
from aiokafka.errors import IllegalStateError
from faust.types import TP


def reread_uncommitted(app: faust.App) -> None:
    """Make the consumer's seek to committed offsets also rewind the stream partitions that have none."""
    consumer: Any = app.consumer
    seek_to_committed = consumer.seek_to_committed

    async def seek_with_rewind() -> Mapping[TP, int]:
        committed: Mapping[TP, int] = await seek_to_committed()
        for tp, offset in committed.items():
            if (offset and offset > 0) or tp.topic in app.tables.changelog_topics:
                continue
            try:
                await consumer.seek(tp, 0)
            except IllegalStateError:
                continue  # revoked meanwhile: its next owner reads it from the committed offset
        return committed

    consumer.seek_to_committed = seek_with_rewind
