"""The JSON records on newswire's topics, as typed dicts so orjson writes them without conversion."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal, NotRequired, TypedDict

ArticleKind = Literal["lead", "related", "liveblog-entry", "article"]
DuplicateKind = Literal["exact", "near"]
CrawlSource = Literal["header", "page", "ingest"]
"""Where `crawled_at` came from: the producer's `crawled-at` header, the page's own latest stamp, or the
moment the file reached `news.raw` (an upper bound only). Records without it state their crawl time: "header"."""


class RawMeta(TypedDict):
    """What the clean stage knows about a file besides its bytes (from Kafka headers and the message)."""

    document_id: str
    filename: str | None
    content_type: str | None
    size: int
    crawled_at: str
    ingested_at: str
    crawled_at_source: NotRequired[CrawlSource]


class BlogPost(TypedDict):
    """One post of a live blog as its page states it: headline, text, author and time where given."""

    title: str | None
    body: str
    author: str | None
    published_at: str | None


class Document(RawMeta):
    """A cleaned file on `news.cleaned`: decoded, repaired text with the page metadata that was found."""

    format: Literal["html", "text"]
    encoding: str
    title: str | None
    author: str | None
    published_at: str | None
    modified_at: NotRequired[str | None]
    site: str | None
    publisher: str | None
    domain: str | None
    url: str | None
    text: str
    posts: NotRequired[list[BlogPost]]
    standfirst: NotRequired[str]
    bylines: NotRequired[dict[str, str]]
    """Byline lines of a plain page's text below its own story's ("By Jane Doe"), each with the people it names as
    the author field writes them: the split stage gives them to the related item they open."""


class Source(TypedDict):
    """Where an article came from: the file, the outlet and publisher named on the page, and the page URL
    with its registrable domain."""

    filename: str | None
    outlet: str | None
    publisher: str | None
    domain: str | None
    url: str | None


class Article(TypedDict):
    """One story on `news.articles` and `news.unique`, carrying its provenance within its document."""

    id: str
    document_id: str
    position: int
    kind: ArticleKind
    source: Source
    title: str | None
    author: str | None
    body: str
    published_at: str | None
    modified_at: NotRequired[str | None]
    standfirst: NotRequired[str | None]
    crawled_at: str
    crawled_at_source: NotRequired[CrawlSource]
    ingested_at: str
    parent_id: str | None
    split_from: str | None


PublishedPrecision = Literal["second", "minute", "hour", "day"]


class Entity(TypedDict):
    """A named entity found in an article, merged over its mentions and ranked by salience."""

    text: str
    label: str
    count: int
    salience: int
    offsets: list[list[int]]


class CountryCount(TypedDict):
    """A country an article names, with how many mentions point to it."""

    code: str
    count: int


class Subject(TypedDict):
    """An IPTC Media Topics top-level subject of an article, with the model's share of the evidence."""

    code: str
    label: str
    score: float


class Dateline(TypedDict):
    """The wire-service opening of a story, such as `SEOUL, May 27 (Reuters) -`."""

    raw: str
    city: str | None
    country: str | None
    date: str | None
    agency: str | None


class EnrichedArticle(Article):
    """A unique, tagged article on `news.enriched`."""

    language: str | None
    language_score: float | None
    entities: list[Entity] | None
    topics: list[Subject] | None
    untagged_reason: str | None
    countries: list[CountryCount]
    primary_country: str | None
    dateline: Dateline | None
    keywords: list[str]
    words: int
    published_precision: PublishedPrecision | None


class DuplicateArticle(Article):
    """An article on `news.duplicates`, naming the earlier article it repeats."""

    duplicate_of: str
    duplicate_of_document: str
    duplicate_kind: DuplicateKind
    similarity: float


class Rejection(TypedDict):
    """A file or record that could not be processed, on `news.rejected`, so nothing is lost silently."""

    document_id: str
    filename: str | None
    stage: str
    reason: str
    size: int
    rejected_at: str
    record_id: NotRequired[str]
    position: NotRequired[int]


def rejection(
    stage: str,
    *,
    document_id: str,
    filename: str | None,
    size: int,
    reason: str,
    record_id: str | None = None,
    position: int | None = None,
) -> Rejection:
    """The `news.rejected` record of what a stage gave up on: a whole file, or one article of it."""
    record = Rejection(document_id=document_id, filename=filename, stage=stage, reason=reason, size=size,
                       rejected_at=datetime.now(UTC).isoformat())  # fmt: skip
    if record_id is not None:
        record["record_id"] = record_id
    if position is not None:
        record["position"] = position
    return record
