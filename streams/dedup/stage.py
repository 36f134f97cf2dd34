"""Exact and near-duplicate detection as messages between article state and LSH buckets, over plain mappings.

State lives where Kafka partitions put it, so any number of workers agree:

- per article (keyed by article id, like `news.articles`): its first sighting and signature, and while
  undecided the article itself and the progress of deciding it, all in one table value so that a
  worker killed mid-write leaves either the old state or the new one;
- per LSH bucket (keyed by bucket key, on `news.dedup-bands`): the recent articles that share the bucket.

An article is probed in all its buckets; each bucket's partition answers with the others in it and adds
the article, so of two copies the second to reach a bucket always learns of the first. Candidates are
then compared where each one's signature lives, and an article is flagged only as the copy of one that
is already published (kept) and contains enough of it. Undecided articles wait only for earlier ones in
(ingest time, id) order, so waiting never goes round in a circle; a copy that arrives after the other
was published is flagged against the published one, whatever its ingest time.
"""

from __future__ import annotations

import base64
import struct
from collections.abc import MutableMapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any, Literal, TypedDict

import orjson
import xxhash

from streams.dedup.sketch import DEFAULT, LEAD_KEY, TEXT_KEY, Params, Sketch, containment, sketch
from streams.records import Article, DuplicateArticle, DuplicateKind
from streams.settings import Settings

PENDING, KEPT, DROPPED = 0, 1, 2
MIN_REPEATED_SHARE = 0.5
"""Least share of an article that must be in the other for it to count as a copy: more new text is an update."""
BUCKET_CAP = 64
"""Most articles one bucket remembers; the oldest go first, so a template lead cannot grow without end."""

_ENTRY_HEADER = struct.Struct("<BBIqIIBH")
_MEMBER = struct.Struct("<q16s")

Topic = Literal["bands", "answers", "unique", "duplicates"]
Via = Literal["text", "lead", "band"]
Status = Literal["kept", "dropped", "far", "gone", "notify"]


@dataclass(frozen=True, slots=True)
class Config:
    """What dedup decides with: the similarity threshold, how long articles are remembered, how texts are sketched."""

    threshold: float
    retention_us: int
    params: Params = DEFAULT

    @classmethod
    def from_settings(cls, settings: Settings) -> Config:
        """The threshold and retention window a running worker is configured with."""
        return cls(threshold=settings.near_threshold, retention_us=int(settings.dedup_retention_days * 86400e6))


class Original(TypedDict):
    """A published article that an undecided one repeats, and how much of the undecided one it contains."""

    similarity: float
    document_id: str
    exact: bool
    ingested_us: int


class Pending(TypedDict):
    """An undecided article: itself, bucket partitions still to answer, candidates still to hear from, findings."""

    article: Article
    expect: list[int]
    outstanding: list[str]
    resolved: list[str]
    originals: dict[str, Original]
    waiters: dict[str, float]


class Flagged(TypedDict):
    """What a dropped article was flagged against, kept so the flag can be given again after a broker restart."""

    original_id: str
    original: Original


@dataclass(frozen=True, slots=True)
class Entry:
    """One article in the articles table: its first sighting and signature, and while undecided, `pending`.

    `epoch` names the broker life the entry was last acted on in (see `Articles`); a dropped article keeps
    what it was flagged against in `flagged`.
    """

    partition: int
    state: int
    ingested_us: int
    position: int
    shingles: int
    document_id: str
    signature: bytes
    pending: Pending | None = None
    epoch: int = 0
    flagged: Flagged | None = None

    def pack(self) -> bytes:
        """The table value: a fixed header, the document id, the signature, and the pending or flagged part as JSON."""
        document = self.document_id.encode("utf-8")
        header = _ENTRY_HEADER.pack(self.partition, self.state, self.epoch, self.ingested_us, self.position,
                                    self.shingles, len(document), len(self.signature))  # fmt: skip
        extra = self.pending if self.pending is not None else self.flagged
        tail = orjson.dumps(extra) if extra is not None else b""
        return header + document + self.signature + tail

    @classmethod
    def unpack(cls, data: bytes) -> Entry:
        """Read a table value written by `pack`."""
        partition, state, epoch, ingested, position, shingles, document, signature = _ENTRY_HEADER.unpack_from(data)
        start = _ENTRY_HEADER.size + document
        end = start + signature
        extra = orjson.loads(data[end:]) if len(data) > end else None
        pending: Pending | None = extra if state == PENDING else None
        flagged: Flagged | None = extra if state == DROPPED else None
        return cls(partition, state, ingested, position, shingles, data[_ENTRY_HEADER.size : start].decode(),
                   data[start:end], pending, epoch, flagged)  # fmt: skip

    def decided(self, state: int, flagged: Flagged | None = None) -> Entry:
        """The entry once the article is published (KEPT) or flagged (DROPPED): only what later copies need."""
        return replace(self, state=state, pending=None, flagged=flagged)


