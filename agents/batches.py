"""Batches of a stream's events that count as read only once handled: a stop mid-batch leaves them to be read again."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import TypeVar, cast

import faust
from faust.types import ChannelT, EventT

T = TypeVar("T")
FILL_WAIT = 0.02
"""Longest a batch waits to fill after its first event: under load the events queued while the last batch was
handled fill it at once; when idle an event is handled nearly at once."""


async def handled_batches(
    stream: faust.StreamT[T], most: int, within: float = FILL_WAIT
) -> AsyncIterator[list[EventT[T]]]:
    """Up to `most` events at a time, fewer once `within` seconds passed since the batch's first; each batch is
    acknowledged when the caller asks for the next one.

    Faust's `take` and `take_events` acknowledge a batch even when a stop interrupts its handling, and its records
    were then never handled (a file written out without its ledger note never got an account). Its `noack_take`
    does not, but it looks for a batch every `within` seconds even when none has begun: three such loops woke an
    idle worker 60 times a second. Here the wait for a batch to fill starts with its first event.
    """
    reading = cast("faust.Stream[T]", stream)
    events: list[EventT[T]] = []
    begun, full, room = asyncio.Event(), asyncio.Event(), asyncio.Event()
    room.set()

    async def collect(value: T) -> T:
        """Runs on each event as the stream reads it in the background: add it, or wait while a batch is handled.

        Room is checked again right before the event is added: a wait returns a loop turn after the room opened, and
        a batch may have been taken in that turn; added then, the event would wait in a handled batch's leftovers
        for the next event to come (one article out of 7,000 waited until another file came).
        """
        while not room.is_set():
            if (await reading.wait(room)).stopped:  # type: ignore[arg-type]
                return value  # not added, not acknowledged: read again after the restart
        event = reading.current_event
        if event is None:
            raise RuntimeError(f"{reading} has no current event in its batch processor")
        events.append(event)
        begun.set()
        if len(events) >= most:
            full.set()
            room.clear()
        return value

    reading.enable_acks = False
    reading.add_processor(collect)
    reading._enable_passive(cast("ChannelT[T]", aiter(reading.channel)))
    try:
        while not reading.should_stop:
            await reading.wait_for_stopped(begun)  # type: ignore[arg-type]
            await reading.wait_for_stopped(full, timeout=within)  # type: ignore[arg-type]
            if not events:
                continue
            room.clear()
            batch = list(events)
            events.clear()
            yield batch
            for event in batch:
                await reading.ack(event)
            begun.clear()
            full.clear()
            room.set()
    finally:
        # acks stay off: the stream may read a few more records while it stops, and each would be acknowledged
        # unhandled (a story written out before a SIGTERM then never got its account after the restart)
        reading._processors.remove(collect)
