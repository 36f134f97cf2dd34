"""Restarts of `newswire run` (on both brokers where it counts): nothing lost, nothing twice, memory kept; crashes."""

from __future__ import annotations

import asyncio
import gzip
import html
import os
import re
import shutil
import signal
import subprocess
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

import orjson
import pytest
from helpers import drop, wait_for
from kafka import KafkaBroker
from test_kafka import produce

from agents.broker import free_port
from agents.daemon import READY
from agents.testing import NEWSWIRE, Spawned, records, spawn
from streams import topics

pytestmark = pytest.mark.integration
ENV = {"NEWSWIRE_TAG_PROCESSES": "1"}


def stories(corpus: Path, count: int) -> list[bytes]:
    """Wire stories with a headline, from a part of the Reuters file the other tests do not use."""
    sgml = (corpus / "reuters21578" / "reut2-000.sgm").read_text(encoding="latin-1")
    found = []
    for doc in re.findall(r"<REUTERS(.*?)</REUTERS>", sgml, re.S)[500:]:
        title, body = re.search(r"<TITLE>(.*?)</TITLE>", doc, re.S), re.search(r"<BODY>(.*?)</BODY>", doc, re.S)
        if title and body and len(body.group(1)) > 400:
            found.append(f"{html.unescape(title.group(1))}\n\n{html.unescape(body.group(1))}".encode())
    return found[:count]


def accounted(daemon: Spawned) -> set[str]:
    return {str(account["filename"]) for account in records(daemon, "news.accounts")}


def written(daemon: Spawned) -> Counter[str]:
    """How many articles of each file were written out, over the public topics."""
    out = [*records(daemon, "news.enriched"), *records(daemon, "news.duplicates")]
    return Counter(str(record["source"]["filename"]) for record in out)


def ctrl_c(daemon: Spawned) -> None:
    """What Ctrl-C in a terminal does: SIGINT to every process of the daemon's process group, not the daemon alone."""
    os.killpg(daemon.process.pid, signal.SIGINT)


STOPS: dict[str, Callable[[Spawned], None]] = {
    "SIGKILL": lambda daemon: daemon.process.send_signal(signal.SIGKILL),
    "SIGTERM": lambda daemon: daemon.process.send_signal(signal.SIGTERM),
    "Ctrl-C": ctrl_c,
}


def children(daemon: Spawned, name: str) -> list[int]:
    """The daemon's child processes called `name`."""
    found = subprocess.run(["pgrep", "-P", str(daemon.process.pid), name], capture_output=True, text=True, check=False)
    return [int(pid) for pid in found.stdout.split()]


