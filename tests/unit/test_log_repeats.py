"""Repeated complaints of the Kafka client and Faust: the first of each in a window, then a count of the rest."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from mode.utils.logging import ExtensionFormatter

from agents.ops.log_repeats import RepeatsOnce

FORMAT = ExtensionFormatter(fmt="%(message)s")
"""The formatter Faust's worker logs with, which rewrites a record's arguments before formatting."""


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def logged(records: Sequence[tuple[str, int, str, tuple[object, ...]]], clock: Clock, times: list[float]) -> list[str]:
    """The messages two handlers sharing the filter both write, records logged at `times`."""
    repeats = RepeatsOnce(window=30.0, clock=clock)
    written: list[list[str]] = [[], []]
    for (name, level, msg, args), moment in zip(records, times, strict=True):
        clock.now = moment
        record = logging.LogRecord(name, level, __file__, 1, msg, args, None)
        for out in written:
            if repeats.filter(record):
                out.append(FORMAT.format(record))
    assert written[0] == written[1]
    return written[0]


def test_an_outage_logs_each_complaint_once_a_window_with_the_count() -> None:
    failed = ("aiokafka.conn", logging.ERROR, "Unable connect to node with id %s: port %s", (1, 38325))
    metadata = ("aiokafka.client", logging.ERROR, "Unable to update metadata from [%s]", (1,))
    records = [failed, metadata] * 50 + [failed]
    times = [n * 0.1 for n in range(100)] + [31.0]
    assert logged(records, Clock(), times) == [
        "Unable connect to node with id 1: port 38325",
        "Unable to update metadata from [1]",
        "Unable connect to node with id 1: port 38325 (49 more like it in the last 31 s)",
    ]


def test_newswire_lines_and_the_clients_info_lines_always_pass() -> None:
    ours = ("newswire", logging.ERROR, "article count of %s not sent", ("a.html",))
    info = ("aiokafka.consumer", logging.INFO, "Discovered coordinator %s", (1,))
    assert logged([ours, ours, info, info], Clock(), [0.0, 0.1, 0.2, 0.3]) == [
        "article count of a.html not sent", "article count of a.html not sent",
        "Discovered coordinator 1", "Discovered coordinator 1",
    ]  # fmt: skip


def test_fausts_backpressure_warnings_under_a_backlog_are_counted_too() -> None:
    buffer = [("faust.transport.producer", logging.WARNING, f"producer buffer full size {size}", ())
              for size in (557, 539, 518)]  # fmt: skip
    commit = ("mode.timers", logging.WARNING, "Timer %s is overlapping (interval=%r runtime=%r)", ("commit", 2.8, 3.6))
    records = [*buffer, commit, commit, buffer[0]]
    assert logged(records, Clock(), [0.0, 0.1, 0.2, 0.3, 0.4, 40.0]) == [
        "producer buffer full size 557",
        "Timer commit is overlapping (interval=2.8 runtime=3.6)",
        "producer buffer full size 557 (2 more like it in the last 40 s)",
    ]
