"""The whole pipeline in one process, with no broker: `newswire process`, the lab's figures and tests run it.

`InProcess` runs the same four stage functions as the agents, in the same order and with the same state
(learned chrome, the dedup index), and gives the records the daemon would write: enriched articles,
duplicates and rejections. `LocalDedup` is the dedup stage alone, its messages passed through a queue and
delivered in arrival order, or in an order drawn at random to stand in for workers racing each other.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import xxhash

from streams.clean import clean
from streams.dedup import Articles, Buckets, Config, Send, Step
from streams.errors import RejectedInput
from streams.ingest import file_headers, raw_meta
from streams.records import Article, DuplicateArticle, EnrichedArticle, Rejection, rejection
from streams.settings import Settings
from streams.split import NOTHING_LEFT, split
from streams.split.learned_chrome import ChromeLearner, LineStats
from streams.tag import tag_batch
from streams.text.fingerprint import content_hash

Tagger = Callable[[list[Article]], list[EnrichedArticle]]


class InProcess:
    """The four stages over files in one process, remembering what the daemon remembers between files."""

    def __init__(self, settings: Settings | None = None, tagger: Tagger = tag_batch) -> None:
        self.settings = settings or Settings()
        self.tagger = tagger
        stats: dict[str, LineStats] = {}
        self.learner = ChromeLearner.from_settings(stats, self.settings)
        self.dedup = LocalDedup(Config.from_settings(self.settings), partitions=self.settings.partitions)
        self.enriched: list[EnrichedArticle] = []
        self.rejected: list[Rejection] = []
        self._offset = 0

    @property
    def duplicates(self) -> list[DuplicateArticle]:
        """Articles flagged as copies of earlier ones, as on `news.duplicates`."""
        return self.dedup.duplicates

    def file(self, name: str, data: bytes, crawled_at: datetime | None = None) -> None:
        """Run one file through clean, split, dedup and tag, as if it had been dropped into the inbox."""
        now = datetime.now(UTC)
        headers = dict(file_headers(Path(name), crawled_at, name=name))
        meta = raw_meta(data, headers, 0, self._offset, int(now.timestamp() * 1000))
        self._offset += 1
        try:
            document = clean(data, meta, max_bytes=self.settings.max_file_bytes)
        except Exception as exc:
            self._reject("clean", meta["document_id"], name, meta["size"], exc)
            return
        try:
            articles = split(document, self.learner.observe(document, now))
            if not articles:
                raise RejectedInput(NOTHING_LEFT)
        except Exception as exc:
            self._reject("split", meta["document_id"], name, meta["size"], exc)
            return
        published = len(self.dedup.unique)
        self.dedup.add(articles, int(now.timestamp() * 1_000_000))
        unique = self.dedup.unique[published:]
        if unique:
            self.enriched.extend(self.tagger(unique))

    def _reject(self, stage: str, document_id: str, name: str, size: int, error: Exception) -> None:
        """Reject a file as the stage's agent would: its own reason for bad input, the error for a bug."""
        reason = error.reason if isinstance(error, RejectedInput) else f"internal error: {error!r}"
        self.rejected.append(rejection(stage, document_id=document_id, filename=name, size=size, reason=reason))

    def files(self, paths: Iterable[Path]) -> None:
        """Run files in the order given."""
        for path in paths:
            self.file(path.name, path.read_bytes())


class LocalDedup:
    """Dedup state in dicts and a message queue standing in for the broker."""

    def __init__(
        self,
        config: Config,
        partitions: int = 4,
        shuffle: random.Random | None = None,
        place: Callable[[str], int] | None = None,
    ) -> None:
        self.partitions = partitions
        self.shuffle = shuffle
        self.place = place
        self.buckets_table: dict[bytes, bytes] = {}
        self.articles_table: dict[bytes, bytes] = {}
        self.buckets = Buckets(self.buckets_table, config)
        self.articles = Articles(self.articles_table, config, partitions)
        self.unique: list[Article] = []
        self.duplicates: list[DuplicateArticle] = []
        self.messages = 0
        self._queue: deque[tuple[str, Any, int]] = deque()

    def partition_of(self, article_id: str) -> int:
        """Where an article's state lives: as `place` says (the broker's partitioner), else by a hash of its id."""
        if self.place is not None:
            return self.place(article_id)
        return xxhash.xxh3_64_intdigest(article_id.encode("utf-8")) % self.partitions

    def add(self, articles: Iterable[Article], now_us: int) -> None:
        """Feed articles and run every message they cause until the queue is empty."""
        for article in articles:
            self._queue.append(("article", article, self.partition_of(article["id"])))
        self.run(now_us)

    def forget_outputs(self) -> None:
        """Drop the articles published and flagged so far, for runs too long to keep them all."""
        self.unique.clear()
        self.duplicates.clear()

    def restart(self, epoch: int) -> None:
        """A new broker life, as after an embedded broker's restart: the tables stay, messages in flight are gone."""
        self._queue.clear()
        self.articles.epoch = epoch

    def run(self, now_us: int, limit: int | None = None) -> None:
        """Deliver queued messages, in order or shuffled, until none is left (or `limit` were delivered)."""
        delivered = 0
        while self._queue and (limit is None or delivered < limit):
            delivered += 1
            if self.shuffle is not None:
                self._queue.rotate(-self.shuffle.randrange(len(self._queue)))
            kind, value, partition = self._queue.popleft()
            self.messages += 1
            if kind == "article":
                step = self.articles.article(value, partition)
            elif value["type"] == "forget":
                step = self.buckets.forget(value, partition)
            elif kind == "bands":
                step = self.buckets.probe(value, partition, now_us)
            else:
                step = self.articles.message(value)
            self._apply(step)

    def _apply(self, step: Step) -> None:
        """Send the step's messages, then make its writes, as the agents do."""
        for send in step.sends:
            self._deliver(send)
        step.commit()

    def _deliver(self, send: Send) -> None:
        if send.topic == "unique":
            self.unique.append(send.value)
        elif send.topic == "duplicates":
            self.duplicates.append(send.value)
        elif send.topic == "bands":
            self._queue.append(("bands", send.value, send.partition if send.partition is not None else 0))
        else:
            self._queue.append(("answers", send.value, self.partition_of(send.key or "")))


def text_article(body: str, document_id: str, ingested_us: int, position: int = 0) -> Article:
    """The article record split would make of a bare text, ingested at the given time."""
    when = datetime.fromtimestamp(ingested_us / 1_000_000, tz=UTC).isoformat()
    return Article(
        id=content_hash(body),
        document_id=document_id,
        position=position,
        kind="article",
        source={"filename": f"{document_id}.txt", "outlet": None, "publisher": None, "domain": None, "url": None},
        title=None,
        author=None,
        body=body,
        published_at=None,
        crawled_at=when,
        ingested_at=when,
        parent_id=None,
        split_from=None,
    )
