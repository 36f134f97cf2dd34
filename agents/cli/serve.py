"""`newswire run` and `newswire worker`: the daemon, and one more worker beside it."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from agents.broker import checked_broker_url, find_broker
from agents.cli.common import (
    BrokerOption,
    MetricsHostOption,
    MetricsPortOption,
    OutOption,
    PartitionsOption,
    fail,
    log_to_terminal,
    with_security,
)
from agents.errors import StartupError
from streams.security import Security
from streams.settings import Settings


@with_security
def run(
    security: Security,
    broker: BrokerOption = None,
    inbox: Annotated[
        Path | None,
        typer.Option(
            envvar="NEWSWIRE_INBOX", show_default="./inbox", file_okay=False, help="Folder watched for files."
        ),
    ] = None,
    out: OutOption = None,
    metrics_port: MetricsPortOption = None,
    metrics_host: MetricsHostOption = None,
    partitions: PartitionsOption = None,
    watch_inbox: Annotated[bool, typer.Option(help="Watch the inbox folder.")] = True,
) -> None:
    """Run the pipeline; with no broker given, on an embedded broker started for the run."""
    from agents import daemon  # the worker loads the stages, spaCy and Faust: other commands start without them
    from agents.ops.recycle import restart_process

    log_to_terminal()
    try:
        settings = Settings(security=security).with_overrides(
            broker=checked_broker_url(broker) if broker else None, inbox=inbox, out=out,
            metrics_port=metrics_port, metrics_host=metrics_host, partitions=partitions,
        )  # fmt: skip
        status = daemon.run(settings, watch_inbox=watch_inbox)
    except StartupError as exc:
        fail(exc)
    if status == daemon.RESTART:
        restart_process()
    raise typer.Exit(status)


@with_security
def worker(
    security: Security,
    broker: BrokerOption = None,
    out: OutOption = None,
    metrics_port: MetricsPortOption = None,
    metrics_host: MetricsHostOption = None,
    partitions: PartitionsOption = None,
) -> None:
    """Join a running pipeline as one more worker: no broker started, no inbox watched."""
    from agents import daemon  # see run

    log_to_terminal()
    settings = Settings(security=security)
    try:
        url = find_broker(broker, settings.state_dir)
        status = daemon.run(
            settings.with_overrides(
                broker=url, out=out, metrics_port=metrics_port, metrics_host=metrics_host, partitions=partitions
            ),
            worker=True,
            joins_embedded=broker is None,
        )
    except StartupError as exc:
        fail(exc)
    raise typer.Exit(status)
