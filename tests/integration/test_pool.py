"""The tag stage's process pool does not outlive a worker killed with SIGKILL."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys

import pytest
from helpers import fragile_tagger, nothing, wait_for

from agents.pool import process_pool
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


def test_an_article_that_kills_its_tagging_process_is_rejected_alone() -> None:
    batch = [text_article(f"Story {n} about the harbour and its ferries.", f"doc-{n}", 1_700_000_000_000_000)
             for n in range(4)]  # fmt: skip
    batch[2]["body"] = "POISON"
    pool = process_pool(1, nothing)
    try:
        results = asyncio.run(tag_off_loop(pool, batch, fragile_tagger))
    finally:
        pool.stop()  # type: ignore[no-untyped-call]
    outcomes = [(article["document_id"], type(result).__name__) for article, result in results]
    assert outcomes == [("doc-0", "dict"), ("doc-1", "dict"), ("doc-2", "RejectedInput"), ("doc-3", "dict")]
    rejection = results[2][1]
    assert isinstance(rejection, RejectedInput)
    assert rejection.reason == "crashed: the tagging process died on this article (exit code 3)"