def gone(pid: int) -> bool:
    """Whether the process has ended (a zombie has ended too)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1].startswith("Z")
    except FileNotFoundError:
        return True


@pytest.mark.parametrize("stop", STOPS)
def test_files_dropped_around_a_stop_come_out_once_and_dedup_remembers_them(
    stop: str, broker: KafkaBroker | None, corpus: Path, tmp_path: Path
) -> None:
    texts = stories(corpus, 130)
    names = [f"story-{n:03d}.txt" for n in range(130)]
    url = broker.url if broker else None
    with spawn(tmp_path, env=ENV, broker=url) as first:
        for name, text in zip(names[:10], texts, strict=False):
            drop(first, name, text)
        wait_for(lambda: accounted(first) >= set(names[:10]), "the first 10 stories accounted for")
        for name, text in zip(names[10:], texts[10:], strict=True):
            drop(first, name, text)
        wait_for(lambda: len(accounted(first)) >= 14, "a few of the 120 stories accounted for", timeout=60)
        stopped, tansu = len(first.log.read_bytes()), children(first, "tansu")
        STOPS[stop](first)
        status = first.process.wait(30)
        wait_for(lambda: all(map(gone, tansu)), "the embedded broker ended with the daemon", timeout=10)
        assert len(accounted(first)) < 130, "stopped while stories were still on their way"
        if stop != "SIGKILL":
            assert status == 0, "a clean stop, in time (the daemon's own bound is 9 s)"
            assert b"ERROR" not in first.log.read_bytes()[stopped:]
    with spawn(tmp_path, env=ENV, broker=url) as second:
        wait_for(lambda: accounted(second) >= set(names), "all 130 stories accounted for", timeout=300)
        for n, text in enumerate(texts[:10]):  # the last four a word apart: found through the buckets, not the id
            drop(second, f"again-{n:03d}.txt", text if n < 6 else text.replace(b" the ", b" its ", 1))
        wait_for(lambda: len([a for a in accounted(second) if a.startswith("again")]) == 10, "the 10 dropped again")
        counts = written(second)
        assert {name: counts[name] for name in names if counts[name] != 1} == {}, "every story out exactly once"
        again = [r for r in records(second, "news.duplicates") if r["source"]["filename"].startswith("again")]
        assert len(again) == 10, "dropped again after the restart, they are duplicates: dedup remembered them"
        assert any(record["duplicate_kind"] == "near" for record in again), "the buckets were restored too"
        assert Counter(a["filename"] for a in records(second, "news.accounts")).most_common(1)[0][1] == 1
        assert not [path for path in (tmp_path / "inbox").iterdir() if path.name.startswith("story")]


@pytest.fixture
def running(tmp_path: Path) -> Iterator[Spawned]:
    with spawn(tmp_path, env=ENV) as daemon:
        yield daemon


def test_the_daemon_exits_with_status_1_when_its_broker_dies_and_starts_again(
    running: Spawned, corpus: Path, tmp_path: Path
) -> None:
    tansu = children(running, "tansu")
    assert len(tansu) == 1
    os.kill(tansu[0], signal.SIGKILL)
    assert running.process.wait(20) == 1, "the daemon stops at once (its own bound is 9 s)"
    log = running.log.read_text(errors="replace")
    assert "newswire stopped after a crash: the embedded broker stopped (killed by SIGKILL" in log
    assert "start newswire run again" in log, "the remedy is said"
    assert "Traceback" not in log, "the clients' and Faust's services failing as the worker stops are a line each"
    with spawn(tmp_path, env=ENV) as again:
        drop(again, "after-crash.txt", stories(corpus, 1)[0])
        wait_for(lambda: "after-crash.txt" in accounted(again), "a file after the restart")


def test_ctrl_c_while_the_pools_start_stops_the_daemon_without_a_traceback(tmp_path: Path) -> None:
    # The pools' processes import for a second or more after they appear; a Ctrl-C then (to the whole process
    # group, as a terminal sends it) printed a KeyboardInterrupt traceback from each of them.
    environment = {**os.environ, **ENV, "NEWSWIRE_STATE_DIR": str(tmp_path / "state")}
    log = tmp_path / "daemon.log"
    with log.open("wb") as output:
        command = [NEWSWIRE, "run", "--metrics-port", str(free_port())]
        daemon = subprocess.Popen(
            command, cwd=tmp_path, env=environment, stdout=output, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        pool = wait_for(lambda: children_running(daemon.pid, "spawn_main"), "the pools' processes", timeout=60)
        time.sleep(0.5)
        os.killpg(daemon.pid, signal.SIGINT)
        assert daemon.wait(30) in (0, 130)
    finally:
        if daemon.poll() is None:
            os.killpg(daemon.pid, signal.SIGKILL)
            daemon.wait()
    wait_for(lambda: all(map(gone, pool)), "the pools' processes ended with the daemon", timeout=10)
    said = log.read_text(errors="replace")
    assert "Traceback" not in said, said[-3000:]
    assert "KeyboardInterrupt" not in said


def children_running(parent: int, command: str) -> list[int]:
    """The parent's child processes whose command line has `command` in it."""
    found = subprocess.run(["pgrep", "-P", str(parent), "-f", command], capture_output=True, text=True, check=False)
    return [int(pid) for pid in found.stdout.split()]


def test_sigterm_stops_the_daemon_in_time_even_with_its_folder_removed(running: Spawned) -> None:
    for path in running.workdir.iterdir():
        if path.is_dir():
            shutil.rmtree(path)
    running.process.send_signal(signal.SIGTERM)
    assert running.process.wait(10) in (0, 1)


