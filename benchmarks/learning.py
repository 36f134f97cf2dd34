"""The clean and split stages in process as a daemon runs them: files cleaned as they come, split one after another
with the chrome learned as they pass."""

from __future__ import annotations

from datetime import UTC, datetime

from streams.clean import clean
from streams.records import Article, Document, RawMeta
from streams.settings import Settings
from streams.split.learned_chrome import ChromeLearner, LineStats
from streams.split.stage import split


def cleaned_file(raw: bytes, name: str, content_type: str | None, crawled_at: str) -> Document:
    """Clean one file as the daemon would, crawled when given."""
    meta = RawMeta(document_id=name, filename=name, content_type=content_type, size=len(raw),
                   crawled_at=crawled_at, ingested_at=crawled_at)  # fmt: skip
    return clean(raw, meta)


def split_learning(documents: list[Document]) -> list[list[Article]]:
    """Split the documents in order as a fresh daemon would, learning their sources' chrome from them: a figure
    measured without it missed what the daemon's learning did to pages whose stories recur."""
    stats: dict[str, LineStats] = {}
    learner = ChromeLearner.from_settings(stats, Settings())
    now = datetime.now(UTC)
    return [split(document, learner.observe(document, now)) for document in documents]
