"""The crash guard: documents the daemon dies on while processing them are given up after three deaths."""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path

from agents.crash_guard import MAX_DEATHS, CrashGuard

UNFINISHED: list[AbstractContextManager[None]] = []
"""Blocks entered and never left, as a daemon killed inside one leaves them (kept so none is closed)."""


def die_while_processing(state: Path | None, document_id: str) -> None:
    """A daemon life that ends (as SIGKILL ends it) in the middle of a document."""
    block = CrashGuard(state).processing(document_id)
    block.__enter__()
    UNFINISHED.append(block)


def test_a_document_the_daemon_dies_on_three_times_is_given_up(tmp_path: Path) -> None:
    for _ in range(MAX_DEATHS - 1):
        die_while_processing(tmp_path, "poison")
    assert CrashGuard(tmp_path).gave_up("poison") is None, "two deaths may be bad luck"
    die_while_processing(tmp_path, "poison")
    again = CrashGuard(tmp_path)
    reason = again.gave_up("poison")
    assert reason is not None
    assert reason.startswith("gave up: newswire stopped 3 times while processing this file")
    assert again.gave_up("innocent") is None


def test_work_that_finishes_counts_against_nothing(tmp_path: Path) -> None:
    guard = CrashGuard(tmp_path)
    for _ in range(5):
        with guard.processing("fine"):
            pass
    assert CrashGuard(tmp_path).deaths == {}


def test_without_a_state_folder_nothing_is_marked(tmp_path: Path) -> None:
    die_while_processing(None, "x")
    assert CrashGuard(None).gave_up("x") is None
    assert list(tmp_path.iterdir()) == []
