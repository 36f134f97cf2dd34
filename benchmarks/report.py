"""What `newswire eval` and `newswire bench` print: the lab's figures as tables, side by side with their targets."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from rich.console import Console
from rich.table import Table

from benchmarks import bench_dedup, bench_memory, bench_pipeline, bench_tag, registry
from benchmarks.dedup_scale import run as scale
from streams.settings import Settings

progress = Console(stderr=True)
WIDE = Console(width=160)
"""Tables as wide as their columns, not wrapped to a narrow terminal or a pipe's 80 columns."""


def evaluate(areas: list[str], corpus: Path) -> int:
    """Print every figure of the areas with its target; return how many targets were missed."""
    table = Table("area", "figure", "value", "target", "met")
    missed = 0
    for figure in registry.evaluate(areas, corpus):
        target = "" if figure.target is None else f"{'≥' if figure.higher_is_better else '≤'} {figure.target:g}"
        mark = {None: "", True: "[green]yes[/green]", False: "[red]no[/red]"}[figure.met]
        missed += figure.met is False
        value = f"{figure.value:.4g} {figure.unit}".strip()
        progress.print(f"{figure.area}: {figure.name} = {value}")
        table.add_row(figure.area, figure.name, value, target, mark)
    WIDE.print(table)
    return missed


def tag_speed(
    corpus: Path, articles: int, rounds: int, minutes: float, processes: int | None, batch: int | None
) -> None:
    """Print words/s of spaCy alone and of the tag stage through a real daemon, and their ratio; or soak it."""
    settings = Settings()
    workers, size = processes or settings.tag_processes, batch or settings.tag_batch
    if minutes > 0:
        result = bench_tag.soak(corpus, minutes, workers, size, progress.print)
        WIDE.print(
            f"soak: {result.seconds / 60:.1f} min, {result.articles} articles, "
            f"{result.words / result.seconds:,.0f} words/s, rebalances after start-up: {result.rebalances:g}"
        )
        return
    speed = bench_tag.throughput(corpus, articles, workers, size, rounds)
    WIDE.print(
        f"{speed.articles} articles ({rounds} rounds), {speed.words:,} words, {workers} processes, batches of {size}\n"
        f"spaCy alone, nlp.pipe(n_process={workers}), ner only: {speed.rate(speed.spacy_seconds):,.0f} words/s\n"
        f"spaCy alone, nlp.pipe in {workers} warm workers: {speed.rate(speed.workers_seconds):,.0f} words/s\n"
        f"tag stage, daemon news.unique -> news.enriched: {speed.rate(speed.stage_seconds):,.0f} words/s\n"
        f"ratio to nlp.pipe(n_process): {speed.ratio(speed.spacy_seconds):.2f}\n"
        f"ratio to warm workers: {speed.ratio(speed.workers_seconds):.2f}"
    )


def dedup_scale(corpus: Path, sizes: str, sample: int, restore: int) -> None:
    """Print dedup's time per article and memory as its index grows, and a worker's restore time."""
    table = Table("articles", "p50 CPU µs", "p99 CPU µs", "p50 ×", "p99 ×", "RSS MB", "B/article RSS",
                  "B/article tables", "msgs/article")  # fmt: skip
    first = None
    for point in scale(corpus, tuple(int(size) for size in sizes.split(",")), sample):
        first = first or point
        progress.print(f"{point.remembered:,} articles remembered: p50 {point.p50_us:.0f} µs")
        table.add_row(f"{point.remembered:,}", f"{point.p50_us:.0f}", f"{point.p99_us:.0f}",
                      f"{point.p50_us / first.p50_us:.2f}", f"{point.p99_us / first.p99_us:.2f}",
                      f"{point.rss_bytes / 2**20:,.0f}", f"{point.bytes_per_article:,.0f}",
                      f"{point.table_bytes_per_article:,.0f}", f"{point.messages_per_article:.1f}")  # fmt: skip
    WIDE.print(table)
    if restore:
        result = bench_dedup.restore(corpus, restore)
        WIDE.print(
            f"restore: {result.articles:,} remembered articles ({result.records:,} table entries): worker flags "
            f"copies {result.seconds:.1f} s after start; {result.empty_seconds:.1f} s with an empty index "
            f"(restore itself: {result.seconds - result.empty_seconds:.1f} s)"
        )