@dataclass(frozen=True, slots=True)
class Send:
    """A message to send: to the bucket topic on an explicit partition, or keyed by article id."""

    topic: Topic
    value: Any
    key: str | None = None
    partition: int | None = None


@dataclass(slots=True)
class Step:
    """What handling one message does: messages to send, then table writes to make once they are delivered.

    Writes come after sends so that a worker killed in between finds the message again and redoes both,
    rather than remembering a decision whose output was never sent.
    """

    sends: list[Send] = field(default_factory=list)
    writes: list[tuple[MutableMapping[bytes, Any], bytes, Any]] = field(default_factory=list)

    def write(self, table: MutableMapping[bytes, Any], key: bytes, value: Any) -> None:
        """Queue a table write; None deletes the key."""
        self.writes.append((table, key, value))

    def commit(self) -> None:
        """Apply the queued writes, once the sends are delivered."""
        for table, key, value in self.writes:
            if value is None:
                table.pop(key, None)
            else:
                table[key] = value


def ingested_us(article: Article) -> int:
    """The article's ingest time in microseconds, the first half of dedup's total order."""
    return int(datetime.fromisoformat(article["ingested_at"]).timestamp() * 1_000_000)


def article_key(article_id: str) -> bytes:
    """Table key of an article: its content hash as 16 bytes."""
    return bytes.fromhex(article_id)


def bucket_partition(key: bytes, partitions: int) -> int:
    """The partition of `news.dedup-bands` that owns a bucket."""
    return xxhash.xxh3_64_intdigest(key) % partitions


def earlier(a: tuple[int, str], b: tuple[int, str]) -> bool:
    """Whether article A comes before B in dedup's total order: ingest time, then id."""
    return a < b


def _via(key: bytes) -> Via:
    return "text" if key[0] == TEXT_KEY else "lead" if key[0] == LEAD_KEY else "band"


def pack_bucket(partition: int, entries: list[tuple[int, bytes]]) -> bytes:
    """A bucket's table value: its partition, then (ingest time, article id) per member."""
    return bytes((partition,)) + b"".join(_MEMBER.pack(us, key) for us, key in entries)


def unpack_bucket(data: bytes) -> tuple[int, list[tuple[int, bytes]]]:
    """Read a bucket value written by `pack_bucket`."""
    return data[0], [_MEMBER.unpack_from(data, offset) for offset in range(1, len(data), _MEMBER.size)]


class Buckets:
    """The bucket side: answers probes with the other members of each bucket and remembers the prober."""

    def __init__(self, table: MutableMapping[bytes, bytes], config: Config) -> None:
        self.table = table
        self.config = config

    def probe(self, message: dict[str, Any], partition: int, now_us: int) -> Step:
        """Answer which recent articles share a bucket with the prober, and add it to each bucket."""
        step = Step()
        me = article_key(message["id"])
        cutoff = now_us - self.config.retention_us
        found: dict[bytes, Via] = {}
        for key in (bytes.fromhex(k) for k in message["keys"]):
            stored = self.table.get(key)
            entries = [e for e in unpack_bucket(stored)[1] if e[0] >= cutoff] if stored else []
            for _, member in entries:
                if member != me and (member not in found or _via(key) == "text"):
                    found[member] = _via(key)
            if all(member != me for _, member in entries):
                entries.append((message["ingested_us"], me))
                entries = sorted(entries)[-BUCKET_CAP:]
            value = pack_bucket(partition, entries)
            if value != stored:
                step.write(self.table, key, value)
        candidates = [[member.hex(), via] for member, via in found.items()]
        answer = {"type": "answer", "id": message["id"], "partition": partition, "candidates": candidates}
        step.sends.append(Send("answers", answer, key=message["id"]))
        return step

    def forget(self, message: dict[str, Any], partition: int) -> Step:
        """Take a dropped article out of its buckets, so copies of a story do not crowd its original out."""
        step = Step()
        me = article_key(message["id"])
        for key in (bytes.fromhex(k) for k in message["keys"]):
            stored = self.table.get(key)
            if stored is None:
                continue
            entries = [e for e in unpack_bucket(stored)[1] if e[1] != me]
            step.write(self.table, key, pack_bucket(partition, entries) if entries else None)
        return step


