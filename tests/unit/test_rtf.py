"""A story saved as RTF comes out as its text, its escaped characters in the file's code page."""

from __future__ import annotations

import pytest

from streams.clean import clean
from streams.records import Document, RawMeta

HEADLINE = "Port strike ends after dockers accept pay deal"


def rtf(code_page: str, escaped: str) -> bytes:
    return (
        "{\\rtf1\\ansi" + code_page + "\\deff0{\\fonttbl{\\f0\\fnil\\fcharset0 Calibri;}}\n"
        "\\pard\\sa200\\b\\f0\\fs28 " + HEADLINE + "\\b0\\fs22\\par\n"
        "ANTWERP, March 9 - Dockers at the port voted on Saturday to accept a 14\\'25 pay increase over three "
        "years, ending a week-long strike that had left more than 60 ships waiting at anchor.\\par\n"
        "Owners of the " + escaped + " near the quays said business had fallen by half during the strike.\\par\n}"
    ).encode("ascii")


def cleaned(raw: bytes) -> Document:
    meta = RawMeta(document_id="doc-1", filename="story.rtf", content_type=None, size=len(raw),
                   crawled_at="2026-12-05T00:00:00+00:00", ingested_at="2026-12-05T00:00:00+00:00")  # fmt: skip
    return clean(raw, meta)


@pytest.mark.parametrize(
    ("code_page", "escaped", "word"),
    [("\\ansicpg1252", "Caf\\'e9", "Café"), ("", "Caf\\'e9", "Café"), ("\\ansicpg1250", "kav\\'e1rny", "kavárny")],
)
def test_an_rtf_story_is_its_text(code_page: str, escaped: str, word: str) -> None:
    lines = cleaned(rtf(code_page, escaped))["text"].split("\n")
    assert lines[0] == HEADLINE
    assert "accept a 14% pay increase" in lines[1]
    assert lines[2] == f"Owners of the {word} near the quays said business had fallen by half during the strike."
    assert not any("\\" in line or "{" in line for line in lines)


def test_character_escapes_beyond_sixteen_bits_are_joined_or_replaced() -> None:
    # A pair of surrogate escapes is one character; a lone surrogate, a number beyond 16 bits and one of 5,000 digits
    # (more than Python reads) are U+FFFD, where striprtf failed on them.
    escaped = "\\u55357?\\u56832? caf\\u233?, \\u-10179? \\u99999999? \\u" + "9" * 5000 + "? \\fs" + "1" * 5000 + " bar"
    lines = cleaned(rtf("\\ansicpg1252", escaped))["text"].split("\n")
    assert (
        lines[2] == "Owners of the \U0001f600 café, \ufffd \ufffd \ufffd bar near the quays said business had fallen "
        "by half during the strike."
    )


def test_a_picture_stored_as_raw_bytes_is_left_out() -> None:
    # `\binN` is followed by N bytes of any value, here every byte from 0 to 255 a few times over: no encoding reads
    # them, and the file was refused as undecodable.
    picture = b"{\\pict\\pngblip\\bin1024 " + bytes(range(256)) * 4 + b"}"
    raw = rtf("\\ansicpg1252", "Caf\\'e9").replace(b"\\b0\\fs22\\par", b"\\b0\\fs22\\par" + picture)
    lines = cleaned(raw)["text"].split("\n")
    assert lines[0] == HEADLINE
    assert lines[-1].startswith("Owners of the Café near the quays")
    assert not any("\ufffd" in line or "\\" in line for line in lines)
