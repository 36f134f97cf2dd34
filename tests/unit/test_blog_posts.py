"""Live blogs whose posts the page's JSON-LD lists (`LiveBlogPosting.liveBlogUpdate`): one entry per post."""

from __future__ import annotations

import json

from streams.clean import clean
from streams.clean.blog_posts import MAX_POSTS
from streams.records import CrawlSource, Document, RawMeta
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


Post = tuple[str, object, object, list[str]]
"""A post: headline, JSON-LD author, JSON-LD datePublished, paragraphs."""


def person(name: str) -> dict[str, str]:
    return {"@type": "Person", "name": name}


def byline(author: object) -> str:
    """How a post's block signs it in the markup."""
    people = author if isinstance(author, list) else [author]
    names = [person["name"] if isinstance(person, dict) else str(person) for person in people]
    return f"By {' and '.join(names)}"


def live_page(
    posts: list[Post],
    body_as_html: bool = False,
    blog_extra: dict[str, object] | None = None,
    summary_in_header: bool = False,
) -> bytes:
    """A page laid out as big sites lay out live blogs: a summary article, then each post its own article."""
    updates = [
        {"@type": "BlogPosting", "headline": title, "datePublished": time, "author": author,
         "articleBody": "".join(f"<p>{p}</p>" for p in paragraphs) if body_as_html else " ".join(paragraphs)}
        for title, author, time, paragraphs in posts
    ]  # fmt: skip
    blog = {"@context": "https://schema.org", "@type": "LiveBlogPosting", "headline": HEADLINE,
            "datePublished": "2025-02-14T08:30:00+00:00", "publisher": {"@type": "Organization", "name": "Courier"},
            "liveBlogUpdate": [{"@type": "BlogPosting", "headline": "Live coverage begins"}, *updates],
            **(blog_extra or {})}  # fmt: skip
    blocks = "".join(
        f'<li><article><time datetime="{time}">{str(time)[11:16]}</time><h2>{title}</h2>'
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + f"<p class='byline'>{byline(author)}</p><p>Share</p></article></li>"
        for title, author, time, paragraphs in reversed(posts)
    )
    opening = (
        f"<header><h1>{HEADLINE}</h1><div class='standfirst'>{STANDFIRST}</div></header><h2>Key events</h2>"
        if summary_in_header
        else f"<article><h1>{HEADLINE}</h1><p>{STANDFIRST}</p></article>"
    )
    return (
        f'<html lang="en"><head><title>{HEADLINE} | Courier</title><meta property="og:site_name" content="Courier">'
        f'<script type="application/ld+json">{json.dumps(blog)}</script></head><body><nav><a href="/">Home</a></nav>'
        f"<main>{opening}<section><ol>{blocks}</ol></section></main></body></html>"
    ).encode()


def written(posts: list[tuple[str, str, str, list[str]]]) -> list[Post]:
    """Posts with their authors as JSON-LD persons."""
    return [(title, person(name), time, paragraphs) for title, name, time, paragraphs in posts]


def articles(raw: bytes) -> list[dict[str, object]]:
    return [dict(article) for article in split(cleaned(raw))]


def cleaned(raw: bytes, crawled_at: str = "2025-02-14T12:00:00+00:00", source: CrawlSource = "header") -> Document:
    meta = RawMeta(document_id="d", filename="live.html", content_type=None, size=len(raw), crawled_at=crawled_at,
                   ingested_at="2025-02-14T12:00:00+00:00", crawled_at_source=source)  # fmt: skip
    return clean(raw, meta)


def test_each_post_a_live_blog_states_is_an_entry_with_its_headline_author_and_time() -> None:
    out = articles(live_page(written(POSTS), blog_extra={"author": person("Maria Keane")}))
    blog, *entries = out
    assert [article["kind"] for article in out] == ["lead"] + ["liveblog-entry"] * 4
    assert (blog["title"], blog["body"], blog["published_at"]) == (HEADLINE, STANDFIRST, "2025-02-14T08:30:00+00:00")
    assert [(e["title"], e["author"], e["published_at"]) for e in entries] == [post[:3] for post in POSTS]
    assert [e["body"] for e in entries] == [" ".join(post[3]) for post in POSTS]
    assert {e["parent_id"] for e in entries} == {blog["id"]}
    assert {e["source"]["outlet"] for e in out} == {"Courier"}  # type: ignore[index]
    assert blog["author"] == "Maria Keane", "the blog's own author, not every post's"


