"""Topic names and what each carries: the one place the pipeline's shape is written down."""

from __future__ import annotations

from dataclasses import dataclass

APP_ID = "newswire"
"""The Faust app's id: the workers' consumer group, and the prefix of the tables' changelog topics."""


@dataclass(frozen=True, slots=True)
class TopicSpec:
    """A topic newswire creates, with the record it carries."""

    name: str
    carries: str
    public: bool


RAW = TopicSpec("news.raw", "raw file bytes; headers filename, content-type, crawled-at", True)
CLEANED = TopicSpec("news.cleaned", "Document: decoded, repaired page text with metadata", False)
ARTICLES = TopicSpec("news.articles", "Article: one story split out of a document", False)
DEDUP_BANDS = TopicSpec("news.dedup-bands", "dedup probes of LSH buckets, on the partition owning each bucket", False)
DEDUP_ANSWERS = TopicSpec("news.dedup-answers", "dedup answers, comparisons and replies, keyed by article id", False)
UNIQUE = TopicSpec("news.unique", "Article: a story no earlier article duplicates", False)
ENRICHED = TopicSpec("news.enriched", "EnrichedArticle: a unique article with its tags", True)
DUPLICATES = TopicSpec("news.duplicates", "DuplicateArticle: an article that repeats an earlier one", True)
REJECTED = TopicSpec("news.rejected", "Rejection: input that could not be processed, with the reason", True)
OUTCOMES = TopicSpec("news.outcomes", "ledger notes: a document's article count and each outcome written out", False)
ACCOUNTS = TopicSpec("news.accounts", "Account: what became of one file, once all its articles have an outcome", True)

ALL: tuple[TopicSpec, ...] = (
    RAW, CLEANED, ARTICLES, DEDUP_BANDS, DEDUP_ANSWERS, UNIQUE, ENRICHED, DUPLICATES, REJECTED, OUTCOMES, ACCOUNTS
)  # fmt: skip
OUTPUTS: tuple[TopicSpec, ...] = (ENRICHED, DUPLICATES, REJECTED, ACCOUNTS)
