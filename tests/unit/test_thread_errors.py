"""A thread's uncaught exception is logged as one record, traceback included, not a line at a time."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable

import pytest

from agents.daemon import log_thread_error


def fail() -> None:
    """A thread's work that fails the way a consumer's stop did when its broker had gone."""
    raise ConnectionError("Connection at 127.0.0.1:9092 closed")


def cancelled() -> None:
    """A client's thread whose loop the stopping worker ended."""
    raise asyncio.CancelledError


def logged(work: Callable[[], None], caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch) -> None:
    """Run the work in a thread named `consumer` with newswire's thread hook, its records caught."""
    monkeypatch.setattr(threading, "excepthook", log_thread_error)
    thread = threading.Thread(target=work, name="consumer")
    with caplog.at_level(logging.WARNING, logger="newswire"):
        thread.start()
        thread.join()


def test_a_thread_that_dies_is_one_error_record(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged(fail, caplog, monkeypatch)
    assert [(record.levelno, record.getMessage()) for record in caplog.records] == [
        (logging.ERROR, "exception in thread consumer")
    ]
    exc_info = caplog.records[0].exc_info
    assert exc_info is not None
    assert isinstance(exc_info[1], ConnectionError)
    assert "Connection at 127.0.0.1:9092 closed" in caplog.text


def test_a_thread_cancelled_as_the_worker_stops_is_one_line_without_a_traceback(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    logged(cancelled, caplog, monkeypatch)
    assert [(record.levelno, record.getMessage(), record.exc_info) for record in caplog.records] == [
        (logging.WARNING, "thread consumer was cancelled", None)
    ]
