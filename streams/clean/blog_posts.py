"""Live-blog posts a page states in its JSON-LD (`LiveBlogPosting.liveBlogUpdate`).

A live blog's markup spreads its posts over sibling blocks, of which trafilatura keeps one container, so most posts
were lost; the publisher's JSON-LD lists them all, each with its headline, text, author and time.
"""

from __future__ import annotations

from collections.abc import Iterable

from streams.clean.markup import stated_text
from streams.clean.page_time import json_ld_stamp
from streams.clean.provenance import json_ld_people
from streams.records import BlogPost

MIN_POSTS = 2
"""Posts a page must state to be read as a live blog: a single update is what an article page also carries."""


def stated_posts(nodes: Iterable[dict[str, object]]) -> list[BlogPost]:
    """The posts of the page's first live blog with at least `MIN_POSTS` posts that have text, in the order stated."""
    for node in nodes:
        kinds = node.get("@type")
        if "LiveBlogPosting" not in (kinds if isinstance(kinds, list) else [kinds]):
            continue
        updates = node.get("liveBlogUpdate")
        posts = [post for update in (updates if isinstance(updates, list) else [updates]) if (post := _post(update))]
        if len(posts) >= MIN_POSTS:
            return posts
    return []


def _post(update: object) -> BlogPost | None:
    """One update as a post, or None when it is not an object with text (some blogs list headlines only)."""
    if not isinstance(update, dict):
        return None
    body = update.get("articleBody")
    text = stated_text(body).strip() if isinstance(body, str) else ""
    if not text:
        return None
    headline = update.get("headline")
    title = " ".join(stated_text(headline).split()) or None if isinstance(headline, str) else None
    return BlogPost(title=title, body=text, author=", ".join(json_ld_people([update])) or None,
                    published_at=json_ld_stamp(update.get("datePublished")))  # fmt: skip
