"""`newswire run`: bring up the broker if none is given, create the topics, and run the worker."""

from __future__ import annotations

import asyncio
import logging
import socket

import faust

from agents import metrics
from agents.app import create_app
from agents.broker import EmbeddedBroker, clear_broker_file, ensure_topics, write_broker_file
from agents.errors import StartupError
from agents.pool import clean_pool, process_pool
from agents.state import StateLock
from streams import topics
from streams.settings import Settings

log = logging.getLogger("newswire")
READY = "newswire is ready"
QUIET_LOGGERS = ("faust", "mode", "aiokafka", "kafka", "watchfiles")


def run(settings: Settings, *, watch_inbox: bool = True, joins_embedded: bool = False) -> int:
    """Run one worker until Ctrl-C or SIGTERM and return its exit status: 0 when asked to stop, 1 after a crash.

    `joins_embedded` says the broker given is another daemon's embedded tansu. An embedded broker
    started here is stopped on the way out.
    """
    check_port_free(settings.metrics_port)
    with StateLock(settings.state_dir, joins=joins_embedded):
        return _run_locked(settings, watch_inbox=watch_inbox, joins_embedded=joins_embedded)


def _run_locked(settings: Settings, *, watch_inbox: bool, joins_embedded: bool) -> int:
    embedded: EmbeddedBroker | None = None
    if settings.broker:
        url = settings.broker
        broker_line = f"broker: {url} (external; nothing started)"
    else:
        embedded = EmbeddedBroker(log_path=settings.state_dir / "tansu.log")
        url = embedded.start()
        broker_line = f"broker: embedded tansu at {url} (memory only: everything is gone when it stops)"
    if not joins_embedded:
        write_broker_file(settings.state_dir, url, settings.metrics_port)
    pool = process_pool(settings.tag_processes)
    cleaners = clean_pool(1)
    try:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        loop.run_until_complete(ensure_topics(url, topics.ALL, settings))
        on_tansu = embedded is not None or joins_embedded
        app = create_app(settings, url, pool, cleaners, watch_inbox=watch_inbox, one_record_batches=on_tansu)
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
        status = 0
        try:
            worker.execute_from_commandline()
        except SystemExit as stop:
            status = stop.code if isinstance(stop.code, int) else 1
        crash = app.crash_reason or worker.crash_reason
        if crash is not None:
            log.critical("newswire stopped after a crash: %r", crash)
            status = status or 1
        return status
    finally:
        cleaners.stop()  # type: ignore[no-untyped-call]
        pool.shutdown(cancel_futures=True)
        if embedded is not None:
            embedded.stop()
        if not joins_embedded:
            clear_broker_file(settings.state_dir, url)


def check_port_free(port: int) -> None:
    """Refuse to start when the metrics port is taken, before anything is started, naming the remedy."""
    with socket.socket() as sock:
        try:
            sock.bind(("", port))
        except OSError as exc:
            raise StartupError(
                f"metrics port {port} is in use ({exc.strerror}): pass --metrics-port or set NEWSWIRE_METRICS_PORT"
            ) from exc


def _startup_lines(settings: Settings, watch_inbox: bool) -> list[str]:
    """What a user needs to know at start: topics, metrics, inbox and out folder."""
    names = ", ".join(spec.name for spec in topics.ALL)
    return [
        f"topics ({settings.partitions} partitions each): {names}",
        f"metrics: http://localhost:{settings.metrics_port}/metrics",
        f"inbox: {settings.inbox.resolve()}" if watch_inbox else "inbox: not watched",
        f"out: {settings.out.resolve()}" if settings.out else "out: not written",
        f"files up to {settings.max_file_bytes:,} bytes (NEWSWIRE_MAX_FILE_BYTES); larger ones are rejected",
        f"tagging with {settings.tag_processes} spaCy processes",
    ]
