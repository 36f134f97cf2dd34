"""What the integration tests share: waiting on a condition and talking to a spawned daemon's folders."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any, TypeVar

import pytest

from agents.testing import Spawned

T = TypeVar("T")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def wait_for(check: Callable[[], T | None], what: str, timeout: float = 90.0) -> T:
    """Poll until `check` returns something truthy; fail naming what never happened."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.25)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def drop(daemon: Spawned, name: str, data: bytes) -> None:
    """Put a file into the inbox the way a careful copy does: under a hidden name, then renamed."""
    inbox = daemon.workdir / "inbox"
    part = inbox / f".{name}.part"
    part.write_bytes(data)
    part.rename(inbox / name)


def nothing() -> None:
    """A pool process warm-up that loads nothing."""


def fragile_tagger(articles: list[Any]) -> list[Any]:
    """Tags nothing; dies (as a segfault would kill a process) on an article whose body says POISON, never ends on
    one that says STUCK, fails on one that says FAULT."""
    bodies = " ".join(article["body"] for article in articles)
    if "POISON" in bodies:
        os._exit(3)
    if "STUCK" in bodies:
        time.sleep(600)
    if "FAULT" in bodies:
        raise ValueError("a fault in the tagger")
    return [{**article, "tagged": True} for article in articles]
