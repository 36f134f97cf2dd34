"""Stories saved as RTF (word processors, older wire desks): their text, read by striprtf.

Read as plain text an RTF file came out whole, control words and all (`{\\rtf1\\ansi\\ansicpg1252...`, `\\par`,
`Caf\\'e9`). Its `\\'xx` escapes are bytes in the code page its `\\ansicpgN` names, Windows-1252 when it names none;
its `\\uN` escapes are UTF-16 code units.
"""

from __future__ import annotations

import codecs
import re

from striprtf.striprtf import rtf_to_text

_CODE_PAGE = re.compile(r"\\ansicpg(\d+)")
_DEFAULT_CODE_PAGE = "cp1252"
_HEADER_CHARS = 1024
"""How far into the file its code page is looked for: it is declared in the header, before the text."""
_NUMBERED_WORD = re.compile(r"\\([a-z]{1,32})(-?\d+)")
"""A control word with its number: `\\fs28`, `\\uN` (a character as a UTF-16 code unit, signed; one beyond 16 bits
written as two)."""
_LONGEST_NUMBER = 10
"""Digits a control word's number may have (RTF's are 16- or 32-bit): Python reads no more than 4,300 as a number."""
_BINARY = re.compile(rf"(?<!\\)\\bin(\d{{1,{_LONGEST_NUMBER}}}) ?".encode())
"""RTF's `\\binN` control word, its space delimiter included: N bytes of raw data follow it."""


def without_binary(raw: bytes) -> bytes:
    """An RTF file without the raw data of its `\\binN` words (a picture or object stored as bytes), which holds no
    text and no encoding reads: with it, the file was refused as undecodable. A count beyond the file's end is
    not followed (the rest is kept); any other file is returned as it is."""
    if not raw[:_HEADER_CHARS].removeprefix(codecs.BOM_UTF8).lstrip().startswith(b"{\\rtf"):
        return raw
    pieces: list[bytes] = []
    at = 0
    while found := _BINARY.search(raw, at):
        pieces.append(raw[at : found.start()])
        at = found.end() + int(found[1])
        if at > len(raw):
            at = found.end()
    pieces.append(raw[at:])
    return b"".join(pieces)


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
    source = _NUMBERED_WORD.sub(_in_range, source)
    text = str(rtf_to_text(source, encoding=encoding, errors="replace"))  # type: ignore[no-untyped-call]
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def _in_range(control: re.Match[str]) -> str:
    """A control word as written if its number is in range; else a `\\uN` escape as U+FFFD (striprtf took
    `\\u99999999` for a character and failed) and another word with 0. Pairs of surrogate escapes are joined into
    their character after, lone ones replaced."""
    word, number = control[1], control[2]
    if word == "u":
        return control[0] if len(number) <= _LONGEST_NUMBER and -32768 <= int(number) <= 65535 else "\\u65533"
    return control[0] if len(number) <= _LONGEST_NUMBER else f"\\{word}0"
