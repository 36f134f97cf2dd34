"""The tag stage's process pool: it does not outlive a worker killed with SIGKILL, and one bad article fails alone."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time

import pytest
from helpers import fragile_tagger, nothing, wait_for
from yake_rust import Yake

from agents.pool import panics_as_errors, process_pool, stop_pools
from agents.stages.tag import tag_off_loop
from streams.errors import RejectedInput
from streams.testing import text_article

pytestmark = pytest.mark.integration

HOLDER = """
import os, time
from agents.pool import tag_pool
pool = tag_pool(1)
print(pool.schedule(os.getpid).result(), flush=True)
time.sleep(600)
"""


def alive(pid: int) -> bool:
    """Whether a process with this id still runs (a zombie waiting for its parent counts as gone)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def test_pool_processes_exit_when_their_worker_is_killed() -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None
    child = int(holder.stdout.readline())
    try:
        assert child != holder.pid
        assert alive(child)
        holder.send_signal(signal.SIGKILL)
        holder.wait(10)
        wait_for(lambda: not alive(child), "the pool process to exit after its worker was killed", 30)
    finally:
        holder.kill()
        if alive(child):
            os.kill(child, signal.SIGKILL)


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        ("POISON", "crashed: the tagging process died on this article (exit code 3)"),
        ("STUCK", "timed out: tagging took over 2 s"),
        ("FAULT", None),
    ],
)
def test_an_article_that_kills_stalls_or_fails_its_tagging_is_rejected_alone(body: str, reason: str | None) -> None:
    batch = [text_article(f"Story {n} about the harbour and its ferries.", f"doc-{n}", 1_700_000_000_000_000)
             for n in range(4)]  # fmt: skip
    batch[2]["body"] = body
    pool = process_pool(1, nothing)
    try:
        results = asyncio.run(tag_off_loop(pool, batch, 2.0, fragile_tagger))
        assert pool.schedule(os.getpid).result(30) > 0  # the pool still works
    finally:
        stop_pools(pool)
    outcomes = [(article["document_id"], type(result).__name__) for article, result in results]
    failed = "ValueError" if reason is None else "RejectedInput"
    assert outcomes == [("doc-0", "dict"), ("doc-1", "dict"), ("doc-2", failed), ("doc-3", "dict")]
    rejection = results[2][1]
    if reason is not None:
        assert isinstance(rejection, RejectedInput)
        assert rejection.reason == reason


def test_a_panic_in_a_rust_library_leaves_its_process_as_an_error_with_its_message() -> None:
    # yake-rust's tokenizer panics on a long run of brackets; pyo3's PanicException is no Exception, and a pool
    # process could not send it back (its class cannot be unpickled).
    extractor = Yake(language="en", ngrams=3, deduplication_threshold=0.5)
    with pytest.raises(RuntimeError, match=r"^PanicException: .*BacktrackLimitExceeded"), panics_as_errors():
        extractor.get_n_best("The harbour budget passed. " + ("[" * 19 + "a") * 95, n=5)
    with pytest.raises(KeyboardInterrupt), panics_as_errors():
        raise KeyboardInterrupt


def test_a_pool_process_outlives_a_sigterm_to_its_process_group_and_stops_with_its_pool() -> None:
    # A service manager or `kill -- -PGID` sends SIGTERM to every process of the daemon at once; the tagging
    # processes died of it while the worker was still stopping, and their batches' articles were rejected.
    pool = process_pool(1, nothing)
    try:
        child = pool.schedule(os.getpid).result(30)
        subprocess.run(["kill", "-TERM", str(child)], check=True)
        time.sleep(1)
        assert alive(child)
        assert pool.schedule(os.getpid).result(30) == child, "the same process still takes tasks"
    finally:
        stop_pools(pool)
    assert not alive(child)
