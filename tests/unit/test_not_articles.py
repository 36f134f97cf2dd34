"""What is no article is refused with a reason (data, feeds, XML, licences, too little text); no real article is."""

from __future__ import annotations

import csv
import gzip
import html
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from streams.clean import clean
from streams.errors import RejectedInput
from streams.records import Document, RawMeta

STORY = (
    "Rescue workers searched the rubble of a collapsed building in Kyiv for survivors on Monday, "
    "officials said, after a night of missile strikes across the capital."
)
SYSTEM_LICENCES = Path("/usr/share/common-licenses")
REUTERS_STORY = re.compile(r'<REUTERS[^>]*NEWID="(\d+)">(.*?)</REUTERS>', re.DOTALL)


def meta(filename: str | None = "file.txt", content_type: str | None = None) -> RawMeta:
    return RawMeta(
        document_id="doc-1",
        filename=filename,
        content_type=content_type,
        size=0,
        crawled_at="2025-06-23T07:00:00+00:00",
        ingested_at="2025-06-23T07:01:00+00:00",
    )


def reason_for(raw: bytes, filename: str | None = "file.txt", content_type: str | None = None) -> str:
    with pytest.raises(RejectedInput) as rejected:
        clean(raw, meta(filename, content_type))
    return rejected.value.reason


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (json.dumps({"title": "Kyiv rescue", "body": STORY}), None),
        (json.dumps([{"id": 1, "title": "Kyiv rescue"}, {"id": 2, "title": "Kyiv strikes"}], indent=2), None),
        ("\n".join(json.dumps({"id": index, "body": STORY}) for index in range(3)), None),
        (json.dumps({"items": [{"id": index, "body": STORY} for index in range(2000)]}), None),
        (json.dumps({"articles": [{"body": STORY, "views": 123456789}] * 600}, indent=1), None),
        (json.dumps({"title": "Kyiv rescue", "body": STORY}), "text/html; charset=utf-8"),
    ],
)
def test_json_is_refused_whatever_its_size_or_declared_type(data: str, content_type: str | None) -> None:
    assert reason_for(data.encode(), "api", content_type) == "not an article: JSON data"


@pytest.mark.parametrize("opening", ["[Reuters] ", "[1] ", "{Breaking} ", "[UPDATE 2] "])
def test_prose_opening_with_a_bracket_is_not_json(opening: str) -> None:
    assert clean(f"{opening}{STORY}".encode(), meta())["text"] == f"{opening}{STORY}"


@pytest.mark.parametrize(
    "table",
    [
        "date,open,close,volume\n2025-06-20,101.5,102.0,1200\n2025-06-23,102.0,99.8,3400\n2025-06-24,99.8,100.1,900\n",
        "Name;Stadt;Betrag\nMüller;Köln;12,50\nSchmidt;Bonn;7,25\nWeber;Essen;3,10\n",
        "country\tcapital\tpopulation\nUkraine\tKyiv\t2952301\nPoland\tWarsaw\t1863056\nFrance\tParis\t2102650\n",
        "id|title|outlet\n1|Kyiv rescue|Reuters\n2|Storm warning|AP\n3|Rate cut|AFP\n",
        'id,quote,speaker\n1,"Yes, we will",Smith\n2,"No, not now,\nnot ever",Jones\n3,"Maybe",Brown\n',
    ],
)
def test_delimited_tables_are_refused(table: str) -> None:
    assert reason_for(table.encode(), "data.txt") == "not an article: CSV/TSV table"


def test_the_topic_set_file_itself_is_a_table(corpus: Path) -> None:
    raw = (corpus / "topics" / "en_cat_honey.tsv").read_bytes()
    assert reason_for(raw, "en_cat_honey.tsv") == "not an article: CSV/TSV table"


@pytest.mark.parametrize(
    ("raw", "text"),
    [
        (
            "Kyiv, Ukraine\nOfficials said, on Monday\nThe strikes, they said\nRescue work went on, all night",
            "Kyiv, Ukraine\nOfficials said, on Monday\nThe strikes, they said\nRescue work went on, all night",
        ),
        (
            f"\t{STORY}\n\tIt was the third night.\tNo one slept.\n\t{STORY}",
            f"{STORY}\nIt was the third night. No one slept.\n{STORY}",
        ),
    ],
)
def test_prose_with_commas_or_tabs_on_every_line_is_not_a_table(raw: str, text: str) -> None:
    assert clean(raw.encode(), meta())["text"] == text


@pytest.mark.parametrize(
    "xml",
    [
        '<?xml version="1.0" encoding="UTF-8"?>\n<note><to>Tove</to><from>Jani</from><body>Call me.</body></note>',
        "<catalog>\n  <book id='bk101'><author>Gambardella, Matthew</author><title>XML Developer's Guide</title>"
        "</book>\n</catalog>\n",
    ],
)
def test_xml_that_is_not_html_is_refused(xml: str) -> None:
    assert reason_for(xml.encode(), "data.xml") == "not an article: XML document"


RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>World news</title><link>https://example.com/</link>
<item><title>Kyiv rescue</title><link>https://example.com/kyiv</link><description>{STORY}</description></item>
</channel></rss>"""
RDF = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://example.com/"><title>World news</title></channel>
<item rdf:about="https://example.com/kyiv"><title>Kyiv rescue</title><description>{STORY}</description></item>
</rdf:RDF>"""
ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<!-- generated by a feed builder -->
<feed xmlns="http://www.w3.org/2005/Atom"><title>World news</title>
<entry><title>Kyiv rescue</title><link href="https://example.com/kyiv"/><summary>{STORY}</summary></entry></feed>"""


@pytest.mark.parametrize(
    ("feed", "content_type", "kind"),
    [
        (RSS, "application/rss+xml", "RSS"),
        (RSS, "text/html", "RSS"),
        (RDF, None, "RSS"),
        (ATOM, "application/atom+xml", "Atom"),
    ],
)
def test_feeds_are_refused_with_advice_to_ingest_their_pages(feed: str, content_type: str | None, kind: str) -> None:
    reason = reason_for(feed.encode(), "feed", content_type)
    assert reason.startswith(f"not an article: {kind} feed")
    assert "ingest the pages its items link to" in reason


@pytest.mark.parametrize("root", ["urlset", "sitemapindex"])
def test_sitemaps_are_refused_with_advice_to_ingest_their_pages(root: str) -> None:
    sitemap = (f'<?xml version="1.0" encoding="UTF-8"?>\n<{root} xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
               'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
               f"<url><loc>https://example.com/kyiv</loc><news:news><news:title>Kyiv rescue</news:title></news:news>"
               f"</url></{root}>")  # fmt: skip
    assert reason_for(sitemap.encode(), "sitemap.xml", "application/xml") == (
        "not an article: XML sitemap; ingest the pages it lists instead of the sitemap"
    )


@pytest.mark.parametrize(
    ("path", "licence"),
    [
        (Path("extraction") / "scrapinghub-benchmark" / "LICENSE", "MIT"),
        (Path("extraction") / "trafilatura-news" / "LICENSE", "Apache"),
        (Path("topics") / "LICENSE", "Apache"),
    ],
)
def test_licence_files_of_the_corpus_are_refused(corpus: Path, path: Path, licence: str) -> None:
    assert reason_for((corpus / path).read_bytes(), "LICENSE") == f"not an article: {licence} licence text"


@pytest.mark.parametrize(
    ("name", "licence"),
    [
        ("Apache-2.0", "Apache"),
        ("BSD", "BSD"),
        ("CC0-1.0", "Creative Commons"),
        ("GPL-2", "GNU"),
        ("GPL-3", "GNU"),
        ("LGPL-2.1", "GNU"),
        ("LGPL-3", "GNU"),
        ("GFDL-1.3", "GNU"),
        ("MPL-1.1", "Mozilla"),
        ("MPL-2.0", "Mozilla"),
        ("Artistic", "Artistic"),
    ],
)
def test_standard_licence_texts_are_refused(name: str, licence: str) -> None:
    path = SYSTEM_LICENCES / name
    if not path.is_file():
        pytest.skip(f"{path} is not installed on this machine")
    assert reason_for(path.read_bytes(), name) == f"not an article: {licence} licence text"


@pytest.mark.parametrize(
    ("text", "licence"),
    [
        (
            "Attribution 4.0 International\n\n=====\n\nCreative Commons Corporation (\u201cCreative Commons\u201d) is "
            "not a law firm and does not provide legal services or legal advice.",
            "Creative Commons",
        ),
        (
            "Creative Commons Legal Code\n\nAttribution-ShareAlike 3.0 Unported\n\nTHE WORK (AS DEFINED BELOW) IS "
            'PROVIDED UNDER THE TERMS OF THIS CREATIVE COMMONS PUBLIC LICENSE ("CCPL" OR "LICENSE").',
            "Creative Commons",
        ),
        (
            "ISC License\n\nCopyright (c) 2024, Jane Doe\n\nPermission to use, copy, modify, and/or distribute this "
            "software for any\npurpose with or without fee is hereby granted, provided that the above notice appears.",
            "ISC",
        ),
        (
            "This is free and unencumbered software released into the public domain.\n\nAnyone is free to copy, "
            "modify, publish, use, compile, sell, or distribute this software.",
            "Unlicense",
        ),
        (
            'Copyright 2024 Jane Doe\n\nLicensed under the Apache License, Version 2.0 (the "License");\nyou may not '
            "use this file except in compliance with the License.",
            "Apache",
        ),
        (
            "This library is free software; you can redistribute it and/or modify it under the terms of the GNU "
            "Lesser General Public License as published by the Free Software Foundation.",
            "GNU",
        ),
    ],
)
def test_licences_are_recognised_by_their_standard_wording(text: str, licence: str) -> None:
    assert reason_for(text.encode()) == f"not an article: {licence} licence text"


def test_licence_published_as_a_web_page_is_refused(corpus: Path) -> None:
    mit = (corpus / "extraction" / "scrapinghub-benchmark" / "LICENSE").read_text()
    page = f"<!DOCTYPE html><html><head><title>License</title></head><body><pre>{html.escape(mit)}</pre></body></html>"
    assert reason_for(page.encode(), "license.html") == "not an article: MIT licence text"


def test_news_about_a_licence_is_an_article() -> None:
    text = (
        "Linux turns 30\nThe kernel, released under the GNU General Public License, runs most of the world's "
        "servers. Critics of the Apache License 2.0 and of Creative Commons licences said on Monday that the "
        'software is provided "as is" by volunteers.'
    )
    assert clean(text.encode(), meta())["text"] == text


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"a", "too short: fewer than 20 letters and digits (1)"),
        (b"Kyiv.", "too short: fewer than 20 letters and digits (4)"),
        (b"Kyiv: 3 dead.", "too short: fewer than 20 letters and digits (9)"),
        (b"1", "not an article: no words"),
        (b"12345 67890 2025-06-23 99.5%", "not an article: no words"),
        ("😀🎉🔥 👍👍".encode(), "not an article: no words"),
        ("!!! ??? ... —— ***".encode(), "not an article: no words"),
        (b"<!DOCTYPE html><html><body><p>2025 2026 2027 2028 2029 2030</p></body></html>", "not an article: no words"),
    ],
)
def test_text_with_too_little_to_read_is_refused(raw: bytes, reason: str) -> None:
    assert reason_for(raw).startswith(reason)


def reuters_texts(corpus: Path) -> Iterator[tuple[str, str]]:
    """Every Reuters story as a wire file: title, dateline and body, or the raw text of one without those."""
    sgml = (corpus / "reuters21578" / "reut2-000.sgm").read_text(encoding="latin-1")
    for newid, block in REUTERS_STORY.findall(sgml):
        fields = [re.search(rf"<{name}>(.*?)</{name}>", block, re.DOTALL) for name in ("TITLE", "DATELINE", "BODY")]
        parts = [field[1] for field in fields if field]
        if not parts:
            whole = re.search(r"<TEXT[^>]*>(.*?)</TEXT>", block, re.DOTALL)
            parts = [re.sub(r"<[^>]+>", "", whole[1] if whole else "")]
        yield newid, html.unescape("\n".join(part.strip() for part in parts))


def topic_texts(corpus: Path) -> Iterator[str]:
    """Every article of the topic set, news or not, as a title and a body."""
    csv.field_size_limit(sys.maxsize)
    for name in ("en_cat_training.tsv", "en_cat_honey.tsv"):
        with (corpus / "topics" / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                yield f"{row['INPUT:title']}\n\n{row['INPUT:text']}"


def test_no_article_of_the_corpus_is_refused(corpus: Path) -> None:
    refused: dict[str, str] = {}
    formats: dict[str, set[str]] = {}

    def outcome(name: str, raw: bytes, filename: str | None) -> Document | None:
        try:
            document = clean(raw, meta(filename))
        except RejectedInput as error:
            refused[name] = error.reason
            return None
        formats.setdefault(name.partition("/")[0], set()).add(document["format"])
        return document

    for folder in ("scrapinghub-benchmark", "trafilatura-news"):
        for path in sorted((corpus / "extraction" / folder / "html").glob("*.gz")):
            outcome(f"{folder}/{path.name}", gzip.decompress(path.read_bytes()), None)
    for index, text in enumerate(topic_texts(corpus)):
        outcome(f"topics/{index}", text.encode(), f"{index}.txt")
    stories = dict(reuters_texts(corpus))
    for newid, text in stories.items():
        outcome(f"reuters/{newid}", text.encode(), f"{newid}.txt")
    for path in sorted((corpus / "seeds").iterdir()):
        outcome(f"seeds/{path.name}", path.read_bytes(), path.name)
    assert len(stories) == 1000
    assert refused == {}
    assert formats == {
        "scrapinghub-benchmark": {"html"},
        "trafilatura-news": {"html"},
        "topics": {"text"},
        "reuters": {"text"},
        "seeds": {"text"},
    }


def test_reuters_story_with_a_ticker_in_markup_brackets_is_a_wire_story(corpus: Path) -> None:
    text = dict(reuters_texts(corpus))["156"]
    document = clean(text.encode(), meta("156.txt"))
    assert document["format"] == "text"
    assert document["text"].startswith("DU PONT <DD> WINS SUIT AGAINST PHILLIPS <P>\nWILMINGTON, Del., Feb 26 -")
    assert "Phillips Petroleum Co\nhad infringed" in document["text"]


LOGIN_BOX = '<form action="/login"><input type="email" name="email"><input type="password" name="pw"></form>'
CONSENT = (
    "We and our 847 partners store and/or access information on a device, such as cookies, and process personal "
    "data for personalised advertising and content, advertising and content measurement and audience research."
)


def site_page(headline: str, paragraphs: list[str], extra: str = "") -> bytes:
    body = "".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{headline} | Riverside Herald</title></head><body>{extra}"
            f"<main><h1>{headline}</h1>{body}</main></body></html>").encode()  # fmt: skip


@pytest.mark.parametrize(
    ("page", "reason"),
    [
        (site_page("Sorry, we couldn't find that page", ["It may have moved. Error code: 404."]), "an error page"),
        (site_page("Seite nicht gefunden", ["Die Seite existiert nicht mehr. Zur Startseite."]), "an error page"),
        (site_page("Sign in to your account", ["Welcome back. Sign in with your email address."], LOGIN_BOX),
         "a sign-in page"),
        (site_page("We value your privacy", [CONSENT, "You can change your choices at any time."]),
         "a cookie consent wall"),
    ],
)  # fmt: skip
def test_a_sites_notice_is_no_article(page: bytes, reason: str) -> None:
    assert reason_for(page, "page.html").startswith(f"not an article: {reason}")


def test_a_short_story_beside_a_login_box_or_about_a_missing_page_is_an_article() -> None:
    # Many article pages carry a hidden login form; a headline alone that quotes an error is news.
    brief = site_page("Ferry fares rise again", [STORY], LOGIN_BOX)
    assert clean(brief, meta("page.html"))["text"] == STORY
    story = site_page("Page not found: why the council website went dark", [STORY])
    assert clean(story, meta("page.html"))["title"] == "Page not found: why the council website went dark"


TEASERS = [
    ("Council approves new budget after late-night session", "Opposition members raised concerns about the cost."),
    ("Flooding closes main road into the city centre", "Engineers will assess the damage to the road surface."),
    ("Hospital waiting lists fall for third month running", "Fewer people waited more than a year for treatment."),
    ("Police appeal for witnesses after warehouse fire", "The blaze took several hours to bring under control."),
    ("University to cut 200 jobs amid funding shortfall", "Unions said they would ballot members on strike action."),
    ("Rail strike called off after last-minute pay offer", "Services are expected to run normally from Monday."),
]


def teaser_list(teasers: list[tuple[str, str]], link: str = "/news/{}") -> str:
    """Teasers as sites lay them out: each a linked headline over a summary line, in its own block."""
    return "".join(
        f'<article class="teaser"><h3><a href="{link.format(index)}">{headline}</a></h3><p>{summary}</p>'
        f"<time>{index + 1} hours ago</time></article>"
        for index, (headline, summary) in enumerate(teasers)
    )


def test_a_section_front_of_teasers_is_no_article() -> None:
    front = (
        '<html><head><title>Local news | Riverside Herald</title><meta property="og:type" content="website"></head>'
        f"<body><nav><a href='/'>Home</a></nav><main><h1>Local news</h1>{teaser_list(TEASERS)}</main></body></html>"
    )
    assert reason_for(front.encode(), "news.html") == (
        "not an article: a section front, its text is the teasers of 6 stories; send their own pages"
    )


def test_a_story_with_teasers_of_other_stories_beside_it_is_an_article() -> None:
    headline = '<a href="/news/kyiv-rescue">Rescue workers search rubble in Kyiv</a>'
    story = site_page(headline, [STORY, STORY.replace("Monday", "Tuesday")], f"<aside>{teaser_list(TEASERS)}</aside>")
    assert clean(story, meta("page.html"))["text"] == "\n".join([STORY, STORY.replace("Monday", "Tuesday")])


@pytest.mark.parametrize(
    ("head", "link"),
    [
        ('<meta property="article:published_time" content="2025-06-23T06:00:00Z">', "/news/{}"),  # what we know
        ("", "https://shop.example/item-{}"),  # a listicle of products
        ("", "#post-{}"),  # live updates, each heading its own anchor
    ],
)
def test_an_article_of_linked_subheads_is_no_section_front(head: str, link: str) -> None:
    # Review: a listicle, a "what we know" page and live updates were refused as section fronts.
    page = (
        f"<html><head><title>Border crash: what we know | Riverside Herald</title>{head}</head><body><main>"
        f"<h1>Border crash: what we know</h1>{teaser_list(TEASERS, link)}</main></body></html>"
    )
    assert TEASERS[0][1] in clean(page.encode(), meta("page.html"))["text"]
