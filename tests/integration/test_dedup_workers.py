"""Two workers on the embedded broker and on Kafka: dedup of pairs split over partitions, a worker killed mid-stream."""

from __future__ import annotations

import asyncio
import io
import os
import re
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson
import pytest
from aiokafka import AIOKafkaProducer
from aiokafka.partitioner import DefaultPartitioner
from helpers import wait_for
from kafka import KafkaBroker

from agents.broker import free_port
from agents.cli.tail import print_records
from agents.testing import NEWSWIRE
from benchmarks.dedup import score
from benchmarks.dedup_pairs import NATURAL, labelled_pairs, read_stories
from streams import topics
from streams.pipeline import READERS
from streams.records import Article
from streams.security import Security
from streams.settings import kafka_bootstrap
from streams.testing import text_article

pytestmark = pytest.mark.integration

PARTITIONS = 4
SESSION_TIMEOUT = "6"
NEAR_KINDS = ("paragraph-removed", "truncated", "chrome", "corrected", "paragraph-added")


@dataclass
class Cluster:
    """A first `newswire run`, on its embedded broker or on `kafka`, and any `newswire worker`s joined to it.

    On Kafka each process has a state folder of its own, as on machines of their own; on the embedded broker a
    worker finds the daemon's broker through their shared state folder.
    """

    workdir: Path
    env: dict[str, str]
    kafka: str | None = None
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)

    def start(self, name: str, *command: str) -> None:
        """Start a newswire process in its own folder, logging to `<name>.log`."""
        folder = self.workdir / name
        folder.mkdir(exist_ok=True)
        self.ports[name] = free_port()
        given = ["--broker", self.kafka] if self.kafka else []
        env = {**self.env, "NEWSWIRE_STATE_DIR": str(folder / "state")} if self.kafka else self.env
        with (self.workdir / f"{name}.log").open("ab") as log:
            self.processes[name] = subprocess.Popen(
                [NEWSWIRE, *command, *given, "--metrics-port", str(self.ports[name]), "--out", str(folder / "out")],
                cwd=folder, env=env, stdout=log, stderr=subprocess.STDOUT,
            )  # fmt: skip

    def assigned(self, name: str) -> float:
        """Partitions the named worker consumes, from its metrics (0 while it is not serving them)."""
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{self.ports[name]}/metrics", timeout=2) as response:
                text = response.read().decode()
        except OSError:
            return 0.0
        found = re.search(r"^newswire_worker_assigned_partitions (\S+)$", text, re.MULTILINE)
        return float(found[1]) if found else 0.0

    def reads(self, name: str) -> int:
        """Partitions of newswire's topics the named worker reads, from its last "rebalance done" log line."""
        found = re.findall(r"rebalance done in .* reads (\d+) partitions", (self.workdir / f"{name}.log").read_text())
        return int(found[-1]) if found else 0

    @property
    def broker(self) -> str:
        if self.kafka:
            return self.kafka
        return str(orjson.loads((self.workdir / "state" / "broker.json").read_bytes())["url"])

    def records(self, topic: str) -> list[dict[str, Any]]:
        """Every record on a public topic, read from the broker, each (id, document) once."""
        lines = io.BytesIO()
        asyncio.run(
            print_records(self.broker, topic, Security(), from_beginning=True, limit=None, timeout=1.0, out=lines)
        )
        found = {}
        for line in lines.getvalue().splitlines():
            record = orjson.loads(line)
            found[(record["id"], record["document_id"])] = record
        return list(found.values())

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture
def cluster(broker: KafkaBroker | None, tmp_path: Path) -> Iterator[Cluster]:
    """`newswire run` on the embedded broker or a Kafka plus one `newswire worker`, both serving partitions."""
    env = {**os.environ, "NEWSWIRE_STATE_DIR": str(tmp_path / "state"), "NEWSWIRE_TAG_PROCESSES": "1",
           "NEWSWIRE_SESSION_TIMEOUT": SESSION_TIMEOUT, "NEWSWIRE_PARTITIONS": str(PARTITIONS)}  # fmt: skip
    env.pop("NEWSWIRE_BROKER", None)
    running = Cluster(tmp_path, env, broker.url if broker else None)
    try:
        running.start("first", "run", "--inbox", str(tmp_path / "inbox"))
        if broker is None:
            wait_for((tmp_path / "state" / "broker.json").exists, "the embedded broker")
        running.start("second", "worker")
        wait_for(lambda: running.assigned("first") and running.assigned("second"), "both workers to get partitions")
        yield running
    finally:
        running.stop()


def partition_of(article: Article) -> int:
    """The partition of `news.articles` an article's key lands on, as the producer places it."""
    return int(DefaultPartitioner()(article["id"].encode(), list(range(PARTITIONS)), list(range(PARTITIONS))))


def near_pairs(corpus: Path, count: int, start_us: int) -> list[tuple[Article, Article]]:
    """Near-duplicate pairs of different stories, the two copies of each on different partitions."""
    natural = {newid for pairs in NATURAL["reut2-000.sgm"].values() for pair in pairs for newid in pair}
    chosen: list[tuple[Article, Article]] = []
    sources: set[str] = set()
    for pair in labelled_pairs(corpus):
        story = pair.source.split(":")[1]
        if pair.kind not in NEAR_KINDS or pair.source in sources or int(story) in natural:
            continue
        first = text_article(pair.first, f"pair{len(chosen)}-a", start_us)
        second = text_article(pair.second, f"pair{len(chosen)}-b", start_us + len(chosen) % 3)
        if partition_of(first) == partition_of(second) or score(pair, 0.3).similarity < 0.8:
            continue
        sources.add(pair.source)
        chosen.append((first, second))
        if len(chosen) == count:
            break
    return chosen


