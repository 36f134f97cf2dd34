"""The state folder of one daemon: held by one `newswire run` at a time, so two never share tables or files."""

from __future__ import annotations

import fcntl
import os
from pathlib import Path
from types import TracebackType

from agents.errors import StartupError

LOCK_FILE = "newswire.lock"


class StateLock:
    """An exclusive lock on the state folder for the life of a daemon; a second daemon is refused at once.

    A worker joining another daemon's embedded broker keeps no state of its own, so it takes no lock.
    """

    def __init__(self, state_dir: Path, *, joins: bool = False) -> None:
        self.state_dir = state_dir
        self.joins = joins
        self._fd: int | None = None

    def __enter__(self) -> StateLock:
        if self.joins:
            return self
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.state_dir / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StartupError(
                f"cannot use the state folder {self.state_dir}: {exc.strerror}; "
                "make it writable or choose another with NEWSWIRE_STATE_DIR"
            ) from exc
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            holder = os.read(fd, 32).decode(errors="replace").strip() or "?"
            os.close(fd)
            raise StartupError(
                f"another newswire (pid {holder}) uses the state folder {self.state_dir}: "
                "stop it, or give this one its own folder with NEWSWIRE_STATE_DIR"
            ) from exc
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())
        self._fd = fd
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
