"""Live blogs whose posts the page's JSON-LD lists (`LiveBlogPosting.liveBlogUpdate`): one entry per post."""

from __future__ import annotations

import json

from streams.clean import clean
from streams.records import RawMeta
from streams.split.stage import split

HEADLINE = "Storm Éowyn live: red warning extended as thousands lose power"
STANDFIRST = (
    "Ferries cancelled, schools shut and tens of thousands of homes without power as the strongest storm in years "
    "hits the west coast."
)
POSTS = [
    ("Ferry services suspended as storm reaches the coast", "Maria Keane", "2025-02-14T09:05:00+00:00",
     ["All ferry crossings between Holyhead and Dublin have been suspended until at least Saturday morning.",
      "Passengers booked on cancelled sailings can move to a later crossing without charge or claim a refund."]),
    ("Power cut to 40,000 homes in the west", "Maria Keane", "2025-02-14T09:40:00+00:00",
     ["The network operator said about 40,000 homes in Galway and Mayo were without electricity overnight.",
      "Crews were being sent out as soon as wind speeds allowed, and most homes should be reconnected tonight."]),
    ("Schools in three counties told to stay closed", "Daniel Ryan", "2025-02-14T10:15:00+00:00",
     ["The education department told schools in Kerry, Clare and Galway to remain closed for the day.",
      "Mock exams due to be held in the affected schools will be rescheduled next week."]),
    ("Met Éireann extends red warning to midnight", "Daniel Ryan", "2025-02-14T11:02:00+00:00",
     ["The forecaster extended its red wind warning for the western seaboard until midnight on Friday.",
      "People in coastal areas were urged to stay indoors and away from the shoreline while it lasted."]),
]  # fmt: skip


def live_page(posts: list[tuple[str, str, str, list[str]]], body_as_html: bool = False) -> bytes:
    """A page laid out as big sites lay out live blogs: a summary article, then each post its own article."""
    updates = [
        {"@type": "BlogPosting", "headline": title, "datePublished": time, "author": {"@type": "Person", "name": name},
         "articleBody": "".join(f"<p>{p}</p>" for p in paragraphs) if body_as_html else " ".join(paragraphs)}
        for title, name, time, paragraphs in posts
    ]  # fmt: skip
    blog = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": HEADLINE,
            "datePublished": "2025-02-14T08:30:00+00:00", "publisher": {"@type": "Organization", "name": "Courier"},
            "liveBlogUpdate": [{"@type": "BlogPosting", "headline": "Live coverage begins"}, *updates]}  # fmt: skip
    blocks = "".join(
        f'<li><article><time datetime="{time}">{time[11:16]}</time><h2>{title}</h2>'
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + f"<p>{name}</p></article></li>"
        for title, name, time, paragraphs in reversed(posts)
    )
    return (
        f'<html lang="en"><head><title>{HEADLINE} | Courier</title><meta property="og:site_name" content="Courier">'
        f'<script type="application/ld+json">{json.dumps(blog)}</script></head><body><nav><a href="/">Home</a></nav>'
        f"<main><article><h1>{HEADLINE}</h1><p>{STANDFIRST}</p></article><section><ol>{blocks}</ol></section></main>"
        "</body></html>"
    ).encode()


def articles(raw: bytes) -> list[dict[str, object]]:
    meta = RawMeta(document_id="d", filename="live.html", content_type=None, size=len(raw),
                   crawled_at="2025-02-14T12:00:00+00:00", ingested_at="2025-02-14T12:00:00+00:00")  # fmt: skip
    return [dict(article) for article in split(clean(raw, meta))]


def test_each_post_a_live_blog_states_is_an_entry_with_its_headline_author_and_time() -> None:
    out = articles(live_page(POSTS))
    blog, *entries = out
    assert [article["kind"] for article in out] == ["lead"] + ["liveblog-entry"] * 4
    assert (blog["title"], blog["body"], blog["published_at"]) == (HEADLINE, STANDFIRST, "2025-02-14T08:30:00+00:00")
    assert [(e["title"], e["author"], e["published_at"]) for e in entries] == [post[:3] for post in POSTS]
    assert [e["body"] for e in entries] == [" ".join(post[3]) for post in POSTS]
    assert {e["parent_id"] for e in entries} == {blog["id"]}
    assert {e["source"]["outlet"] for e in out} == {"Courier"}  # type: ignore[index]


def test_posts_written_as_html_keep_their_paragraphs() -> None:
    entries = articles(live_page(POSTS, body_as_html=True))[1:]
    assert [e["body"] for e in entries] == ["\n".join(post[3]) for post in POSTS]


def test_a_page_stating_one_post_with_text_is_one_article() -> None:
    out = articles(live_page(POSTS[:1]))
    assert [article["kind"] for article in out] == ["article"]
    assert POSTS[0][3][0] in str(out[0]["body"])
