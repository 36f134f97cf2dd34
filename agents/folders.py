"""Folders newswire writes to, checked before any work, so one it cannot write is named at once with the remedy."""

from __future__ import annotations

import tempfile
from pathlib import Path

from agents.errors import StartupError


def check_writable(folder: Path, what: str, setting: str) -> None:
    """Make the folder and write in it once, so a folder that cannot be written stops the command at start, naming
    the remedy: a read-only out folder had stopped the daemon's sinks after "ready", every file left unaccounted."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        raise StartupError(
            f"cannot write in the {what} {folder}: {exc.strerror}; make it writable or choose another with {setting}"
        ) from exc