class Articles:
    """The article side: first sightings, probing buckets, comparing candidates, deciding and publishing.

    `epoch` names the life of the broker the messages travel on. Where the tables outlive the broker (the
    embedded broker keeps its topics in memory, the tables are kept on disk), a message delivered again in a
    new life cannot count on what the old life sent: a decided article gives its decision again, an
    undecided one starts deciding afresh, and an undecided article of an older life that was not delivered
    again is no candidate for anyone.
    """

    def __init__(
        self, table: MutableMapping[bytes, bytes], config: Config, band_partitions: int, epoch: int = 0
    ) -> None:
        self.table = table
        self.config = config
        self.band_partitions = band_partitions
        self.epoch = epoch

    def article(self, article: Article, partition: int) -> Step:
        """A new article: flag an exact copy at once, else remember it and probe its buckets."""
        step = Step()
        key = article_key(article["id"])
        stored = self.table.get(key)
        if stored is not None:
            first = Entry.unpack(stored)
            if (first.document_id, first.position) != (article["document_id"], article["position"]):
                original = Original(similarity=1.0, document_id=first.document_id, exact=True,
                                    ingested_us=first.ingested_us)  # fmt: skip
                step.sends.append(Send("duplicates", duplicate_record(article, article["id"], original), article["id"]))
            elif first.epoch != self.epoch:
                return self._again(step, article, first)
            elif first.state == PENDING:
                step.sends.extend(self._probes(article, sketch(article["body"], self.config.params)))
            return step
        drawn = sketch(article["body"], self.config.params)
        probes = self._probes(article, drawn)
        step.sends.extend(probes)
        pending = _fresh(article, probes, {})
        entry = Entry(partition, PENDING, ingested_us(article), article["position"], drawn.shingles,
                      article["document_id"], drawn.signature, pending, self.epoch)  # fmt: skip
        step.write(self.table, key, entry.pack())
        return step

    def _again(self, step: Step, article: Article, first: Entry) -> Step:
        """An article delivered again in a new broker life: repeat its decision, or decide it from the start."""
        if first.state == KEPT:
            step.sends.append(Send("unique", article, key=article["id"]))
        elif first.state == DROPPED and first.flagged is not None:
            flagged = first.flagged
            step.sends.append(
                Send(
                    "duplicates", duplicate_record(article, flagged["original_id"], flagged["original"]), article["id"]
                )
            )
        elif first.state == PENDING:
            probes = self._probes(article, sketch(article["body"], self.config.params))
            step.sends.extend(probes)
            waiters = first.pending["waiters"] if first.pending is not None else {}
            first = replace(first, pending=_fresh(article, probes, waiters))
        step.write(self.table, article_key(article["id"]), replace(first, epoch=self.epoch).pack())
        return step

    def _probes(self, article: Article, drawn: Sketch) -> list[Send]:
        """One probe per bucket partition, carrying the article's keys that live there."""
        grouped: dict[int, list[str]] = {}
        for key in drawn.keys:
            grouped.setdefault(bucket_partition(key, self.band_partitions), []).append(key.hex())
        probe = {"type": "probe", "id": article["id"], "ingested_us": ingested_us(article)}
        return [Send("bands", {**probe, "keys": keys}, partition=part) for part, keys in sorted(grouped.items())]

    def message(self, message: dict[str, Any]) -> Step:
        """Handle an answer, a comparison request or a reply addressed to one article."""
        kind = message["type"]
        if kind == "answer":
            return self._answer(message)
        if kind == "compare":
            return self._compare(message)
        if kind == "reply":
            return self._reply(message)
        raise ValueError(f"unknown dedup message type {kind!r}")

    def _pending(self, article_id: str) -> Entry | None:
        """The article's entry while it is undecided, else None."""
        stored = self.table.get(article_key(article_id))
        if stored is None:
            return None
        entry = Entry.unpack(stored)
        return entry if entry.pending is not None else None

    def _answer(self, message: dict[str, Any]) -> Step:
        """A bucket partition's answer: ask every candidate not heard from yet to compare."""
        step = Step()
        me = self._pending(message["id"])
        if me is None or me.pending is None:
            return step
        progress = me.pending
        if message["partition"] in progress["expect"]:
            progress["expect"].remove(message["partition"])
        for candidate, via in message["candidates"]:
            if candidate == message["id"] or candidate in progress["resolved"] or candidate in progress["outstanding"]:
                continue
            progress["outstanding"].append(candidate)
            compare = {
                "type": "compare", "id": candidate, "from": message["id"], "ingested_us": me.ingested_us,
                "document_id": me.document_id, "shingles": me.shingles, "exact": via == "text",
                "signature": base64.b64encode(me.signature).decode("ascii"),
            }  # fmt: skip
            step.sends.append(Send("answers", compare, key=candidate))
        return self._settle(step, message["id"], me, progress)

    def _compare(self, message: dict[str, Any]) -> Step:
        """Another article asks how it relates to this one: answer now if this one is decided, else link them."""
        step = Step()
        me_id, them = message["id"], message["from"]
        stored = self.table.get(article_key(me_id))
        if stored is None:
            step.sends.append(_reply(them, me_id, "gone"))
            return step
        me = Entry.unpack(stored)
        if me.pending is not None and me.epoch != self.epoch:
            step.sends.append(_reply(them, me_id, "gone"))
            return step
        if message["exact"]:
            theirs, mine = 1.0, 1.0
        else:
            signature = base64.b64decode(message["signature"])
            theirs_in_mine, mine_in_theirs = containment(signature, message["shingles"], me.signature, me.shingles)
            theirs = repeats(theirs_in_mine, mine_in_theirs, self.config.threshold)
            mine = repeats(mine_in_theirs, theirs_in_mine, self.config.threshold)
        if me.pending is None:
            status: Status = "kept" if me.state == KEPT else "dropped"
            step.sends.append(_reply(them, me_id, status, theirs, me, message["exact"]))
            return step
        progress = me.pending
        if earlier((message["ingested_us"], them), (me.ingested_us, me_id)):
            if mine and them not in progress["resolved"]:
                if them not in progress["outstanding"]:
                    progress["outstanding"].append(them)
                step.sends.append(_reply(them, me_id, "notify", mine, me, message["exact"]))
            else:
                step.sends.append(_reply(them, me_id, "far"))
        elif theirs:
            progress["waiters"][them] = theirs
        else:
            step.sends.append(_reply(them, me_id, "far"))
        if (packed := me.pack()) != stored:
            step.write(self.table, article_key(me_id), packed)
        return step

    def _reply(self, message: dict[str, Any]) -> Step:
        """A candidate's answer: a published original, nothing to wait for, or a later one to tell at the end."""
        step = Step()
        me = self._pending(message["id"])
        them = message["from"]
        if me is None or me.pending is None or them in me.pending["resolved"]:
            return step
        progress = me.pending
        if them in progress["outstanding"]:
            progress["outstanding"].remove(them)
        progress["resolved"].append(them)
        status: Status = message["status"]
        if status == "kept" and message["similarity"] > 0:
            progress["originals"][them] = Original(
                similarity=message["similarity"], document_id=message["document_id"], exact=message["exact"],
                ingested_us=message["ingested_us"],
            )  # fmt: skip
        elif status == "notify":
            progress["waiters"][them] = message["similarity"]
        return self._settle(step, message["id"], me, progress)

    def _settle(self, step: Step, article_id: str, me: Entry, progress: Pending) -> Step:
        """Decide once every bucket answered and every candidate replied; else just remember the progress."""
        key = article_key(article_id)
        if progress["expect"] or progress["outstanding"]:
            step.write(self.table, key, me.pack())
            return step
        article = progress["article"]
        best = max(progress["originals"].items(), key=_preference, default=None)
        if best is None:
            step.sends.append(Send("unique", article, key=article_id))
        else:
            step.sends.append(Send("duplicates", duplicate_record(article, best[0], best[1]), key=article_id))
            drawn = sketch(article["body"], self.config.params)
            for probe in self._probes(article, drawn):
                step.sends.append(Send("bands", {**probe.value, "type": "forget"}, partition=probe.partition))
        status: Status = "kept" if best is None else "dropped"
        for waiter, similarity in progress["waiters"].items():
            step.sends.append(_reply(waiter, article_id, status, similarity, me, False))
        flagged = None if best is None else Flagged(original_id=best[0], original=best[1])
        step.write(self.table, key, me.decided(KEPT if best is None else DROPPED, flagged).pack())
        return step


