"""The inbox's guard against crash loops: a file that stops the daemon every time is not sent for ever.

A daemon life that ends without a clean stop and without accounting for any file made no progress; a file
in flight through `MAX_LIVES` such lives in a row is given up (rejected with the reason, not sent again).
Lives that made progress, or ended cleanly, clear the counts, so restarts while a backlog waits never
count against its files.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import orjson

GUARD_FILE = "inbox-lives.json"
MAX_LIVES = 5


class CrashGuard:
    """Counts, per file, the lives in a row without progress that ended while the file was in flight."""

    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / GUARD_FILE
        stored = _load(self.path)
        last_life_counts = not stored.get("clean", True) and not stored.get("progress", True)
        counts = stored.get("files") if last_life_counts else None
        self.counts: dict[str, int] = (
            {str(key): int(value) for key, value in counts.items()} if isinstance(counts, dict) else {}
        )
        self.progress = False
        self._this_life: set[str] = set()
        self.save(clean=False)

    def sent(self, ingest_id: str) -> int:
        """Count a file sent in this life (once per life); return in how many lives without progress it was sent."""
        if ingest_id not in self._this_life:
            self._this_life.add(ingest_id)
            self.counts[ingest_id] = self.counts.get(ingest_id, 0) + 1
        return self.counts[ingest_id]

    def progressed(self) -> None:
        """A file was accounted for in this life: it is no crash loop, whatever happens next."""
        if not self.progress:
            self.progress = True
            self.counts.clear()
            self.save(clean=False)

    def save(self, *, clean: bool) -> None:
        """Keep the counts on disk, where the next life reads them."""
        state = {"clean": clean, "progress": self.progress, "files": self.counts}
        with contextlib.suppress(OSError):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(".part")
            partial.write_bytes(orjson.dumps(state))
            partial.replace(self.path)


def mark_clean_exit(state_dir: Path) -> None:
    """Record that the daemon stopped cleanly, so this life counts against no file."""
    path = state_dir / GUARD_FILE
    state = _load(path)
    if state:
        state["clean"] = True
        with contextlib.suppress(OSError):
            path.write_bytes(orjson.dumps(state))


def _load(path: Path) -> dict[str, object]:
    try:
        loaded = orjson.loads(path.read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}
