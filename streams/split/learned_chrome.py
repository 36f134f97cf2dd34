"""Learned page chrome: short lines that recur across many documents of one source are template, not story."""

from __future__ import annotations

import base64
import re
from collections.abc import Callable, MutableMapping
from datetime import UTC, datetime, timedelta
from typing import TypedDict
from urllib.parse import urlsplit

import xxhash

from streams.records import Document
from streams.settings import Settings
from streams.split.stage import MAX_WORDS, own_text
from streams.text.fingerprint import normalise
from streams.text.shingles import jaccard, text_signature

WRAPPED_WIDTH = 50
"""Characters from which a line that stops mid-sentence is taken for text wrapped at a fixed width."""
SWEEPS = 24
_LAST_WORD = re.compile(r"\w[\w'’-]*[.!?]")
"""One word and a full stop: the end of a sentence wrapped onto a line of its own (`December.`, `1985.`)."""
UNKNOWN_SOURCE = "unknown"
COPY_SIMILARITY = 0.8
"""Jaccard similarity of two documents' word shingles from which they count as copies of one page."""
COUNTED_LINES = 250
"""Standalone short lines counted from each end of a document, at most: far more than a page's template holds."""
SIGNED_CHARACTERS = 20_000
"""How much of a document its signature reads: enough to tell copies, and a megabyte of Chinese (a million
words, one a character) would hold the event loop 1.6 s."""


class LineStats(TypedDict):
    """The signatures of the distinct documents of one source a line was seen in (up to the threshold) and when
    last: signatures, not ids, so that a copy of a counted document is known as one after a restart too."""

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


def continues(previous: str, line: str) -> bool:
    """Whether a line carries on the sentence of the line before, as in text wrapped at a fixed width (`...the
    underground work, Murgold` / `said.`, `...fell to 2.1 pct from 4.7 pct in` / `1985.`): story, however often
    the same words end a line elsewhere. A line after a short one (`Bugle Media Group` / `subscribe`) may be
    template, a line after a comma never is."""
    end = previous.rstrip()
    if end.endswith(","):
        return True
    if len(end) < WRAPPED_WIDTH or not end[-1:].isalnum():
        return False
    start = line.strip()
    return start[:1].islower() or _LAST_WORD.fullmatch(start) is not None


def standalone_lines(text: str) -> list[str]:
    """The normalised short lines of a text that are no part of a wrapped sentence, the only ones that can be
    template, once each in the order they come."""
    lines = text.split("\n")
    forms = (
        form
        for previous, line, following in zip(["", *lines[:-1]], lines, [*lines[1:], ""], strict=True)
        if (form := candidate(line)) and not continues(previous, line) and not continues(line, following)
    )
    return list(dict.fromkeys(forms))


def counted_lines(text: str) -> list[str]:
    """The standalone lines a document counts: `COUNTED_LINES` from each end of a text that has more (a page's
    template stands around and between its few stories; a text of 50,000 short lines wrote as many table entries
    at once and held the event loop 8 s)."""
    forms = standalone_lines(text)
    return forms if len(forms) <= 2 * COUNTED_LINES else [*forms[:COUNTED_LINES], *forms[-COUNTED_LINES:]]


def signature(text: str) -> str:
    """The document's signature as the table stores it."""
    return base64.b64encode(text_signature(text[:SIGNED_CHARACTERS])).decode("ascii")


def copies(one: str, other: str) -> bool:
    """Whether two stored signatures are of copies of one document."""
    left, right = base64.b64decode(one), base64.b64decode(other)
    return len(left) == len(right) and jaccard(left, right) >= COPY_SIMILARITY


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
        self._scanned = datetime.min.replace(tzinfo=UTC)
        self._stale: dict[str, list[str]] = {}

    @classmethod
    def from_settings(cls, stats: MutableMapping[str, LineStats], settings: Settings) -> ChromeLearner:
        """A learner with the thresholds the settings give, over `stats` (a table, or a dict in process)."""
        return cls(stats, settings.chrome_min_documents, timedelta(days=settings.chrome_max_age_days))

    def observe(self, document: Document, now: datetime) -> Callable[[str], bool]:
        """Count the document's short lines and return a test for lines that are learned chrome for it.

        Only what the page says itself is counted, not its related items (`own_text`); a page whose own text
        holds no paragraph, only template, is told from others by its whole text. The answer for a
        document does not change when it is delivered again, after a restart too: a line is chrome for every
        document but the first `min_documents - 1` that had it and their copies. A copy of a document counted
        for a line (the same page crawled again, the same story under another name, with a word changed, or
        with other related items) is not counted again: every line of copies recurs, and copies are dedup's to
        judge, not chrome. A line's entry is written only when its documents change or its `last_seen` is
        older than a sweep interval, not at every sighting; one naming documents by id (as the table did until
        2026-12-05) is begun again, since an id is no signature to compare.
        """
        source = source_of(document)
        refresh = self.max_age / SWEEPS
        if now - self._scanned > refresh:
            self._scan(now)
        self.expire(source, now)
        own = own_text(document["text"])
        me = signature(own if any(len(line.split()) > MAX_WORDS for line in own.split("\n")) else document["text"])
        judged: dict[str, bool] = {me: True}

        def mine(other: str) -> bool:
            """Whether a counted document is this one or a copy of it (each compared once per document)."""
            if other not in judged:
                judged[other] = copies(me, other)
            return judged[other]

        learned: set[str] = set()
        for form in counted_lines(own):
            key = line_key(source, form)
            seen = self.stats.get(key)
            documents = [other for other in seen["documents"] if len(other) == len(me)] if seen else []
            if len(documents) < self.min_documents and not any(map(mine, documents)):
                documents.append(me)
            if seen is None or documents != seen["documents"] or seen["last_seen"] < (now - refresh).isoformat():
                self.stats[key] = LineStats(documents=documents, last_seen=now.isoformat())
            if len(documents) >= self.min_documents and not any(map(mine, documents[: self.min_documents - 1])):
                learned.add(form)
        return lambda line: candidate(line) in learned

    def _scan(self, now: datetime) -> None:
        """Find every source's stale lines in one pass over the table, once a sweep interval.

        A pass per source (one for each site seen) read the whole table hundreds of times on a crawl of
        many sites: a third of the worker's time. The keys found wait here until their source comes again.
        """
        self._scanned = now
        cutoff = (now - self.max_age).isoformat()
        self._stale = {}
        for key, seen in self.stats.items():
            if seen["last_seen"] < cutoff:
                self._stale.setdefault(key.rpartition("|")[0], []).append(key)

    def expire(self, source: str, now: datetime) -> int:
        """Forget the source's lines that the last scan found stale and that are still stale; return how many.

        Only the source being processed is swept: its keys live in the partition of the current record.
        """
        cutoff = (now - self.max_age).isoformat()
        forgotten = 0
        for key in self._stale.pop(source, []):
            seen = self.stats.get(key)
            if seen is not None and seen["last_seen"] < cutoff:
                del self.stats[key]
                forgotten += 1
        return forgotten