def _fresh(article: Article, probes: list[Send], waiters: dict[str, float]) -> Pending:
    """Deciding an article from the start: every bucket partition probed is still to answer."""
    expect = sorted({send.partition for send in probes if send.partition is not None})
    return Pending(article=article, expect=expect, outstanding=[], resolved=[], originals={}, waiters=waiters)


def repeats(share_of_a_in_b: float, share_of_b_in_a: float, threshold: float) -> float:
    """How much article A repeats B, or 0 when it does not.

    The similarity is the share of the shorter text found in the longer one, so a copy cut short, missing
    a paragraph or wrapped in page chrome scores as high as a plain copy. A repeats B when that share
    reaches the threshold and at least half of A is in B: an article that is mostly new text is an
    update, and is never flagged.
    """
    similarity = max(share_of_a_in_b, share_of_b_in_a)
    if similarity >= threshold and share_of_a_in_b >= MIN_REPEATED_SHARE:
        return similarity
    return 0.0


def _preference(item: tuple[str, Original]) -> tuple[bool, float, int]:
    """The original to name: an exact copy first, then the most similar, then the earliest."""
    _, original = item
    return original["exact"], original["similarity"], -original["ingested_us"]


def _reply(
    to: str, sender: str, status: Status, similarity: float = 0.0, me: Entry | None = None, exact: bool = False
) -> Send:
    """A reply keyed by the article that asked, carrying the sender's status and identity."""
    value = {
        "type": "reply", "id": to, "from": sender, "status": status, "similarity": similarity, "exact": exact,
        "document_id": me.document_id if me else None, "ingested_us": me.ingested_us if me else 0,
    }  # fmt: skip
    return Send("answers", value, key=to)


