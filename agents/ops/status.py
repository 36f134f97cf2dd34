"""`newswire status`: live per-stage throughput, lag and latency from workers' /metrics, for users without Grafana."""

from __future__ import annotations

import math
import time
import urllib.error
import urllib.request
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from prometheus_client.parser import text_string_to_metric_families
from rich.console import Console, Group
from rich.live import Live
from rich.table import Table

from agents.ops.metrics import STAGES

Labels = frozenset[tuple[str, str]]
NO_VALUE = "–"


@dataclass(frozen=True, slots=True)
class Scrape:
    """One endpoint's samples at one moment; `error` says why there are none."""

    url: str
    at: float
    samples: Mapping[tuple[str, Labels], float] = field(default_factory=dict)
    error: str | None = None

    def values(self, name: str, **labels: str) -> Iterable[tuple[Labels, float]]:
        """Samples of `name` whose labels include the given ones."""
        wanted = set(labels.items())
        return ((got, value) for (sample, got), value in self.samples.items() if sample == name and wanted <= got)

    def total(self, name: str, **labels: str) -> float:
        """Sum of the samples of `name` with the given labels."""
        return sum(value for _, value in self.values(name, **labels))

    def label(self, name: str, key: str) -> str | None:
        """A label's value on the first sample of `name`, such as the worker name on newswire_worker_info."""
        return next((dict(got).get(key) for got, _ in self.values(name)), None)


def scrape(url: str, timeout: float = 5.0) -> Scrape:
    """Read one /metrics endpoint; an unreachable worker gives a Scrape with the error instead of raising."""
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            text = response.read().decode("utf-8")
    except (OSError, urllib.error.URLError) as exc:
        return Scrape(url, time.time(), error=str(exc))
    return parse(url, time.time(), text)


def parse(url: str, at: float, text: str) -> Scrape:
    """A Scrape from an endpoint's exposition text."""
    samples = {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }
    return Scrape(url, at, samples)


def bucket_quantile(q: float, buckets: Mapping[float, float]) -> float | None:
    """The q-quantile from cumulative bucket counts, interpolated within a bucket as Prometheus does."""
    bounds = sorted(buckets)
    if not bounds or buckets[bounds[-1]] <= 0:
        return None
    rank = q * buckets[bounds[-1]]
    lower, below = 0.0, 0.0
    for bound in bounds:
        count = buckets[bound]
        if count >= rank:
            if math.isinf(bound):
                return lower
            return lower + (bound - lower) * (rank - below) / (count - below) if count > below else bound
        lower, below = bound, count
    return lower


def _buckets(scrapes: Iterable[Scrape], name: str, **labels: str) -> dict[float, float]:
    """Cumulative bucket counts of a histogram, summed over endpoints."""
    summed: dict[float, float] = defaultdict(float)
    for one in scrapes:
        for got, value in one.values(f"{name}_bucket", **labels):
            summed[float(dict(got)["le"])] += value
    return summed


@dataclass(frozen=True, slots=True)
class Window:
    """Two rounds of scrapes of the same endpoints; rates and quantiles are over the time between them."""

    before: list[Scrape]
    after: list[Scrape]

    @property
    def seconds(self) -> float:
        """Length of the window."""
        return max(max(s.at for s in self.after) - min(s.at for s in self.before), 1e-9)

    def rate(self, name: str, **labels: str) -> float:
        """Per-second increase of a counter over the window, summed over endpoints (a restart counts from 0)."""
        increase = 0.0
        for old, new in zip(self.before, self.after, strict=True):
            now, then = new.total(name, **labels), old.total(name, **labels)
            increase += now - then if now >= then else now
        return increase / self.seconds

    def quantile(self, q: float, name: str, **labels: str) -> float | None:
        """A histogram quantile over the observations made during the window."""
        new, old = _buckets(self.after, name, **labels), _buckets(self.before, name, **labels)
        return bucket_quantile(q, {le: count - old.get(le, 0.0) for le, count in new.items()})


