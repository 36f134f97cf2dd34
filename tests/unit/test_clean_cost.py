"""Awkward and huge files end in a clear outcome of the clean stage (in the daemon, the clean timeout bounds how
long any one may take)."""

from __future__ import annotations

import codecs
import gzip
from collections.abc import Callable
from pathlib import Path

import pytest

from streams.clean import clean
from streams.clean.extract import MAX_THOROUGH_TAGS
from streams.errors import RejectedInput
from streams.records import RawMeta

STORY = (
    "Rescue workers searched the rubble of a collapsed building in Kyiv for survivors on Monday, "
    "officials said, after a night of missile strikes across the capital."
)
SCRAPINGHUB_NAME = "06e5123e4ef7cfb4533250dc45d1e03d0838fc66223f45c583c4d12f48b4da85"
SCRAPINGHUB_PAGE = Path("extraction") / "scrapinghub-benchmark" / "html" / f"{SCRAPINGHUB_NAME}.html.gz"
SCRAPINGHUB_OPENING = "(Reuters) — The New York State Attorney General (NYAG) is investigating WeWork"


def meta(filename: str | None) -> RawMeta:
    return RawMeta(
        document_id="doc-1",
        filename=filename,
        content_type=None,
        size=0,
        crawled_at="2025-06-23T07:00:00+00:00",
        ingested_at="2025-06-23T07:01:00+00:00",
    )


def outcome(raw: bytes, filename: str | None) -> str:
    """What cleaning gives: the text's opening, or the rejection reason."""
    try:
        return clean(raw, meta(filename))["text"][:80]
    except RejectedInput as rejected:
        return rejected.reason


LINK_FARM_ITEMS = (MAX_THOROUGH_TAGS - 10) // 4
LARGE: dict[str, tuple[Callable[[], bytes], str | None, str]] = {
    "20 MiB single line": (
        lambda: b"word " * (4 * 2**20),
        "a.txt",
        "too long: 16,777,216 characters of text besides whitespace, limit 1,000,000",
    ),
    "5 MiB paragraph repeated": (
        lambda: f"{STORY}\n\n".encode() * (5 * 2**20 // (len(STORY) + 2)),
        "a.txt",
        "too long: 4,369,005 characters of text besides whitespace, limit 1,000,000",
    ),
    "50 MiB text": (lambda: b"word " * (10 * 2**20), "a.txt", "too large: 52,428,800 bytes, limit 33,554,432"),
    "30 MiB of blank lines around a story": (
        lambda: b"\n" * (30 * 2**20) + f"Caf\u00e9 {STORY}".encode() + b"\n" * 1000,
        "a.txt",
        f"Caf\u00e9 {STORY}"[:80],
    ),
    "30 MiB Latin-1": (
        lambda: "Grüße aus Köln: café crème. ".encode("latin-1") * (30 * 2**20 // 28),
        "a.txt",
        "too long: 25,839,902 characters of text besides whitespace, limit 1,000,000",
    ),
    "gzip bomb": (
        lambda: gzip.compress(b"\0" * (64 * 2**20), 9),
        "bomb.gz",
        "too large: gzip expands beyond 33,554,432 bytes",
    ),
    "only scripts and styles": (
        lambda: b"<html><head><style>p{}</style></head><body>" + b"<script>var x = 1;</script>" * 5000,
        "page.html",
        "HTML page has no extractable article text",
    ),
    "link farm just under the trafilatura limit": (
        lambda: (
            b"<html><body>"
            + b"".join(b'<div class="x"><a href="/a/%d">Item %d</a></div>' % (i, i) for i in range(LINK_FARM_ITEMS))
            + b"</body></html>"
        ),
        "page.html",
        "Item 0\nItem 1\nItem 2",
    ),
    "30 MiB of tiny elements": (
        lambda: b"<html><body>" + b"<p>x</p>" * (30 * 2**20 // 8) + b"</body></html>",
        "page.html",
        "too large: HTML page with 7,864,324 tags, limit 400,000",
    ),
}
SMALL: dict[str, tuple[bytes, str | None, str]] = {
    "story 100,000 divs deep, unclosed": (f"<html><body>{'<div>' * 100_000}<p>{STORY}".encode(), None, STORY[:80]),
    "story 10,000 divs deep": (
        f"<html><body>{'<div>' * 10_000}<p>{STORY}</p>{'</div>' * 10_000}</body></html>".encode(),
        None,
        STORY[:80],
    ),
    "unclosed tags": (f"<html><body><div><p>{STORY}<p><b><i>{STORY}".encode(), None, f"{STORY}\n{STORY}"[:80]),
    "wrong meta charset": (
        f'<html><head><meta charset="shift_jis"></head><body><p>{STORY} Café.</p></body></html>'.encode(),
        None,
        STORY[:80],
    ),
    "5,000-character word": (f"{'ø' * 5000} {STORY}".encode(), "a.txt", "ø" * 80),
    "5,000 characters of data": (f"{'x' * 5000} {STORY}".encode(), "a.txt", STORY[:80]),
    "NULs": (STORY.replace(" ", " \0").encode(), "a.txt", STORY[:80]),
    "control characters": (STORY.replace(" ", " \x01", 3).encode(), "a.txt", STORY[:80]),
    "UTF-16 LE with BOM": (codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), "a.txt", STORY[:80]),
    "UTF-16 BE without BOM": (STORY.encode("utf-16-be"), "a.txt", STORY[:80]),
    "UTF-32": (STORY.encode("utf-32"), "a.txt", STORY[:80]),
    "Shift-JIS": (
        "東京で地震があり、多くの建物が被害を受けたと当局が発表した。".encode("shift_jis"),
        "a.txt",
        "東京で地震",
    ),
    "Arabic UTF-16 without BOM": ("قال مسؤولون إن عمال الإنقاذ بحثوا".encode("utf-16-le"), "a.txt", "قال مسؤولون"),
    "Hebrew": ("עובדי הצלה חיפשו ניצולים בין ההריסות".encode(), "a.txt", "עובדי הצלה"),
}


@pytest.mark.parametrize("case", list(LARGE))
def test_large_awkward_input_is_has_a_clear_outcome(case: str) -> None:
    build, filename, expected = LARGE[case]
    assert outcome(build(), filename).startswith(expected)


@pytest.mark.parametrize("case", list(SMALL))
def test_small_awkward_input_is_has_a_clear_outcome(case: str) -> None:
    raw, filename, expected = SMALL[case]
    assert outcome(raw, filename).startswith(expected)


def test_page_with_a_3_mib_comment_gives_its_article(corpus: Path) -> None:
    page = gzip.decompress((corpus / SCRAPINGHUB_PAGE).read_bytes())
    head, body, tail = page.partition(b"<body")
    padded = head + b"<!-- " + b"cached block " * (3 * 2**20 // 13) + b" -->" + body + tail
    assert outcome(padded, "page.html").startswith(SCRAPINGHUB_OPENING)
