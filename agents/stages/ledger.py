"""The ledger agent: outcome notes in, one account per file out on `news.accounts`."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime, timedelta

import faust
from faust.types import AgentT

from agents.channels import Channels
from agents.outputs import deliver
from agents.tables import table
from streams import topics
from streams.errors import RejectedInput
from streams.ledger import Entry, Ledger, Note
from streams.settings import Settings

log = logging.getLogger("newswire")
SWEEP_SECONDS = 600.0
KEEP_DONE = timedelta(days=1)
"""How long a finished document's account is kept to answer a file sent again after a restart."""
GIVE_UP = timedelta(days=1)
"""How long a document may wait for outcomes before the ledger gives up on it (and says so in the log)."""


def register(app: faust.App, ch: Channels, settings: Settings) -> AgentT[Note]:
    """Attach the ledger agent, its table and its sweep."""
    entries = table(app, "ledger", settings.partitions)
    ledger = Ledger(entries, keep_done=KEEP_DONE, give_up=GIVE_UP)

    @app.agent(ch[topics.OUTCOMES], name="newswire.ledger")
    async def account(stream: faust.StreamT[Note]) -> None:
        async for event in stream.events():
            item: Note = event.value
            try:
                done = ledger.record(item, event.message.partition, datetime.now(UTC))
            except Exception:
                log.exception("ledger note for %s failed", item.get("document_id"))
                continue
            if done is None:
                continue
            try:
                await deliver(ch[topics.ACCOUNTS], done["document_id"], done)
            except RejectedInput as exc:
                log.error("account of %s not sent: %s", done["filename"] or done["document_id"], exc.reason)

    @app.timer(SWEEP_SECONDS)  # type: ignore[untyped-decorator]
    async def sweep() -> None:
        """Forget old accounts, and give up on documents whose outcomes never all came, saying which."""
        listed: list[tuple[str, Entry]] = list(entries.data.items())
        forgotten, abandoned = ledger.stale(listed, datetime.now(UTC))
        by_key = dict(listed)
        for key in abandoned:
            entry = by_key[key]
            log.error("gave up waiting for the outcomes of %s (document %s)", entry["filename"] or "?", key)
        for key in forgotten + abandoned:
            partition = by_key[key]["partition"]
            entries.data.pop(key, None)
            entries.send_changelog(partition, key, None)
            await asyncio.sleep(0)

    return account
