"""Clean stage: turn a crawled file's bytes into decoded, repaired text with the page metadata found.

Plain-text pages lose their page chrome here, except the "Related Articles" line: it is rewritten to
exactly `RELATED_MARKER` and kept, because the split stage uses it as the anchor between the lead and
the related items.

Every file gets an outcome within a few seconds, whatever it holds:
- a file over `max_bytes` (`MAX_FILE_BYTES` by default) is refused before any work, and a gzip file
  is inflated only up to that size;
- an HTML page with more than `MAX_HTML_TAGS` tags is refused before parsing (see `streams.extract`
  for how big and deeply nested pages below that are extracted);
- text (plain, or extracted from a page) with more than `MAX_TEXT_CHARS` characters besides
  whitespace or more than `MAX_TEXT_LINES` lines is refused as too long before the costly repair: no
  article is that long, and whitespace floods cost nothing since blank runs are counted as one line.
  Words are never cut: downstream stages take a 5,000-character "word" (or a line without spaces, as
  Chinese is written) like any other;
- data, feeds, XML, licences and text too short to be a story are refused as not articles
  (`streams.markup`, `streams.not_articles`).
"""

from __future__ import annotations

import codecs
import re
from typing import Literal, NamedTuple

import charset_normalizer
import ftfy

from streams.errors import RejectedInput
from streams.extract import extract_article
from streams.extract_chrome import strip_leftover_chrome
from streams.gunzip import gunzip, is_gzip
from streams.markup import is_html
from streams.not_articles import has_enough_text, reject_json, reject_table, reject_unreadable
from streams.records import Document, RawMeta
from streams.settings import MAX_FILE_BYTES