def test_posts_written_as_html_keep_their_paragraphs() -> None:
    entries = articles(live_page(written(POSTS), body_as_html=True))[1:]
    assert [e["body"] for e in entries] == ["\n".join(post[3]) for post in POSTS]


def test_a_page_stating_one_post_with_text_is_one_article() -> None:
    out = articles(live_page(written(POSTS[:1])))
    assert [article["kind"] for article in out] == ["article"]
    assert POSTS[0][3][0] in str(out[0]["body"])


def test_a_summary_that_extraction_drops_comes_from_the_blogs_description_and_furniture_stays_out() -> None:
    page = live_page(written(POSTS), blog_extra={"description": STANDFIRST}, summary_in_header=True)
    blog = articles(page)[0]
    assert (blog["kind"], blog["body"]) == ("lead", STANDFIRST)


def test_post_authors_and_times_are_read_as_a_pages_are() -> None:
    posts: list[Post] = [
        (POSTS[0][0], "JANE O'NEILL", "2025-02-14T09:05:00Z", POSTS[0][3]),
        (POSTS[1][0], [person("Tom Hale"), person("Priya Nair")], "2099-01-01T00:00:00Z", POSTS[1][3]),
        (POSTS[2][0], person("admin"), 1739528100000, POSTS[2][3]),
    ]
    blog, *entries = articles(live_page(posts))
    assert blog["author"] is None, "the blog names no author; its posts' authors are theirs"
    assert articles(live_page(posts, blog_extra={"author": "Markus Huber"}))[0]["author"] == "Markus Huber"
    assert [(e["author"], e["published_at"]) for e in entries] == [
        ("Jane O'Neill", "2025-02-14T09:05:00+00:00"),
        ("Tom Hale; Priya Nair", None),
        (None, "2025-02-14T10:15:00+00:00"),
    ]


def test_a_post_of_encoded_data_or_repeated_is_dropped_not_the_page() -> None:
    posts: list[Post] = [
        *written(POSTS[:2]),
        ("Attachment", person("Daniel Ryan"), "2025-02-14T10:00:00+00:00", ["QUJD" * 80]),
    ]
    posts.append(written(POSTS[:1])[0])
    out = articles(live_page(posts))
    assert [article["kind"] for article in out] == ["lead", "liveblog-entry", "liveblog-entry"]
    assert [article["title"] for article in out[1:]] == [POSTS[0][0], POSTS[1][0]]


def test_a_page_left_with_one_post_with_text_is_one_article() -> None:
    posts: list[Post] = [
        *written(POSTS[:1]),
        ("Blank", person("Daniel Ryan"), "2025-02-14T10:00:00+00:00", ["\u200b\u200b"]),
    ]
    assert [article["kind"] for article in articles(live_page(posts))] == ["article"]


def test_a_blog_of_more_posts_than_a_page_may_give_is_one_article() -> None:
    posts: list[Post] = [
        (f"Update {n}", person("Maria Keane"), "2025-02-14T09:05:00+00:00", [f"Update number {n} of the day."])
        for n in range(MAX_POSTS + 1)
    ]
    assert [article["kind"] for article in articles(live_page(posts))] == ["article"]


def test_entries_without_a_blog_of_their_own_have_no_parent() -> None:
    document = cleaned(live_page(written(POSTS)))
    entries = split(Document(**{**document, "title": None, "text": ""}))
    assert [(e["kind"], e["parent_id"]) for e in entries] == [("liveblog-entry", None)] * 4


def test_post_times_bound_a_crawl_time_known_only_from_the_ingest() -> None:
    document = cleaned(live_page(written(POSTS)), crawled_at="2025-02-14T18:00:00+00:00", source="ingest")
    assert {article["crawled_at"] for article in split(document)} == {"2025-02-14T11:02:00+00:00"}


def test_a_blog_whose_page_shows_no_text_of_its_own_still_gives_its_posts() -> None:
    # The posts only in JSON-LD, the page an empty shell that scripts fill: the posts are the news.
    blog = {"@type": "LiveBlogPosting", "liveBlogUpdate": [
        {"@type": "BlogPosting", "headline": title, "articleBody": " ".join(paragraphs)}
        for title, _, _, paragraphs in POSTS
    ]}  # fmt: skip
    page = f'<html><head><script type="application/ld+json">{json.dumps(blog)}</script></head><body><div id="app">'
    out = articles(f"{page}</div></body></html>".encode())
    assert [(article["kind"], article["title"]) for article in out] == [("liveblog-entry", post[0]) for post in POSTS]
