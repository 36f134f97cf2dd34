"""Stories saved as RTF (word processors, older wire desks): their text, read by striprtf.

Read as plain text an RTF file came out whole, control words and all (`{\\rtf1\\ansi\\ansicpg1252...`, `\\par`,
`Caf\\'e9`). Its `\\'xx` escapes are bytes in the code page its `\\ansicpgN` names, Windows-1252 when it names none.
"""

from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

_CODE_PAGE = re.compile(r"\\ansicpg(\d+)")
_DEFAULT_CODE_PAGE = "cp1252"
_HEADER_CHARS = 1024
"""How far into the file its code page is looked for: it is declared in the header, before the text."""


def is_rtf(text: str) -> bool:
    """Whether a decoded file is an RTF document."""
    return text.lstrip()[:5] == "{\\rtf"


def rtf_text(source: str) -> str:
    """The text of an RTF document, its escaped characters read in its code page."""
    declared = _CODE_PAGE.search(source[:_HEADER_CHARS])
    encoding = f"cp{declared.group(1)}" if declared else _DEFAULT_CODE_PAGE
    try:
        codecs.lookup(encoding)
    except LookupError:
        encoding = _DEFAULT_CODE_PAGE
    return str(rtf_to_text(source, encoding=encoding, errors="replace"))  # type: ignore[no-untyped-call]
