"""The scale benchmark's stream and measurement, at a size small enough for a test."""

from __future__ import annotations

from itertools import islice
from pathlib import Path

from benchmarks.dedup_scale import COPY_SHARE, START_US, run, stream
from streams.dedup.stage import Config
from streams.testing import LocalDedup


def test_stream_is_new_stories_and_changed_copies_that_dedup_flags(corpus: Path) -> None:
    articles = list(islice(stream(corpus), 400))
    assert len({article["id"] for article in articles}) > 0.9 * len(articles)
    dedup = LocalDedup(Config(threshold=0.8, retention_us=10**15))
    for article in articles:
        dedup.add([article], START_US)
    flagged = len(dedup.duplicates) / len(articles)
    assert 0.5 * COPY_SHARE < flagged < 1.5 * COPY_SHARE
    assert len(dedup.unique) + len(dedup.duplicates) == len(articles)


def test_each_size_is_measured_with_the_index_it_names(corpus: Path) -> None:
    small, larger = run(corpus, (300, 600), sample=50)
    assert 300 * (1 - COPY_SHARE) < small.remembered <= 350 < larger.remembered <= 650
    assert 0 < small.p50_us <= small.p99_us
    assert larger.table_bytes_per_article > 100
    assert larger.messages_per_article >= 3
