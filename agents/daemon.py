"""`newswire run`: bring up the broker if none is given, create the topics, and run the worker."""

from __future__ import annotations

import asyncio
import errno
import logging
import os
import signal
import socket
import threading
from concurrent.futures import Future
from pathlib import Path

import faust

from agents.app import Broker, create_app
from agents.broker import EmbeddedBroker, clear_broker_file, ensure_changelogs, ensure_topics, write_broker_file
from agents.errors import BrokerError, StartupError
from agents.fetching import FetchPacer
from agents.folders import check_writable
from agents.ops import metrics
from agents.ops.log_escapes import ControlEscaped
from agents.ops.log_repeats import RepeatsOnce
from agents.ops.log_tracebacks import TracebacksCut
from agents.ops.recycle import Recycler, restart_process
from agents.ops.sensor import MetricsSensor
from agents.pool import clean_pool, stop_pools, tag_pool, warm
from agents.state import StateLock
from agents.tables import check_layout, start_life
from streams import split, topics
from streams.ledger import counted
from streams.settings import LOOPBACK, Settings

log = logging.getLogger("newswire")
READY = "newswire is ready"
QUIET_LOGGERS = ("faust", "mode", "aiokafka", "kafka", "watchfiles", FetchPacer.__module__, MetricsSensor.__module__)
"""Libraries, and the Faust services of ours that log as theirs do (starting, stopping), heard from at warnings."""
RESTART = 75
"""What `run` returns when the daemon stopped to start again with a new embedded broker (see `agents.ops.recycle`)."""
STOP_SECONDS = 9.0
"""Longest a stop asked for by SIGTERM or SIGINT may take before the process exits regardless."""


def run(settings: Settings, *, watch_inbox: bool = True, worker: bool = False, joins_embedded: bool = False) -> int:
    """Run the daemon, or with `worker` one more worker, until Ctrl-C or SIGTERM; return the exit status.

    The status is 0 when asked to stop and 1 after a crash. The daemon starts the embedded broker when no
    broker is given (and stops it on the way out), follows the accounts and watches the inbox; a worker
    does neither. `joins_embedded` says the broker given is another daemon's embedded tansu: such a worker
    keeps its tables in memory and takes no state folder of its own.
    """
    if not settings.broker and settings.security.protocol != "PLAINTEXT":
        raise StartupError(
            f"security protocol {settings.security.protocol} is for a Kafka cluster, and the embedded broker speaks "
            "PLAINTEXT only: pass --broker kafka://HOST:PORT, or unset NEWSWIRE_SECURITY_PROTOCOL"
        )
    with StateLock(settings.state_dir, joins=joins_embedded):  # first: a second daemon here is the likelier mistake
        if watch_inbox and not worker:
            check_writable(settings.inbox, "inbox", "NEWSWIRE_INBOX or --inbox")
        if settings.out is not None:
            check_writable(settings.out, "out folder", "NEWSWIRE_OUT or --out")
        port = check_port_free(settings.metrics_host, settings.metrics_port)
        settings = settings.with_overrides(metrics_port=port)  # port 0 asks for any: the startup lines name the one
        return _run_locked(settings, watch_inbox=watch_inbox and not worker, worker=worker,
                           joins_embedded=joins_embedded)  # fmt: skip


