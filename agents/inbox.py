"""The inbox folder: each file dropped there goes to `news.raw`, then to `.done/` once the broker has it."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from pathlib import Path

from watchfiles import Change, awatch

from agents.metrics import INGESTED_FILES

log = logging.getLogger("newswire")
DONE = ".done"
Produce = Callable[[Path, bytes], Awaitable[None]]


def pending(inbox: Path) -> list[Path]:
    """Files waiting in the inbox, oldest first; hidden files and folders (such as .done) are skipped."""
    files = [
        path
        for path in inbox.rglob("*")
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(inbox).parts)
    ]
    return sorted(files, key=lambda path: (path.stat().st_mtime, path.name))


def done_path(inbox: Path, path: Path) -> Path:
    """Where a sent file goes, never overwriting an earlier file of the same name."""
    target = inbox / DONE / path.relative_to(inbox)
    stem, n = target, 1
    while target.exists():
        target = stem.with_name(f"{stem.name}.{n}")
        n += 1
    return target


async def _settled(path: Path, quiet: float = 0.3) -> bool:
    """Wait until a file stops growing, so a file still being copied in is not sent half-written."""
    size = -1
    while path.exists():
        current = path.stat().st_size
        if current == size:
            return True
        size = current
        await asyncio.sleep(quiet)
    return False


async def ingest_one(inbox: Path, path: Path, produce: Produce) -> None:
    """Send one file and move it to .done only after the broker acknowledged it."""
    if not await _settled(path):
        return
    await produce(path, path.read_bytes())
    target = done_path(inbox, path)
    target.parent.mkdir(parents=True, exist_ok=True)
    path.rename(target)
    INGESTED_FILES.labels("inbox").inc()
    log.info("ingested %s from the inbox", path.name)


async def watch(inbox: Path, produce: Produce) -> None:
    """Send what is already in the inbox (left by a stopped daemon), then every file dropped later."""
    inbox.mkdir(parents=True, exist_ok=True)
    for path in pending(inbox):
        await _guarded(inbox, path, produce)
    async for changes in awatch(inbox, recursive=True, step=100):
        if any(kind in (Change.added, Change.modified) for kind, _ in changes):
            for path in pending(inbox):
                await _guarded(inbox, path, produce)


async def _guarded(inbox: Path, path: Path, produce: Produce) -> None:
    """Ingest a file; a failure is logged and the file stays in the inbox for the next start."""
    try:
        await ingest_one(inbox, path, produce)
    except Exception as exc:
        log.error("could not ingest %s, left in the inbox: %s", path, exc)
