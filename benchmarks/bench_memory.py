"""`newswire bench memory`: a long run's memory, so growth shows (a worker's must stay flat, the broker's bounded).

A fresh `newswire run` is fed Reuters-21578 stories through its inbox, a chunk at a time, each chunk accounted
for before the next; the resident memory of the worker with its pool processes, and of the embedded broker
apart, is read when the daemon is ready and after given numbers of files.
"""

from __future__ import annotations

import itertools
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from agents.testing import Spawned, spawn
from benchmarks.bench_pipeline import accounted, reuters_stories, rss, tree

CHUNK = 250
BROKER_COMMAND = "tansu"


@dataclass(frozen=True, slots=True)
class Reading:
    """Memory after a number of files: the worker with its pools, the embedded broker, and the worker's peak."""

    files: int
    seconds: float
    worker_rss: int
    broker_rss: int
    worker_peak: int


def split_rss(daemon: Spawned) -> tuple[int, int]:
    """Resident bytes of the worker's tree without the broker, and of the broker's tree."""
    broker = sum(rss(pid) for pid in tree(daemon.process.pid) if _command(pid) == BROKER_COMMAND)
    return rss(daemon.process.pid) - broker, broker


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def measure(corpus: Path, marks: list[int], workdir: Path, report: Callable[[str], None]) -> list[Reading]:
    """Feed `max(marks)` stories into a fresh daemon's inbox and read its memory at start and at each mark."""
    total = max(marks)
    stories = list(itertools.islice(reuters_stories(corpus), total))
    if len(stories) < total:
        raise ValueError(f"the corpus holds {len(stories)} Reuters stories, fewer than {total}")
    readings: list[Reading] = []
    with spawn(workdir) as daemon:
        started = time.perf_counter()
        readings.append(Reading(0, 0.0, *split_rss(daemon), split_rss(daemon)[0]))
        stage, inbox, out = workdir / "stage", workdir / "inbox", workdir / "out"
        stage.mkdir()
        peak, sent = 0, 0
        for offset in range(0, total, CHUNK):
            chunk = stories[offset : offset + CHUNK]
            for name, data in chunk:
                (stage / name).write_bytes(data)
                os.rename(stage / name, inbox / name)
            sent += len(chunk)
            deadline = time.monotonic() + 600
            while accounted(out) < sent:
                if daemon.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{accounted(out)} of {sent} files accounted for; see {daemon.log}")
                peak = max(peak, split_rss(daemon)[0])
                time.sleep(0.5)
            if any(offset < mark <= sent for mark in marks):
                worker, broker = split_rss(daemon)
                readings.append(Reading(sent, time.perf_counter() - started, worker, broker, max(peak, worker)))
                report(f"{sent} files: worker {worker / 2**20:,.0f} MB, broker {broker / 2**20:,.0f} MB")
    return readings
