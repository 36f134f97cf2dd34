"""Split stage: cut a cleaned document into the stories it carries, in page order.

A page laid out like the crawled aggregator pages holds a lead story, the `RELATED_MARKER` line that
the clean stage keeps, and related items that each open with an outlet line, an age line ("3 hours ago",
`streams.split.item_age`) and a "- Outlet" line, then a headline and a body. A related item that is a live
blog is cut further into its entries (streams.split.liveblog). Any body holding two stories run together is
cut at the story boundary (streams.split.stories), the later story marked as split from the earlier. A live
blog page whose JSON-LD states its posts (`Document.posts`) gives the blog, then one entry per post. Any other
document is a single article.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from math import inf
from typing import NamedTuple

from streams.records import Article, ArticleKind, Dateline, Document
from streams.split.crawl_time import with_page_crawl_time
from streams.split.headlines import (
    LIKELY_CUT,
    best_cut,
    heads_text,
    is_headline,
    is_one_short_sentence,
    is_unfinished_line,
)
from streams.split.item_age import is_relative_age, published_from_age
from streams.split.liveblog import liveblog
from streams.split.stories import MIN_STORY_WORDS, split_stories
from streams.text.dateline import DATELINE_CHARS, parse_dateline
from streams.text.fingerprint import content_hash, normalise
from streams.text.page import RELATED_MARKER, is_chrome_line, normalise_whitespace
from streams.text.sentences import sentence_starts

_OUTLET_ECHO = re.compile(r"[-–—]\s*\S")
_MAX_OUTLET_CHARS = 80
_SENTENCE_ENDS = (".", "!", "?", '"', "”", "’", ")")
"""What the last sentence of an item's body ends with, where a glued outlet's name follows."""
_MAX_AGE_WORDS = 5
"""Most words of a line between an outlet and its "- outlet" line that is taken for an age ("vor 3 Stunden")."""
MAX_WORDS = 16
"""Most words of a line that can be template (learned chrome) or a table row; longer lines are paragraphs."""


@dataclass(slots=True)
class _Story:
    """An article before ids and positions are known, so parents can be linked by reference."""

    kind: ArticleKind
    title: str | None
    body: str
    outlet: str | None
    author: str | None = None
    published_at: str | None = None
    parent: _Story | None = None
    split_from: _Story | None = None


class _ItemHeader(NamedTuple):
    """The lines that open a related item (outlet, age and "- outlet", or outlet and "- outlet"), located in the page's
    lines: where it starts, where its content starts, its outlet and age ("" for none)."""

    start: int
    content_from: int
    outlet: str
    age: str


NOTHING_LEFT = "no article text left: only page chrome, or related items' headlines without their stories"
"""Why a document that splits into no article is rejected."""


def split(doc: Document, is_chrome: Callable[[str], bool] = lambda _: False) -> list[Article]:
    """Turn one document into its stories so each can be deduplicated and tagged on its own; none when it holds
    no story (`NOTHING_LEFT`).

    `is_chrome` names lines learned as the source's template; they leave bodies but never item headers or
    a related item's headline, which recur across an aggregator's pages without being template.
    """
    doc = with_page_crawl_time(doc)
    lines = _unglued_outlets([line for line in doc["text"].split("\n") if not is_chrome_line(line)])
    if "posts" in doc:
        return _articles(doc, _blog_page(doc, _unlearned(lines, is_chrome)))
    headers = _item_headers(lines)
    if not headers:
        return _articles(doc, _single_story(doc, _unlearned(lines, is_chrome)))
    lead_end = _lead_end(lines, headers[0].start)
    stories = _lead_story(doc, _unlearned(lines[:lead_end], is_chrome))
    # Text under the marker before the first header this stage can read is an item all the same, of no known outlet.
    unheaded = lines[lead_end + 1 : headers[0].start]
    if not any(len(line.split()) > MAX_WORDS for line in unheaded):  # headlines or chrome, no story under them
        unheaded = []
    stories.extend(_related_stories(doc, _ItemHeader(lead_end, lead_end + 1, "", ""), _item_lines(unheaded, is_chrome)))
    bounds = [header.start for header in headers[1:]] + [len(lines)]
    for header, end in zip(headers, bounds, strict=True):
        content = lines[header.content_from : end]
        stories.extend(_related_stories(doc, header, _item_lines(content, is_chrome)))
    return _articles(doc, stories)


def own_text(text: str) -> str:
    """What a page says itself: its text up to the first related item's header, without fixed chrome lines.

    The same items recur across an aggregator's pages without being template, and the same story leads pages
    whose items differ: learned from whole pages, a story that was an item on five other pages, or led five,
    lost its headline and short paragraphs on its own page.
    """
    lines = [line for line in text.split("\n") if not is_chrome_line(line)]
    headers = _item_headers(lines)
    return "\n".join(lines[: headers[0].start] if headers else lines)


def _item_lines(lines: list[str], is_chrome: Callable[[str], bool]) -> list[str]:
    """An item's lines without learned template, its first line, the headline, kept whatever was learned."""
    return lines[:1] + _unlearned(lines[1:], is_chrome)


