"""Learned page chrome: short lines that recur across many documents of one source are template, not story."""

from __future__ import annotations

from collections.abc import Callable, MutableMapping
from datetime import datetime, timedelta
from typing import TypedDict
from urllib.parse import urlsplit

import xxhash

from streams.records import Document
from streams.text.fingerprint import normalise

MAX_WORDS = 16
SWEEPS = 24
UNKNOWN_SOURCE = "unknown"


class LineStats(TypedDict):
    """The distinct documents of one source a line was seen in (up to the threshold) and when last."""

    documents: list[str]
    last_seen: str


def source_of(document: Document) -> str:
    """The site a document comes from: its site name, else its URL's host, else one shared unknown source."""
    if document["site"]:
        return normalise(document["site"]) or UNKNOWN_SOURCE
    if document["url"]:
        host = urlsplit(document["url"]).hostname or ""
        return host.removeprefix("www.") or UNKNOWN_SOURCE
    return UNKNOWN_SOURCE


def candidate(line: str) -> str | None:
    """The normalised form of a line short enough to be template; long paragraphs are story text."""
    words = normalise(line)
    if not words or len(words.split()) > MAX_WORDS:
        return None
    return words


def line_key(source: str, normalised_line: str) -> str:
    """Table key of a line within its source; hashed so keys stay short."""
    return f"{source}|{xxhash.xxh3_64_hexdigest(normalised_line.encode('utf-8'))}"


class ChromeLearner:
    """Counts short lines per source across distinct documents and names those seen in enough of them."""

    def __init__(self, stats: MutableMapping[str, LineStats], min_documents: int, max_age: timedelta) -> None:
        if min_documents < 2:
            raise ValueError("a line seen in one document only must never count as chrome: min_documents >= 2")
        self.stats = stats
        self.min_documents = min_documents
        self.max_age = max_age
        self._swept: dict[str, datetime] = {}

    def observe(self, document: Document, now: datetime) -> Callable[[str], bool]:
        """Count the document's short lines and return a test for lines that are learned chrome for it.

        The answer for a document does not change when it is delivered again: a line is chrome for every
        document but the first `min_documents - 1` that had it. A line's entry is written only when its
        documents change or its `last_seen` is older than a sweep interval, not at every sighting.
        """
        source = source_of(document)
        refresh = self.max_age / SWEEPS
        if now - self._swept.get(source, datetime.min.replace(tzinfo=now.tzinfo)) > refresh:
            self.expire(source, now)
        learned: set[str] = set()
        me = document["document_id"]
        lines = {form for line in document["text"].split("\n") if (form := candidate(line))}
        for form in lines:
            key = line_key(source, form)
            seen = self.stats.get(key)
            documents = list(seen["documents"]) if seen else []
            if me not in documents and len(documents) < self.min_documents:
                documents.append(me)
            if seen is None or documents != seen["documents"] or seen["last_seen"] < (now - refresh).isoformat():
                self.stats[key] = LineStats(documents=documents, last_seen=now.isoformat())
            if len(documents) >= self.min_documents and me not in documents[: self.min_documents - 1]:
                learned.add(form)
        return lambda line: candidate(line) in learned

    def expire(self, source: str, now: datetime) -> int:
        """Forget a source's lines not seen within `max_age`, so the statistics stay bounded; return how many.

        Only the source being processed is swept: its keys live in the partition of the current record.
        """
        self._swept[source] = now
        cutoff = (now - self.max_age).isoformat()
        prefix = f"{source}|"
        stale = [key for key, seen in self.stats.items() if key.startswith(prefix) and seen["last_seen"] < cutoff]
        for key in stale:
            del self.stats[key]
        return len(stale)