def _run_locked(settings: Settings, *, watch_inbox: bool, worker: bool, joins_embedded: bool) -> int:
    embedded: EmbeddedBroker | None = None
    if settings.broker:
        url = settings.broker
        broker_line = f"broker: {url} (external; nothing started; {settings.security.describe()})"
    else:
        embedded = EmbeddedBroker(log_path=settings.state_dir / "tansu.log")
        url = embedded.start()
        broker_line = (f"broker: embedded tansu at {url} (memory only: its topics are gone when it stops; "
                       f"restarted when idle above {settings.embedded_memory_mb} MB)")  # fmt: skip
    pool = tag_pool(settings.tag_processes)
    cleaners = clean_pool(1)
    try:
        # the pools load their models while the broker and the worker start; the split stage, which runs here,
        # builds its place indexes first (in a thread beside the start they left the worker 20-30 MB larger)
        warming = [*warm(pool, settings.tag_processes), *warm(cleaners, 1)]
        split.warm_up()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        cluster_id = loop.run_until_complete(ensure_topics(url, topics.ALL, settings))
        broker = Broker(url, cluster_id, tansu=embedded is not None or joins_embedded)
        recycler = Recycler(embedded.memory, settings.embedded_memory_mb << 20) if embedded is not None else None
        app = create_app(settings, broker, pool, cleaners, watch_inbox=watch_inbox, keep_tables=not joins_embedded,
                         follow_accounts=not worker, recycler=recycler)  # fmt: skip
        changelogs = [table.changelog_topic.get_topic_name() for table in app.tables.values()]
        loop.run_until_complete(ensure_changelogs(url, changelogs, settings))
        tables = Path(app.conf.tabledir) if not joins_embedded else None
        if tables is not None:
            check_layout(tables, settings.partitions)
        if tables is not None and start_life(tables, cluster_id):
            log.info("tables in %s: the broker is new to them (the embedded one starts empty each time), so they "
                     "follow its changelogs from their start", tables)  # fmt: skip
        if not worker:
            write_broker_file(settings.state_dir, url, settings.metrics_host, settings.metrics_port)
        if embedded is not None:
            _watch_broker(app, embedded, settings.state_dir / "tansu.log")
        _announce(app, [broker_line, *_startup_lines(settings, watch_inbox, tables, broker.tansu)], warming)
        metrics.serve(
            settings.metrics_host, settings.metrics_port, broker="external" if settings.broker else "embedded"
        )
        status = _work(app, loop, recycler)
        return RESTART if status == 0 and recycler is not None and recycler.requested else status
    finally:
        stop_pools(cleaners, pool)
        if embedded is not None:
            embedded.stop()
        if not worker:
            clear_broker_file(settings.state_dir, url)


def _work(app: faust.App, loop: asyncio.AbstractEventLoop, recycler: Recycler | None) -> int:
    """Run the Faust worker until it stops; its exit status: 0 when asked to stop, 1 after a crash."""
    worker = Worker(app, loop=loop, loglevel="info", quiet=True)
    worker.recycler = recycler
    status = 0
    try:
        worker.execute_from_commandline()
    except SystemExit as stop:
        status = stop.code if isinstance(stop.code, int) else 1
    crash = app.crash_reason or worker.crash_reason
    if crash is not None:
        log.critical("newswire stopped after a crash: %s", crash if isinstance(crash, StartupError) else repr(crash))
        status = status or 1
    else:
        log.info("newswire stopped")
    return status


def _announce(app: faust.App, lines: list[str], warming: list[Future[None]]) -> None:
    """Once the worker is up and its pool processes have loaded their models: say what the user needs to know, and
    that it is ready."""

    @app.task  # type: ignore[untyped-decorator]
    async def announce() -> None:
        await asyncio.gather(*map(asyncio.wrap_future, warming))
        for line in lines:
            log.info(line)
        log.info(READY)


def _watch_broker(app: faust.App, embedded: EmbeddedBroker, log_path: Path) -> None:
    """Crash the daemon (exit status 1, for its supervisor to restart it) if its embedded broker dies."""

    @app.timer(1.0)  # type: ignore[untyped-decorator]
    async def broker_alive() -> None:
        code = embedded.exit_code()
        if code is not None:
            remedy = "start newswire run again, and the inbox's files without an account are sent again"
            await app.crash(BrokerError(f"the embedded broker stopped ({_ended(code)}; its log: {log_path}): {remedy}"))


def _ended(code: int) -> str:
    """How a process ended, from its exit code (negative: the signal that killed it)."""
    if code >= 0:
        return f"exit code {code}"
    try:
        return f"killed by {signal.Signals(-code).name}"
    except ValueError:  # a real-time signal has no name
        return f"killed by signal {-code}"