async def produce(broker: str, articles: list[Article]) -> None:
    """Put articles on `news.articles` keyed by id, as split does, all at once."""
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap(broker))
    await producer.start()
    try:
        for article in articles:
            await producer.send(topics.ARTICLES.name, orjson.dumps(article), key=article["id"].encode())
        await producer.flush()
    finally:
        await producer.stop()


def settled(cluster: Cluster, articles: list[Article]) -> bool:
    """Whether every article reached news.enriched or news.duplicates."""
    done = {(r["id"], r["document_id"]) for r in cluster.records("news.enriched") + cluster.records("news.duplicates")}
    return all((a["id"], a["document_id"]) in done for a in articles)


def check_pairs(cluster: Cluster, pairs: list[tuple[Article, Article]]) -> None:
    """Each pair: exactly one copy flagged, as a duplicate of the other, and the other on news.enriched."""
    enriched = {(r["id"], r["document_id"]) for r in cluster.records("news.enriched")}
    flagged = {(r["id"], r["document_id"]): r for r in cluster.records("news.duplicates")}
    for first, second in pairs:
        copies = [(first, second), (second, first)]
        dropped = [(copy, other) for copy, other in copies if (copy["id"], copy["document_id"]) in flagged]
        assert len(dropped) == 1, f"{first['document_id']}: {len(dropped)} copies flagged"
        copy, other = dropped[0]
        assert flagged[(copy["id"], copy["document_id"])]["duplicate_of"] == other["id"]
        assert (other["id"], other["document_id"]) in enriched


def test_two_workers_catch_every_pair_split_over_partitions(cluster: Cluster, corpus: Path) -> None:
    pairs = near_pairs(corpus, 24, int(time.time() * 1_000_000))
    later_first = [article for first, second in pairs for article in (second, first)]
    asyncio.run(produce(cluster.broker, later_first))
    articles = [article for pair in pairs for article in pair]
    wait_for(lambda: settled(cluster, articles), "every article on news.enriched or news.duplicates", 240)
    check_pairs(cluster, pairs)
    first, second = cluster.reads("first"), cluster.reads("second")
    assert first > 0
    assert second > 0
    assert first + second == len(READERS) * PARTITIONS, "each partition read by exactly one worker"


def test_worker_killed_and_restarted_mid_stream_loses_nothing(cluster: Cluster, corpus: Path) -> None:
    pairs = near_pairs(corpus, 30, int(time.time() * 1_000_000))
    articles = [article for pair in pairs for article in pair]
    half = len(articles) // 2
    asyncio.run(produce(cluster.broker, articles[:half]))
    time.sleep(2)
    cluster.processes["second"].send_signal(signal.SIGKILL)
    cluster.processes["second"].wait(30)
    asyncio.run(produce(cluster.broker, articles[half:]))
    cluster.start("second", "worker")
    wait_for(lambda: settled(cluster, articles), "every article on news.enriched or news.duplicates", 300)
    for record in cluster.records("news.duplicates"):
        assert (record["duplicate_of"], record["duplicate_of_document"]) != (record["id"], record["document_id"])
        assert record["duplicate_of"] != record["id"] or record["duplicate_kind"] == "exact"
    enriched = {(r["id"], r["document_id"]) for r in cluster.records("news.enriched")}
    flagged = {(r["id"], r["document_id"]) for r in cluster.records("news.duplicates")}
    for first, second in pairs:
        assert (first["id"], first["document_id"]) in enriched or (second["id"], second["document_id"]) in enriched
    assert all((a["id"], a["document_id"]) in enriched | flagged for a in articles)


def test_worker_killed_mid_stream_loses_no_file_in_any_stage(cluster: Cluster, corpus: Path, tmp_path: Path) -> None:
    stories = [story for story in read_stories(corpus) if story.title and story.words >= 80][:40]
    batches = [tmp_path / "before", tmp_path / "after"]
    for number, story in enumerate(stories):
        folder = batches[number % 2]
        folder.mkdir(exist_ok=True)
        (folder / f"{story.newid}.txt").write_text(f"{story.title}\n{story.body}\n", encoding="utf-8")
    ingest = [NEWSWIRE, "ingest", "--broker", cluster.broker]
    subprocess.run([*ingest, str(batches[0])], check=True, env=cluster.env, capture_output=True)
    time.sleep(2)
    cluster.processes["second"].send_signal(signal.SIGKILL)
    cluster.processes["second"].wait(30)
    subprocess.run([*ingest, str(batches[1])], check=True, env=cluster.env, capture_output=True)
    cluster.start("second", "worker")
    files = {f"{story.newid}.txt" for story in stories}

    def arrived() -> set[str]:
        found = cluster.records("news.enriched") + cluster.records("news.duplicates")
        return {record["source"]["filename"] for record in found}

    wait_for(lambda: files <= arrived(), "an article of every file on news.enriched or news.duplicates", 300)
    rejected = io.BytesIO()
    asyncio.run(
        print_records(
            cluster.broker, topics.REJECTED.name, Security(), from_beginning=True, limit=None, timeout=1.0, out=rejected
        )
    )
    assert rejected.getvalue() == b""
