"""The clean agent: `news.raw` files in, decoded and extracted documents out on `news.cleaned`."""

from __future__ import annotations

import asyncio

import faust
from faust.types import AgentT
from pebble import ProcessExpired, ProcessPool

from agents.channels import Channels
from agents.crash_guard import CrashGuard
from agents.ops.metrics import timed
from agents.outputs import failure_reason, reject, send
from agents.pool import clean_and_release
from streams import topics
from streams.errors import RejectedInput
from streams.ingest import not_sent_reason, raw_meta, too_large
from streams.records import Document, RawMeta, rejection
from streams.settings import Settings
from streams.split.learned_chrome import source_of

STAGE = "clean"


def register(app: faust.App, ch: Channels, settings: Settings, pool: ProcessPool, guard: CrashGuard) -> AgentT[bytes]:
    """Attach the clean agent to the app; cleaning runs in `pool`, off the event loop, with a time limit."""

    @app.agent(ch[topics.RAW], name=f"newswire.{STAGE}")
    async def clean_files(stream: faust.StreamT[bytes]) -> None:
        async for event in stream.events():
            message = event.message
            value = event.value or b""
            meta = raw_meta(value, event.headers or {}, message.partition, message.offset,
                            int(message.timestamp * 1000))  # fmt: skip
            try:
                refused = not_sent_reason(event.headers or {}) or guard.gave_up(meta["document_id"])
                if refused is not None:
                    raise RejectedInput(refused)
                with timed(STAGE):
                    document = await clean_off_loop(pool, value, meta, settings)
                await send(STAGE, ch[topics.CLEANED], source_of(document), document)
            except Exception as exc:
                await reject(ch[topics.REJECTED], rejection(STAGE, document_id=meta["document_id"],
                             filename=meta["filename"], size=meta["size"], reason=failure_reason(exc)))  # fmt: skip

    return clean_files


async def clean_off_loop(pool: ProcessPool, raw: bytes, meta: RawMeta, settings: Settings) -> Document:
    """Clean one file in a pool process, so deep or huge markup never blocks the event loop or heartbeats.

    A file over the size limit is rejected before any work; one that takes longer than the clean timeout
    is rejected and the process working on it is replaced.
    """
    if meta["size"] > settings.max_file_bytes:
        raise RejectedInput(too_large(meta["size"], settings.max_file_bytes))
    future = pool.schedule(clean_and_release, (raw, meta, settings.max_file_bytes), timeout=settings.clean_timeout)
    try:
        return await asyncio.wrap_future(future)
    except TimeoutError as exc:
        raise RejectedInput(f"timed out: cleaning took over {settings.clean_timeout:g} s") from exc
    except ProcessExpired as exc:
        raise RejectedInput(f"crashed: the cleaning process died on this file (exit code {exc.exitcode})") from exc
