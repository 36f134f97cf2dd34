"""The clean stage on real bytes: encodings, repairs, rejections, HTML extraction and the seed pages."""

from __future__ import annotations

import codecs
import gzip
import json
from pathlib import Path

import pytest

from streams.clean import PAGE_CHROME, RELATED_MARKER, clean
from streams.errors import RejectedInput
from streams.records import RawMeta

SCRAPINGHUB_PAGE = "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85"
SCRAPINGHUB_SLUG = "new-york-state-attorney-general-investigating-wework-and-former-ceo"


def meta(filename: str | None = "page.txt", content_type: str | None = None, size: int = 0) -> RawMeta:
    return RawMeta(
        document_id="doc-1",
        filename=filename,
        content_type=content_type,
        size=size,
        crawled_at="2025-06-23T07:00:00+00:00",
        ingested_at="2025-06-23T07:01:00+00:00",
    )


def test_windows_1252_is_decoded_with_its_smart_punctuation() -> None:
    text = "He said “don’t” — it costs 5 €…"
    document = clean(text.encode("cp1252"), meta())
    assert document["text"] == text
    assert document["encoding"] == "cp1252"


def test_latin_1_is_decoded() -> None:
    text = "Grüße aus Köln: café crème, naïve façade."
    document = clean(text.encode("latin-1"), meta())
    assert document["text"] == text
    assert document["encoding"] in {"cp1252", "iso8859-1"}


def test_short_latin_1_word_is_not_mistaken_for_utf_16() -> None:
    assert clean("café".encode("latin-1"), meta())["text"] == "café"


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        (codecs.BOM_UTF16_LE + "Grüße, “Kyiv” 2025.".encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + "Grüße, “Kyiv” 2025.".encode("utf-16-be"), "utf-16-be"),
        ("Grüße, “Kyiv” 2025.".encode("utf-16-le"), "utf-16-le"),
        ("Grüße, “Kyiv” 2025.".encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + "Grüße, “Kyiv” 2025.".encode("utf-32-le"), "utf-32-le"),
        (codecs.BOM_UTF8 + "Grüße, “Kyiv” 2025.".encode(), "utf-8-sig"),
    ],
)
def test_unicode_with_and_without_byte_order_mark_is_text(raw: bytes, encoding: str) -> None:
    document = clean(raw, meta())
    assert document["text"] == "Grüße, “Kyiv” 2025."
    assert document["encoding"] == encoding


def test_mojibake_is_repaired_and_curly_quotes_kept() -> None:
    document = clean("I donâ€™t know.".encode(), meta())
    assert document["text"] == "I don’t know."
    assert document["encoding"] == "utf-8"


def test_nul_bytes_are_stripped() -> None:
    assert clean(b"Kyiv\x00 under\x00 attack", meta())["text"] == "Kyiv under attack"


def test_mixed_line_endings_become_newlines() -> None:
    assert clean(b"one\r\ntwo\rthree\nfour", meta())["text"] == "one\ntwo\nthree\nfour"


def test_whitespace_is_normalised() -> None:
    raw = b"\n\n  Headline \t here  \nfirst\tline   \n\n\n\n\nsecond line\n\n\n"
    assert clean(raw, meta())["text"] == "Headline here\nfirst line\n\nsecond line"


def test_page_chrome_goes_but_one_canonical_related_marker_stays() -> None:
    raw = b"Headline\nBody.\nHASHTAGS\n\nTry our AI features\nComments\nNo comments yet...\nRELATED ARTICLES\n"
    document = clean(raw, meta())
    assert document["text"] == f"Headline\nBody.\n\n{RELATED_MARKER}"
    assert document["format"] == "text"
    assert document["title"] is None


def test_metadata_is_copied_from_the_raw_meta() -> None:
    document = clean(b"Some text.", meta("a.txt", "text/plain; charset=utf-8", 10))
    assert document["document_id"] == "doc-1"
    assert document["filename"] == "a.txt"
    assert document["content_type"] == "text/plain; charset=utf-8"
    assert document["size"] == 10
    assert document["crawled_at"] == "2025-06-23T07:00:00+00:00"
    assert document["ingested_at"] == "2025-06-23T07:01:00+00:00"


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b" \r\n\t \n", "empty"),
        (codecs.BOM_UTF8 + b"  \n", "empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01", "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", "GIF"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
        (b"PK\x03\x04\x14\x00\x00\x00", "ZIP"),
        (gzip.compress(b"hello world"), "gzip"),
        (b"\x00\x00\x00\x01\xfe\x00\x10\x00\x00B" * 50, "binary file: too many NUL bytes"),
        (bytes(range(256)) * 8, "undecodable"),
    ],
)
def test_unusable_input_is_rejected_with_a_reason(raw: bytes, reason: str) -> None:
    with pytest.raises(RejectedInput, match=reason):
        clean(raw, meta())


def test_html_without_article_text_is_rejected() -> None:
    raw = b"<!DOCTYPE html><html><body><nav><a href='/'>Home</a></nav><script>var x = 1;</script></body></html>"
    with pytest.raises(RejectedInput, match="no extractable article text"):
        clean(raw, meta("page.html", "text/html"))


