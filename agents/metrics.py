"""Prometheus metrics of the worker, so throughput and failures per stage can be graphed."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager

from prometheus_client import Counter, Histogram, disable_created_metrics, start_http_server

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
DUPLICATES = Counter("newswire_duplicates_total", "Articles flagged as duplicates, by kind.", ["kind"])
INGESTED_FILES = Counter("newswire_ingested_files_total", "Files produced to news.raw by this process.", ["source"])


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


def serve(port: int) -> None:
    """Expose /metrics over HTTP on all interfaces, in a background thread."""
    disable_created_metrics()  # type: ignore[no-untyped-call]
    start_http_server(port)
