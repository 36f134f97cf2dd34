"""The fetch wait: short while a worker (or an account reader) starts and while records flow, long once it is idle."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace
from typing import cast

import faust
from faust.tables.manager import TableManager
from faust.tables.recovery import Recovery
from faust.types import TP

from agents import accounts
from agents.fetching import BUSY_MS, BUSY_SECONDS, IDLE_MS, FetchPacer
from streams.security import Security


class Recording(FetchPacer):
    """The pacer, with the waits it sets written down instead of given to a consumer."""

    waits: list[int]

    def _set(self, wait_ms: int) -> None:
        self.waits.append(wait_ms)


def _pacer() -> tuple[Recovery, Recording, list[int]]:
    app = faust.App("fetching-test", broker="kafka://127.0.0.1:9", autodiscover=False, web_enabled=False)
    pacer = Recording(app)
    pacer.waits = []
    return cast(TableManager, app.tables).recovery, pacer, pacer.waits


def test_a_starting_worker_fetches_quickly_until_its_tables_are_recovered_then_idles_at_once() -> None:
    recovery, pacer, waits = _pacer()
    pacer.check_idle()
    assert pacer.busy
    assert waits == []
    recovery.completed.set()
    pacer.check_idle()
    assert not pacer.busy
    assert waits == [IDLE_MS]


def test_a_record_makes_fetches_quick_again_and_keeps_them_so_for_a_while() -> None:
    recovery, pacer, waits = _pacer()
    recovery.completed.set()
    pacer.check_idle()
    pacer.on_message_in(TP("news.raw", 0), 0, None)  # type: ignore[arg-type]
    assert pacer.busy
    assert waits == [IDLE_MS, BUSY_MS]
    pacer.check_idle()
    assert pacer.busy
    assert waits == [IDLE_MS, BUSY_MS]


async def _account_reader() -> accounts.AccountReader:
    return accounts.AccountReader("kafka://127.0.0.1:9", Security())  # aiokafka wants a running loop


def test_the_account_reader_fetches_quickly_while_accounts_come_and_slowly_before_and_after() -> None:
    reader = asyncio.run(_account_reader())
    fetcher = SimpleNamespace(_fetch_max_wait_ms=0)
    reader._consumer._fetcher = fetcher  # what start() would make
    reader._pace(False, 100.0)
    assert fetcher._fetch_max_wait_ms == accounts.FETCH_WAIT_MS  # none yet: an idle daemon polls slowly
    reader._pace(True, 101.0)
    assert fetcher._fetch_max_wait_ms == BUSY_MS
    reader._pace(False, 101.0 + BUSY_SECONDS - 1)
    assert fetcher._fetch_max_wait_ms == BUSY_MS
    reader._pace(False, 101.0 + BUSY_SECONDS + 1)
    assert fetcher._fetch_max_wait_ms == accounts.FETCH_WAIT_MS
