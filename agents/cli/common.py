"""What the commands share: the console, the options several commands take, and one-line errors."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console

console = Console(stderr=True)

BrokerOption = Annotated[
    str | None,
    typer.Option(
        "--broker",
        envvar="NEWSWIRE_BROKER",
        show_default="the embedded broker",
        help="kafka://HOST:PORT[,HOST:PORT] of a Kafka cluster.",
    ),
]
OutOption = Annotated[
    Path | None,
    typer.Option(envvar="NEWSWIRE_OUT", show_default="./out", help="Folder the public topics are appended to."),
]
MetricsPortOption = Annotated[
    int | None,
    typer.Option(envvar="NEWSWIRE_METRICS_PORT", show_default="9108", help="Port of the Prometheus /metrics endpoint."),
]
PartitionsOption = Annotated[
    int | None,
    typer.Option(envvar="NEWSWIRE_PARTITIONS", show_default="4", help="Partitions of each topic created."),
]
CorpusOption = Annotated[Path, typer.Option(envvar="NEWSWIRE_CORPUS", help="The shared corpus folder.")]


def quiet_clients() -> None:
    """Keep the Kafka client's own connection warnings off the terminal: failures end in one line of ours."""
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)


def log_to_terminal() -> None:
    """The daemon's log format, on standard error."""
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s %(name)s: %(message)s")


def fail(exc: Exception) -> NoReturn:
    """Print an error a person can act on as one line and exit with status 2."""
    console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
    raise typer.Exit(2) from exc
