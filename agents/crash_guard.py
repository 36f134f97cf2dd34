"""The guard against crash loops: a record that kills the daemon every time it is processed is given up.

The costly stages (clean, tag) run in pool processes: a file that kills one of those is rejected and the
process replaced. The stages that run in the daemon's own process (split, dedup) say which document they
are working on in a small file of the state folder; a daemon that dies meanwhile (a crash, SIGKILL, the
kernel's OOM killer) leaves it there, and the next start counts it against that document. A document
counted `MAX_DEATHS` times is rejected as `gave up` when it comes again (sent again from the inbox, or
delivered again by Kafka) instead of being processed. An outside kill lands on the same document three
times only by a rare chance, since each document takes milliseconds of those stages.
"""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path

import orjson

log = logging.getLogger("newswire")
PROCESSING_FILE = "processing"
DEATHS_FILE = "deaths.json"
MAX_DEATHS = 3
MAX_REMEMBERED = 1000


class CrashGuard:
    """Marks what the daemon's own stages are working on, and remembers the documents it died on.

    Without a state folder of its own (a worker joining another daemon's embedded broker) it marks nothing.
    """

    def __init__(self, state_dir: Path | None) -> None:
        self.marker = state_dir / PROCESSING_FILE if state_dir is not None else None
        self.ledger = state_dir / DEATHS_FILE if state_dir is not None else None
        self.deaths = _load(self.ledger) if self.ledger is not None else {}
        self._fd: int | None = None
        self._width = 0
        died_on = self._read_marker()
        if self.marker is not None:
            with contextlib.suppress(OSError):
                self._fd = os.open(self.marker, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        if died_on:
            self.deaths[died_on] = self.deaths.get(died_on, 0) + 1
            log.warning("the daemon stopped while processing document %s (%d times so far)", died_on,
                        self.deaths[died_on])  # fmt: skip
            self.deaths = dict(list(self.deaths.items())[-MAX_REMEMBERED:])
            self._save()
        self._write_marker("")

    def gave_up(self, document_id: str) -> str | None:
        """The rejection reason for a document the daemon died on too often; None to process it."""
        deaths = self.deaths.get(document_id, 0)
        if deaths < MAX_DEATHS:
            return None
        return f"gave up: newswire stopped {deaths} times while processing this file (it may be what stops it)"

    @contextlib.contextmanager
    def processing(self, document_id: str) -> Iterator[None]:
        """Mark the document as the one being worked on for the duration of the block."""
        self._write_marker(document_id)
        try:
            yield
        finally:
            self._write_marker("")

    def _read_marker(self) -> str:
        if self.marker is None:
            return ""
        try:
            return self.marker.read_text(encoding="ascii").strip()
        except (OSError, UnicodeDecodeError):
            return ""

    def _write_marker(self, document_id: str) -> None:
        """Overwrite the marker in place (padded over a longer id before it): one system call a record."""
        if self._fd is None:
            return
        data = document_id.encode("ascii", "replace")
        self._width = max(self._width, len(data))
        with contextlib.suppress(OSError):
            os.pwrite(self._fd, data.ljust(self._width), 0)

    def _save(self) -> None:
        if self.ledger is None:
            return
        with contextlib.suppress(OSError):
            partial = self.ledger.with_suffix(".part")
            partial.write_bytes(orjson.dumps(self.deaths))
            partial.replace(self.ledger)


def _load(path: Path) -> dict[str, int]:
    try:
        loaded = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return {str(key): int(value) for key, value in loaded.items()} if isinstance(loaded, dict) else {}