def test_the_embedded_broker_is_restarted_when_it_holds_too_much(corpus: Path, tmp_path: Path) -> None:
    pages = sorted((corpus / "extraction" / "scrapinghub-benchmark" / "html").glob("*.html.gz"))[:120]
    names = [f"page-{n:03d}.html" for n in range(len(pages))]
    with spawn(tmp_path, env={**ENV, "NEWSWIRE_EMBEDDED_MEMORY_MB": "25"}) as daemon:
        pid = daemon.process.pid
        for name, path in zip(names, pages, strict=True):
            drop(daemon, name, gzip.decompress(path.read_bytes()))
        wait_for(lambda: "the pipeline is idle: restarting" in daemon.log.read_text(errors="replace"),
                 "the daemon restarting its broker", timeout=300)  # fmt: skip
        wait_for(lambda: daemon.log.read_text(errors="replace").count(READY) >= 2, "ready again", timeout=120)
        assert daemon.process.poll() is None
        assert daemon.process.pid == pid, "the same process, started again"
        drop(daemon, "after-restart.txt", stories(corpus, 1)[0])
        wait_for(lambda: accounted(daemon) >= {*names, "after-restart.txt"}, "every page and the story after")
        counts = written(daemon)
        assert {name: counts[name] for name in names if counts[name] != 1} == {}


def test_files_sent_by_ingest_to_kafka_come_out_once_across_a_sigterm(
    kafka: KafkaBroker, corpus: Path, tmp_path: Path
) -> None:
    # Without the inbox nothing is sent again: what the stop interrupts must be read again from Kafka after the
    # restart, so a batch a stage was working on when stopped must not count as done.
    texts = stories(corpus, 130)
    sent = tmp_path / "sent"
    sent.mkdir()
    names = [f"sent-{n:03d}.txt" for n in range(len(texts))]
    for name, text in zip(names, texts, strict=True):
        (sent / name).write_bytes(text)
    with spawn(tmp_path, env=ENV, broker=kafka.url) as first:
        assert first.cli("ingest", "--broker", kafka.url, str(sent)).returncode == 0
        wait_for(lambda: len(accounted(first)) >= 14, "a few of the 130 stories accounted for", timeout=120)
        first.process.send_signal(signal.SIGTERM)
        assert first.process.wait(30) == 0
        assert len(accounted(first)) < len(names), "stopped while stories were still on their way"
    with spawn(tmp_path, env=ENV, broker=kafka.url) as second:
        wait_for(lambda: accounted(second) >= set(names), "all 130 stories accounted for", timeout=300)
        counts = written(second)
        assert {name: counts[name] for name in names if counts[name] != 1} == {}, "every story out exactly once"


def test_an_account_given_while_the_daemon_was_stopped_reaches_its_out_folder(
    kafka: KafkaBroker, corpus: Path, tmp_path: Path
) -> None:
    # An account may be given while the daemon is down (by a peer worker's ledger) or as it stops, after its reader's
    # last fetch; the reader resumes where it had read to, not at the end, and nothing is written twice.
    with spawn(tmp_path, env=ENV, broker=kafka.url) as first:
        drop(first, "before.txt", stories(corpus, 1)[0])
        wait_for(lambda: "before.txt" in accounted(first), "the account of before.txt")
    account = {
        "document_id": "0123456789abcdef",
        "filename": "while-down.txt",
        "size": 1,
        "articles": 1,
        "enriched": 1,
        "duplicates": 0,
        "rejected": 0,
        "reasons": [],
        "accounted_at": "2026-12-05T00:00:00Z",
    }
    asyncio.run(produce(kafka.url, [orjson.dumps(account)], topics.ACCOUNTS.name))
    with spawn(tmp_path, env=ENV, broker=kafka.url) as second:
        wait_for(lambda: "while-down.txt" in accounted(second), "the account given while the daemon was down")
        filenames = Counter(str(record["filename"]) for record in records(second, "news.accounts"))
        assert filenames == {"before.txt": 1, "while-down.txt": 1}
