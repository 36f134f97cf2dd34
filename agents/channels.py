"""The Faust topics of one app, one per topic of `streams.topics`: raw bytes in, orjson values everywhere else."""

from __future__ import annotations

import faust
from faust.types import TopicT

from agents import codec
from streams import topics
from streams.topics import TopicSpec


class Channels:
    """Every topic an agent reads or writes, looked up by its spec."""

    def __init__(self, app: faust.App) -> None:
        self._topics: dict[str, TopicT] = {}
        for spec in topics.ALL:
            values = "raw" if spec is topics.RAW else codec.NAME
            self._topics[spec.name] = app.topic(spec.name, key_serializer="raw", value_serializer=values)

    def __getitem__(self, spec: TopicSpec) -> TopicT:
        return self._topics[spec.name]


def build(app: faust.App) -> Channels:
    """Declare the topics on the app."""
    return Channels(app)
