"""Whether newswire's workers and broker are still there, for commands that wait on them (`ingest --wait`, `tail`)."""

from __future__ import annotations

import asyncio
import time

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from streams.security import Security
from streams.settings import kafka_options
from streams.topics import APP_ID

CHECK_SECONDS = 10.0
"""How often the group is looked at while no account arrives."""
EMPTY_CHECKS = 3
"""Checks in a row that find no worker before waiting is given up: a worker restarting rejoins well within."""
UNANSWERED_CHECKS = 2
"""Checks in a row the broker leaves unanswered before waiting is given up."""
REQUEST_SECONDS = 5.0


class GroupWatch:
    """Looks at the workers' consumer group now and then; says why waiting on them (or on the broker) is
    pointless, once it is."""

    def __init__(self, broker_url: str, security: Security, *, workers: bool = True) -> None:
        """With `workers` False only the broker is watched (a topic can be read with no worker running)."""
        self._url = broker_url
        self._workers = workers
        self._admin = AIOKafkaAdminClient(**kafka_options(broker_url, security),
                                          request_timeout_ms=int(REQUEST_SECONDS * 1000))  # fmt: skip
        self._started = False
        self._checked = time.monotonic()
        self._empty = 0
        self._unanswered = 0
        self.broker_gone = False
        """Whether `gone` gave up because the broker stopped answering (what was sent may be gone with it)."""

    async def close(self) -> None:
        """Let go of the broker."""
        await self._admin.close()

    async def gone(self, last_arrival: float) -> str | None:
        """Why nothing can arrive any more (no worker in the group, or no broker answering), or None; asked of
        the broker once `CHECK_SECONDS` have passed with nothing arriving (`last_arrival`, monotonic) and since
        the last question."""
        now = time.monotonic()
        if now - max(last_arrival, self._checked) < CHECK_SECONDS:
            return None
        self._checked = now
        try:
            async with asyncio.timeout(2 * REQUEST_SECONDS):
                if not self._started:
                    await self._admin.start()
                    self._started = True
                [response] = await self._admin.describe_consumer_groups([APP_ID])
        except (KafkaError, OSError, TimeoutError) as exc:
            self._unanswered += 1
            if self._unanswered >= UNANSWERED_CHECKS:
                self.broker_gone = True
                return f"the broker at {self._url} stopped answering ({exc or type(exc).__name__})"
            return None
        self._unanswered = 0
        if not self._workers:
            return None
        groups = response.to_object()["groups"]
        members = sum(len(group["members"]) for group in groups if group["group"] == APP_ID)
        self._empty = 0 if members else self._empty + 1
        if self._empty >= EMPTY_CHECKS:
            return (f"no newswire worker has been running at {self._url} for {EMPTY_CHECKS * CHECK_SECONDS:.0f} s "
                    f"(its consumer group {APP_ID!r} has no members): start `newswire run`")  # fmt: skip
        return None
