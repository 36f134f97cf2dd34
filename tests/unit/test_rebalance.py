"""The seek after a rebalance: nothing handed to the streams while it runs, uncommitted partitions read again."""

from __future__ import annotations

import asyncio
from collections.abc import Mapping
from typing import Any

import faust
from faust.types import TP

from agents import rebalance


def test_seek_runs_with_the_flow_stopped_and_rewinds_partitions_nobody_committed() -> None:
    app = faust.App("newswire-test", broker="kafka://127.0.0.1:1", store="memory://")
    changelog = app.Table("dedup-articles", partitions=2).changelog_topic.get_topic_name()
    committed_at, uncommitted = TP("news.articles", 0), TP("news.articles", 1)
    consumer: Any = app.consumer
    flow_during_seek: list[bool] = []
    rewound: list[tuple[TP, int]] = []

    async def seek_to_committed() -> Mapping[TP, int | None]:
        flow_during_seek.append(consumer.flow_active)
        return {committed_at: 7, uncommitted: None, TP(changelog, 1): None}

    async def seek(tp: TP, offset: int) -> None:
        rewound.append((tp, offset))

    consumer.seek_to_committed = seek_to_committed
    consumer.seek = seek
    rebalance.reread_uncommitted(app)
    consumer.resume_flow()

    asyncio.run(consumer.perform_seek())

    assert flow_during_seek == [False]
    assert rewound == [(uncommitted, 0)]
    assert consumer._read_offset[committed_at] == 7