def _unlearned(lines: list[str], is_chrome: Callable[[str], bool]) -> list[str]:
    """Lines that are not the source's learned template.

    A learned line set right between two rows of a table (short lines with figures, not learned) is the story's
    own: a results table's `Year` or `12 mths` recurs in every company's results. Template set between
    paragraphs (`Continue reading the main story`) still leaves.
    """
    learned = [bool(line.strip()) and is_chrome(line) for line in lines]
    for index in range(1, len(lines)):
        if learned[index] and (_in_table(lines, learned, index) or _table_goes_on(lines, learned, index)):
            learned[index] = False
    return [line for index, line in enumerate(lines) if not learned[index]]


def _in_table(lines: list[str], learned: list[bool], index: int) -> bool:
    """Whether the lines right before and after this one are both table rows that are not learned template."""
    if index == len(lines) - 1:
        return False
    return all(not learned[near] and _table_row(lines[near]) for near in (index - 1, index + 1))


def _table_goes_on(lines: list[str], learned: list[bool], index: int) -> bool:
    """Whether a learned line holding a figure follows a kept table row: the rows that end a dividend notice
    (`Qtly div 12 cts vs 12 cts prior` / `Pay March 31` / `Record March 16`) recur in every notice of the day."""
    return not learned[index - 1] and _table_row(lines[index - 1]) and _table_row(lines[index])


def _table_row(line: str) -> bool:
    """A short line holding a figure, as the rows of a results table are."""
    return 0 < len(line.split()) <= MAX_WORDS and any(char.isdigit() for char in line)


def _item_headers(lines: list[str]) -> list[_ItemHeader]:
    """Find related items by their opening, whatever the outlet is called: outlet, relative age and "- outlet" lines;
    or the outlet named again on the "- outlet" line, under it another age (a day), one this stage cannot read, or
    none. A day over a "- ..." line alone heads a list's entry ("March 3, 2026" / "- Protesters gather ...")."""
    nonblank = [index for index, line in enumerate(lines) if line.strip()]
    headers: list[_ItemHeader] = []
    for at, first in enumerate(nonblank):
        outlet = lines[first].strip()
        if (
            len(outlet) > _MAX_OUTLET_CHARS
            or outlet == RELATED_MARKER
            or (headers and first < headers[-1].content_from)
        ):
            continue
        following = nonblank[at + 1 : at + 3]
        second, third = [lines[index].strip() for index in following] + [""] * (2 - len(following))
        if third and _OUTLET_ECHO.match(third) and is_relative_age(second):
            headers.append(_ItemHeader(first, following[1] + 1, outlet, second))
        elif second and _echoes(second, outlet):
            headers.append(_ItemHeader(first, following[0] + 1, outlet, ""))
        elif third and _echoes(third, outlet) and len(second.split()) <= _MAX_AGE_WORDS:
            headers.append(_ItemHeader(first, following[1] + 1, outlet, second))
    return headers


def _unglued_outlets(lines: list[str]) -> list[str]:
    """The lines with an item's outlet put back on a line of its own where a scraper glued it to the end of the
    item before ("... in 2023.Reuters" over "2 hours ago" and "- Reuters"): it opened no item, and its header's
    lines went into that item's body."""
    mended: list[str] = []
    for at, line in enumerate(lines):
        outlet = _glued_outlet(line.rstrip(), lines[at + 1 : at + 3])
        mended.extend([line.rstrip()[: -len(outlet)], outlet] if outlet else [line])
    return mended


def _glued_outlet(line: str, after: list[str]) -> str | None:
    """The outlet a line ends with, glued after its last sentence, when an age and the "- outlet" line follow."""
    if len(after) < 2 or not is_relative_age(after[0].strip()) or not _OUTLET_ECHO.match(echo := after[1].strip()):
        return None
    outlet = echo.lstrip("-–— ").strip()
    glued = line.endswith(outlet) and line[: -len(outlet)].endswith(_SENTENCE_ENDS)
    return outlet if glued else None


