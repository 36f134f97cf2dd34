"""Prometheus metrics of a worker, named by Prometheus's rules, so every Grafana panel and alert has real series."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version

from prometheus_client import (
    REGISTRY,
    Counter,
    Gauge,
    Histogram,
    Info,
    disable_created_metrics,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.metrics_core import Metric
from prometheus_client.registry import Collector

from streams import topics
from streams.pipeline import CONTENT_STAGES
from streams.records import EnrichedArticle

OTHER = "other"
UNKNOWN = "unknown"
STAGES = CONTENT_STAGES
DUPLICATE_KINDS = ("exact", "near")
LATENCY_BUCKETS = (0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0, 120.0, 300.0, 600.0, 1800.0, 3600.0)
KAFKA_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0)

RECORDS_IN = Counter("newswire_stage_records_in_total", "Records a stage read from its input topic.", ["stage"])
RECORDS_OUT = Counter(
    "newswire_stage_records_out_total", "Records a stage wrote to an output topic.", ["stage", "topic"]
)
RECORDS_FAILED = Counter(
    "newswire_stage_records_failed_total", "Records a stage could not process (sent to news.rejected).", ["stage"]
)
PROCESSING_SECONDS = Histogram(
    "newswire_stage_processing_seconds",
    "Time a stage spent on one record (a batch's time shared out for batched stages).",
    ["stage"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0),
)
END_TO_END_SECONDS = Histogram(
    "newswire_end_to_end_latency_seconds",
    "Time from an article's file reaching news.raw (ingested_at) to the article being sent to news.enriched.",
    buckets=LATENCY_BUCKETS,
)
INGESTED_BYTES = Counter("newswire_ingested_bytes_total", "Bytes of raw files this worker read from news.raw.")
INGESTED_FILES = Counter("newswire_ingested_files_total", "Files produced to news.raw by this process.", ["source"])
DUPLICATES = Counter("newswire_duplicates_total", "Articles flagged as duplicates, by kind.", ["kind"])
REJECTED = Counter(
    "newswire_rejected_total",
    "Records sent to news.rejected, by reason (the reason's text before the first colon; rare ones as 'other').",
    ["reason"],
)
ARTICLES_BY_LANGUAGE = Counter(
    "newswire_articles_by_language_total",
    "Articles sent to news.enriched, by ISO 639-1 language (beyond the first 30 seen: 'other').",
    ["language"],
)
ARTICLES_BY_OUTLET = Counter(
    "newswire_articles_by_outlet_total",
    "Articles sent to news.enriched, by outlet named on the page (beyond the first 50 seen: 'other').",
    ["outlet"],
)
LAG_RECORDS = Gauge(
    "newswire_consumer_lag_records",
    "Records on a partition this worker owns that the group has not committed yet (log end minus committed).",
    ["topic", "partition", "stage"],
)
LAG_SECONDS = Gauge(
    "newswire_consumer_lag_seconds",
    "Age of the oldest record the group has not committed on a partition this worker owns; 0 without lag.",
    ["topic", "partition", "stage"],
)
WORKER_INFO = Info("newswire_worker", "Identity of the worker serving this endpoint: its name, version and broker.")
ASSIGNED_PARTITIONS = Gauge(
    "newswire_worker_assigned_partitions", "Partitions of newswire's topics this worker consumes right now."
)
REBALANCING = Gauge("newswire_worker_rebalancing", "1 while the consumer group is rebalancing this worker, else 0.")
BROKER_UP = Gauge(
    "newswire_broker_up", "1 when this worker's last round trip to the broker (embedded or cluster) succeeded."
)
REBALANCES = Counter("newswire_rebalances_total", "Consumer group rebalances this worker took part in.")
COMMIT_SECONDS = Histogram(
    "newswire_commit_seconds", "Time to commit consumed offsets to the broker.", buckets=KAFKA_BUCKETS
)
PRODUCE_SECONDS = Histogram(
    "newswire_produce_seconds",
    "Time from sending a record to the broker's acknowledgement, by topic.",
    ["topic"],
    buckets=KAFKA_BUCKETS,
)
BUFFER_FULL = Counter(
    "newswire_topic_buffer_full_total",
    "Times a partition's in-memory buffer was full so fetching waited for a stage (backpressure).",
    ["topic"],
)


class CappedLabel:
    """Label values admitted as first seen up to a cap, later newcomers folded into `other`, so series stay bounded."""

    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._seen: set[str] = set()

    def __call__(self, value: str | None) -> str:
        text = " ".join((value or "").split())[:64] or UNKNOWN
        if text in self._seen:
            return text
        if len(self._seen) < self.cap:
            self._seen.add(text)
            return text
        return OTHER


reason_label = CappedLabel(20)
language_label = CappedLabel(30)
outlet_label = CappedLabel(50)


def fold_reason(reason: str) -> str:
    """A bounded label from a free-text reason: the kind before the first colon, rare kinds as `other`."""
    return reason_label(reason.split(":", 1)[0])


class DuplicateRatio(Collector):
    """The duplicate ratio worked out at scrape time from the counters, so the dedup agent needs no extra code."""

    def collect(self) -> Iterator[GaugeMetricFamily]:
        duplicates = _total(DUPLICATES.collect())
        checked = _total(RECORDS_IN.collect(), stage="dedup")
        yield GaugeMetricFamily(
            "newswire_duplicate_ratio",
            "Duplicates among the articles this worker's dedup stage checked since it started (0 to 1).",
            value=duplicates / checked if checked else 0.0,
        )


def _total(families: Iterable[Metric], **labels: str) -> float:
    """Sum of a counter's `_total` samples whose labels include the given ones."""
    return sum(
        sample.value
        for family in families
        for sample in family.samples
        if sample.name.endswith("_total") and labels.items() <= sample.labels.items()
    )


