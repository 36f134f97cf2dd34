"""Out-folder sinks: the public topics appended to `<out>/<topic>.jsonl`, each record once, and noted in the ledger.

A record delivered again (a worker restarted before committing, a file sent again after a restart) is
not written twice: each sink remembers the keys of the records it wrote recently, starting from the tail
of its file. After a record is written, its outcome is noted on `news.outcomes`, so a file is accounted
for only once its records are in the out folder. Accounts are written by the daemon that reads them all
(see `agents.app`), with the same tools.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import faust
import orjson
from faust.types import AgentT, TopicT

from agents.batches import handled_batches
from agents.channels import Channels
from agents.codec import NAME as ORJSON
from agents.outputs import acknowledged, enqueue
from streams import topics
from streams.errors import RejectedInput
from streams.ledger import Note, Outcome, note

log = logging.getLogger("newswire")
REMEMBERED = 500_000
"""Record keys a sink remembers, far more than can be delivered twice between two offset commits."""
TAIL_BYTES = 64 * 2**20
"""How much of an out file is read back at start for the keys of records already written."""
BATCH = 200

Key = Callable[[Mapping[str, Any]], str]
R = TypeVar("R", bound=Mapping[str, Any])


def article_key(record: Mapping[str, Any]) -> str:
    """An article record is one position of one document."""
    return f"{record['document_id']}:{record['position']}"


def rejection_key(record: Mapping[str, Any]) -> str:
    """A rejection is of a whole document, or of one of its articles."""
    position = record.get("position")
    return f"{record['document_id']}:{'-' if position is None else position}"


def account_key(record: Mapping[str, Any]) -> str:
    """An account is one per document."""
    return str(record["document_id"])


SINKS: dict[str, tuple[Key, Outcome]] = {
    topics.ENRICHED.name: (article_key, "enriched"),
    topics.DUPLICATES.name: (article_key, "duplicate"),
    topics.REJECTED.name: (rejection_key, "rejected"),
}


class Written:
    """Keys of the records a sink wrote lately, oldest forgotten first."""

    def __init__(self, keys: Iterable[str] = (), cap: int = REMEMBERED) -> None:
        self.cap = cap
        self._keys: dict[str, None] = {}
        for key in keys:
            self.add(key)

    def __contains__(self, key: str) -> bool:
        return key in self._keys

    def add(self, key: str) -> None:
        """Remember a key, forgetting the oldest beyond the cap."""
        self._keys[key] = None
        if len(self._keys) > self.cap:
            del self._keys[next(iter(self._keys))]

    def fresh(self, records: Iterable[R], key: Callable[[R], str]) -> list[R]:
        """The records not written lately, each key once even within the batch, remembered as written from now."""
        new = []
        for record in records:
            record_key = key(record)
            if record_key not in self:
                self.add(record_key)
                new.append(record)
        return new


def open_out_file(path: Path, key: Key) -> Written:
    """Make an out file whole again (a line cut short by a kill is dropped: it will be delivered again),
    and return the keys of the records at its end."""
    if not path.exists():
        return Written()
    with path.open("rb+") as file:
        size = file.seek(0, os.SEEK_END)
        start = max(size - TAIL_BYTES, 0)
        file.seek(start)
        tail = file.read()
        whole = tail.rfind(b"\n") + 1
        if start + whole < size:
            file.truncate(start + whole)
            log.warning("%s ended in a line cut short; it was dropped and will be written again", path)
    lines = tail[:whole].split(b"\n")
    if start > 0:
        lines = lines[1:]  # the first line read may be the end of a longer one
    keys = []
    for line in lines:
        try:
            keys.append(key(orjson.loads(line)))
        except (orjson.JSONDecodeError, KeyError, TypeError):
            continue
    return Written(keys)


def append_records(path: Path, records: Sequence[object]) -> None:
    """Append records to an out file as JSON lines, in one write."""
    if records:
        with path.open("ab") as file:
            file.write(b"".join(orjson.dumps(record) + b"\n" for record in records))


@dataclass(frozen=True, slots=True)
class _Sink:
    """Where one public topic's records go: its out file (if any), the keys written lately, and its outcome."""

    key: Key
    kind: Outcome
    path: Path | None
    written: Written


def register(app: faust.App, ch: Channels, out: Path | None) -> AgentT[dict[str, Any]]:
    """Attach the sink agent, one over all the public output topics: an idle worker wakes one batch loop, not three."""
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
    sinks = {}
    for name, (key, kind) in SINKS.items():
        path = out / f"{name}.jsonl" if out is not None else None
        sinks[name] = _Sink(key, kind, path, open_out_file(path, key) if path is not None else Written())
    public = app.topic(*SINKS, key_serializer="raw", value_serializer=ORJSON)

    @app.agent(public, name="newswire.sinks")
    async def append(stream: faust.StreamT[dict[str, Any]]) -> None:
        async for events in handled_batches(stream, BATCH):  # events: each record's topic is known
            by_topic: dict[str, list[dict[str, Any]]] = {}
            for event in events:
                by_topic.setdefault(event.message.topic, []).append(cast("dict[str, Any]", event.value))
            for name, batch in by_topic.items():
                await _write(sinks[name], batch, ch[topics.OUTCOMES])

    return append


async def _write(sink: _Sink, batch: list[dict[str, Any]], outcomes: TopicT) -> None:
    """Append the records not written lately to the sink's file, then note the outcomes of them all."""
    fresh = sink.written.fresh(batch, sink.key)
    if sink.path is not None:
        append_records(sink.path, fresh)
    await _note_all(outcomes, notes(sink.kind, batch))


def notes(kind: Outcome, batch: Iterable[Mapping[str, Any]]) -> list[Note]:
    """The ledger notes for a batch of records written out: one per document, with its articles' outcomes."""
    grouped: dict[str, list[Mapping[str, Any]]] = {}
    for record in batch:
        grouped.setdefault(str(record["document_id"]), []).append(record)
    made = []
    for document_id, records in grouped.items():
        first = records[0]
        filename = first["source"]["filename"] if "source" in first else first.get("filename")
        articles = [record for record in records if record.get("position") is not None]
        whole = [record for record in records if record.get("position") is None]
        reasons = [str(record["reason"]) for record in articles] if kind == "rejected" else []
        outcomes = {int(record["position"]): kind for record in articles}
        made.append(note(document_id, filename=filename, size=int(whole[0]["size"]) if whole else 0,
                         outcomes=outcomes, rejected=str(whole[0]["reason"]) if whole else None,
                         reasons=reasons))  # fmt: skip
    return made


async def _note_all(outcomes: TopicT, notes: list[Note]) -> None:
    """Send the notes of a batch together and wait until the broker has them all."""
    pending = []
    for item in notes:
        try:
            pending.append((item, await enqueue(outcomes, item["document_id"], item)))
        except RejectedInput as exc:
            log.error("ledger note for %s not sent: %s", item["document_id"], exc.reason)
    for item, waiting in pending:
        try:
            await acknowledged(outcomes, waiting)
        except RejectedInput as exc:
            log.error("ledger note for %s not sent: %s", item["document_id"], exc.reason)
