"""Two gaps in Faust's rebalance closed, so a rebalance never loses a record.

After a rebalance Faust seeks every stream partition back to its committed offset and reads on from
there. Two things went wrong around that seek, each found by killing a worker mid-stream in a loop:

- aiokafka skips partitions without a committed offset, so whatever a killed worker had not committed
  yet was never read again. Those partitions are now rewound to their first record.
- Faust's recovery resumes the stream partitions a moment before it seeks, while the consumer is already
  flowing. Records fetched in that moment went into the stream queues and moved the read offsets on;
  the recovery then cleared the queues, and the same records, fetched again after the seek, were
  dropped as already read. The consumer's flow is now stopped for the seek, so nothing is handed to
  the streams until the seek is done; every caller resumes the flow right after it.

Reading again is at least once, as everywhere else; dedup is safe against re-delivery.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import faust
from aiokafka.errors import IllegalStateError
from faust.types import TP


def reread_uncommitted(app: faust.App) -> None:
    """Make the consumer's seek to committed offsets complete: nothing handed on meanwhile, nothing skipped."""
    consumer: Any = app.consumer
    seek_to_committed = consumer.seek_to_committed
    perform_seek = consumer.perform_seek

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

    async def seek_with_flow_stopped() -> None:
        consumer.stop_flow()
        await perform_seek()

    consumer.seek_to_committed = seek_with_rewind
    consumer.perform_seek = seek_with_flow_stopped
