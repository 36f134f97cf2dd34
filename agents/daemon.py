"""`newswire run`: bring up the broker if none is given, create the topics, and run the worker."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import faust

from agents import metrics
from agents.app import create_app
from agents.broker import EmbeddedBroker, clear_broker_file, ensure_topics, write_broker_file
from agents.pool import process_pool
from streams import topics
from streams.settings import Settings

log = logging.getLogger("newswire")
READY = "newswire is ready"
QUIET_LOGGERS = ("faust", "mode", "aiokafka", "kafka", "watchfiles")


def run(settings: Settings, *, watch_inbox: bool = True, joins_embedded: bool = False) -> None:
    """Run one worker until Ctrl-C or SIGTERM; an embedded broker started here is stopped on the way out.

    `joins_embedded` says the broker given is another daemon's embedded tansu.
    """
    embedded: EmbeddedBroker | None = None
    if settings.broker:
        url = settings.broker
        broker_line = f"broker: {url} (external; nothing started)"
    else:
        settings.state_dir.mkdir(parents=True, exist_ok=True)
        embedded = EmbeddedBroker(log_path=settings.state_dir / "tansu.log")
        url = embedded.start()
        write_broker_file(settings.state_dir, url)
        broker_line = f"broker: embedded tansu at {url} (memory only: everything is gone when it stops)"
    pool = process_pool(settings.tag_processes)
    try:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.run_until_complete(ensure_topics(url, topics.ALL, settings.partitions, settings.replication))
        on_tansu = embedded is not None or joins_embedded
        app = create_app(settings, url, pool, watch_inbox=watch_inbox, one_record_batches=on_tansu)
        lines = [broker_line, *_startup_lines(settings, watch_inbox)]

        @app.task  # type: ignore[untyped-decorator]
        async def announce() -> None:
            for name in QUIET_LOGGERS:
                logging.getLogger(name).setLevel(logging.WARNING)
            for line in lines:
                log.info(line)
            log.info(READY)

        metrics.serve(settings.metrics_port, broker="external" if settings.broker else "embedded")
        worker = faust.Worker(app, loop=loop, loglevel="info", quiet=True)
        with contextlib.suppress(SystemExit):
            worker.execute_from_commandline()
    finally:
        pool.shutdown(cancel_futures=True)
        if embedded is not None:
            embedded.stop()
            clear_broker_file(settings.state_dir, url)


def _startup_lines(settings: Settings, watch_inbox: bool) -> list[str]:
    """What a user needs to know at start: topics, metrics, inbox and out folder."""
    names = ", ".join(spec.name for spec in topics.ALL)
    return [
        f"topics ({settings.partitions} partitions each): {names}",
        f"metrics: http://localhost:{settings.metrics_port}/metrics",
        f"inbox: {settings.inbox.resolve()}" if watch_inbox else "inbox: not watched",
        f"out: {settings.out.resolve()}" if settings.out else "out: not written",
        f"tagging with {settings.tag_processes} spaCy processes",
    ]
