"""Live-blog posts a page states in its JSON-LD (`LiveBlogPosting.liveBlogUpdate`), and the blog's own text.

A live blog's markup spreads its posts over sibling blocks, of which trafilatura keeps one container, so most posts
were lost; the publisher's JSON-LD lists them all, each with its headline, text, author and time.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from itertools import islice
from typing import NamedTuple

from streams.clean.markup import stated_text
from streams.clean.page_time import json_ld_stamp
from streams.clean.provenance import json_ld_author
from streams.records import BlogPost
from streams.text.fingerprint import normalise

MIN_POSTS = 2
"""Posts a page must state to be read as a live blog: a single update is what an article page also carries."""
MAX_POSTS = 5_000
"""Posts a page may state to be read as a live blog; beyond, and beyond the characters an article may hold in all,
the page is read as one article (a bound on the records one page makes)."""
RUN_WORDS = 4
"""Words in a run when the page's lines are matched to the posts; a line left with fewer is the posts' furniture
(their times, "Key events", "Share")."""


class LiveBlog(NamedTuple):
    """A live blog as its JSON-LD states it: its posts, and its summary where it gives one."""

    posts: tuple[BlogPost, ...]
    summary: str | None


def stated_blog(nodes: Iterable[dict[str, object]], site: set[str], crawled: datetime | None) -> LiveBlog | None:
    """The page's first live blog with at least `MIN_POSTS` posts that have text, its posts in the order stated;
    authors are read as the page's (`site` names the site), and times later than the crawl are none."""
    for node in nodes:
        kinds = node.get("@type")
        if "LiveBlogPosting" not in (kinds if isinstance(kinds, list) else [kinds]):
            continue
        updates = node.get("liveBlogUpdate")
        listed = updates if isinstance(updates, list) else [updates]
        posts = tuple(islice(filter(None, (_post(update, site, crawled) for update in listed)), MAX_POSTS + 1))
        if len(posts) >= MIN_POSTS:
            summary = node.get("description")
            return LiveBlog(posts, " ".join(stated_text(summary).split()) or None if isinstance(summary, str) else None)
    return None


def _post(update: object, site: set[str], crawled: datetime | None) -> BlogPost | None:
    """One update as a post, or None when it is not an object with text (some blogs list headlines only)."""
    if not isinstance(update, dict):
        return None
    body = update.get("articleBody")
    text = stated_text(body).strip() if isinstance(body, str) else ""
    if not text:
        return None
    headline = update.get("headline")
    title = " ".join(stated_text(headline).split()) or None if isinstance(headline, str) else None
    return BlogPost(title=title, body=text, author=json_ld_author(update, site),
                    published_at=json_ld_stamp(update.get("datePublished"), crawled))  # fmt: skip


def blog_text(text: str, posts: Iterable[BlogPost]) -> str:
    """The lines of the page's text that are the blog's own (its summary): not part of a post (its headline, text
    or byline: most of the line's runs of words are the posts'), and not a post's furniture."""
    runs = _posted_runs(posts)
    return "\n".join(line for line in text.split("\n") if len(line.split()) >= RUN_WORDS and not _is_posted(line, runs))


def _posted_runs(posts: Iterable[BlogPost]) -> set[int]:
    """Hashes of every run of `RUN_WORDS` words in the posts' headlines, texts and bylines, as they compare."""
    runs: set[int] = set()
    for post in posts:
        for part in (post["title"], post["body"], post["author"]):
            words = normalise(part or "").split()
            runs.update(hash(tuple(words[start : start + RUN_WORDS])) for start in range(len(words)))
    return runs


def _is_posted(line: str, runs: set[int]) -> bool:
    """Whether most of a line's runs of words are the posts' (the markup and JSON-LD differ in spacing and quote
    marks only)."""
    words = normalise(line).split()
    starts = range(max(len(words) - RUN_WORDS + 1, 1))
    return sum(hash(tuple(words[start : start + RUN_WORDS])) in runs for start in starts) * 2 > len(starts)
