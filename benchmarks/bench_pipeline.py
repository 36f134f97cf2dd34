"""`newswire bench pipeline`: the whole pipeline's speed, latency and memory, every path measured side by side.

On one fixed mix of the shared corpus (the two seeds, the 181 ScrapingHub pages, 300 Reuters stories) it times,
in turns so that a change in the machine's load hits every path alike:

- the floor: the four stage functions in this process, one core (`streams.testing.InProcess`);
- `newswire run` fed by `newswire ingest --wait`, and fed through its inbox;
- two workers (the daemon and `newswire worker` on its embedded broker), fed through the inbox;
- the daemon fed by `ingest` with it, its pools, its broker and the sender pinned to one core, so that the ingest
  path's two runs say how it scales from one core to all;
- the peer: a plain aiokafka loop (consume `news.raw`, the same stage functions, NER in a pool of as many
  processes as the daemon's, produce `news.enriched`), on the same embedded broker as the daemon uses.

Each run counts files, articles and words out, the CPU seconds of its whole process tree and its peak memory.
Then, on a fresh daemon: time to ready, idle CPU, memory at rest, and the latency from a file's drop into the
inbox to its article in `out/news.enriched.jsonl`, one file every two seconds.
"""

from __future__ import annotations

import asyncio
import contextlib
import gzip
import html
import itertools
import os
import re
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from dataclasses import dataclass, field
from pathlib import Path

import orjson
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from agents import kafka
from agents.broker import EmbeddedBroker, ensure_topics
from agents.pool import stop_pools, tag_pool
from agents.testing import NEWSWIRE, Spawned, spawn
from streams import topics
from streams.clean import warm_up as warm_clean
from streams.records import Article, EnrichedArticle
from streams.settings import Settings, kafka_bootstrap
from streams.tag import tag_batch
from streams.testing import InProcess

READY_LINE = b"newswire is ready"
INGEST_PATH = "daemon fed by newswire ingest"
Files = list[tuple[str, bytes]]


def mix(corpus: Path, reuters: int = 300) -> Files:
    """The fixed mix: the seeds, the ScrapingHub pages and the first `reuters` Reuters stories with a body."""
    files = [(path.name, path.read_bytes()) for path in sorted((corpus / "seeds").glob("*.txt"))]
    for page in sorted((corpus / "extraction/scrapinghub-benchmark/html").glob("*.html.gz")):
        files.append((f"sh-{page.name.removesuffix('.gz')}", gzip.decompress(page.read_bytes())))
    return files + list(itertools.islice(reuters_stories(corpus), reuters))


def reuters_stories(corpus: Path) -> Iterator[tuple[str, bytes]]:
    """Every Reuters-21578 story with a title and a body, in collection order, as a text file of its own."""
    number = 0
    for collection in sorted((corpus / "reuters21578").glob("reut2-*.sgm")):
        sgml = collection.read_text(encoding="latin-1")
        for document in re.findall(r"<REUTERS(.*?)</REUTERS>", sgml, re.S):
            body, title = (
                re.search(r"<BODY>(.*?)</BODY>", document, re.S),
                re.search(r"<TITLE>(.*?)</TITLE>", document, re.S),
            )
            if body and title:
                yield (
                    f"rt-{number:05d}.txt",
                    f"{html.unescape(title.group(1))}\n\n{html.unescape(body.group(1))}".encode(),
                )
                number += 1


@dataclass
class Run:
    """One timed pass over the mix: what came out, how long it took, what it cost."""

    path: str
    seconds: float
    files: int
    articles: int
    words: int
    cpu_seconds: float
    peak_rss: int

    def per_second(self, amount: int) -> float:
        """A count per wall-clock second."""
        return amount / self.seconds


@dataclass
class Daemon:
    """Figures of a daemon at rest and at light load."""

    ready_seconds: float = 0.0
    idle_cpu: float = 0.0
    rest_rss: int = 0
    latencies: list[float] = field(default_factory=list)


