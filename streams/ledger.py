"""The ledger: every file gets exactly one account, once each of its articles has an outcome.

A document's outcomes arrive as notes on `news.outcomes`, keyed by document id: split says how many
articles the document gave, and each batch of public records written out gives the outcomes of the
document's articles in it (enriched, duplicate, rejected), or the rejection of the whole document. Each
article's outcome is kept once, by its position, however often it is delivered. When every article has
one, or the whole document was rejected, the ledger gives the file's account for `news.accounts`. A
finished document is remembered for a while as its account alone, so a file sent again (after a restart)
is answered with the same account.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, MutableMapping
from datetime import datetime, timedelta
from typing import Literal, TypedDict

Outcome = Literal["enriched", "duplicate", "rejected"]
MARKS: dict[str, str] = {"enriched": "e", "duplicate": "d", "rejected": "r"}
NONE = "."
"""An entry keeps one character per article position: its outcome's mark, or NONE while it has none."""


class Note(TypedDict):
    """Outcomes of some of a document's articles, the whole document's rejection, or its article count."""

    document_id: str
    filename: str | None
    size: int
    articles: int | None
    outcomes: dict[str, Outcome]
    rejected: str | None
    reasons: list[str]


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
    outcomes: str
    reasons: list[str]
    rejected: str | None
    first_seen: str
    account: Account | None


def note(
    document_id: str,
    *,
    filename: str | None,
    size: int,
    articles: int | None = None,
    outcomes: Mapping[int, Outcome] | None = None,
    rejected: str | None = None,
    reasons: Iterable[str] = (),
) -> Note:
    """A note for `news.outcomes`."""
    return Note(document_id=document_id, filename=filename, size=size, articles=articles,
                outcomes={str(position): kind for position, kind in (outcomes or {}).items()},
                rejected=rejected, reasons=list(dict.fromkeys(reasons)))  # fmt: skip


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
            again = item["articles"] is not None or item["rejected"] is not None
            return entry["account"] if again else None
        if entry is None:
            entry = Entry(partition=partition, filename=item["filename"], size=item["size"], articles=None,
                          outcomes="", reasons=[], rejected=None, first_seen=now.isoformat(), account=None)  # fmt: skip
        entry["size"] = max(entry["size"], item["size"])
        entry["filename"] = entry["filename"] or item["filename"]
        if item["articles"] is not None:
            entry["articles"] = item["articles"]
        if item["rejected"] is not None:
            entry["rejected"] = item["rejected"]
        entry["outcomes"] = _marked(entry["outcomes"], item["outcomes"])
        entry["reasons"] = list(dict.fromkeys([*entry["reasons"], *item["reasons"]]))
        account = _complete(key, entry, now)
        if account is not None:
            entry = Entry(partition=partition, filename=entry["filename"], size=entry["size"],
                          articles=entry["articles"], outcomes="", reasons=[], rejected=None,
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


def _marked(marks: str, outcomes: Mapping[str, Outcome]) -> str:
    """The outcome marks with the note's added; a position already marked keeps its first outcome."""
    if not outcomes:
        return marks
    chars = list(marks.ljust(max(int(position) for position in outcomes) + 1, NONE))
    for position, kind in outcomes.items():
        index = int(position)
        if chars[index] == NONE:
            chars[index] = MARKS[kind]
    return "".join(chars)


def _complete(document_id: str, entry: Entry, now: datetime) -> Account | None:
    """The document's account when nothing is missing: rejected as a whole, or an outcome for every article."""
    articles, marks = entry["articles"], entry["outcomes"]
    if entry["rejected"] is None and (articles is None or marks[:articles].count(NONE) or len(marks) < articles):
        return None
    return Account(
        document_id=document_id,
        filename=entry["filename"],
        size=entry["size"],
        articles=articles or 0,
        enriched=marks.count(MARKS["enriched"]),
        duplicates=marks.count(MARKS["duplicate"]),
        rejected=marks.count(MARKS["rejected"]) + (entry["rejected"] is not None),
        reasons=[*([entry["rejected"]] if entry["rejected"] else []), *entry["reasons"]],
        accounted_at=now.isoformat(),
    )


def counted(number: int, noun: str) -> str:
    """`1 file`, `2 files`: a count with its noun, for the summaries people read (every noun used is regular)."""
    return f"{number:,} {noun}{'' if number == 1 else 's'}"
