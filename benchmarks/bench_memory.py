"""`newswire bench memory`: a long run's memory, so growth shows (a worker's must stay flat, the broker's bounded).

A fresh `newswire run` is fed stories through its inbox, a chunk at a time, each chunk accounted for before
the next; the resident memory of the worker with its pool processes, and of the embedded broker apart, is
read when the daemon is ready and after given numbers of files. The stories are the corpus's Reuters-21578
stories, then as many more as asked for, each made of sentences of several of them and naming people and
places never seen before, as a real stream keeps doing: the vocabulary grows with every file.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from agents.testing import Spawned, records, spawn
from benchmarks.bench_pipeline import accounted, reuters_stories, rss, tree
from streams import topics

CHUNK = 250
BROKER_COMMAND = "tansu"
SYLLABLES = ("ka", "lor", "vin", "dra", "mes", "tu", "zel", "or", "bai", "quen", "sto", "rim", "aph", "nel")


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
    broker = sum(rss(pid) for pid in tree(daemon.process.pid) if _command(pid).startswith(BROKER_COMMAND))
    return rss(daemon.process.pid) - broker, broker


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return ""


def stream(corpus: Path) -> Iterator[tuple[str, bytes]]:
    """The corpus's Reuters stories, then endless new ones mixed from their sentences, with new names in each."""
    real = list(reuters_stories(corpus))
    yield from real
    sentences = [part for _, data in real for part in re.split(r"(?<=[.!?])\s+", data.decode().split("\n\n", 1)[-1])
                 if len(part.split()) >= 8]  # fmt: skip
    for number in itertools.count(len(real)):
        pick = random.Random(number)
        person, place = _made_up_name(pick).title(), _made_up_name(pick).title()
        body = [*pick.sample(sentences, pick.randint(3, 8)), f"{person} {_made_up_name(pick).title()}, a spokesman "
                f"for the {place} Trading Company, said the figures were in line with expectations."]  # fmt: skip
        title = f"{place} traders weigh {' '.join(body[0].split()[:6])}"
        yield f"mix-{number:05d}.txt", f"{title}\n\n{' '.join(body)}".encode()


def _unaccounted(daemon: Spawned, names: list[str]) -> list[str]:
    """The names, of those sent, that have no account in the daemon's out folder."""
    seen = {account["filename"] for account in records(daemon, topics.ACCOUNTS.name)}
    return [name for name in names if name not in seen]


def _made_up_name(pick: random.Random) -> str:
    return "".join(pick.choice(SYLLABLES) for _ in range(pick.randint(2, 4)))


def measure(corpus: Path, marks: list[int], workdir: Path, report: Callable[[str], None]) -> list[Reading]:
    """Feed `max(marks)` stories into a fresh daemon's inbox and read its memory at start and at each mark."""
    total = max(marks)
    stories = list(itertools.islice(stream(corpus), total))
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
                    missing = _unaccounted(daemon, [name for name, _ in stories[:sent]])
                    raise RuntimeError(f"{sent - len(missing)} of {sent} files accounted for (none for "
                                       f"{', '.join(missing[:5])}); see {daemon.log}")  # fmt: skip
                peak = max(peak, split_rss(daemon)[0])
                time.sleep(0.5)
            if any(offset < mark <= sent for mark in marks):
                worker, broker = split_rss(daemon)
                readings.append(Reading(sent, time.perf_counter() - started, worker, broker, max(peak, worker)))
                report(f"{sent} files: worker {worker / 2**20:,.0f} MB, broker {broker / 2**20:,.0f} MB")
    return readings
