"""The tag stage's process pool does not outlive a worker killed with SIGKILL."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from helpers import wait_for

pytestmark = pytest.mark.integration

HOLDER = """
import os, time
from agents.pool import process_pool
pool = process_pool(1)
print(pool.submit(os.getpid).result(), flush=True)
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
