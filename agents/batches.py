"""Batches of a stream's events that count as read only once handled: a stop mid-batch leaves them to be read again."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import TypeVar, cast

import faust
from faust.types import EventT

T = TypeVar("T")


async def handled_batches(stream: faust.StreamT[T], most: int, within: float) -> AsyncIterator[list[EventT[T]]]:
    """Up to `most` events at a time (fewer after `within` seconds), each batch acknowledged when the caller asks for
    the next one. Faust's `take` and `take_events` acknowledge a batch even when a stop interrupts its handling, and
    its records were then never handled (a file written out without its ledger note never got an account)."""
    async for taken in cast("faust.Stream[T]", stream).noack_take(most, within=within):
        events = cast("list[EventT[T]]", taken)
        yield events
        for event in events:
            await stream.ack(event)
