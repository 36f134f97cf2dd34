"""Library tracebacks cut to one line where they tell a user nothing: empty ones, and those of a worker stopping.

Faust logs its crash reason as an exception outside any `except`, which writes a `NoneType: None` line
under it; and once the worker stops after a crash (its embedded broker killed), Faust's and the Kafka
client's services fail one after the other as their loops close, each with a traceback of 20 to 30 lines:
the log of one broker death held 62 lines, the cause in one of them. newswire's own records keep theirs.
"""

from __future__ import annotations

import logging

from agents.ops.log_escapes import OWN_LOGGER


class TracebacksCut(logging.Filter):
    """Drops empty tracebacks, and once `stopping` is set, writes the other libraries' exceptions as one line."""

    def __init__(self) -> None:
        super().__init__()
        self.stopping = False

    def filter(self, record: logging.LogRecord) -> bool:
        """Always logs the record; rewrites it once, however many handlers share this filter."""
        if record.exc_info is None or getattr(record, "newswire_cut", False):
            return True
        record.newswire_cut = True
        error = record.exc_info[1]
        if error is None:
            record.exc_info = None
        elif self.stopping and not record.name.startswith(OWN_LOGGER):
            message = record.getMessage()
            shown = repr(error)
            record.msg, record.args = (message if shown in message else f"{message}: {shown}"), ()
            record.exc_info, record.exc_text = None, None
        return True
