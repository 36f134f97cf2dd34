"""The furniture of a press release sent as plain text: its label, its contacts block and what follows its end mark.

Releases open with a label over the headline ("FOR IMMEDIATE RELEASE"), which then became the article's title,
and close with a block of media contacts, an end mark ("###", "-30-", "ENDS") and the wire's trailer
("SOURCE Helio Dynamics"). The story and its "About ..." paragraph stay.
"""

from __future__ import annotations

import re

_LABEL = re.compile(
    r"(?:for\s+immediate\s+(?:release|distribution)|(?:press|news|media)\s+release|embargoed\s+(?:until|till)\b.*)\W*",
    re.IGNORECASE,
)
_END_MARK = re.compile(r"(?:#\s*){3}|-\s*30\s*-|-?\s*ends\s*-?", re.IGNORECASE)
_CONTACTS = re.compile(r"(?:(?:media|press|investor|news)\s+)?(?:contacts?|enquiries|inquiries)\s*:?", re.IGNORECASE)
_MAX_TRAILER_WORDS = 8
"""Most words of a line in a contacts block or after the end mark (a name, an address, "SOURCE Helio Dynamics")."""


def strip_release_furniture(text: str) -> str:
    """The text without a release label before its first line of text, contacts blocks, and an end mark with the
    short lines after it."""
    lines = text.split("\n")
    start = next((index for index, line in enumerate(lines) if line.strip() and not _LABEL.fullmatch(line.strip())), 0)
    lines = lines[start:]
    for index, line in enumerate(lines):
        if _END_MARK.fullmatch(line.strip()) and all(_short(after) for after in lines[index + 1 :]):
            lines = lines[:index]
            break
    kept: list[str] = []
    in_contacts = False
    for line in lines:
        in_contacts = bool(_CONTACTS.fullmatch(line.strip())) or (in_contacts and bool(line.strip()) and _short(line))
        if not in_contacts:
            kept.append(line)
    return "\n".join(kept).strip("\n")


def _short(line: str) -> bool:
    """Whether a line is short enough for a contacts block or a trailer."""
    return len(line.split()) <= _MAX_TRAILER_WORDS
