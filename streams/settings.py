"""Runtime settings, read once from the environment so every entry point (CLI, worker, tests) agrees."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from streams.security import Security

MAX_FILE_BYTES = 32 * 2**20
"""Default largest file accepted; larger ones are rejected as too large without their payload travelling."""
LOOPBACK = "127.0.0.1"
"""Where the metrics endpoint listens unless told otherwise: nothing off this host reaches it."""
MESSAGE_HEADROOM = 2**20
"""Room above the file limit for headers, record framing and a cleaned document's JSON escaping."""
MAX_FILE_LIMIT = 96 * 2**20
"""The highest file limit allowed: Kafka refuses any request over 100 MiB (`socket.request.max.bytes`)."""
N = TypeVar("N", int, float)


class SettingError(ValueError):
    """An environment variable holds a value its setting cannot take; the message names the variable and the form."""


def _env_number(name: str, kind: type[N], default: N, low: N, high: N | None = None) -> N:
    """Read a number from `name`, refusing anything but a `kind` in [low, high] with a message saying what it takes."""
    value = os.environ.get(name)
    if not value:
        return default
    try:
        number = kind(value)
    except ValueError:
        number = None
    if number is None or not within(number, low, high):
        raise SettingError(
            f"{name}={value} is not valid: it takes {takes(kind, low, high)}; fix it, or unset it for the default"
        )
    return number


def within(number: float, low: float, high: float | None) -> bool:
    """Whether `number` is in [low, high] (no upper bound when `high` is None)."""
    return low <= number and (high is None or number <= high)


def takes(kind: type[int] | type[float], low: float, high: float | None) -> str:
    """What a numeric setting takes, worded alike for its environment variable and its flag."""
    form = "a whole number" if kind is int else "a number"
    return f"{form} from {low} to {high}" if high is not None else f"{form} of at least {low}"


def _env_int(name: str, default: int, low: int = 1, high: int | None = None) -> int:
    """A whole-number setting from the environment, checked (at least 1 unless told otherwise)."""
    return _env_number(name, int, default, low, high)


def _env_float(name: str, default: float, low: float = 0.0, high: float | None = None) -> float:
    """A decimal setting from the environment, checked (not negative unless told otherwise)."""
    return _env_number(name, float, default, low, high)


def _env_float_or_none(name: str) -> float | None:
    """A decimal setting that is unset unless the environment gives one, checked (not negative)."""
    return _env_float(name, 0.0) if os.environ.get(name) else None


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of a newswire worker; each has an env var (NEWSWIRE_*) and most a CLI flag."""

    broker: str | None = field(default_factory=lambda: os.environ.get("NEWSWIRE_BROKER") or None)
    inbox: Path = field(default_factory=lambda: Path(os.environ.get("NEWSWIRE_INBOX", "inbox")))
    out: Path | None = field(default_factory=lambda: Path(os.environ.get("NEWSWIRE_OUT", "out")))
    metrics_port: int = field(default_factory=lambda: _env_int("NEWSWIRE_METRICS_PORT", 9108, 0, 65535))
    metrics_host: str = field(default_factory=lambda: os.environ.get("NEWSWIRE_METRICS_HOST") or LOOPBACK)
    """The address /metrics listens on: this host only unless opened (0.0.0.0 for a Prometheus elsewhere)."""
    partitions: int = field(default_factory=lambda: _env_int("NEWSWIRE_PARTITIONS", 4))
    replication: int = field(default_factory=lambda: _env_int("NEWSWIRE_REPLICATION", 1))
    state_dir: Path = field(
        default_factory=lambda: Path(
            os.environ.get("NEWSWIRE_STATE_DIR", Path.home() / ".local" / "state" / "newswire")
        )
    )
    tag_processes: int = field(default_factory=lambda: _env_int("NEWSWIRE_TAG_PROCESSES", os.cpu_count() or 1))
    tag_batch: int = field(default_factory=lambda: _env_int("NEWSWIRE_TAG_BATCH", 32))
    near_threshold: float = field(default_factory=lambda: _env_float("NEWSWIRE_NEAR_THRESHOLD", 0.8, 0.0, 1.0))
    dedup_retention_days: float = field(default_factory=lambda: _env_float("NEWSWIRE_DEDUP_RETENTION_DAYS", 30.0))
    session_timeout: float | None = field(default_factory=lambda: _env_float_or_none("NEWSWIRE_SESSION_TIMEOUT"))
    """Kafka consumer session timeout in seconds; None: 30 on Kafka, 6 on the embedded broker."""
    chrome_min_documents: int = field(default_factory=lambda: _env_int("NEWSWIRE_CHROME_MIN_DOCUMENTS", 5))
    chrome_max_age_days: float = field(default_factory=lambda: _env_float("NEWSWIRE_CHROME_MAX_AGE_DAYS", 14.0))
    clean_timeout: float = field(default_factory=lambda: _env_float("NEWSWIRE_CLEAN_TIMEOUT", 20.0, 0.1))
    tag_timeout: float = field(default_factory=lambda: _env_float("NEWSWIRE_TAG_TIMEOUT", 60.0, 0.1))
    """Seconds tagging a batch may take per 100,000 characters it holds, and at least: a batch past it is tagged again
    an article at a time, and an article past it alone is rejected."""
    embedded_memory_mb: int = field(default_factory=lambda: _env_int("NEWSWIRE_EMBEDDED_MEMORY_MB", 256))
    max_file_bytes: int = field(
        default_factory=lambda: _env_int("NEWSWIRE_MAX_FILE_BYTES", MAX_FILE_BYTES, high=MAX_FILE_LIMIT)
    )
    retention_hours: float = field(default_factory=lambda: _env_float("NEWSWIRE_RETENTION_HOURS", 168.0))
    """How long Kafka keeps the records of newswire's stream topics (their retention.ms); a week, as Kafka does."""
    security: Security = field(default_factory=Security)

    @property
    def message_bytes(self) -> int:
        """The largest Kafka message any newswire producer sends or topic accepts: a file at the limit plus room."""
        return self.max_file_bytes + MESSAGE_HEADROOM

    def with_overrides(self, **changes: object) -> Settings:
        """Apply CLI flags that were given, leaving the rest as the environment set them."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})  # type: ignore[arg-type]


def kafka_options(url: str, security: Security) -> dict[str, Any]:
    """What every aiokafka client newswire makes is built with: the bootstrap servers and how to authenticate."""
    return {"bootstrap_servers": kafka_bootstrap(url), **security.client_options()}


def kafka_bootstrap(url: str) -> str:
    """Turn `kafka://h1:9092;h2:9092` (Faust's form) into aiokafka's `h1:9092,h2:9092`."""
    hosts = url.removeprefix("kafka://")
    return ",".join(h.strip() for h in hosts.replace(";", ",").split(",") if h.strip())