def tree(pid: int) -> list[int]:
    """The process and all its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def cpu_seconds(pid: int) -> float:
    """CPU seconds (user and system) of a process tree so far."""
    ticks = 0
    for process in tree(pid):
        try:
            fields = Path(f"/proc/{process}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def rss(pid: int) -> int:
    """Resident bytes of a process tree."""
    total = 0
    for process in tree(pid):
        try:
            status = Path(f"/proc/{process}/status").read_text()
        except OSError:
            continue
        total += sum(int(line.split()[1]) * 1024 for line in status.splitlines() if line.startswith("VmRSS:"))
    return total


def out_counts(folder: Path) -> tuple[int, int]:
    """Articles and words a run wrote to its out folder (enriched and duplicates)."""
    articles = words = 0
    for topic in (topics.ENRICHED.name, topics.DUPLICATES.name):
        path = folder / f"{topic}.jsonl"
        if path.exists():
            for line in path.read_bytes().splitlines():
                articles += 1
                words += len(orjson.loads(line)["body"].split())
    return articles, words


def accounted(folder: Path) -> int:
    """Files with an account in the out folder."""
    path = folder / f"{topics.ACCOUNTS.name}.jsonl"
    return len(path.read_bytes().splitlines()) if path.exists() else 0


def floor(files: Files) -> Run:
    """The four stage functions in this process, one core, the model and the clean stage's date parser warm (as
    the daemon's pools are at ready)."""
    warm_clean()
    warm = InProcess()
    warm.file(*files[0])
    pipeline = InProcess()
    started, cpu = time.perf_counter(), time.process_time()
    for name, data in files:
        pipeline.file(name, data)
    seconds, used = time.perf_counter() - started, time.process_time() - cpu
    out = [*pipeline.enriched, *pipeline.duplicates]
    return Run("floor: stage functions in one process, one core", seconds, len(files), len(out),
               sum(len(article["body"].split()) for article in out), used, rss(os.getpid()))  # fmt: skip


def _watch(daemon: Spawned, target: int, timeout: float) -> tuple[float, float, int]:
    """Wait until `target` files have their accounts; the seconds, the CPU the tree used and its peak memory."""
    started, cpu, peak = time.perf_counter(), cpu_seconds(daemon.process.pid), 0
    while accounted(daemon.workdir / "out") < target and time.perf_counter() - started < timeout:
        peak = max(peak, rss(daemon.process.pid))
        time.sleep(0.2)
    return time.perf_counter() - started, cpu_seconds(daemon.process.pid) - cpu, peak


def through_inbox(files: Files, workdir: Path, workers: int = 1) -> Run:
    """`newswire run` (and `workers - 1` workers beside it) fed by copying the mix into its inbox at once."""
    with spawn(workdir) as daemon:
        extra = [_worker(daemon, n) for n in range(1, workers)]
        try:
            stage = workdir / "stage"
            stage.mkdir()
            for name, data in files:
                (stage / name).write_bytes(data)
            for name, _ in files:
                os.rename(stage / name, workdir / "inbox" / name)
            seconds, cpu, peak = _watch(daemon, len(files), 1800)
            cpu += sum(cpu_seconds(process.pid) for process in extra)
        finally:
            for process in extra:
                process.terminate()
                process.wait(60)
    articles, words = out_counts(workdir / "out")
    label = "daemon fed through the inbox" if workers == 1 else f"{workers} workers fed through the inbox"
    return Run(label, seconds, len(files), articles, words, cpu, peak)


def _worker(daemon: Spawned, number: int) -> subprocess.Popen[bytes]:
    """`newswire worker` joining the daemon's embedded broker, ready."""
    log = daemon.workdir / f"worker-{number}.log"
    env = {**daemon.env, "NEWSWIRE_OUT": str(daemon.workdir / "out")}
    command = [NEWSWIRE, "worker", "--metrics-port", str(daemon.metrics_port + number)]
    process = subprocess.Popen(command, env=env, cwd=daemon.workdir, stdout=log.open("wb"), stderr=subprocess.STDOUT)
    while READY_LINE not in log.read_bytes():
        if process.poll() is not None:
            raise RuntimeError(f"the worker did not start: {log.read_text(errors='replace')[-2000:]}")
        time.sleep(0.2)
    return process


