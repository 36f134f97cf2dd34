"""A corpus of awkward inputs dropped into a running daemon: each has its outcome, and good files keep coming out."""

from __future__ import annotations

import base64
import codecs
import gzip
import html
import os
import re
import threading
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest
from helpers import PNG, drop, wait_for

from agents.testing import Spawned, records, spawn
from streams.ingest import shown_name

pytestmark = pytest.mark.integration

STORY = (
    "Harbour ferry fares rise again\n\n"
    "OSLO, June 2 (Reuters) - The harbour authority raised ferry fares by ten percent on Monday, its third "
    "increase this year, citing fuel costs and a shortage of trained crews on the northern routes. Commuters "
    "said the rise would push more of them back onto the coastal road.\n"
)
MIT = (
    "MIT License\n\nCopyright (c) 2024 Example\n\nPermission is hereby granted, free of charge, to any person "
    'obtaining a copy of this software and associated documentation files (the "Software"), to deal in the '
    "Software without restriction.\n"
)
RSS = (
    '<?xml version="1.0"?><rss version="2.0"><channel><title>Harbour news</title><item><title>Fares rise</title>'
    "<link>https://example.com/fares</link><description>The harbour authority raised fares.</description></item>"
    "</channel></rss>"
)
JAPANESE = "東京で震度五の地震があり、気象庁は津波の心配はないと発表した。鉄道各社は運転を見合わせ、点検を進めている。"
ARABIC = "قال مسؤولون إن عمال الإنقاذ بحثوا طوال الليل عن ناجين تحت أنقاض المبنى المنهار في وسط المدينة."
HEBREW = "עובדי הצלה חיפשו ניצולים בין ההריסות של הבניין שקרס במרכז העיר, כך אמרו גורמים רשמיים."
CHINESE = "救援人员周一在倒塌建筑的废墟中搜寻幸存者，官员说，此前首都遭到一夜导弹袭击。"


def page(body: str, charset: str = "utf-8", head: str = "") -> str:
    return (f'<!doctype html><html><head><meta charset="{charset}"><title>Harbour fares</title>{head}</head>'
            f"<body><article><h1>Harbour fares</h1>{body}</article></body></html>")  # fmt: skip


def paragraphs(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.split("\n") if line)


def aggregator(items: int, ages: tuple[str, ...] = ()) -> bytes:
    """A page in the seeds' layout with `items` related items, aged by `ages` where given."""
    related = "\n".join(
        f"Wire {n % 37}\n{ages[n] if n < len(ages) else f'{n % 50 + 1} minutes ago'}\n- Wire {n % 37}\n"
        f"Ferry note {n}\nBoats on route {n} ran late."
        for n in range(items)
    )
    return f"{STORY}\nRelated Articles\n{related}\n".encode()


def with_json_ld(json_ld: str) -> bytes:
    """The story as a page whose JSON-LD block holds `json_ld`."""
    return page(paragraphs(STORY), head=f'<script type="application/ld+json">{json_ld}</script>').encode()


def declaring(charset: str) -> bytes:
    """A Latin-1 page that declares a codec Python knows but no page is written in, and holds a literal "\\ud800"."""
    story = STORY.replace("Commuters", "Café owners") + "<script>var half = '\\ud800';</script>"
    return page(paragraphs(story), charset).encode("latin-1")


def padded(mib: float, marker: str) -> bytes:
    """An HTML page of the given size: a story, and a comment making up the rest (as inlined scripts do)."""
    story = page(paragraphs(STORY.replace("ferry fares", f"ferry fares ({marker})"))).encode()
    filler = int(mib * 2**20) - len(story) - len("<!---->")
    return story.replace(b"</body>", b"<!--" + b"x" * filler + b"--></body>")


# name -> (bytes, expected outcome): "enriched" plus text its articles must hold, or the rejection reason's start.
Case = tuple[bytes, str, str]


def newsletter(related: bool) -> bytes:
    """The story as e-mail: plain and HTML parts in quoted-printable; with `related`, a saved page (.mht)."""
    mail = EmailMessage()
    mail["Subject"] = "Harbour ferry fares rise again"
    mail["Date"] = "Tue, 04 Mar 2025 06:00:00 +0000"
    mail["MIME-Version"] = "1.0"
    if related:
        mail.set_content(page(paragraphs(STORY)), subtype="html", cte="base64")
        mail.make_related()
        mail.add_related(PNG, maintype="image", subtype="png", cte="base64")
    else:
        mail.set_content(STORY, cte="quoted-printable")
        mail.add_alternative(page(paragraphs(STORY)), subtype="html", cte="quoted-printable")
    return mail.as_bytes()