def _seconds(value: float | None) -> str:
    if value is None:
        return NO_VALUE
    return f"{value * 1000:.0f} ms" if value < 1 else f"{value:.1f} s"


def render(window: Window) -> Group:
    """The tables `newswire status` shows: stages, lag per topic, end-to-end latency and workers."""
    now = window.after
    stages = Table("stage", "in/s", "out/s", "failed/s", "p50", "p95", title="Stages")
    for stage in STAGES:
        p50, p95 = (window.quantile(q, "newswire_stage_processing_seconds", stage=stage) for q in (0.5, 0.95))
        stages.add_row(
            stage,
            f"{window.rate('newswire_stage_records_in_total', stage=stage):.1f}",
            f"{window.rate('newswire_stage_records_out_total', stage=stage):.1f}",
            f"{window.rate('newswire_stage_records_failed_total', stage=stage):.1f}",
            _seconds(p50),
            _seconds(p95),
        )
    lag = Table("topic", "stage", "lag (records)", "oldest waiting", title="Consumer lag")
    topics: dict[tuple[str, str], list[float]] = defaultdict(lambda: [0.0, 0.0])
    for one in now:
        for got, value in one.values("newswire_consumer_lag_records"):
            labels = dict(got)
            topics[labels["topic"], labels["stage"]][0] += value
        for got, value in one.values("newswire_consumer_lag_seconds"):
            labels = dict(got)
            entry = topics[labels["topic"], labels["stage"]]
            entry[1] = max(entry[1], value)
    for (topic, stage), (records, seconds) in sorted(topics.items()):
        lag.add_row(topic, stage, f"{records:.0f}", _seconds(seconds) if records else "0")
    latency = Table(
        "p50", "p95", "p99", "enriched/s", "duplicates", "rejected/s", title="End to end (ingest → enriched)"
    )
    checked = sum(one.total("newswire_stage_records_in_total", stage="dedup") for one in now)
    duplicates = sum(one.total("newswire_duplicates_total") for one in now)
    latency.add_row(
        *(_seconds(window.quantile(q, "newswire_end_to_end_latency_seconds")) for q in (0.5, 0.95, 0.99)),
        f"{window.rate('newswire_stage_records_out_total', topic='news.enriched'):.1f}",
        f"{duplicates / checked:.0%} of {checked:.0f}" if checked else NO_VALUE,
        f"{window.rate('newswire_rejected_total'):.1f}",
    )
    workers = Table("endpoint", "worker", "up", "broker", "partitions", "rebalancing", title="Workers")
    for one in now:
        if one.error is not None:
            workers.add_row(one.url, f"[red]{one.error}[/red]", "[red]no[/red]", NO_VALUE, NO_VALUE, NO_VALUE)
            continue
        broker_up = one.total("newswire_broker_up") == 1
        workers.add_row(
            one.url,
            one.label("newswire_worker_info", "worker") or NO_VALUE,
            "[green]yes[/green]",
            "[green]reachable[/green]" if broker_up else "[red]unreachable[/red]",
            f"{one.total('newswire_worker_assigned_partitions'):.0f}",
            "yes" if one.total("newswire_worker_rebalancing") else "no",
        )
    return Group(stages, lag, latency, workers)


def measure(urls: list[str], interval: float, before: list[Scrape] | None = None) -> Window:
    """Scrape every endpoint, wait `interval` seconds, scrape again (or reuse `before` as the first round)."""
    first = before if before is not None else [scrape(url) for url in urls]
    time.sleep(interval)
    return Window(first, [scrape(url) for url in urls])


def watch(urls: list[str], interval: float, console: Console) -> None:
    """Redraw the view every `interval` seconds until interrupted; written to a file or a pipe, print each view after
    the last (a redrawn view reaches no file until the end)."""
    if not console.is_terminal:
        window = measure(urls, interval)
        while True:
            console.print(render(window))
            console.file.flush()
            window = measure(urls, interval, before=window.after)
    with Live(console=console, auto_refresh=False) as live:
        window = measure(urls, interval)
        while True:
            live.update(render(window), refresh=True)
            window = measure(urls, interval, before=window.after)