def through_ingest(files: Files, workdir: Path, cores: set[int] | None = None) -> Run:
    """`newswire run` fed by `newswire ingest --wait` of the mix; with `cores`, the daemon, every process it starts
    and the sender run on those cores only."""
    stage = workdir / "stage"
    stage.mkdir(parents=True)
    for name, data in files:
        (stage / name).write_bytes(data)
    with _on_cores(cores), spawn(workdir) as daemon:
        cpu = cpu_seconds(daemon.process.pid)
        started = time.perf_counter()
        peak = 0
        log = workdir / "ingest.log"
        sender = subprocess.Popen([NEWSWIRE, "ingest", "--wait", str(stage)], env=daemon.env, cwd=workdir,
                                  stdout=subprocess.DEVNULL, stderr=log.open("wb"))  # fmt: skip
        while sender.poll() is None:
            peak = max(peak, rss(daemon.process.pid))
            time.sleep(0.2)
        if sender.returncode != 0:
            raise RuntimeError(f"newswire ingest failed: {log.read_text(errors='replace')[-2000:]}")
        seconds, cpu = time.perf_counter() - started, cpu_seconds(daemon.process.pid) - cpu
        time.sleep(1)
    articles, words = out_counts(workdir / "out")
    label = INGEST_PATH + (f", pinned to {len(cores)} of {os.cpu_count()} cores" if cores else "")
    return Run(label, seconds, len(files), articles, words, cpu, peak)


@contextlib.contextmanager
def _on_cores(cores: set[int] | None) -> Iterator[None]:
    """Run this process, and the processes it starts meanwhile, on `cores` (all of them when None)."""
    every_core = os.sched_getaffinity(0)
    os.sched_setaffinity(0, cores or every_core)
    try:
        yield
    finally:
        os.sched_setaffinity(0, every_core)


def peer(files: Files, processes: int) -> Run:
    """A plain aiokafka consume, stage functions, produce loop on an embedded broker: the same work, no Faust."""
    with EmbeddedBroker() as broker:
        return asyncio.run(_peer(broker.url, files, processes))


async def _peer(url: str, files: Files, processes: int) -> Run:
    settings = Settings(partitions=1)
    await ensure_topics(url, [topics.RAW, topics.ENRICHED], settings)
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(url), max_request_size=settings.message_bytes,
                                compression_type=kafka.COMPRESSION)  # fmt: skip
    consumer = AIOKafkaConsumer(topics.RAW.name, bootstrap_servers=kafka_bootstrap(url), group_id="peer",
                                auto_offset_reset="earliest", fetch_max_wait_ms=100)  # fmt: skip
    await producer.start()
    await consumer.start()
    pool = tag_pool(processes)
    pipeline = InProcess(tagger=lambda articles: [])
    try:
        for future in [pool.schedule(time.sleep, (0.5,)) for _ in range(processes)]:
            future.result()
        for name, data in files:
            await producer.send(topics.RAW.name, data, headers=[("filename", name.encode())])
        await producer.flush()
        started, cpu = time.perf_counter(), cpu_seconds(os.getpid())
        out: list[EnrichedArticle] = []
        pending: list[Future[list[EnrichedArticle]]] = []
        seen = 0
        while seen < len(files):
            for records in (await consumer.getmany(timeout_ms=200, max_records=32)).values():
                for record in records:
                    seen += 1
                    published = len(pipeline.dedup.unique)
                    headers = dict(record.headers)
                    pipeline.file(headers["filename"].decode(), record.value or b"")
                    fresh: list[Article] = pipeline.dedup.unique[published:]
                    if fresh:
                        pending.append(pool.schedule(tag_batch, (fresh,)))
            out.extend(await _collect(producer, pending, processes))
        out.extend(await _collect(producer, pending, 0))
        await producer.flush()
        seconds, used = time.perf_counter() - started, cpu_seconds(os.getpid()) - cpu
        articles = [*out, *pipeline.duplicates]
        words = sum(len(article["body"].split()) for article in articles)
        return Run("peer: plain aiokafka loop, same functions", seconds, len(files), len(articles), words, used,
                   rss(os.getpid()))  # fmt: skip
    finally:
        stop_pools(pool)
        await consumer.stop()
        await producer.stop()


