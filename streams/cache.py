"""Data derived from installed packages and kept on disk, so a process start reads it rather than rebuilding it.

A cached file is named by a digest of everything it was made from (the code that makes it, the versions of the
packages it reads); anything else about it is untrusted: a file that cannot be read or parsed is made again, and
a folder that cannot be written to only costs the time the cache would have saved.
"""

from __future__ import annotations

import os
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import orjson
import xxhash

CACHE_ENV = "NEWSWIRE_CACHE_DIR"


def cache_dir() -> Path:
    """`NEWSWIRE_CACHE_DIR`, else the user's cache folder (`$XDG_CACHE_HOME`, `~/.cache`), `newswire` in it."""
    if chosen := os.environ.get(CACHE_ENV):
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "newswire"


def made_from(source: Path, packages: tuple[str, ...]) -> str:
    """A digest of a module's source, the packages' versions and the Python it runs on: what a cached file's
    content follows from."""
    versions = "\n".join(f"{name}={metadata.version(name)}" for name in packages)
    return xxhash.xxh3_64_hexdigest(source.read_bytes() + f"\n{versions}\n{sys.version}".encode())


def load(name: str, digest: str) -> dict[str, str] | None:
    """The strings cached under `name` by the same inputs, or None when there are none or they are unreadable."""
    try:
        data = orjson.loads((cache_dir() / f"{name}-{digest}.json").read_bytes())
    except (OSError, orjson.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not all(isinstance(value, str) for value in data.values()):
        return None
    return data


def store(name: str, digest: str, data: dict[str, str]) -> None:
    """Keep `data` under `name` for these inputs, replacing what older inputs left; written whole or not at all,
    so processes starting together never read half a file."""
    folder = cache_dir()
    made: Path | None = None
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, path = tempfile.mkstemp(dir=folder, prefix=f".{name}-", suffix=".part")
        made = Path(path)
        with os.fdopen(handle, "wb") as file:
            file.write(orjson.dumps(data))
        os.replace(made, folder / f"{name}-{digest}.json")
        for stale in folder.glob(f"{name}-*.json"):
            if stale.name != f"{name}-{digest}.json":
                stale.unlink(missing_ok=True)
    except OSError:
        if made is not None:
            made.unlink(missing_ok=True)
