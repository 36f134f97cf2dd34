"""Out-folder sinks: the public topics appended to `<out>/<topic>.jsonl`, for users without a consumer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import faust
import orjson

from agents.channels import Channels


def register(app: faust.App, ch: Channels, out: Path) -> list[Any]:
    """Attach one appending agent per public output topic."""
    out.mkdir(parents=True, exist_ok=True)
    return [_sink(app, topic, out) for topic in (ch.enriched, ch.duplicates, ch.rejected)]


def _sink(app: faust.App, topic: Any, out: Path) -> Any:
    name = topic.get_topic_name()
    path = out / f"{name}.jsonl"

    @app.agent(topic, name=f"newswire.sink.{name}")
    async def append(stream: faust.StreamT[Any]) -> None:
        async for batch in stream.take(200, within=0.2):
            with path.open("ab") as file:
                file.write(b"".join(orjson.dumps(value) + b"\n" for value in batch))

    return append
