"""newswire's log lines with control characters written as escapes, since they carry file names from anywhere.

A file named `red\x1b[31m.txt` would otherwise colour, move or clear the terminal of whoever reads the log,
and a name holding a newline would write a line of its own that looks like another record. The bidirectional
controls (`evil\u202etxt.exe`) are escaped too: they reverse the rest of the line on a terminal that honours them.
"""

from __future__ import annotations

import logging
import re

OWN_LOGGER = "newswire"
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


class ControlEscaped(logging.Filter):
    """Writes the control characters of newswire's messages as escapes; other libraries' records pass as they are."""

    def filter(self, record: logging.LogRecord) -> bool:
        """Always logs the record; rewrites its message once, however many handlers share this filter."""
        if record.name.startswith(OWN_LOGGER) and not getattr(record, "newswire_escaped", False):
            message = record.getMessage()
            if _CONTROL.search(message):
                record.msg, record.args = _CONTROL.sub(_escape, message), ()
            record.newswire_escaped = True
        return True


def _escape(char: re.Match[str]) -> str:
    code = ord(char.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"
