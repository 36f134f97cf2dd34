"""Finding the text in a file's bytes the way browsers would, and refusing bytes that are not text."""

from __future__ import annotations

import codecs
import functools
import itertools
import re

import charset_normalizer
import py3langid
import pycountry
import wordfreq
from charset_normalizer.models import CharsetMatch
from ftfy.badness import badness

from streams.errors import RejectedInput

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


_PADDING_NULS = 4
"""NUL bytes at the end that are padding, not text: UTF-16 and UTF-32 text ends with at most 3."""


_MAX_CONTROL_SHARE = 0.02


_WIDE_CONTROL_SHARE = 0.3
"""A detector may read runs of control bytes as UTF-16 or UTF-32. Wide text without a NUL byte (no ASCII in it)
has control-range bytes among its code units' halves, but few: 6-8 % for Chinese and Japanese."""


_SNIFF_BYTES = 4096


_DECLARED_CHARSET = re.compile(rb"""charset\s*=\s*["']?([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_ISO_2022_JP = re.compile(rb"\x1b\$[@B]|\x1b\$\(D")
"""The escapes that switch an ISO-2022-JP text into JIS kanji."""


_CONTROL_BYTES = bytes([*range(0x01, 0x09), *range(0x0E, 0x20), 0x7F])
"""C0 controls but NUL (dropped before the check) and whitespace, and DEL: UTF-8 keeps each as one byte."""


_NON_ASCII_LETTER_RUN = re.compile(r"[^\W\d_a-zA-Z]{3,}")


# WHATWG reads these labels as Windows-1252, because pages that declare them mostly use its extra characters.
_WINDOWS_1252_LABELS = frozenset({"ascii", "us-ascii", "iso-8859-1", "iso8859-1", "latin-1", "latin1"})

_WESTERN = frozenset(codecs.lookup(name).name for name in ("cp1252", "latin_1", "iso8859_15"))
_CLEARLY_LESS_CHAOS = 0.1
"""How much less garbled (charset-normalizer's chaos, 0 to 1) another reading must be to override a label."""
_USUAL_WESTERN = "cp1252"
_COHERENCE_TIE = 0.02
"""How far below the detector's best reading another may score on language coherence and still be weighed
against it (Windows-1250 read English with "Ł12.50" 0.009 above Windows-1252 with "£12.50")."""
_CYRILLIC = (codecs.lookup("cp1251").name, codecs.lookup("koi8_r").name)
"""The two encodings Russian pages are written in and mislabelled with, each read as the other."""
_CYRILLIC_WORD = re.compile(r"[а-яёА-ЯЁ]{4,}")
_ODD_CASE_SHARE = 0.2
"""Above this share of Cyrillic words switching case inside, a reading is another encoding's text."""


def decode(raw: bytes, content_type: str | None = None) -> tuple[str, str]:
    """Find the text in the bytes the way browsers would, so legacy and UTF-16 files read correctly."""
    # Wide encodings of text always hold NUL bytes; checking for one first spares most files the scan.
    found = _decode_bom(raw) or (_decode_wide_padded(raw) if 0 in raw else None)
    if found is not None:
        return found
    text_end = len(raw.rstrip(b"\0"))
    if text_end == 0:
        raise RejectedInput("binary file: only NUL bytes")
    if len(raw) - text_end >= _PADDING_NULS:  # a download cut short leaves the rest of its file NUL bytes
        raw = raw[:text_end]
    if raw.count(0) > _MAX_NUL_SHARE * len(raw):
        raise RejectedInput("binary file: too many NUL bytes for text")
    found = ((_decode_escaped(raw, content_type) if b"\x1b" in raw else None) or _decode_utf8(raw)
             or _decode_declared(raw, content_type) or _decode_mostly_utf8(raw) or _decode_detected(raw))  # fmt: skip
    if found is None:
        raise RejectedInput("undecodable bytes: not UTF-8, UTF-16/32 or any legacy encoding that fits")
    if (
        found[1].startswith(("utf-16", "utf-32"))
        and 0 not in raw
        and _control_heavy(raw, len(raw), _WIDE_CONTROL_SHARE)
    ):
        raise RejectedInput("binary file: too many control characters for text")
    return found


def reject_binary(raw: bytes) -> None:
    """Refuse known binary formats before decoding could turn them into nonsense text."""
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            unpack = " (unpack it and drop the files inside)" if kind.endswith("archive") else ""
            raise RejectedInput(f"binary file: {kind}{unpack}")
    if raw[4:8] == b"ftyp":
        raise RejectedInput("binary file: MP4/QuickTime media")


def reject_control_heavy(text: str) -> None:
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
            text = raw[len(bom) :].decode(encoding, "replace")
            if _replaced(text, raw, encoding) > max(1, len(text) // 100):
                raise RejectedInput(f"undecodable bytes: bad {encoding} after its byte-order mark")
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


def _decode_wide_padded(raw: bytes) -> tuple[str, str] | None:
    """`_decode_wide` on the bytes, or when they end in NUL padding (a fixed-size record, a download cut short),
    on them without it, kept to a whole code unit of UTF-16, else of UTF-32: the padding's NULs in the text's
    byte column had hidden its NUL pattern."""
    found = _decode_wide(raw)
    if found is not None:
        return found
    text_end = len(raw.rstrip(b"\0"))
    if len(raw) - text_end < _PADDING_NULS:
        return None
    for unit in (2, 4):
        found = _decode_wide(raw[: text_end + (-text_end % unit)])
        if found is not None:
            return found
    return None


def _nul_share(column: bytes) -> float:
    """Share of NUL bytes in one byte column, the fingerprint of wide Unicode encodings."""
    return column.count(0) / len(column) if column else 0.0


_REPLACEMENT = "\ufffd"
_LONG_REPLACEMENT = re.compile(f"{_REPLACEMENT}{{4}}")


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


def _decode_mostly_utf8(raw: bytes) -> tuple[str, str] | None:
    """Read UTF-8 with a few bad bytes as browsers do, each a U+FFFD: a stray Windows-1252 byte, a cut character.

    The bad bytes must be at most half as many as the good non-ASCII characters, and come at most 3 together
    (a lone surrogate): legacy encodings of any script make good UTF-8 only by accident, among runs of bad
    bytes (EUC-JP, Shift_JIS and GB18030 Japanese or Chinese more than twice as many bad as good).
    """
    text = raw.decode("utf-8", "replace")
    bad = _replaced(text, raw, "utf-8")
    good = len(text) - len(text.encode("ascii", "ignore")) - text.count(_REPLACEMENT)
    if good < 2 or bad > good // 2 or _LONG_REPLACEMENT.search(text) or _control_heavy(raw, len(text)):
        return None
    return text, "utf-8"


def _replaced(text: str, raw: bytes, encoding: str) -> int:
    """How many bad bytes a decoding with replacement replaced (the file's own U+FFFD aside)."""
    return max(0, text.count(_REPLACEMENT) - raw.count(_REPLACEMENT.encode(encoding)))


_NOT_CHARSETS = frozenset({"unicode_escape", "raw_unicode_escape", "undefined", "idna", "punycode"})
"""Python codecs that a page may name but no page is written in (escapes, host names, nothing): browsers ignore
such a label, and so does the clean stage."""
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
"""Half a UTF-16 pair, which no text holds and UTF-8 cannot write (some codecs make one from bad input)."""


def _decode_escaped(raw: bytes, content_type: str | None) -> tuple[str, str] | None:
    """Read a 7-bit ISO-2022 text (Japanese mail and old pages): as plain bytes it is valid UTF-8, so its escapes
    came out as the text ("$BKLN&?7" for 北陸新). The declared ISO-2022 charset, else Japanese by its escapes."""
    declared = _decode_declared(raw, content_type)
    if declared is not None and declared[1].startswith("iso2022"):
        return declared
    if raw.isascii() and _ISO_2022_JP.search(raw):
        try:
            return raw.decode("iso2022_jp_2"), "iso2022_jp_2"
        except UnicodeDecodeError:
            return None
    return None


def _decode_declared(raw: bytes, content_type: str | None) -> tuple[str, str] | None:
    """Use the charset the server or page declares, which beats statistical guessing when it fits."""
    sources = ((content_type or "").encode("ascii", "ignore"), raw[:_SNIFF_BYTES])
    declared = (match for source in sources for match in itertools.islice(_DECLARED_CHARSET.finditer(source), 4))
    for match in declared:  # a script tag's `charset="UTF-8"` may come before the page's own meta tag
        label = match.group(1).decode("ascii").lower()
        try:
            encoding = "cp1252" if label in _WINDOWS_1252_LABELS else codecs.lookup(label).name
            text = raw.decode(encoding) if encoding not in _NOT_CHARSETS else None
        except (LookupError, UnicodeError):  # an unknown label, bytes that do not fit
            continue
        if text is not None and not _LONE_SURROGATE.search(text):
            return _unless_mislabelled(raw, text, encoding)
    return None


def _unless_mislabelled(raw: bytes, text: str, encoding: str) -> tuple[str, str]:
    """The declared reading, unless the page is labelled Western but reads as garble there and cleanly in another
    encoding (Chinese GB18030 labelled ISO-8859-1 read as "±©ÓêÖº"): the detector's reading then.

    Only pages whose Western reading has runs of accented letters are checked, so most pay nothing.
    """
    if encoding in _CYRILLIC:
        return _cyrillic_reading(raw, text, encoding)
    if encoding not in _WESTERN or not _NON_ASCII_LETTER_RUN.search(text):
        return text, encoding
    matches = charset_normalizer.from_bytes(raw)
    best = matches.best()
    declared = next((match.chaos for match in matches if match.encoding == encoding), 1.0)
    if best is None or best.encoding in _WESTERN or best.chaos + _CLEARLY_LESS_CHAOS > declared:
        return text, encoding
    return str(best), codecs.lookup(best.encoding).name


def _cyrillic_reading(raw: bytes, text: str, encoding: str) -> tuple[str, str]:
    """The declared Cyrillic reading, unless many of its words go on in capitals after their first letter
    ("рБЧПДПЛ ЪБФПРЙМ"), as KOI8-R read as Windows-1251 does (and the other way round): then the Cyrillic
    encoding whose reading does not. charset-normalizer takes such garble for good Windows-1251."""
    if _odd_case_share(text) <= _ODD_CASE_SHARE:
        return text, encoding
    for other in _CYRILLIC:
        try:
            reading = raw.decode(other)
        except UnicodeDecodeError:
            continue
        same_words = len(_CYRILLIC_WORD.findall(reading)) >= len(_CYRILLIC_WORD.findall(text))
        if same_words and _odd_case_share(reading) < _ODD_CASE_SHARE / 4:
            return reading, other
    return text, encoding


def _odd_case_share(text: str) -> float:
    """The share of Cyrillic words of four letters or more that go on in upper case after their first letter."""
    words = _CYRILLIC_WORD.findall(text)
    odd = sum(1 for word in words if not word[1:].islower())
    return odd / len(words) if words else 0.0


def _decode_detected(raw: bytes) -> tuple[str, str] | None:
    """Guess a legacy encoding: of the readings the detector finds as clean, the one whose accented words are words
    of the languages it names, when one is clearly so (`_known_reading`); else of the readings it also finds alike
    in language, the one with the fewest mojibake sequences (ftfy's count), Windows-1252, the usual one for Western
    news, when that does not tell."""
    matches = charset_normalizer.from_bytes(raw)
    best = matches.best()
    if best is None:
        return None
    if best.coherence == 0.0:
        western = _decode_western(raw)
        if western is not None:
            return western
    known = _known_reading([best, *(match for match in matches if match is not best and match.chaos == best.chaos)])
    if known is not None:
        return known
    tied = [m for m in matches if m.chaos == best.chaos and best.coherence - m.coherence <= _COHERENCE_TIE]
    best_text = str(best)
    readings = {m.encoding: text for m in tied if len(text := str(m)) == len(best_text)}
    if len(readings) < 2:
        return best_text, codecs.lookup(best.encoding).name
    chosen = min(readings, key=lambda encoding: (badness(readings[encoding]), encoding != _USUAL_WESTERN))
    return readings[chosen], codecs.lookup(chosen).name


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


_WORD = re.compile(r"[^\W\d_]+")
_KNOWN_MARGIN = 0.3
"""How much larger a share of the words it reads otherwise one reading must have in the word lists than another:
Windows-1250 Polish read as Windows-1257 scored higher on the detector's own language coherence ("Rz¹d przyj¹³"
over "Rząd przyjął"), and Czech read as Windows-1252 tied with it ("rozpoètu" against "rozpočtu")."""
_KNOWN_LEAST_WORDS = 3
_IDENTIFY_CHARS = 2000
"""Characters of a reading its language is identified from: enough for py3langid, and cheap."""


def _known_reading(readings: list[CharsetMatch]) -> tuple[str, str] | None:
    """Of readings alike in garble, the one that beats each other reading on the words where the two differ (with
    letters beyond ASCII): a far larger share of its own are words that wordfreq's lists know, in a language the
    detector names for any reading or py3langid finds in one (the detector named Croatian, Dutch and German for
    Czech); None when none does (few such words, a single reading, words no list holds)."""
    if len(readings) < 2:
        return None
    named = {name for match in readings for name in match.languages[:3]}
    identified = {str(py3langid.classify(str(match)[:_IDENTIFY_CHARS])[0]) for match in readings}
    languages = {code for name in named if (code := _wordfreq_code(name))} | (identified & _small_lists())
    lists = [wordfreq.get_frequency_dict(code, wordlist="small") for code in sorted(languages)]

    def known(words: set[str]) -> float:
        return sum(1 for word in words if any(word in listed for listed in lists)) / len(words) if words else 0.0

    words = [{word.lower() for word in _WORD.findall(str(match)) if not word.isascii()} for match in readings]
    best = max(range(len(readings)), key=lambda index: (known(words[index]), -index))
    for theirs in words:
        ours = words[best] - theirs
        if theirs != words[best] and (
            len(ours) < _KNOWN_LEAST_WORDS or known(ours) < known(theirs - words[best]) + _KNOWN_MARGIN
        ):
            return None
    chosen = readings[best]
    return str(chosen), codecs.lookup(chosen.encoding).name


@functools.cache
def _wordfreq_code(language: str) -> str | None:
    """The code of wordfreq's small list for a language the detector names ("Polish"), if it has one."""
    try:
        code = str(pycountry.languages.lookup(language.rstrip("—")).alpha_2)
    except (LookupError, AttributeError):
        return None
    return code if code in _small_lists() else None


@functools.cache
def _small_lists() -> frozenset[str]:
    """The languages wordfreq has a small list for."""
    return frozenset(wordfreq.available_languages(wordlist="small"))