def _echoes(line: str, outlet: str) -> bool:
    """Whether a line is the "- outlet" line naming this outlet again."""
    return bool(_OUTLET_ECHO.match(line)) and line.lstrip("-–— ").strip().casefold() == outlet.casefold()


def _lead_end(lines: list[str], first_item: int) -> int:
    """End the lead at the related-articles marker, or at the first item if the marker is missing."""
    markers = [index for index, line in enumerate(lines[:first_item]) if line.strip() == RELATED_MARKER]
    return markers[0] if markers else first_item


def _tidy(lines: list[str]) -> str:
    """Join lines into a body free of the marker, with the spacing convention of the clean stage."""
    return normalise_whitespace("\n".join(line for line in lines if line.strip() != RELATED_MARKER))


def _headed(text: str) -> tuple[str | None, str]:
    """A story's headline and body: its first line when that reads as a headline, else cut off the body it runs into.

    A short single-sentence line before more text is a headline with or without final punctuation, and so is a
    short line of more sentences without it, unless it plainly holds a headline run into a first paragraph. A longer
    first line holds the headline and the body's start: cut at the likeliest headline/body edge
    (streams.split.headlines), or after a short first sentence when the headline ends in punctuation.
    """
    first, _, rest = text.partition("\n")
    rest = rest.strip()
    if is_headline(first):
        return first, rest
    if _known_dateline(first) is not None:  # a story opening on its dateline has no headline
        return None, text
    found = best_cut(first, -inf)
    unlikely = found is None or found.score < LIKELY_CUT
    if rest and (is_unfinished_line(first) or is_one_short_sentence(first)) and unlikely:
        return first, rest
    if found is not None:
        title, body = first[: found.at].strip(), first[found.at :]
    else:
        starts = sentence_starts(first)
        opening = first[: starts[1]].strip() if len(starts) > 1 else ""
        if not is_one_short_sentence(opening):
            return None, text
        title, body = opening, first[starts[1] :]
    return title, "\n".join(part for part in (body.strip(), rest) if part)


def _known_dateline(line: str) -> Dateline | None:
    """The dateline a line opens on, when its place is known ("LISBON, Dec 5 (Reuters) -"); None for a headline the
    dateline's pattern would take for a place ("Banks to cut jobs LONDON, Dec 3 (Reuters) -")."""
    dateline = parse_dateline(line[:DATELINE_CHARS], None)
    return dateline if dateline is not None and dateline["country"] is not None else None


def _lead_story(doc: Document, lines: list[str]) -> list[_Story]:
    """The page's own story: its headline, then its body."""
    text = _tidy(lines)
    if not text:
        return []
    title, body = _headed(text)
    lead = _Story("lead", title, body or title or text, doc["site"], doc["author"], doc["published_at"])
    return _with_entries(lead, text, doc.get("modified_at") or doc["published_at"] or doc["crawled_at"])


def _single_story(doc: Document, lines: list[str]) -> list[_Story]:
    """A document without the aggregator layout is one article, headed by its title if it has one.

    An HTML page's text is the one article its markup holds (what extraction kept), so only plain text,
    which may be a live blog or several stories pasted together, is checked for entries and stories running on.
    """
    text = _tidy(lines)
    if not text:
        return []
    first, _, rest = text.partition("\n")
    title, body = doc["title"], text
    if _repeats_title(first, title):
        body = rest.strip()
    elif title is None and heads_text(first, rest):
        title, body = first, rest.strip()
    story = _Story("article", title, body or title or text, doc["site"], doc["author"], doc["published_at"])
    if doc["format"] == "html":
        return [story]
    stories = _with_entries(story, text, doc.get("modified_at") or doc["published_at"] or doc["crawled_at"])
    if len(stories) > 1 and stories[1].kind == "liveblog-entry":
        story.kind = "lead"  # a live blog page's blog
    return stories


def _blog_page(doc: Document, lines: list[str]) -> list[_Story]:
    """A live blog page: the blog (its text is the blog's own, see `streams.clean.blog_posts`), then one entry per
    post; without a title or text of its own there is no blog record, and the entries have no parent."""
    text = _tidy(lines)
    first, _, rest = text.partition("\n")
    title = doc["title"]
    if _repeats_title(first, title):
        text = rest.strip()
    body = text or title
    blog = _Story("lead", title, body, doc["site"], doc["author"], doc["published_at"]) if body else None
    entries = [
        _Story("liveblog-entry", post["title"], post["body"], doc["site"], post["author"], post["published_at"], blog)
        for post in doc["posts"]
    ]
    return [blog, *entries] if blog is not None else entries


