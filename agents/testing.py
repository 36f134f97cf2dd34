"""A `newswire` daemon as a child process, ready to use: for benchmarks and integration tests."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import orjson

from agents.broker import BROKER_FILE, free_port
from agents.daemon import READY

NEWSWIRE = str(Path(sys.executable).with_name("newswire"))


@dataclass
class Spawned:
    """A running `newswire run`: its process, folder, environment, metrics port and log."""

    process: subprocess.Popen[bytes]
    workdir: Path
    env: dict[str, str]
    metrics_port: int
    log: Path

    @property
    def broker(self) -> str:
        """The URL of the daemon's broker: the embedded one it started, or the one it was given."""
        return str(orjson.loads((self.workdir / "state" / BROKER_FILE).read_bytes())["url"])

    def out(self, topic: str) -> Path:
        """The out-folder file a public topic is appended to."""
        return self.workdir / "out" / f"{topic}.jsonl"

    def cli(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """Run another `newswire` command against this daemon (same state folder, same environment)."""
        return subprocess.run([NEWSWIRE, *args], env=self.env, cwd=self.workdir, capture_output=True,
                              text=True, timeout=timeout, check=False)  # fmt: skip


def records(daemon: Spawned, topic: str) -> list[dict[str, Any]]:
    """What the daemon has appended to its out-folder file of a public topic so far."""
    path = daemon.out(topic)
    if not path.exists():
        return []
    return [orjson.loads(line) for line in path.read_bytes().splitlines() if line.strip()]


@contextlib.contextmanager
def spawn(
    workdir: Path,
    *args: str,
    env: Mapping[str, str] | None = None,
    broker: str | None = None,
    start_timeout: float = 120.0,
) -> Iterator[Spawned]:
    """Start `newswire run ARGS` in `workdir`, on `broker` or else its own embedded one; wait until ready, stop after.

    The daemon's output is appended to `workdir/daemon.log`, so a daemon started again in the same folder
    (after a kill) keeps the earlier lives' log.
    """
    workdir.mkdir(parents=True, exist_ok=True)
    port = free_port()
    environment = {**os.environ, "NEWSWIRE_STATE_DIR": str(workdir / "state"), **(env or {})}
    environment.pop("NEWSWIRE_BROKER", None)
    log = workdir / "daemon.log"
    with log.open("ab") as output:
        start = output.tell()
        given = ["--broker", broker] if broker else []
        process = subprocess.Popen([NEWSWIRE, "run", "--metrics-port", str(port), *given, *args], cwd=workdir,
                                   env=environment, stdout=output, stderr=subprocess.STDOUT,
                                   start_new_session=True)  # fmt: skip
    try:
        deadline = time.monotonic() + start_timeout
        while READY.encode() not in log.read_bytes()[start:]:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the daemon did not start:\n{log.read_text(errors='replace')[-4000:]}")
            time.sleep(0.25)
        yield Spawned(process, workdir, environment, port, log)
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