async def _collect(
    producer: AIOKafkaProducer, pending: list[Future[list[EnrichedArticle]]], keep: int
) -> list[EnrichedArticle]:
    """Send what the pool tagged, waiting for the oldest batches until at most `keep` are still in work."""
    done: list[EnrichedArticle] = []
    while len(pending) > keep or (pending and pending[0].done()):
        for article in await asyncio.wrap_future(pending.pop(0)):
            await producer.send(topics.ENRICHED.name, orjson.dumps(article), key=article["id"].encode())
            done.append(article)
    return done


def at_rest_and_light_load(stories: list[bytes], workdir: Path, idle_seconds: float = 30.0) -> Daemon:
    """A fresh daemon: time to ready, idle CPU and memory, then one story every two seconds, timed to out/."""
    figures = Daemon()
    started = time.perf_counter()
    with spawn(workdir) as daemon:
        figures.ready_seconds = time.perf_counter() - started
        time.sleep(5)
        cpu = cpu_seconds(daemon.process.pid)
        time.sleep(idle_seconds)
        figures.idle_cpu = (cpu_seconds(daemon.process.pid) - cpu) / idle_seconds
        figures.rest_rss = rss(daemon.process.pid)
        enriched = daemon.out(topics.ENRICHED.name)
        for number, story in enumerate(stories):
            name = f"light-{number:03d}.txt"
            part = workdir / "inbox" / f".{name}.part"
            part.write_bytes(story)
            dropped = time.perf_counter()
            part.rename(workdir / "inbox" / name)
            while not (enriched.exists() and name.encode() in enriched.read_bytes()):
                if time.perf_counter() - dropped > 60:
                    break
                time.sleep(0.01)
            figures.latencies.append(time.perf_counter() - dropped)
            time.sleep(max(0.0, 2.0 - figures.latencies[-1]))
    return figures


def measure(corpus: Path, rounds: int, processes: int, report: Callable[[str], None]) -> tuple[list[Run], Daemon]:
    """Every path over the mix, `rounds` times in turn, then the daemon at rest and at light load."""
    files = mix(corpus)
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-pipeline-") as folder:
        scratch = Path(folder)
        for turn in range(rounds):
            for name, run in _paths(files, scratch / f"round-{turn}", processes, two_workers=turn == 0):
                report(f"round {turn + 1}: {name}")
                runs.append(run())
        stories = [data for name, data in files if name.startswith("rt-")][-30:]
        report("a fresh daemon at rest, then one story every 2 s")
        daemon = at_rest_and_light_load(stories, scratch / "light")
    return runs, daemon


def _paths(files: Files, folder: Path, processes: int, *, two_workers: bool) -> Iterator[tuple[str, Callable[[], Run]]]:
    yield "floor", lambda: floor(files)
    yield "daemon via ingest", lambda: through_ingest(files, folder / "ingest")
    yield "daemon via inbox", lambda: through_inbox(files, folder / "inbox")
    yield "peer", lambda: peer(files, processes)
    if two_workers:
        yield "two workers", lambda: through_inbox(files, folder / "two", workers=2)
        yield "daemon via ingest on one core", lambda: through_ingest(files, folder / "one-core", cores={0})


def median_latency(figures: Daemon) -> tuple[float, float]:
    """p50 and p99 of the light-load latencies."""
    ordered = sorted(figures.latencies)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return statistics.median(ordered), p99
