"""E-mail and saved web pages (MHTML): MIME messages whose article is one of their parts.

A newsletter saved as `.eml` or a page a browser saved as `.mht` is a MIME message: headers, then parts in
base64 or quoted-printable. Read as text it gave an article of mail headers and encoded lines, or none. The
message's body part (its HTML, else its plain text) is cleaned instead, with the message's subject as the
title when the body names none and, for e-mail, its sending date as the publication time.
"""

from __future__ import annotations

import email.policy
import re
from dataclasses import dataclass
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from streams.errors import RejectedInput

_HEADERS_END = re.compile(rb"\r?\n\r?\n")
_HEADER_LINE = re.compile(rb"[!-9;-~]+:[^\r\n]*|[ \t][^\r\n]*")
"""A header field ("Subject: ...", a name of printable characters but the colon) or a folded continuation."""
_MIME_FIELD = re.compile(rb"^(?:mime-version|content-type)\s*:", re.IGNORECASE | re.MULTILINE)
_HEADER_BYTES = 64 * 1024
"""How far into a file its header block may end: a message's headers fill a few kilobytes."""
_SAVED_PAGE = "multipart/related"
"""The type of a saved web page (the page and its images); its date is when it was saved, not published."""


@dataclass(frozen=True, slots=True)
class MimeBody:
    """The part a MIME message carries its article in, with what its headers say of it."""

    data: bytes
    content_type: str
    subject: str | None
    sent_at: str | None


def is_mime(raw: bytes) -> bool:
    """Whether the file opens with a MIME header block: header fields only, MIME-Version or Content-Type among
    them; a story that opens with "From: ..." lines is no message."""
    end = _HEADERS_END.search(raw, 0, _HEADER_BYTES)
    if end is None:
        return False
    lines = raw[: end.start()].splitlines()
    return (
        len(lines) >= 2
        and all(_HEADER_LINE.fullmatch(line) for line in lines)
        and bool(_MIME_FIELD.search(raw, 0, end.start()))
    )


def mime_body(raw: bytes) -> MimeBody:
    """The message's HTML part, else its plain-text part, decoded from its transfer encoding (its characters
    are left to the clean stage's decoding); a message without either, or nested too deep for the e-mail parser
    (parts in parts, thousands deep, ran it out of Python's recursion), is rejected."""
    try:
        message = BytesParser(policy=email.policy.default).parsebytes(raw)
        body = message.get_body(preferencelist=("html", "plain")) or _first_text_part(message)
    except RecursionError:
        raise RejectedInput("not an article: MIME message nested too deep to read") from None
    data = body.get_payload(decode=True) if body is not None else None
    if body is None or not isinstance(data, bytes):
        raise RejectedInput("not an article: MIME message without an HTML or text part")
    charset = body.get_content_charset()
    content_type = body.get_content_type() + (f"; charset={charset}" if charset else "")
    subject = " ".join(str(message.get("subject", "")).split()) or None
    sent = None if message.get_content_type() == _SAVED_PAGE else _sent_at(str(message.get("date", "")))
    return MimeBody(data, content_type, subject, sent)


def _first_text_part(message: EmailMessage) -> EmailMessage | None:
    """The first HTML part, else plain-text part, of a message whose body `get_body` does not find: a saved page
    whose root part is not its page (an image first) holds the page in a later part."""
    parts = [part for part in message.walk() if isinstance(part, EmailMessage) and not part.is_multipart()]
    for kind in ("text/html", "text/plain"):
        found = next((part for part in parts if part.get_content_type() == kind), None)
        if found is not None:
            return found
    return None


def _sent_at(header: str) -> str | None:
    """The message's Date header as ISO 8601, or None when it has none or an unreadable one."""
    try:
        return parsedate_to_datetime(header).isoformat() if header else None
    except (TypeError, ValueError):
        return None
