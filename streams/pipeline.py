"""The pipeline's shape, written once: its stages in order, the topics each reads and writes, and the code that
does the work. The Faust layer (channels, agents' names, metric labels, consumer lag) and the README's topic
table are derived from it or checked against it."""

from __future__ import annotations

from dataclasses import dataclass

from streams.topics import (
    ACCOUNTS,
    ARTICLES,
    CLEANED,
    DEDUP_ANSWERS,
    DEDUP_BANDS,
    DUPLICATES,
    ENRICHED,
    OUTCOMES,
    RAW,
    REJECTED,
    UNIQUE,
    TopicSpec,
)


@dataclass(frozen=True, slots=True)
class Stage:
    """One step of the pipeline: what it reads, what it writes, where its logic is, whether it transforms content."""

    name: str
    reads: tuple[TopicSpec, ...]
    writes: tuple[TopicSpec, ...]
    core: str
    does: str
    content: bool = True


PIPELINE: tuple[Stage, ...] = (
    Stage("clean", (RAW,), (CLEANED, REJECTED), "streams.clean",
          "decode the bytes, repair mojibake, extract the article of an HTML page, refuse what is not news"),
    Stage("split", (CLEANED,), (ARTICLES, OUTCOMES, REJECTED), "streams.split",
          "one record per article: the lead, related items, live-blog entries, run-on stories"),
    Stage("dedup", (ARTICLES, DEDUP_BANDS, DEDUP_ANSWERS), (DEDUP_BANDS, DEDUP_ANSWERS, UNIQUE, DUPLICATES, REJECTED),
          "streams.dedup", "exact and near copies, found across workers through LSH buckets"),
    Stage("tag", (UNIQUE,), (ENRICHED, REJECTED), "streams.tag",
          "language, entities, countries, dateline, IPTC topics, keywords, publication time"),
    Stage("sink", (ENRICHED, DUPLICATES, REJECTED), (OUTCOMES,), "agents.stages.sinks",
          "append the public records to the out folder once each, and note their outcomes", content=False),
    Stage("ledger", (OUTCOMES,), (ACCOUNTS,), "streams.ledger",
          "one account per file, once every article of it has an outcome", content=False),
)  # fmt: skip
CONTENT_STAGES: tuple[str, ...] = tuple(stage.name for stage in PIPELINE if stage.content)
"""The stages that transform the news, in order: the `stage` label of the per-stage metrics."""
READERS: dict[str, str] = {spec.name: stage.name for stage in PIPELINE for spec in stage.reads}
"""Which stage reads each topic the workers' consumer group reads (`news.accounts` is read whole by the daemon
and by `ingest --wait`, outside the group)."""