def _repeats_title(line: str, title: str | None) -> bool:
    """Whether a text's first line is the document's title written again above its body."""
    return title is not None and normalise(line) == normalise(title)


def _related_stories(doc: Document, header: _ItemHeader, lines: list[str]) -> list[_Story]:
    """One related item, its author taken from a byline line opening its body, plus its entries when the item is a
    live blog or the stories run on after it."""
    text = _tidy(lines)
    if not text:
        return []
    title, body = _headed(text)
    if not body:  # a teaser: a headline with no story under it
        return []
    first, _, rest = body.partition("\n")
    author = doc.get("bylines", {}).get(first.strip()) if rest.strip() else None
    body = rest.strip() if author else body
    published = published_from_age(doc["crawled_at"], header.age)
    story = _Story("related", title, body, header.outlet or None, author, published)
    return _with_entries(story, text, doc["crawled_at"])


def _with_entries(story: _Story, text: str, latest: str) -> list[_Story]:
    """The story, and after it its entries when it is a live blog (its body then the blog's summary, else its
    headline or whole text), or each further story its body runs on into. `latest` is the latest time the blog can
    state, which dates the entries a clock time alone heads."""
    blog = liveblog(story.body, latest)
    if blog is None:
        return _with_run_ons(story)
    summary, entries = blog
    story.body = summary or story.title or text
    return [story] + [
        _Story("liveblog-entry", entry.title, entry.body, story.outlet, entry.author, entry.published_at, story)
        for entry in entries
    ]


def _with_run_ons(story: _Story) -> list[_Story]:
    """The story, and after it each further story its body runs on into, marked as split from it: a story pasted
    after it with its own headline and dateline, with that headline, and one run on without either."""
    (first, *run_ons), *pasted = [split_stories(body) for body in _pasted_bodies(story.body)]
    story.body = first
    stories = [story, *(_Story(story.kind, None, body, story.outlet, published_at=story.published_at, split_from=story)
                        for body in run_ons)]  # fmt: skip
    for headed, *runs_on in pasted:
        title, _, body = headed.partition("\n")
        stories += [_Story(story.kind, title, body.strip(), story.outlet, split_from=story)]
        stories += [_Story(story.kind, None, body, story.outlet, split_from=story) for body in runs_on]
    return stories


def _pasted_bodies(body: str) -> list[str]:
    """A body cut before each line that heads a story pasted after the one before it: after a blank line, a
    capitalised headline line over a line opening on a dateline with its date or agency, after at least a story's
    words (`MIN_STORY_WORDS`); a wrapped line or a table row above a line that reads like a dateline is no such
    line ("from the Group of Five (G-5) - comprising ...")."""
    lines = body.split("\n")
    nonblank = [index for index, line in enumerate(lines) if line.strip()]
    starts = [0]
    for index, following in itertools.pairwise(nonblank[1:]):
        if (
            not lines[index - 1].strip()
            and lines[index][:1].isupper()
            and is_headline(lines[index])
            and (dateline := _known_dateline(lines[following])) is not None
            and (dateline["date"] or dateline["agency"])
            and sum(len(line.split()) for line in lines[starts[-1] : index]) >= MIN_STORY_WORDS
        ):
            starts.append(index)
    return ["\n".join(lines[start:end]).strip() for start, end in zip(starts, [*starts[1:], len(lines)], strict=True)]


def _articles(doc: Document, stories: list[_Story]) -> list[Article]:
    """Give stories their ids, positions and provenance once all of them are known."""
    ids = {id(story): content_hash(story.body) for story in stories}
    return [
        Article(
            id=ids[id(story)],
            document_id=doc["document_id"],
            position=position,
            kind=story.kind,
            source={
                "filename": doc["filename"],
                "outlet": story.outlet or doc["site"],
                "publisher": doc["publisher"],
                "domain": doc["domain"],
                "url": doc["url"],
            },
            title=story.title,
            author=story.author,
            body=story.body,
            published_at=story.published_at,
            modified_at=doc.get("modified_at") if story.kind in {"lead", "article"} else None,
            standfirst=doc.get("standfirst") if position == 0 and story.kind in {"lead", "article"} else None,
            crawled_at=doc["crawled_at"],
            crawled_at_source=doc.get("crawled_at_source", "header"),
            ingested_at=doc["ingested_at"],
            parent_id=ids[id(story.parent)] if story.parent is not None else None,
            split_from=ids[id(story.split_from)] if story.split_from is not None else None,
        )
        for position, story in enumerate(stories)
    ]
