"""`newswire status`: the workers' throughput, lag and latency in the terminal, for users without Grafana."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console

from agents.broker import running_daemon
from agents.ops.metrics import url
from agents.ops.status import measure, render, watch
from streams.settings import Settings


def status(
    metrics: Annotated[
        list[str] | None,
        typer.Option(
            "--metrics",
            help="A worker's /metrics URL; repeat for several workers (default: the daemon of NEWSWIRE_STATE_DIR, "
            "else this host's NEWSWIRE_METRICS_PORT).",
        ),
    ] = None,
    interval: Annotated[
        float, typer.Option(min=0.1, help="Seconds between refreshes; rates are over this window.")
    ] = 2.0,
    once: Annotated[bool, typer.Option("--once", help="Print one view and exit (1 if no worker answered).")] = False,
) -> None:
    """Show live per-stage throughput, lag and latency from the workers' metrics endpoints."""
    settings = Settings()
    running = running_daemon(settings.state_dir) or {}
    host = str(running.get("metrics_host", settings.metrics_host))
    port = int(str(running.get("metrics_port", settings.metrics_port)))
    urls = metrics or [url(host, port)]
    if not once:
        try:
            watch(urls, interval, Console())
        except KeyboardInterrupt:
            return
        return
    window = measure(urls, interval)
    Console().print(render(window))
    if all(scraped.error is not None for scraped in window.after):
        raise typer.Exit(1)
