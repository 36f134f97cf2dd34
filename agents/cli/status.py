"""`newswire status`: the workers' throughput, lag and latency in the terminal, for users without Grafana."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

import typer
from rich.console import Console

from agents.broker import running_daemon
from agents.cli.common import fail, say_error
from agents.errors import StartupError
from agents.ops.metrics import url
from agents.ops.status import measure, render, scrape, watch
from streams.settings import Settings


def metrics_url(given: str) -> str:
    """A `--metrics` value as a URL: a bare `host:port` gains `http://`, and a URL with no path `/metrics`; one that
    names no host and port a worker can listen on is a one-line error with the forms it takes."""
    address = given if "://" in given else f"http://{given}"
    parts = urlsplit(address)
    try:
        port_ok = parts.port is not None or "://" in given  # a URL may leave the port to its scheme
    except ValueError:  # not a number, or out of range
        port_ok = False
    if parts.scheme not in ("http", "https") or not parts.hostname or not port_ok or any(c.isspace() for c in given):
        raise StartupError(f"--metrics {given!r} is not a worker's metrics address: give HOST:PORT (127.0.0.1:9108) "
                           "or a URL (http://127.0.0.1:9108/metrics)")  # fmt: skip
    return address if parts.path.strip("/") else f"{address.rstrip('/')}/metrics"


def status(
    metrics: Annotated[
        list[str] | None,
        typer.Option(
            "--metrics",
            help="A worker's /metrics URL, or its HOST:PORT; repeat for several workers (default: the daemon of "
            "NEWSWIRE_STATE_DIR, else this host's NEWSWIRE_METRICS_PORT).",
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
    try:
        urls = [metrics_url(given) for given in metrics] if metrics else [url(host, port)]
    except StartupError as exc:
        fail(exc)
    if not metrics and not running and (answer := scrape(urls[0])).error is not None:
        fail(StartupError(
            f"no --metrics given, no running `newswire run` found (state folder {settings.state_dir}) and "
            f"{urls[0]} does not answer ({answer.error}): start the daemon, or pass --metrics HOST:PORT"
        ))  # fmt: skip
    if not once:
        try:
            watch(urls, interval, Console())
        except KeyboardInterrupt:
            return
        return
    window = measure(urls, interval)
    if all(scraped.error is not None for scraped in window.after):
        errors = "; ".join(f"{scraped.url}: {scraped.error}" for scraped in window.after)
        say_error(StartupError(f"no worker answered ({errors}): is `newswire run` up, with its metrics there?"))
        raise typer.Exit(1)
    Console().print(render(window))
