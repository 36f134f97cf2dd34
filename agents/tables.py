"""Table state kept on local disk (RocksDB), so dedup and learned chrome outlive the process and the broker."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faust
from faust.tables.manager import TableManager
from faust.types import TableT
from rocksdict import Options, Rdict

from agents.errors import StartupError

OFFSET_KEY = b"__faust\0offset__"
"""Where Faust's RocksDB store keeps the changelog offset a partition's data is written up to."""
LIFE_FILE = "cluster-id"
LAYOUT_FILE = "partitions"
"""Where the table folder records the partition count its tables were laid out by."""
WRITE_BUFFER_BYTES = 4 * 2**20
BLOCK_CACHE_BYTES = 8 * 2**20
"""Memory each table partition's RocksDB may hold (Faust's defaults are 64 MiB memtables, up to three, and a
2 GiB block cache per partition: with 16 partitions of four tables, gigabytes that newswire's small values
never need)."""


def table(
    app: faust.App, name: str, partitions: int, *, key_type: type | None = None, value_type: type | None = None
) -> TableT[Any, Any]:
    """A table of the app, its RocksDB (when tables are kept on disk) sized for newswire's small values."""
    options = {"write_buffer_size": WRITE_BUFFER_BYTES, "max_write_buffer_number": 2,
               "block_cache_size": BLOCK_CACHE_BYTES}  # fmt: skip
    return app.Table(name, partitions=partitions, options=options, key_type=key_type, value_type=value_type)


class DeclaredTables(TableManager):
    """Faust's table manager without its one-second wait at start for tables declared late: every newswire table
    is declared when the app is built, and that second was an eighth of the daemon's time to ready."""

    async def on_start(self) -> None:
        """Open the tables' changelog channels and start recovery at once."""
        if not self.should_stop:
            await self._update_channels()
            await self.recovery.start()


def start_life(tabledir: Path, cluster_id: str) -> bool:
    """Make the local tables fit the broker they now run against; return whether it is a new one.

    Faust reads a table partition's changelog from the offset its local data was written up to. A broker
    that is not the one those offsets were taken on (an embedded broker after a restart starts empty, a
    cluster replaced) has nothing there for them: the offsets are forgotten, the data is kept, and Faust
    reads whatever the new broker's changelogs hold from their start.
    """
    tabledir.mkdir(parents=True, exist_ok=True)
    marker = tabledir / LIFE_FILE
    if marker.exists() and marker.read_text(encoding="utf-8") == cluster_id:
        return False
    for path in sorted(tabledir.glob("*.db")):
        db = Rdict(str(path), options=Options(raw_mode=True))
        try:
            if db.get(OFFSET_KEY) is not None:
                del db[OFFSET_KEY]
        finally:
            db.close()
    marker.write_text(cluster_id, encoding="utf-8")
    return True


def check_layout(tabledir: Path, partitions: int) -> None:
    """Refuse tables laid out by another partition count: a key's partition, so where its entry is kept, depends on
    it, so dedup would silently miss the articles it holds (the embedded broker's topics are new at every start,
    so only this folder remembers the count). Tables without a record (older versions) take today's count."""
    tabledir.mkdir(parents=True, exist_ok=True)
    record = tabledir / LAYOUT_FILE
    if record.exists():
        made = record.read_text(encoding="utf-8").strip()
        if made != str(partitions):
            raise StartupError(
                f"the tables in {tabledir} were laid out for {made} partitions, not {partitions}: run with "
                f"--partitions {made} (NEWSWIRE_PARTITIONS={made}), or give this daemon a new state folder with "
                "NEWSWIRE_STATE_DIR"
            )
        return
    record.write_text(str(partitions), encoding="utf-8")