RELATED_MARKER = "Related Articles"
MAX_TEXT_CHARS = 1_000_000
"""Most characters besides whitespace a text may have: 19 times the longest article in the corpus (52,991
characters), room for an aggregator page of 10,000 items (~650,000), and all that spaCy's NER reads
(`nlp.max_length`) in the tag stage."""
MAX_TEXT_LINES = 100_000
"""Most lines a text may have once blank runs are one blank line: 400 times the most of any cleaned page in the
corpus (242), ten lines an item for an aggregator page of 10,000 items, and the repair (ftfy, about 9 µs a
line) stays within a second."""
MAX_HTML_TAGS = 400_000
"""Most tags (counted as "<") an HTML page may have: 39 times the most in the corpus (10,305); extracting
a page at the limit takes about 1.5 s."""
PAGE_CHROME: frozenset[str] = frozenset(
    {
        "hashtags",
        "try our ai features",
        "explore what daily8 ai can do for you:",
        "comments",
        "no comments yet...",
    }
)

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"%PDF-", "PDF document"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"PK\x05\x06", "ZIP archive"),
    (b"\x1f\x8b", "gzip archive"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "7-Zip archive"),
    (b"\x28\xb5\x2f\xfd", "zstd archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "legacy Office document"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media file"),
    (b"OggS", "Ogg media file"),
    (b"II*\x00", "TIFF image"),
    (b"MM\x00*", "TIFF image"),
    (b"\x00asm", "WebAssembly module"),
)
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_WIDE_LAYOUTS: tuple[tuple[str, int, tuple[int, ...], tuple[int, ...]], ...] = (
    ("utf-32-le", 4, (2, 3), (0,)),
    ("utf-32-be", 4, (0, 1), (3,)),
    ("utf-16-le", 2, (1,), (0,)),
    ("utf-16-be", 2, (0,), (1,)),
)
_MAX_NUL_SHARE = 0.3
_MAX_CONTROL_SHARE = 0.02
_WIDE_CONTROL_SHARE = 0.3
"""A detector may read runs of control bytes as UTF-16 or UTF-32. Wide text without a NUL byte (no ASCII in it)
has control-range bytes among its code units' halves, but few: 6-8 % for Chinese and Japanese."""
_SNIFF_BYTES = 4096
_DECLARED_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_HORIZONTAL_SPACE = re.compile(r"[^\S\n]+")
_BLANK_RUN = re.compile(r"\n{3,}")
_BLANK_LINES = re.compile(r"\n[^\S\n]*\n\s*")
_WHITESPACE = "".join(char for char in map(chr, range(0x3001)) if char.isspace())
"""Every whitespace character (the last is U+3000, the ideographic space), to count text without them."""
_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F])
"""C0 controls but NUL (dropped before the check) and whitespace, and DEL: UTF-8 keeps each as one byte."""
_NON_ASCII_LETTER_RUN = re.compile(r"[^\W\d_a-zA-Z]{3,}")
# Text made only of these characters is left as is by ftfy (measured on both extraction corpora), and
# checking for them is a hundred times faster than ftfy, so most English articles skip it.
_NOTHING_TO_REPAIR = re.compile(r"[\t\n\x20-\x25\x27-\x7e\u00a0\u2013\u2014\u2018\u2019\u201c\u201d\u2026]*")
# WHATWG reads these labels as Windows-1252, because pages that declare them mostly use its extra characters.
_WINDOWS_1252_LABELS = frozenset({"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "latin-1", "latin1"})


class PageMeta(NamedTuple):
    """What an HTML page says about its article; plain text pages state none of it."""

    title: str | None = None
    author: str | None = None
    published_at: str | None = None
    site: str | None = None
    url: str | None = None


def clean(raw: bytes, meta: RawMeta, *, max_bytes: int = MAX_FILE_BYTES) -> Document:
    """Make one crawled file usable downstream, or reject it with a reason a person can act on."""
    if len(raw) > max_bytes:
        raise RejectedInput(f"too large: {len(raw):,} bytes, limit {max_bytes:,}")
    filename = meta["filename"]
    if is_gzip(raw):
        raw = gunzip(raw, max_bytes)
        filename = filename.removesuffix(".gz") if filename else filename
    if not raw.strip():
        raise RejectedInput("empty file: no bytes" if not raw else "empty file: only whitespace")
    _reject_magic(raw)
    text, encoding = decode(raw, meta["content_type"])
    text = text.replace("\x00", "").replace("\r\n", "\n").replace("\r", "\n")
    _reject_control_heavy(text)
    if not text.strip():
        raise RejectedInput("empty file: only whitespace")
    reject_json(text)
    fmt: Literal["html", "text"] = "html" if is_html(text, meta["content_type"], filename) else "text"
    if fmt == "html":
        page, text = _extract_html(text)
    else:
        reject_table(text)
        page, text = PageMeta(), strip_chrome(_tidy(text))
        if not text:
            raise RejectedInput("no text left after removing page chrome")
    reject_unreadable(text)
    return Document(
        document_id=meta["document_id"],
        filename=meta["filename"],
        content_type=meta["content_type"],
        size=meta["size"],
        crawled_at=meta["crawled_at"],
        ingested_at=meta["ingested_at"],
        format=fmt,
        encoding=encoding,
        title=page.title,
        author=page.author,
        published_at=page.published_at,
        site=page.site,
        url=page.url,
        text=text,
    )


def decode(raw: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Find the text in the bytes the way browsers would, so legacy and UTF-16 files read correctly."""
    # Wide encodings of text always hold NUL bytes; checking for one first spares most files the scan.
    found = _decode_bom(raw) or (_decode_wide(raw) if 0 in raw else None)
    if found is not None:
        return found
    if raw.count(0) > _MAX_NUL_SHARE * len(raw):
        raise RejectedInput("binary file: too many NUL bytes for text")
    found = _decode_utf8(raw) or _decode_declared(raw, content_type) or _decode_detected(raw)
    if found is None:
        raise RejectedInput("undecodable bytes: not UTF-8, UTF-16/32 or any legacy encoding that fits")
    if (
        found[1].startswith(("utf-16", "utf-32"))
        and 0 not in raw
        and _control_heavy(raw, len(raw), _WIDE_CONTROL_SHARE)
    ):
        raise RejectedInput("binary file: too many control characters for text")
    return found


def repair(text: str) -> str:
    """Undo mojibake from earlier wrong decodings while keeping typographic quotes as published."""
    if _NOTHING_TO_REPAIR.fullmatch(text):
        return text
    return ftfy.fix_text(text, uncurl_quotes=False)


def _tidy(text: str) -> str:
    """Repair and normalise text, refusing text too long for any article before paying for the repair."""
    if len(text) > MAX_TEXT_CHARS:
        visible = len(text) - sum(map(text.count, _WHITESPACE))
        if visible > MAX_TEXT_CHARS:
            raise RejectedInput(
                f"too long: {visible:,} characters of text besides whitespace, limit {MAX_TEXT_CHARS:,}"
            )
    if text.count("\n") >= MAX_TEXT_LINES:
        text = _BLANK_LINES.sub("\n\n", text)
        lines = text.count("\n") + 1
        if lines > MAX_TEXT_LINES:
            raise RejectedInput(f"too long: {lines:,} lines of text, limit {MAX_TEXT_LINES:,}")
    return normalise_whitespace(repair(text))


def normalise_whitespace(text: str) -> str:
    """Give later stages one spacing convention so line-based rules and hashes are stable."""
    lines = [_HORIZONTAL_SPACE.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_RUN.sub("\n\n", "\n".join(lines)).strip("\n")


def is_chrome_line(line: str) -> bool:
    """Tell page furniture from story text, matching whole lines regardless of case."""
    return line.strip().casefold() in PAGE_CHROME


def strip_chrome(text: str) -> str:
    """Drop page furniture but keep one canonical related-articles marker for the split stage."""
    kept: list[str] = []
    for line in text.split("\n"):
        if is_chrome_line(line):
            continue
        kept.append(RELATED_MARKER if line.casefold() == RELATED_MARKER.casefold() else line)
    return _BLANK_RUN.sub("\n\n", "\n".join(kept)).strip("\n")


def _reject_magic(raw: bytes) -> None:
    """Refuse known binary formats before decoding could turn them into nonsense text."""
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            raise RejectedInput(f"binary file: {kind}")
    if raw[4:8] == b"ftyp":
        raise RejectedInput("binary file: MP4/QuickTime media")


def _reject_control_heavy(text: str) -> None:
    """Refuse binary data that happened to decode, which shows as many control characters."""
    if _control_heavy(text.encode("utf-8", "surrogatepass"), len(text)):
        raise RejectedInput("binary file: too many control characters for text")


def _control_heavy(encoded: bytes, chars: int, share: float = _MAX_CONTROL_SHARE) -> bool:
    """Whether ASCII-compatible bytes hold more control characters than text has, counted at C speed."""
    return len(encoded) - len(encoded.translate(None, _CONTROL_BYTES)) > share * chars


def _decode_bom(raw: bytes) -> tuple[str, str] | None:
    """Trust a byte-order mark, which is the file's own statement of its encoding."""
    for bom, encoding in _BOMS:
        if raw.startswith(bom):
            try:
                text = raw[len(bom) :].decode(encoding)
            except UnicodeDecodeError as error:
                raise RejectedInput(f"undecodable bytes: bad {encoding} after its byte-order mark") from error
            return text, "utf-8-sig" if encoding == "utf-8" else encoding
    return None


def _decode_wide(raw: bytes) -> tuple[str, str] | None:
    """Recognise UTF-16/32 without a BOM by its NUL pattern, so it is not mistaken for binary."""
    for encoding, width, nul_columns, text_columns in _WIDE_LAYOUTS:
        if len(raw) % width or len(raw) < 2 * width:
            continue
        nul_heavy = all(_nul_share(raw[column::width]) > 0.5 for column in nul_columns)
        text_light = all(_nul_share(raw[column::width]) < 0.1 for column in text_columns)
        if nul_heavy and text_light:
            try:
                return raw.decode(encoding), encoding
            except UnicodeDecodeError:
                continue
    return None


def _nul_share(column: bytes) -> float:
    """Share of NUL bytes in one byte column, the fingerprint of wide Unicode encodings."""
    return column.count(0) / len(column) if column else 0.0


def _decode_utf8(raw: bytes) -> tuple[str, str] | None:
    """Prefer UTF-8, since strict decoding almost never succeeds on bytes that are not UTF-8.

    UTF-16 of a script outside Latin-1 (Arabic, Hebrew, Cyrillic) without a byte-order mark is valid
    UTF-8 too, but full of control characters: that is left to detection.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return None if _control_heavy(raw, len(text)) else (text, "utf-8")


def _decode_declared(raw: bytes, content_type: str | None) -> tuple[str, str] | None:
    """Use the charset the server or page declares, which beats statistical guessing when it fits."""
    sources = ((content_type or "").encode("ascii", "ignore"), raw[:_SNIFF_BYTES])
    for source in sources:
        match = _DECLARED_CHARSET.search(source)
        if match is None:
            continue
        label = match.group(1).decode("ascii").lower()
        try:
            encoding = "cp1252" if label in _WINDOWS_1252_LABELS else codecs.lookup(label).name
            return raw.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            continue
    return None


def _decode_detected(raw: bytes) -> tuple[str, str] | None:
    """Guess a legacy encoding, leaning to Windows-1252, the usual one for Western news, when in doubt."""
    matches = charset_normalizer.from_bytes(raw)
    best = matches.best()
    if best is None:
        return None
    if best.coherence == 0.0:
        western = _decode_western(raw)
        if western is not None:
            return western
    tied = [m for m in matches if m.chaos == best.chaos and m.coherence == best.coherence]
    chosen = next((m for m in tied if m.encoding == "cp1252"), best)
    return str(chosen), codecs.lookup(chosen.encoding).name


def _decode_western(raw: bytes) -> tuple[str, str] | None:
    """Read short text as Windows-1252 when that gives isolated accents and no control characters.

    Western languages read so; UTF-16 of CJK text without a byte-order mark does not.
    """
    try:
        text = raw.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _NON_ASCII_LETTER_RUN.search(text) or _control_heavy(raw, len(text)):
        return None
    return text, "cp1252"


def _extract_html(html: str) -> tuple[PageMeta, str]:
    """Keep only the article of an HTML page, with the metadata the page states about it."""
    tags = html.count("<")
    if tags > MAX_HTML_TAGS:
        raise RejectedInput(f"too large: HTML page with {tags:,} tags, limit {MAX_HTML_TAGS:,}")
    article = extract_article(html)
    if article is None:
        raise RejectedInput("HTML page has no extractable article text")
    meta = PageMeta(
        title=_repaired(article.title),
        author=_repaired(article.author),
        published_at=article.published_at,
        site=_repaired(article.site),
        url=article.url,
    )
    text = strip_leftover_chrome(_tidy(article.text), meta.title)
    if not has_enough_text(text):
        raise RejectedInput("HTML page has no extractable article text")
    return meta, text


def _repaired(value: str | None) -> str | None:
    """Repair a metadata string and treat an empty one as missing."""
    fixed = " ".join(repair(value).split()) if value else ""
    return fixed or None
