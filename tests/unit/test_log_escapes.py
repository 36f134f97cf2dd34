"""Control characters in newswire's log lines are written as escapes; other libraries' lines are left alone."""

from __future__ import annotations

import logging

from mode.utils.logging import ExtensionFormatter

from agents.ops.log_escapes import ControlEscaped

FORMAT = ExtensionFormatter(fmt="%(message)s")
"""The formatter Faust's worker logs with."""


def written(name: str, msg: str, *args: object) -> list[str]:
    """What two handlers sharing the filter write for one record."""
    escaped = ControlEscaped()
    record = logging.LogRecord(name, logging.INFO, __file__, 1, msg, args, None)
    return [FORMAT.format(record) for _ in range(2) if escaped.filter(record)]


def test_a_file_name_cannot_drive_the_terminal_or_forge_a_line() -> None:
    assert (
        written("newswire", "accounted for %s: %s", "red\x1b[31m\x07.txt", "1 article")
        == ["accounted for red\\x1b[31m\\x07.txt: 1 article"] * 2
    )
    assert (
        written("newswire", "rejected %s in clean: %s", "a\nb.txt\r", "empty file")
        == ["rejected a\\x0ab.txt\\x0d in clean: empty file"] * 2
    )


def test_a_bidirectional_control_cannot_reverse_the_rest_of_the_line() -> None:
    assert (
        written("newswire", "accounted for %s: 1 article", "evil\u202etxt.exe\u2067")
        == ["accounted for evil\\u202etxt.exe\\u2067: 1 article"] * 2
    )


def test_plain_names_and_other_libraries_lines_pass_as_they_are() -> None:
    assert written("newswire", "accounted for %s", "café 日本\u00a0.txt") == ["accounted for café 日本\u00a0.txt"] * 2
    assert written("faust.worker", "table\n%s", "row") == ["table\nrow"] * 2
