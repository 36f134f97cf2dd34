"""The Faust topic objects of one app, built from the specs in streams.topics."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import faust

from agents import codec
from streams import topics


@dataclass(frozen=True, slots=True)
class Channels:
    """Every topic an agent reads or writes."""

    raw: Any
    cleaned: Any
    articles: Any
    dedup_bands: Any
    dedup_answers: Any
    unique: Any
    enriched: Any
    duplicates: Any
    rejected: Any
    outcomes: Any
    accounts: Any


def build(app: faust.App) -> Channels:
    """Declare the topics on the app: raw bytes in, orjson values everywhere else."""

    def json_topic(spec: topics.TopicSpec) -> Any:
        return app.topic(spec.name, key_serializer="raw", value_serializer=codec.NAME)

    return Channels(
        raw=app.topic(topics.RAW.name, key_serializer="raw", value_serializer="raw"),
        cleaned=json_topic(topics.CLEANED),
        articles=json_topic(topics.ARTICLES),
        dedup_bands=json_topic(topics.DEDUP_BANDS),
        dedup_answers=json_topic(topics.DEDUP_ANSWERS),
        unique=json_topic(topics.UNIQUE),
        enriched=json_topic(topics.ENRICHED),
        duplicates=json_topic(topics.DUPLICATES),
        rejected=json_topic(topics.REJECTED),
        outcomes=json_topic(topics.OUTCOMES),
        accounts=json_topic(topics.ACCOUNTS),
    )