class Worker(faust.Worker):
    """Faust's worker, made to exit within `STOP_SECONDS` of SIGTERM, SIGINT or a crash whatever holds up its stop."""

    recycler: Recycler | None = None
    _watchdog: threading.Timer | None = None
    _tracebacks: TracebacksCut | None = None

    def on_setup_root_logger(self, logger: logging.Logger, level: int) -> None:
        """Faust's set-up, then the libraries' warnings and errors only (Faust's start alone logged some two hundred
        lines of its services starting, above the few a user needs), the Kafka client's repeated complaints held
        back (see `log_repeats`), control characters in newswire's lines escaped (see `log_escapes`), the libraries'
        tracebacks cut to a line while stopping (see `log_tracebacks`), and a thread's traceback logged as one record
        (Faust's worker would log it a line at a time, as text written to stderr)."""
        super().on_setup_root_logger(logger, level)
        for name in QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.WARNING)
        repeats, escaped, self._tracebacks = RepeatsOnce(), ControlEscaped(), TracebacksCut()
        for handler in logger.handlers:
            handler.addFilter(repeats)
            handler.addFilter(escaped)
            handler.addFilter(self._tracebacks)
        threading.excepthook = log_thread_error

    def _schedule_shutdown(self, signal: signal.Signals) -> None:
        self._bound_stop(signal.name)
        super()._schedule_shutdown(signal)

    def stop_and_shutdown(self) -> None:
        """Faust's stop once the worker's run has ended: bounded too, as a crash ends the run without a signal."""
        self._bound_stop("the crash" if self.crash_reason or self.app.crash_reason else "the run ended")
        super().stop_and_shutdown()

    def _bound_stop(self, cause: str) -> None:
        """Start the clock on the stop, once: `_forced_exit` ends the process if it has not ended `STOP_SECONDS` on."""
        if self._watchdog is None:
            log.info("stopping (%s), within %g s", cause, STOP_SECONDS)
            if self._tracebacks is not None:
                self._tracebacks.stopping = True
            self._watchdog = threading.Timer(STOP_SECONDS, self._forced_exit, args=(cause,))
            self._watchdog.daemon = True
            self._watchdog.start()

    def _forced_exit(self, name: str) -> None:
        """End the process now (or start it again, when a restart was asked for): the stop took too long."""
        log.error("still stopping %g s after %s: exiting now", STOP_SECONDS, name)
        if self.recycler is not None and self.recycler.requested:
            restart_process()
        logging.shutdown()
        os._exit(1)


def log_thread_error(args: threading.ExceptHookArgs) -> None:
    """Log an exception that ended a thread as one record, traceback included."""
    if args.exc_type is SystemExit:
        return
    name = args.thread.name if args.thread is not None else "a thread"
    if issubclass(args.exc_type, asyncio.CancelledError):  # a client's thread whose loop the stopping worker ended
        log.warning("thread %s was cancelled", name)
        return
    log.error("exception in thread %s", name, exc_info=args.exc_value)


def check_port_free(host: str, port: int) -> int:
    """Refuse to start when the metrics address is taken or not this host's, before anything starts, naming the
    remedy; return the port, for port 0 one that is free now."""
    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
        with socket.socket(family) as sock:
            sock.bind((host, port))
            return int(sock.getsockname()[1])
    except OSError as exc:
        problem = (
            f"metrics port {port} is in use on {host}"
            if exc.errno == errno.EADDRINUSE
            else (f"cannot serve metrics on {host}:{port} ({exc.strerror or exc})")
        )
        raise StartupError(
            f"{problem}: pass --metrics-port or --metrics-host, or set NEWSWIRE_METRICS_PORT or NEWSWIRE_METRICS_HOST"
        ) from exc


def _startup_lines(settings: Settings, watch_inbox: bool, tables: Path | None, tansu: bool) -> list[str]:
    """What a user needs to know at start: topics, metrics, inbox and out folder, where state is kept."""
    names = ", ".join(spec.name for spec in topics.ALL)
    shape = f"{counted(settings.partitions, 'partition')}, {counted(settings.replication, 'replica')}"
    kept = "until the broker stops (tansu keeps no retention)" if tansu else f"{settings.retention_hours:g} h"
    return [
        f"tables (dedup, learned chrome, ledger): {tables}" if tables else "tables: in memory, from their changelogs",
        f"topics ({shape}, records kept {kept}): {names}",
        f"metrics: {metrics.url(settings.metrics_host, settings.metrics_port)}"
        + (" (this host only: --metrics-host 0.0.0.0 opens it)" if settings.metrics_host == LOOPBACK else ""),
        f"inbox: {settings.inbox.resolve()}" if watch_inbox else "inbox: not watched",
        f"out: {settings.out.resolve()}" if settings.out else "out: not written",
        f"files up to {settings.max_file_bytes:,} bytes (NEWSWIRE_MAX_FILE_BYTES); larger ones are rejected",
        f"tagging with {settings.tag_processes} spaCy processes",
    ]