def test_html_is_recognised_by_its_markup_alone() -> None:
    paragraph = "Rescue workers searched the rubble of the building in Kyiv for survivors on Monday."
    raw = f"<html><head><title>Kyiv rescue</title></head><body><article><p>{paragraph}</p></article></body></html>"
    document = clean(raw.encode(), meta("page.txt", None))
    assert document["format"] == "html"
    assert document["text"] == paragraph


def test_html_declared_charset_is_honoured() -> None:
    paragraph = "Rescue workers searched the rubble of the Café Kyiv for survivors on Monday, “officials” said."
    page = f'<html><head><meta charset="iso-8859-1"><title>Café</title></head><body><p>{paragraph}</p></body></html>'
    document = clean(page.encode("cp1252"), meta("page.html"))
    assert document["encoding"] == "cp1252"
    assert document["text"] == paragraph
    assert document["title"] == "Café"


def html_page(paragraph: str, charset: str) -> str:
    return f'<html><head><meta charset="{charset}"><title>Café</title></head><body><p>{paragraph}</p></body></html>'


def test_html_declaring_utf_8_but_written_in_windows_1252_is_read_as_windows_1252() -> None:
    paragraph = "El niño comió jalapeños y piña en la señorial Peñíscola, según él; “qué día”, dijo."
    for content_type in (None, "text/html; charset=utf-8"):
        document = clean(html_page(paragraph, "utf-8").encode("cp1252"), meta("page.html", content_type))
        assert document["encoding"] == "cp1252"
        assert document["text"] == paragraph


def test_html_declaring_a_legacy_charset_but_written_in_utf_8_is_read_as_utf_8() -> None:
    paragraph = "Rescue workers searched the rubble of the Café Kyiv on Monday, “officials” said — 5 € each."
    for charset in ("iso-8859-1", "windows-1251"):
        document = clean(html_page(paragraph, charset).encode(), meta("page.html"))
        assert document["encoding"] == "utf-8"
        assert document["text"] == paragraph


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf_16_html_declaring_utf_8_is_read(encoding: str) -> None:
    paragraph = "Rescue workers searched the rubble of the Café Kyiv on Monday, “officials” said — 5 € each."
    document = clean(html_page(paragraph, "utf-8").encode(encoding), meta("page.html"))
    assert document["format"] == "html"
    assert document["text"] == paragraph


def test_mojibake_in_html_is_repaired() -> None:
    paragraph = 'Rescue workers searched the rubble of the Café Kyiv on Monday, “officials" said — it’s 5 € each.'
    garbled = paragraph.encode().decode("cp1252")
    assert "â€™" in garbled
    assert clean(html_page(garbled, "utf-8").encode(), meta("page.html"))["text"] == paragraph


def test_nul_bytes_and_mixed_line_endings_in_html_are_harmless() -> None:
    paragraph = "Rescue workers searched the rubble of the Café Kyiv on Monday, officials said."
    page = html_page(paragraph, "utf-8").replace("<p>", "\r\n<p>\x00").replace("</title>", "</title>\r\r\n")
    assert clean(page.encode(), meta("page.html"))["text"] == paragraph


def test_scrapinghub_page_yields_its_article_and_metadata(corpus: Path) -> None:
    folder = corpus / "extraction" / "scrapinghub-benchmark"
    raw = gzip.decompress((folder / "html" / f"{SCRAPINGHUB_PAGE}.html.gz").read_bytes())
    expected = json.loads((folder / "ground-truth.json").read_text())[SCRAPINGHUB_PAGE]["articleBody"]
    document = clean(raw, meta("wework.html", "text/html; charset=utf-8", len(raw)))
    assert document["format"] == "html"
    assert document["encoding"] == "utf-8"
    assert document["title"] == "New York State Attorney General investigating WeWork and former CEO"
    assert document["author"] == "Reuters"
    assert document["published_at"] == "2019-11-18"
    assert document["site"] == "VentureBeat"
    assert document["url"] == f"https://venturebeat.com/2019/11/18/{SCRAPINGHUB_SLUG}/"
    assert document["text"].startswith(expected[:80])
    assert "<" not in document["text"]


@pytest.mark.parametrize(
    ("name", "headline"),
    [
        (
            "000_9b0cd5e21b7b472a.txt",
            "North Korea's state security minister to attend high-level meeting in Russia, KCNA says",
        ),
        ("003_81b8b7aa3d094d4d.txt", "North Korea doubles down on support for Russia's war in Ukraine"),
    ],
)
def test_seed_pages_lose_their_chrome(corpus: Path, name: str, headline: str) -> None:
    raw = (corpus / "seeds" / name).read_bytes()
    document = clean(raw, meta(name, "text/plain", len(raw)))
    lines = document["text"].split("\n")
    assert document["format"] == "text"
    assert document["encoding"] == "utf-8"
    assert lines[0] == headline
    assert lines[-1]
    assert not {line.casefold() for line in lines} & PAGE_CHROME
    assert lines.count(RELATED_MARKER) == 1
    assert "\n\n\n" not in document["text"]
    assert "–" in document["text"]
