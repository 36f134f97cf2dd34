"""How long the workers' consumer lets the broker hold an empty fetch: short while records flow, long when idle.

Faust fixes the wait at 1,500 ms. On tansu a waiting fetch is not answered when a record arrives but when the
broker next looks, at half the remaining wait, so with Faust's value each hop of a record between stages took
up to 750 ms, several seconds over the pipeline's hops. Short waits (100 ms) bring an article out in about a
second, but an idle worker then spends several percent of a core on empty fetches. So the wait is short
while records arrive and for `BUSY_SECONDS` after the last, and long again when the worker is idle: the first
file after a quiet spell pays one long wait on its first hop, and none after. A worker starts busy, until its
tables are recovered: on tansu the offset requests of table recovery wait behind a pending fetch on the same
connection, so long waits added about 3 s to every start. Then, with no record come in, it is idle at once.
"""

from __future__ import annotations

import time
from typing import Any, cast

import faust
from faust.tables.manager import TableManager
from faust.types import TP, Message

BUSY_MS = 100
IDLE_MS = 1500
BUSY_SECONDS = 10.0


class FetchPacer(faust.Sensor):
    """Shortens the consumer's fetch wait when a record comes in, and lengthens it once the worker is idle."""

    def __init__(self, app: faust.App) -> None:
        super().__init__()
        self.app = app
        self.last = float("-inf")
        self.busy = True

    def register(self) -> None:
        """Start the consumer with the short wait, follow incoming records, and check for idleness every second once
        the tables are recovered."""
        consumer: Any = self.app.consumer
        thread = consumer._thread
        create = thread._create_worker_consumer

        def create_with_wait(transport: object) -> object:
            created = create(transport)
            created._fetch_max_wait_ms = BUSY_MS
            return created

        thread._create_worker_consumer = create_with_wait
        self.app.sensors.add(self)

        @self.app.timer(1.0)  # type: ignore[untyped-decorator]
        async def slow_down_when_idle() -> None:
            self.check_idle()

    def check_idle(self) -> None:
        """Lengthen the wait once the tables are recovered and no record came in for `BUSY_SECONDS`."""
        tables = cast(TableManager, self.app.tables)
        recovering = not tables.recovery.completed.is_set()
        if self.busy and not recovering and time.monotonic() - self.last > BUSY_SECONDS:
            self._set(IDLE_MS)
            self.busy = False

    def on_message_in(self, tp: TP, offset: int, message: Message) -> None:
        """A record came in: fetch quickly from now on."""
        self.last = time.monotonic()
        if not self.busy:
            self.busy = True
            self._set(BUSY_MS)

    def _set(self, wait_ms: int) -> None:
        """Change the wait of the running consumer's fetcher."""
        consumer: Any = self.app.consumer
        set_fetch_wait(getattr(consumer._thread, "_consumer", None), wait_ms)


def set_fetch_wait(consumer: object, wait_ms: int) -> None:
    """Change the wait of a started aiokafka consumer's fetcher (none before it starts); its next fetch uses it."""
    fetcher = getattr(consumer, "_fetcher", None)
    if fetcher is not None:
        fetcher._fetch_max_wait_ms = wait_ms
