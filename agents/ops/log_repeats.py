"""The Kafka client's and Faust's repeated complaints, logged once a window with a count, so the log stays readable.

While a broker is down, aiokafka logs each failed connection, metadata update and fetch, ten times a second or
more: a 30 s outage wrote 4,425 ERROR lines to the daemon's log. Under a backlog Faust warns each time its
producer's buffer is over 100 records, and mode each time the offset commit outlasts its interval: 5,000 files
dropped at once wrote 748 "producer buffer full" lines. The first of each message (numbers aside) in a window
gets through; the next one after the window says how many were held back.
"""

from __future__ import annotations

import logging
import re
import time
from collections import Counter
from collections.abc import Callable

WINDOW_SECONDS = 30.0
REPEATING_LOGGERS = ("aiokafka", "faust.transport.producer", "mode.timers")
_NUMBERS = re.compile(r"\d+")


class RepeatsOnce(logging.Filter):
    """Lets the first of each warning or error of those loggers through in a window, and counts the rest."""

    def __init__(self, window: float = WINDOW_SECONDS, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__()
        self.window = window
        self.clock = clock
        self._last: dict[tuple[str, int, str], float] = {}
        self._held: Counter[tuple[str, int, str]] = Counter()

    def filter(self, record: logging.LogRecord) -> bool:
        """Whether the record is logged; one verdict a record, however many handlers share this filter."""
        verdict: bool | None = getattr(record, "newswire_repeat_verdict", None)
        if verdict is None:
            verdict = self._decide(record)
            record.newswire_repeat_verdict = verdict
        return verdict

    def _decide(self, record: logging.LogRecord) -> bool:
        if not record.name.startswith(REPEATING_LOGGERS) or record.levelno < logging.WARNING:
            return True
        key = (record.name, record.levelno, _NUMBERS.sub("N", record.getMessage()))
        now, last = self.clock(), self._last.get(key)
        if last is not None and now - last < self.window:
            self._held[key] += 1
            return False
        self._last[key] = now
        held = self._held.pop(key, 0)
        if held and last is not None:
            record.msg = f"{record.getMessage()} ({held:,} more like it in the last {now - last:.0f} s)"
            record.args = ()
        return True
