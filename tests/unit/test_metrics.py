"""The worker's metrics: bounded labels, per-article accounting, lag gauges and the status view's arithmetic."""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from rich.console import Console

from agents.broker import EmbeddedBroker, ensure_topics
from agents.ops import metrics
from agents.ops.lag import LagGauges, LagProbe, PartitionLag
from agents.ops.status import Scrape, Window, bucket_quantile, parse, render
from streams.records import EnrichedArticle
from streams.security import Security
from streams.settings import Settings, kafka_bootstrap
from streams.topics import TopicSpec


def sample(name: str, **labels: str) -> float | None:
    return REGISTRY.get_sample_value(name, labels)


def scrape_of(registry: CollectorRegistry, at: float) -> Scrape:
    """A Scrape of a registry's real exposition text, as `newswire status` reads it from a worker."""
    return parse("http://worker/metrics", at, generate_latest(registry).decode())


def enriched(outlet: str | None, language: str | None, ingested_at: datetime) -> EnrichedArticle:
    article: dict[str, Any] = {
        "id": "a1",
        "document_id": "d1",
        "position": 0,
        "kind": "article",
        "source": {"filename": "f.txt", "outlet": outlet, "url": None},
        "title": None,
        "author": None,
        "body": "text",
        "published_at": None,
        "crawled_at": ingested_at.isoformat(),
        "ingested_at": ingested_at.isoformat(),
        "parent_id": None,
        "language": language,
        "language_score": 0.9,
        "entities": [],
        "countries": [],
        "dateline": None,
        "keywords": [],
        "words": 1,
    }
    return article  # type: ignore[return-value]


def test_reasons_fold_to_their_kind() -> None:
    assert metrics.fold_reason("binary file: PNG image") == "binary file"
    assert metrics.fold_reason("empty file: only whitespace") == "empty file"
    assert metrics.fold_reason("internal error: ValueError('x')") == "internal error"
    assert (
        metrics.fold_reason("HTML page has no extractable article text") == "HTML page has no extractable article text"
    )


def test_capped_label_folds_the_tail_into_other() -> None:
    label = metrics.CappedLabel(2)
    assert [label(v) for v in ("Reuters", "AP", "AFP", "Reuters", None, "  AP ")] == [
        "Reuters",
        "AP",
        "other",
        "Reuters",
        "other",
        "AP",
    ]
    assert metrics.CappedLabel(3)(None) == "unknown"


def test_an_enriched_article_counts_its_latency_language_and_outlet() -> None:
    before_count = sample("newswire_end_to_end_latency_seconds_count") or 0.0
    before_sum = sample("newswire_end_to_end_latency_seconds_sum") or 0.0
    before_fr = sample("newswire_articles_by_language_total", language="fr") or 0.0
    before_outlet = sample("newswire_articles_by_outlet_total", outlet="Le Monde") or 0.0
    ingested = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
    sent = (ingested + timedelta(seconds=7.5)).timestamp()
    metrics.observe_enriched(enriched("Le  Monde", "fr", ingested), now=sent)
    assert sample("newswire_end_to_end_latency_seconds_count") == before_count + 1
    assert sample("newswire_end_to_end_latency_seconds_sum") == pytest.approx(before_sum + 7.5)
    assert sample("newswire_articles_by_language_total", language="fr") == before_fr + 1
    assert sample("newswire_articles_by_outlet_total", outlet="Le Monde") == before_outlet + 1


def test_duplicate_ratio_is_duplicates_over_dedup_input() -> None:
    checked = sample("newswire_stage_records_in_total", stage="dedup") or 0.0
    duplicates = sum(sample("newswire_duplicates_total", kind=k) or 0.0 for k in metrics.DUPLICATE_KINDS)
    metrics.RECORDS_IN.labels("dedup").inc(4)
    metrics.DUPLICATES.labels("near").inc()
    assert sample("newswire_duplicate_ratio") == pytest.approx((duplicates + 1) / (checked + 4))


