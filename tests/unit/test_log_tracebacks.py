"""Empty tracebacks are dropped, and a stopping worker's library tracebacks are one line; newswire's are kept."""

from __future__ import annotations

import logging
import sys

from mode.utils.logging import ExtensionFormatter

from agents.ops.log_tracebacks import TracebacksCut

FORMAT = ExtensionFormatter(fmt="%(name)s %(message)s")
"""The formatter Faust's worker logs with."""


def written(cut: TracebacksCut, name: str, msg: str, *args: object, raised: Exception | None = None) -> list[str]:
    """What two handlers sharing the filter write for one record logged with `log.exception` (inside an `except`
    when `raised` is given, outside any, as Faust logs its crash reason, when not)."""
    try:
        if raised is not None:
            raise raised
        exc_info = sys.exc_info()
    except Exception:
        exc_info = sys.exc_info()
    record = logging.LogRecord(name, logging.ERROR, __file__, 1, msg, args, exc_info)
    return [FORMAT.format(record) for _ in range(2) if cut.filter(record)]


def test_an_exception_logged_outside_any_except_writes_no_empty_traceback() -> None:
    lines = written(TracebacksCut(), "faust.app.base", "[^-App]: Crashed reason=%r", RuntimeError("broker gone"))
    assert lines == ["faust.app.base [^-App]: Crashed reason=RuntimeError('broker gone')"] * 2


def test_once_stopping_the_libraries_tracebacks_are_one_line_and_newswire_keeps_its_own() -> None:
    cut = TracebacksCut()
    before = written(cut, "mode.services", "Error while stopping child", raised=RuntimeError("Event loop is closed"))
    assert all("Traceback (most recent call last)" in line for line in before), "a running worker's are kept whole"
    cut.stopping = True
    after = written(cut, "mode.services", "Error while stopping child %s", "<Consumer>",
                    raised=RuntimeError("Event loop is closed"))  # fmt: skip
    assert after == ["mode.services Error while stopping child <Consumer>: RuntimeError('Event loop is closed')"] * 2
    named = written(cut, "mode.services", "stop failed: %r", RuntimeError("x"), raised=RuntimeError("x"))
    assert named == ["mode.services stop failed: RuntimeError('x')"] * 2, "the error is not named twice"
    own = written(cut, "newswire", "dedup failed", raised=ValueError("bad"))
    assert all("Traceback (most recent call last)" in line and "ValueError: bad" in line for line in own)