def duplicate_record(article: Article, original_id: str, original: Original) -> DuplicateArticle:
    """The `news.duplicates` record: the article and the published article it repeats."""
    kind: DuplicateKind = "exact" if original["exact"] else "near"
    return DuplicateArticle(
        **article,
        duplicate_of=original_id,
        duplicate_of_document=original["document_id"],
        duplicate_kind=kind,
        similarity=round(original["similarity"], 4),
    )


def expired(value: bytes, partitions: set[int], cutoff_us: int, epoch: int = 0) -> bool:
    """Whether an articles-table value of one of the partitions, ingested before the cutoff, can go.

    Decided articles go; an undecided one only when it belongs to an older broker life (its file was never
    delivered again), since in this life it is still being decided.
    """
    partition, state, entry_epoch, ingested, *_ = _ENTRY_HEADER.unpack_from(value)
    settled = state != PENDING or entry_epoch != epoch
    return partition in partitions and settled and ingested < cutoff_us


def expire_bucket(value: bytes, partitions: set[int], cutoff_us: int) -> bytes | None:
    """A bucket of one of the partitions without its members ingested before the cutoff (None: all gone).

    The value itself comes back when nothing changes, so callers can tell there is nothing to write.
    """
    partition, entries = unpack_bucket(value)
    fresh = [entry for entry in entries if entry[0] >= cutoff_us]
    if partition not in partitions or len(fresh) == len(entries):
        return value
    return pack_bucket(partition, fresh) if fresh else None