def pipeline_speed(corpus: Path, rounds: int, processes: int | None) -> None:
    """Print every path's throughput against the one-core floor and its CPU against the peer's, then the daemon's
    latency at light load, time to ready, idle CPU and memory."""
    workers = processes or Settings().tag_processes
    runs, daemon = bench_pipeline.measure(corpus, rounds, workers, progress.print)
    floor = {turn: run for turn, run in enumerate(r for r in runs if r.path.startswith("floor"))}
    peer = {turn: run for turn, run in enumerate(r for r in runs if r.path.startswith("peer"))}
    table = Table("path", "files/s", "articles/s", "words/s", "× floor", "CPU s", "CPU × peer", "peak RSS MB")
    turn_of: dict[str, int] = {}
    for run in runs:
        turn = turn_of[run.path] = turn_of.get(run.path, -1) + 1
        base, other = floor[min(turn, len(floor) - 1)], peer[min(turn, len(peer) - 1)]
        table.add_row(run.path, f"{run.per_second(run.files):.1f}", f"{run.per_second(run.articles):.1f}",
                      f"{run.per_second(run.words):,.0f}", f"{base.seconds / run.seconds:.2f}",
                      f"{run.cpu_seconds:.0f}", f"{run.cpu_seconds / other.cpu_seconds:.2f}",
                      f"{run.peak_rss / 2**20:,.0f}")  # fmt: skip
    WIDE.print(table)
    pinned = next((run for run in runs if run.path.startswith(bench_pipeline.INGEST_PATH + ",")), None)
    if pinned:
        every = next(run for run in runs if run.path == bench_pipeline.INGEST_PATH)
        WIDE.print(f"the ingest path, first round: {os.cpu_count()} cores give {pinned.seconds / every.seconds:.2f} x "
                   "the throughput of one")  # fmt: skip
    p50, p99 = bench_pipeline.median_latency(daemon)
    WIDE.print(
        f"{len({run.path for run in runs})} paths, {rounds} rounds, {runs[0].files} files, {workers} tag processes, "
        f"{os.cpu_count()} cores\n"
        f"light load (one file every 2 s, {len(daemon.latencies)} files): drop -> out/news.enriched.jsonl "
        f"p50 {p50:.2f} s, p99 {p99:.2f} s\n"
        f"ready in {daemon.ready_seconds:.1f} s; idle CPU {daemon.idle_cpu * 100:.1f}% of a core; "
        f"memory at rest {daemon.rest_rss / 2**20:,.0f} MB"
    )


def memory_growth(corpus: Path, marks: list[int]) -> None:
    """Print the daemon's memory at start and after each number of files fed through its inbox."""
    folder = Path(tempfile.mkdtemp(prefix="bench-memory-"))
    try:
        readings = bench_memory.measure(corpus, marks, folder, progress.print)
    except RuntimeError as failed:
        raise RuntimeError(f"{failed} (the run's folder is kept: {folder})") from failed
    shutil.rmtree(folder)
    table = Table("files", "minutes", "worker + pools MB", "worker peak MB", "embedded broker MB")
    for reading in readings:
        table.add_row(f"{reading.files:,}", f"{reading.seconds / 60:.1f}", f"{reading.worker_rss / 2**20:,.0f}",
                      f"{reading.worker_peak / 2**20:,.0f}", f"{reading.broker_rss / 2**20:,.0f}")  # fmt: skip
    WIDE.print(table)
    WIDE.print(f"Reuters-21578 stories through the inbox, {bench_memory.CHUNK} at a time; "
               f"{Settings().tag_processes} tag processes, {os.cpu_count()} cores")  # fmt: skip
