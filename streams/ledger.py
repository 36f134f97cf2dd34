"""The ledger: every file gets exactly one account, once each of its articles has an outcome.

A document's outcomes arrive as notes on `news.outcomes`, keyed by document id: split says how many
articles the document gave, and each public record written out (an article on `news.enriched` or
`news.duplicates`, a rejection) is one outcome, counted once by the article's position however often it is
delivered. When every article has one, or the whole document was rejected, the ledger gives the file's
account for `news.accounts`. A finished document is remembered for a while as its account alone, so a
file sent again (after a restart) is answered with the same account.
"""

from __future__ import annotations

from collections.abc import Iterable, MutableMapping
from datetime import datetime, timedelta
from typing import Literal, TypedDict

NoteKind = Literal["articles", "enriched", "duplicate", "rejected"]


class Note(TypedDict):
    """One outcome of a document, or (kind `articles`) how many articles it gave."""

    document_id: str
    filename: str | None
    size: int
    kind: NoteKind
    position: int | None
    articles: int | None
    reason: str | None


class Account(TypedDict):
    """What became of one file: its articles' outcomes, or the reason the whole file was rejected."""

    document_id: str
    filename: str | None
    size: int
    articles: int
    enriched: int
    duplicates: int
    rejected: int
    reasons: list[str]
    accounted_at: str


class Entry(TypedDict):
    """A document in the ledger: its outcomes so far, or once finished, its account; and its table partition."""

    partition: int
    filename: str | None
    size: int
    articles: int | None
    outcomes: dict[str, str]
    reasons: list[str]
    rejected: str | None
    first_seen: str
    account: Account | None


def note(
    document_id: str,
    kind: NoteKind,
    *,
    filename: str | None,
    size: int,
    position: int | None = None,
    articles: int | None = None,
    reason: str | None = None,
) -> Note:
    """A note for `news.outcomes`."""
    return Note(document_id=document_id, filename=filename, size=size, kind=kind, position=position,
                articles=articles, reason=reason)  # fmt: skip


class Ledger:
    """Tallies notes per document in a table and gives each document's account when it is complete."""

    def __init__(self, table: MutableMapping[str, Entry], keep_done: timedelta, give_up: timedelta) -> None:
        self.table = table
        self.keep_done = keep_done
        self.give_up = give_up

    def record(self, item: Note, partition: int, now: datetime) -> Account | None:
        """Take one note; return the document's account when this note completes it (or asks for it again)."""
        key = item["document_id"]
        entry = self.table.get(key)
        if entry is not None and entry["account"] is not None:
            again = item["kind"] == "articles" or (item["kind"] == "rejected" and item["position"] is None)
            return entry["account"] if again else None
        if entry is None:
            entry = Entry(partition=partition, filename=item["filename"], size=item["size"], articles=None,
                          outcomes={}, reasons=[], rejected=None, first_seen=now.isoformat(), account=None)  # fmt: skip
        entry["size"] = max(entry["size"], item["size"])
        entry["filename"] = entry["filename"] or item["filename"]
        if item["kind"] == "articles":
            entry["articles"] = item["articles"]
        elif item["kind"] == "rejected" and item["position"] is None:
            entry["rejected"] = item["reason"] or "rejected"
        elif item["position"] is not None:
            entry["outcomes"][str(item["position"])] = item["kind"]
        if item["kind"] == "rejected" and item["reason"] and item["reason"] not in entry["reasons"]:
            entry["reasons"].append(item["reason"])
        account = _complete(key, entry, now)
        if account is not None:
            entry = Entry(partition=partition, filename=entry["filename"], size=entry["size"],
                          articles=entry["articles"], outcomes={}, reasons=[], rejected=None,
                          first_seen=entry["first_seen"], account=account)  # fmt: skip
        self.table[key] = entry
        return account

    def stale(self, entries: Iterable[tuple[str, Entry]], now: datetime) -> tuple[list[str], list[str]]:
        """Which entries can go: accounts older than `keep_done`, and documents still open after `give_up`
        (some outcome never came: their files are logged, and sent again by the inbox at its next start)."""
        done_before, open_before = (now - self.keep_done).isoformat(), (now - self.give_up).isoformat()
        forgotten, abandoned = [], []
        for key, entry in entries:
            account = entry["account"]
            if account is not None and account["accounted_at"] < done_before:
                forgotten.append(key)
            elif account is None and entry["first_seen"] < open_before:
                abandoned.append(key)
        return forgotten, abandoned


def _complete(document_id: str, entry: Entry, now: datetime) -> Account | None:
    """The document's account when nothing is missing: rejected as a whole, or an outcome for every article."""
    articles = entry["articles"]
    outcomes = list(entry["outcomes"].values())
    if entry["rejected"] is None and (articles is None or len(outcomes) < articles):
        return None
    return Account(
        document_id=document_id,
        filename=entry["filename"],
        size=entry["size"],
        articles=articles or 0,
        enriched=outcomes.count("enriched"),
        duplicates=outcomes.count("duplicate"),
        rejected=outcomes.count("rejected") + (entry["rejected"] is not None),
        reasons=entry["reasons"],
        accounted_at=now.isoformat(),
    )
