"""A real single-node Apache Kafka (KRaft) for the integration tests, run from its Maven Central jars: no Docker."""

from __future__ import annotations

import asyncio
import base64
import fcntl
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import uuid
from pathlib import Path
from types import TracebackType

from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import KafkaError

from agents.broker import die_with_parent, free_port

REPO = Path(__file__).resolve().parents[2]
DEPLOY = REPO / "deploy" / "kafka"
POM = DEPLOY / "pom.xml"
SERVER_PROPERTIES = DEPLOY / "server.properties"
LOG4J = DEPLOY / "log4j2.properties"
CACHE = REPO / ".cache"
JVM = ["-Xms64m", "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"]
"""A small heap and the quick JIT tier: ready in about 2 s, under 300 MB resident."""


class KafkaUnavailable(Exception):
    """Kafka cannot be run here (no java or mvn, or its jars could not be fetched); the message says why."""


def kafka_version() -> str:
    """The Kafka release deploy/kafka/pom.xml asks for, which names the jar cache."""
    found = re.search(r"<artifactId>kafka_2\.13</artifactId>\s*<version>([^<]+)</version>", POM.read_text())
    if found is None:
        raise KafkaUnavailable(f"{POM} names no kafka_2.13 version")
    return found[1]


def kafka_jars() -> Path:
    """The folder of Kafka's jars, fetched with Maven into .cache/ the first time (once, even across processes)."""
    for tool in ("java", "mvn"):
        if shutil.which(tool) is None:
            raise KafkaUnavailable(f"no `{tool}` on PATH: Kafka runs from its jars with Java, fetched by Maven")
    home = CACHE / f"kafka-{kafka_version()}"
    lib = home / "lib"
    home.mkdir(parents=True, exist_ok=True)
    with (home / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not lib.is_dir():
            fetching = home / "lib.part"
            shutil.rmtree(fetching, ignore_errors=True)
            command = ["mvn", "-B", "-q", "-f", str(POM), "dependency:copy-dependencies",
                       f"-DoutputDirectory={fetching}", "-DincludeScope=runtime"]  # fmt: skip
            try:
                done = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
            except subprocess.TimeoutExpired as exc:
                raise KafkaUnavailable("fetching Kafka's jars with Maven took over 600 s") from exc
            if done.returncode != 0:
                output = (done.stdout + done.stderr)[-2000:]
                raise KafkaUnavailable(f"fetching Kafka's jars with Maven failed:\n{output}")
            fetching.rename(lib)
    return lib


def cluster_id() -> str:
    """A new Kafka cluster id, in the form Kafka's own `random-uuid` prints (URL-safe base64, no leading dash)."""
    while True:
        text = base64.urlsafe_b64encode(uuid.uuid4().bytes).decode().rstrip("=")
        if not text.startswith("-"):
            return text


async def answers(port: int) -> bool:
    """Whether a broker on this loopback port serves metadata: a round trip of the admin client once it listens."""
    try:
        socket.create_connection(("127.0.0.1", port), 0.2).close()
    except OSError:
        return False
    admin = AIOKafkaAdminClient(bootstrap_servers=f"127.0.0.1:{port}", request_timeout_ms=2000)
    try:
        await admin.start()
        await admin.describe_cluster()
    except KafkaError:
        return False
    finally:
        await admin.close()
    return True


class KafkaBroker:
    """One Kafka broker and controller in a process on free loopback ports, its data and log in `workdir`.

    `restart()` keeps the data and the ports, as a real broker's restart does.
    """

    def __init__(self, workdir: Path, lib: Path) -> None:
        self.workdir = workdir
        self.lib = lib
        self.port = free_port()
        self.controller_port = free_port()
        self.url = f"kafka://127.0.0.1:{self.port}"
        self.data = workdir / "data"
        self.log = workdir / "kafka.log"
        self.config = workdir / "server.properties"
        self._process: subprocess.Popen[bytes] | None = None

    def _java(self, main: str, *args: str, heap: bool = True) -> list[str]:
        return ["java", f"-Dlog4j2.configurationFile={LOG4J}", *(JVM if heap else []), "-cp", f"{self.lib}/*", main,
                *args]  # fmt: skip

    def properties(self) -> dict[str, str]:
        """What this broker writes over the shared server.properties: its ports and data folder."""
        return {
            "listeners": f"PLAINTEXT://127.0.0.1:{self.port},CONTROLLER://127.0.0.1:{self.controller_port}",
            "advertised.listeners": f"PLAINTEXT://127.0.0.1:{self.port}",
            "controller.quorum.bootstrap.servers": f"127.0.0.1:{self.controller_port}",
            "log.dirs": str(self.data),
        }

    def format_options(self) -> list[str]:
        """More options for formatting the storage (such as SCRAM users); none here."""
        return []

    def _configure(self) -> None:
        """Write the shared server.properties with this broker's ports and data folder, and format its storage."""
        if self.config.exists():
            return
        self.workdir.mkdir(parents=True, exist_ok=True)
        ours = self.properties()
        lines = [line for line in SERVER_PROPERTIES.read_text().splitlines()
                 if line.partition("=")[0].strip() not in ours]  # fmt: skip
        self.config.write_text("\n".join([*lines, *(f"{key}={value}" for key, value in ours.items())]) + "\n")
        command = self._java("kafka.tools.StorageTool", "format", "--standalone", "-t", cluster_id(),
                             "-c", str(self.config), *self.format_options(), heap=False)  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise KafkaUnavailable(f"formatting Kafka's storage failed:\n{(done.stdout + done.stderr)[-2000:]}")

    def start(self, timeout: float = 60.0) -> KafkaBroker:
        """Start the broker (formatting its storage the first time) and wait until it answers."""
        self._configure()
        with self.log.open("ab") as output:
            self._process = subprocess.Popen(
                self._java("kafka.Kafka", str(self.config)),
                stdout=output,
                stderr=subprocess.STDOUT,
                preexec_fn=die_with_parent,  # noqa: PLW1509 (runs before any thread starts)
            )
        deadline = time.monotonic() + timeout
        while not asyncio.run(answers(self.port)):
            if self._process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise KafkaUnavailable(f"Kafka did not start:\n{self.log.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        return self

    @property
    def pid(self) -> int | None:
        """The broker's process id while it runs."""
        return self._process.pid if self._process is not None and self._process.poll() is None else None

    def stop(self, timeout: float = 30.0) -> None:
        """Stop the broker as an operator would (SIGTERM: a controlled shutdown), killing it if that hangs."""
        if self.pid is None or self._process is None:
            return
        self._process.send_signal(signal.SIGTERM)
        try:
            self._process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()

    def kill(self) -> None:
        """End the broker at once (SIGKILL), as a crash or a lost machine would."""
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()

    def restart(self) -> None:
        """Stop the broker if it runs and start it again on the same ports and data."""
        self.stop()
        self.start()

    def __enter__(self) -> KafkaBroker:
        return self.start()

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


def required() -> bool:
    """Whether a test needing Kafka must fail rather than skip where Kafka cannot run (CI sets it)."""
    return os.environ.get("NEWSWIRE_KAFKA_REQUIRED", "") not in ("", "0")
