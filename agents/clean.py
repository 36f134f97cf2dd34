"""The clean agent: `news.raw` files in, decoded and extracted documents out on `news.cleaned`."""

from __future__ import annotations

from typing import Any

import faust

from agents.channels import Channels
from agents.metrics import timed
from agents.outputs import failure_reason, reject, send
from streams.chrome import source_of
from streams.clean import clean
from streams.ingest import raw_meta

STAGE = "clean"


def register(app: faust.App, ch: Channels) -> Any:
    """Attach the clean agent to the app."""

    @app.agent(ch.raw, name=f"newswire.{STAGE}")
    async def clean_files(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            message = event.message
            value = event.value or b""
            meta = raw_meta(value, event.headers or {}, message.partition, message.offset,
                            int(message.timestamp * 1000))  # fmt: skip
            try:
                with timed(STAGE):
                    document = clean(value, meta)
            except Exception as exc:
                await reject(STAGE, ch.rejected, document_id=meta["document_id"], filename=meta["filename"],
                             size=meta["size"], reason=failure_reason(exc))  # fmt: skip
                continue
            await send(STAGE, ch.cleaned, source_of(document), document)

    return clean_files