REGISTRY.register(DuplicateRatio())


@contextmanager
def timed(stage: str, records: int = 1) -> Iterator[None]:
    """Count records into a stage and observe the time spent on them, per record."""
    RECORDS_IN.labels(stage).inc(records)
    started = time.perf_counter()
    try:
        yield
    finally:
        elapsed = (time.perf_counter() - started) / max(records, 1)
        for _ in range(records):
            PROCESSING_SECONDS.labels(stage).observe(elapsed)


def observe_enriched(article: EnrichedArticle, now: float | None = None) -> None:
    """Account for an article sent to news.enriched: its end-to-end latency, language and outlet."""
    ingested = datetime.fromisoformat(article["ingested_at"])
    if ingested.tzinfo is None:
        ingested = ingested.replace(tzinfo=UTC)
    sent = time.time() if now is None else now
    END_TO_END_SECONDS.observe(max(sent - ingested.timestamp(), 0.0))
    ARTICLES_BY_LANGUAGE.labels(language_label(article["language"])).inc()
    ARTICLES_BY_OUTLET.labels(outlet_label(article["source"]["outlet"])).inc()


def _preset_labels() -> None:
    """Create the known label sets at zero, so rates and alerts see a series before the first event."""
    for stage in STAGES:
        RECORDS_IN.labels(stage)
        RECORDS_FAILED.labels(stage)
    for kind in DUPLICATE_KINDS:
        DUPLICATES.labels(kind)
    for spec in topics.ALL:
        BUFFER_FULL.labels(spec.name)


def worker_name(port: int) -> str:
    """How a worker names itself in `newswire_worker_info`: host and metrics port, unique per endpoint."""
    return f"{socket.gethostname()}:{port}"


def url(host: str, port: int) -> str:
    """The /metrics URL of an endpoint listening on `host`: a wildcard address is reached on this host's loopback."""
    shown = {"0.0.0.0": "127.0.0.1", "::": "[::1]", "": "127.0.0.1"}.get(host, f"[{host}]" if ":" in host else host)
    return f"http://{shown}:{port}/metrics"


def serve(host: str, port: int, *, broker: str) -> None:
    """Expose /metrics on `host` in a background thread, labelled with this worker's identity."""
    try:
        package = version("newswire")
    except PackageNotFoundError:
        package = UNKNOWN
    disable_created_metrics()  # type: ignore[no-untyped-call]
    _preset_labels()
    WORKER_INFO.info({"worker": worker_name(port), "version": package, "broker": broker})
    start_http_server(port, addr=host)