def test_lag_gauges_drop_partitions_given_away() -> None:
    gauges = LagGauges({"news.raw": "clean", "news.unique": "tag"})
    gauges.publish([PartitionLag("news.raw", 0, 12, 3.5), PartitionLag("news.unique", 1, 0, 0.0)])
    assert sample("newswire_consumer_lag_records", topic="news.raw", partition="0", stage="clean") == 12
    assert sample("newswire_consumer_lag_seconds", topic="news.raw", partition="0", stage="clean") == 3.5
    assert sample("newswire_worker_assigned_partitions") == 2
    gauges.publish([PartitionLag("news.unique", 1, 5, None)])
    assert sample("newswire_consumer_lag_records", topic="news.raw", partition="0", stage="clean") is None
    assert sample("newswire_consumer_lag_records", topic="news.unique", partition="1", stage="tag") == 5
    assert sample("newswire_consumer_lag_seconds", topic="news.unique", partition="1", stage="tag") == 0.0
    assert sample("newswire_worker_assigned_partitions") == 1


def test_bucket_quantile_interpolates_like_prometheus() -> None:
    buckets = {0.1: 0.0, 0.5: 50.0, 1.0: 100.0, float("inf"): 100.0}
    assert bucket_quantile(0.5, buckets) == pytest.approx(0.5)
    assert bucket_quantile(0.25, buckets) == pytest.approx(0.3)
    assert bucket_quantile(0.75, buckets) == pytest.approx(0.75)
    assert bucket_quantile(0.99, {1.0: 0.0, float("inf"): 5.0}) == 1.0
    assert bucket_quantile(0.5, {1.0: 0.0, float("inf"): 0.0}) is None


def test_status_rates_and_quantiles_come_from_two_scrapes() -> None:
    registry = CollectorRegistry()
    seconds = Histogram("newswire_stage_processing_seconds", "h", ["stage"], registry=registry, buckets=(0.01, 0.1))
    records = Counter("newswire_stage_records_in_total", "c", ["stage"], registry=registry)
    records.labels("tag").inc(10)
    seconds.labels("tag").observe(0.005)
    before = scrape_of(registry, at=100.0)
    records.labels("tag").inc(30)
    for _ in range(9):
        seconds.labels("tag").observe(0.05)
    window = Window([before], [scrape_of(registry, at=110.0)])
    assert window.rate("newswire_stage_records_in_total", stage="tag") == pytest.approx(3.0)
    p50 = window.quantile(0.5, "newswire_stage_processing_seconds", stage="tag")
    assert p50 is not None
    assert 0.01 < p50 <= 0.1
    console = Console(record=True, width=140)
    console.print(render(window))
    row = next(line for line in console.export_text().splitlines() if "│ tag " in line)
    assert "3.0" in row


@pytest.mark.integration
def test_lag_probe_counts_and_dates_what_the_group_has_not_committed() -> None:
    topic, group = "lag.probe", "lag-probe-test"
    produced_at = time.time() - 30
    tp = TopicPartition(topic, 0)

    async def scenario(url: str) -> tuple[list[PartitionLag], list[PartitionLag]]:
        await ensure_topics(url, [TopicSpec(topic, "test records", False)], Settings(partitions=1, replication=1))
        producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(url), linger_ms=200)
        await producer.start()
        sent = [await producer.send(topic, b"x", timestamp_ms=int(produced_at * 1000) + i * 1000) for i in range(5)]
        await asyncio.gather(*sent)  # one batch: tansu reports its end as 1, the probe reads the true 5
        await producer.stop()
        probe = LagProbe(url, group, Security(), tansu=True)
        try:
            before = await probe.measure([tp])
            consumer = AIOKafkaConsumer(bootstrap_servers=kafka_bootstrap(url), group_id=group)
            await consumer.start()
            consumer.assign([tp])
            await consumer.commit({tp: 2})
            await consumer.stop()
            return before, await probe.measure([tp])
        finally:
            await probe.stop()

    with EmbeddedBroker() as broker:
        before, after = asyncio.run(scenario(broker.url))
    assert [(lag.topic, lag.partition, lag.records) for lag in before] == [(topic, 0, 5)]
    assert after[0].records == 3
    assert before[0].seconds == pytest.approx(time.time() - produced_at, abs=5)
    assert after[0].seconds == pytest.approx(time.time() - produced_at - 2, abs=5)