def framed(body: str) -> bytes:
    """A frameset page: its only text is the body it gives browsers without frames."""
    return f"<html><frameset><frame src='a.html'></frameset><noframes><body>{body}</body></noframes></html>".encode()


def wire_story(items: int) -> bytes:
    """The story in NITF, or as many NewsML-G2 items of it in one message."""
    body = paragraphs(
        "COPENHAGEN, June 3 (Reuters) - Pilots at three regional airports walked out for two days on Thursday over "
        "rosters, grounding the morning flights to Aalborg and Billund, the union said.\n"
        "The airports' operator said talks would resume next week with a mediator appointed by the labour ministry."
    )
    nitf = (f"<nitf><body><body.head><hedline><hl1>Regional pilots strike</hl1></hedline><byline>By Kari Lund"
            f"</byline></body.head><body.content>{body}</body.content></body></nitf>")  # fmt: skip
    if not items:
        return f'<?xml version="1.0" encoding="UTF-8"?>\n{nitf}'.encode()
    item = f"<newsItem><contentSet><inlineXML>{nitf}</inlineXML></contentSet></newsItem>"
    return f'<?xml version="1.0"?><newsMessage><itemSet>{item * items}</itemSet></newsMessage>'.encode()


CASES: dict[str, Case] = {
    "pixel.png": (PNG, "rejected", "binary file: PNG"),
    "photo.jpg": (b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(200), "rejected", "binary file: JPEG"),
    "report.pdf": (b"%PDF-1.7\n" + bytes(range(256)) * 4, "rejected", "binary file: PDF"),
    "archive.zip": (b"PK\x03\x04" + bytes(range(256)), "rejected", "binary file: ZIP"),
    "program": (b"\x7fELF\x02\x01\x01" + bytes(300), "rejected", "binary file: ELF"),
    "page.html.gz": (gzip.compress(page(paragraphs(STORY)).encode()), "enriched", "ferry fares"),
    "bomb.gz": (gzip.compress(bytes(40 * 2**20)), "rejected", "too large: gzip expands"),
    "empty.txt": (b"", "rejected", "empty file"),
    "one-byte.txt": (b"x", "rejected", "too short"),
    "blank.txt": (b" \n\t\n   \n", "rejected", "empty file"),
    "huge.txt": (b"The harbour budget was debated again.\n" * (50 * 2**20 // 38), "rejected", "too large: 52,428,"),
    "one-line.txt": (b"word " * (4 * 2**20), "rejected", "too long"),
    "invalid-utf8.txt": (STORY.encode("cp1252") + b"\x81\x8d caf\xe9 \xff\n", "enriched", "ferry fares"),
    "utf16le-bom.txt": (codecs.BOM_UTF16_LE + STORY.encode("utf-16-le"), "enriched", "ferry fares"),
    "utf16be-bom.txt": (codecs.BOM_UTF16_BE + STORY.encode("utf-16-be"), "enriched", "ferry fares"),
    "utf16le.txt": (STORY.encode("utf-16-le"), "enriched", "ferry fares"),
    "utf16be.txt": (STORY.encode("utf-16-be"), "enriched", "ferry fares"),
    "utf32.txt": (STORY.encode("utf-32"), "enriched", "ferry fares"),
    "latin1.txt": (
        ("Café owners in Montréal protest new règles\n\n" + STORY).encode("latin-1"),
        "enriched",
        "Montréal",
    ),
    "shift-jis.txt": (JAPANESE.encode("shift_jis"), "enriched", "気象庁"),
    "nuls.txt": (STORY.replace(" ", " \x00").encode(), "enriched", "ferry fares"),
    "controls.txt": (bytes(range(1, 9)) * 400 + b"news", "rejected", "binary file: too many control"),
    "scripts.html": (page("<script>var a = 1;</script><style>p {color: red}</style>").encode(), "rejected", "HTML"),
    "deep.html": (page("<div>" * 10_000 + paragraphs(STORY) + "</div>" * 10_000).encode(), "enriched", "ferry"),
    "unclosed.html": (page("<p>" + STORY.replace("\n", "<p>") + "<div><span><b>").encode(), "enriched", "fares"),
    "wrong-charset.html": (page(paragraphs("Café in Montréal. " + STORY), "iso-8859-1").encode(), "enriched", "Café"),
    "feed.rss": (RSS.encode(), "rejected", "not an article: RSS feed"),
    "data.json": (
        b'{"rows": [' + b", ".join(b'{"id": %d, "value": "harbour"}' % n for n in range(40)) + b"]}",
        "rejected",
        "not an article: JSON",
    ),
    "table.csv": (b"\n".join(b"%d,%d,%d" % (n, n * n, n * 7) for n in range(500)), "rejected", "not an article: CSV"),
    "licence.txt": (MIT.encode(), "rejected", "not an article: MIT"),
    "arabic.txt": (ARABIC.encode(), "enriched", "عمال الإنقاذ"),
    "hebrew.txt": (HEBREW.encode(), "enriched", "עובדי הצלה"),
    "chinese.txt": (CHINESE.encode(), "enriched", "救援人员"),
    "emoji.txt": ("🎉🔥🚀 😀😀 👍".encode(), "rejected", "not an article: no words"),
    "long-word.txt": ((STORY + "x" * 5000 + " ends here.\n").encode(), "enriched", "ferry fares"),
    "name with spaces ü.txt": (STORY.replace("Monday", "Tuesday").encode(), "enriched", "Tuesday"),
    "line\nbreak.txt": (STORY.replace("Monday", "Friday").encode(), "enriched", "Friday"),
    "aggregator.txt": (aggregator(10_000), "enriched", "Ferry note 9999"),
    "page-1mib.html": (padded(1, "one"), "enriched", "ferry fares (one)"),
    "page-3mib.html": (padded(3, "three"), "enriched", "ferry fares (three)"),
    "page-30mib.html": (padded(30, "thirty"), "enriched", "ferry fares (thirty)"),
    "page-over-limit.html": (padded(32, "over") + b" ", "rejected", "too large: 33,554,433 bytes, limit 33,554,432"),
    os.fsdecode(b"name-\xff\xfe-not-utf8.txt"): (STORY.replace("Monday", "Thursday").encode(), "enriched", "Thursday"),
    "jsonld-nested-lists.html": (with_json_ld('[[{"@type": "NewsArticle", "headline": "F"}]]'), "enriched", "fares"),
    "jsonld-string.html": (with_json_ld('"just a string"'), "enriched", "ferry fares"),
    "jsonld-deep.html": (with_json_ld("[" * 100_000 + "]" * 100_000), "enriched", "ferry fares"),
    "charset-undefined.html": (declaring("undefined"), "enriched", "Café owners"),
    "charset-unicode-escape.html": (declaring("unicode-escape"), "enriched", "Café owners"),
    "utf8-stray-byte.txt": (
        "Die Stadt München plant eine Straßenbahn. ".encode() + b"\xfc" + STORY.encode(),
        "enriched",
        "München plant",
    ),
    "nul-padded.txt": (STORY.encode() + bytes(65536), "enriched", "ferry fares"),
    "text-named.html": (f"Harbour ferry fares rise again\n\n{STORY}".encode(), "enriched", "ferry fares"),
    "utf16le-nul-padded.txt": (STORY.encode("utf-16-le") + bytes(4096), "enriched", "ferry fares"),
    "page.html.gz.gz": (gzip.compress(gzip.compress(page(paragraphs(STORY)).encode())), "enriched", "ferry fares"),
    "base64-mime.txt": (base64.encodebytes(STORY.encode()), "rejected", "no text: only base64 or hex data"),
    "frameset.html": (framed(paragraphs(STORY)), "enriched", "ferry fares"),
    "newsletter.eml": (newsletter(related=False), "enriched", "shortage of trained crews on the northern routes"),
    "saved-page.mht": (newsletter(related=True), "enriched", "shortage of trained crews on the northern routes"),
    "chinese-labelled-latin1.html": (
        page(paragraphs(CHINESE * 3), "iso-8859-1").encode("gb18030"),
        "enriched",
        "救援人员",
    ),
    "newscast.srt": (
        "\n\n".join(
            f"{n + 1}\n00:00:{2 * n:02d},000 --> 00:00:{2 * n + 2:02d},000\n{line}"
            for n, line in enumerate(STORY.replace("Monday", "Sunday night").replace(", ", ",\n").split("\n")[2:])
            if line
        ).encode(),
        "enriched",
        "ten percent on Sunday night, its third increase this year, citing fuel costs",
    ),
    "fares.md": (
        f"---\ntitle: Harbour fares\n---\n\n{STORY.replace('Monday', '*Friday* night')}".encode(),
        "enriched",
        "ten percent on Friday night",
    ),
    "vertical-tabs.txt": (STORY.replace("\n", "\v").replace("Monday", "Saturday").encode(), "enriched", "Saturday"),
    "teasers.txt": (
        (
            "Related Articles\n" + "".join(f"AP\n{n + 1} hours ago\n- AP\nStorm headline {n}\n" for n in range(40))
        ).encode(),
        "rejected",
        "no article text left",
    ),
    "404.html": (
        page("<p>The page you are looking for may have moved.</p>")
        .replace("<h1>Harbour fares</h1>", "<h1>Page not found</h1>")
        .encode(),
        "rejected",
        "not an article: an error page",
    ),
    "consent-wall.html": (
        page(
            paragraphs(
                "We and our partners store and/or access information on a device, such as cookies.\nYou may refuse."
            )
        ).encode(),
        "rejected",
        "not an article: a cookie consent wall",
    ),
    "section-front.html": (
        (
            "<html><head><title>Local news | Harbour Gazette</title></head><body><main><h1>Local news</h1>"
            + "".join(
                f'<article><h3><a href="/news/{n}">Harbour story number {n} of the day</a></h3>'
                f"<p>Summary {n}: the council met again about the ferry timetable and the quay.</p></article>"
                for n in range(8)
            )
            + "</main></body></html>"
        ).encode(),
        "rejected",
        "not an article: a section front",
    ),
    "story.rtf": (
        b"{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}\\pard\\b Dock strike ends\\b0\\par "
        b"ANTWERP, March 9 - Dockers voted to accept a 14\\'25 pay rise, ending a strike that left 60 ships at anchor."
        b"\\par Caf\\'e9 owners near the quays said trade had halved.\\par}",
        "enriched",
        "Café owners near the quays",
    ),
    "wire-story.xml": (wire_story(0), "enriched", "grounding the morning flights to Aalborg"),
    "wire-message.xml": (wire_story(2), "rejected", "NewsML-G2 message with 2 news items"),
    "ancient-ages.txt": (aggregator(3, ("3000 years ago", "99999999999999 minutes ago")), "enriched", "route 1 ran"),
    "endless-lead-live-blog.txt": (
        (
            STORY
            + "\nRelated Articles\nWire 1\n3 minutes ago\n- Wire 1\nHarbour live: fares rise\n"
            + "Yes. " * 190_000
            + "Namita Singh23 June 2025 06:32 The harbour board met again. More to follow.\n"
        ).encode(),
        "enriched",
        "The harbour board met again.",
    ),
}


def good_stories(corpus: Path) -> Iterator[bytes]:
    """Real wire stories, to drop after each awkward file."""
    sgml = (corpus / "reuters21578" / "reut2-000.sgm").read_text(encoding="latin-1")
    for body in re.findall(r"<BODY>(.*?)</BODY>", sgml, re.S)[600:]:
        if len(body) > 600:
            yield html.unescape(body).encode()


def write_slowly(path: Path, data: bytes, chunks: int = 6, pause: float = 1.0) -> None:
    """Write a file as a slow writer does, keeping it open between chunks."""
    size = -(-len(data) // chunks)
    with path.open("wb") as file:
        for start in range(0, len(data), size):
            file.write(data[start : start + size])
            file.flush()
            time.sleep(pause)


@pytest.fixture(scope="module")
def daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Spawned]:
    with spawn(tmp_path_factory.mktemp("bad-inputs"), env={"NEWSWIRE_TAG_PROCESSES": "1"}) as running:
        yield running


def outcomes(daemon: Spawned) -> dict[str, tuple[str, str]]:
    """Per file: `enriched` with its articles' text when any article came out, else `rejected` with the reason."""
    texts: dict[str, list[str]] = {}
    for topic in ("news.enriched", "news.duplicates"):
        for record in records(daemon, topic):
            texts.setdefault(str(record["source"]["filename"]), []).append(f"{record['title']}\n{record['body']}")
    found = {str(r["filename"]): ("rejected", str(r["reason"])) for r in records(daemon, "news.rejected")}
    found.update({name: ("enriched", "\n".join(parts)) for name, parts in texts.items()})
    return found


def test_every_awkward_input_has_its_outcome_and_good_files_still_come_out(daemon: Spawned, corpus: Path) -> None:
    inbox = daemon.workdir / "inbox"
    stories = good_stories(corpus)
    goods: list[str] = []
    for name, (data, _, _) in CASES.items():
        drop(daemon, name, data)
        goods.append(f"good-after-{len(goods):02d}.txt")
        drop(daemon, goods[-1], next(stories))
    outside = daemon.workdir / "secret.txt"
    outside.write_bytes(b"root:x:0:0:root:/root:/bin/bash\n" * 10)
    (inbox / "link-to-secret.txt").symlink_to(outside)
    os.mkfifo(inbox / "a-fifo")
    (inbox / "folder").mkdir()
    drop_in_folder = inbox / "folder" / ".inner.part"
    drop_in_folder.write_bytes(STORY.replace("Monday", "Sunday").encode())
    drop_in_folder.rename(inbox / "folder" / "inner.txt")
    slow = threading.Thread(
        target=write_slowly, args=(inbox / "slow.txt", STORY.replace("Monday", "Wednesday").encode())
    )
    slow.start()
    slow.join()
    expected = {**{name: case[1:] for name, case in CASES.items()}, "folder/inner.txt": ("enriched", "Sunday"),
                "slow.txt": ("enriched", "Wednesday")}  # fmt: skip
    names = {shown_name(name) for name in expected} | set(goods)

    def all_out() -> bool:
        return names <= {str(account["filename"]) for account in records(daemon, "news.accounts")}

    wait_for(all_out, "an account for every file", timeout=900)
    found = outcomes(daemon)
    wrong = {}
    for name, (kind, text) in expected.items():
        got_kind, got_text = found.get(shown_name(name), ("none", ""))  # a file in a folder is named by its path
        if got_kind != kind or (kind == "rejected" and not got_text.startswith(text)) or text not in got_text:
            wrong[name] = (got_kind, got_text[:120])
    assert wrong == {}
    assert all(found.get(name, ("none",))[0] == "enriched" for name in goods), "every good file came out"
    out = [*records(daemon, "news.enriched"), *records(daemon, "news.duplicates")]
    slow_articles = [record for record in out if record["source"]["filename"] == "slow.txt"]
    assert len(slow_articles) == 1, "the slow file was sent once, complete"
    assert "shortage of trained crews" in slow_articles[0]["body"]
    assert "link-to-secret.txt" not in found
    assert "a-fifo" not in found
    assert not any("root:x:0:0" in str(r) for r in records(daemon, "news.enriched"))
    log = daemon.log.read_text(errors="replace")
    assert log.count("skipped") >= 2
    assert "symbolic links are not followed" in log
    accounts = {str(a["filename"]): a for a in records(daemon, "news.accounts")}
    assert accounts["aggregator.txt"]["articles"] == 10_001
    assert (inbox / "link-to-secret.txt").is_symlink(), "a skipped link is left where it is"
    assert daemon.process.poll() is None


def test_copies_of_a_wire_story_go_to_duplicates_whole(daemon: Spawned, corpus: Path) -> None:
    # Every line of hard-wrapped wire copy is short: while copies counted as documents of their own, from the
    # fifth on the whole story was learned as page chrome, and copies were rejected or cut to a changed line.
    sgml = (corpus / "reuters21578" / "reut2-000.sgm").read_text(encoding="latin-1")
    story = next(body for body in re.findall(r"<BODY>(.*?)</BODY>", sgml, re.S)[100:] if len(body) > 800)
    story = html.unescape(story).replace("\x03", "").strip()
    last_line = [line.strip() for line in story.splitlines() if line.strip()][-2]  # before the "Reuter" sign-off
    changed = story.replace(" the ", " a ", 1)
    names = [f"copy-{n}.txt" for n in range(7)] + [f"near-copy-{n}.txt" for n in range(3)]
    for name in names:
        drop(daemon, name, (changed if name.startswith("near") else story).encode())

    def accounted() -> dict[str, dict[str, object]] | None:
        accounts = {str(a["filename"]): a for a in records(daemon, "news.accounts") if a["filename"] in names}
        return accounts if len(accounts) == len(names) else None

    accounts = wait_for(accounted, "an account for every copy", timeout=300)
    assert sum(int(str(account["rejected"])) for account in accounts.values()) == 0
    enriched = [r for r in records(daemon, "news.enriched") if r["source"]["filename"] in names]
    duplicates = [r for r in records(daemon, "news.duplicates") if r["source"]["filename"] in names]
    assert len(enriched) == 1
    assert len(duplicates) == len(names) - 1
    assert all(last_line in record["body"] for record in enriched + duplicates), "every copy whole"
