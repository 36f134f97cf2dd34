"""The `newswire` command: run the daemon, ingest files, tail topics."""

from __future__ import annotations

import asyncio
import logging
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Annotated, NoReturn

import typer
from rich.console import Console
from rich.table import Table

from agents import daemon
from agents.broker import checked_broker_url, find_broker, running_daemon
from agents.errors import StartupError
from agents.producer import expand, send_files
from agents.recycle import restart_process
from agents.status import measure, render, watch
from agents.tail import tail as tail_topic
from streams.evaluation import registry
from streams.settings import Settings

cli = typer.Typer(no_args_is_help=True)
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


def show_version(value: bool) -> None:
    """Print newswire's version and exit."""
    if value:
        try:
            number = version("newswire")
        except PackageNotFoundError:
            number = "unknown (not installed)"
        typer.echo(f"newswire {number}")
        raise typer.Exit


@cli.callback()
def options(
    version: Annotated[
        bool, typer.Option("--version", callback=show_version, is_eager=True, help="Print the version and exit.")
    ] = False,
) -> None:
    """Stream-processing ingestion daemon for news on Kafka: clean, split, deduplicate and tag news files."""


@cli.command()
def run(
    broker: BrokerOption = None,
    inbox: Annotated[
        Path | None, typer.Option(envvar="NEWSWIRE_INBOX", show_default="./inbox", help="Folder watched for files.")
    ] = None,
    out: OutOption = None,
    metrics_port: MetricsPortOption = None,
    partitions: PartitionsOption = None,
    watch_inbox: Annotated[bool, typer.Option(help="Watch the inbox folder.")] = True,
) -> None:
    """Run the pipeline; with no broker given, on an embedded broker started for the run."""
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s %(name)s: %(message)s")
    try:
        settings = Settings().with_overrides(
            broker=checked_broker_url(broker) if broker else None, inbox=inbox, out=out,
            metrics_port=metrics_port, partitions=partitions,
        )  # fmt: skip
        status = daemon.run(settings, watch_inbox=watch_inbox)
    except StartupError as exc:
        fail(exc)
    if status == daemon.RESTART:
        restart_process()
    raise typer.Exit(status)


@cli.command()
def worker(
    broker: BrokerOption = None,
    out: OutOption = None,
    metrics_port: MetricsPortOption = None,
    partitions: PartitionsOption = None,
) -> None:
    """Join a running pipeline as one more worker: no broker started, no inbox watched."""
    logging.basicConfig(level=logging.INFO, format="[%(asctime)s] %(levelname)s %(name)s: %(message)s")
    settings = Settings()
    try:
        url = find_broker(broker, settings.state_dir)
        status = daemon.run(
            settings.with_overrides(broker=url, out=out, metrics_port=metrics_port, partitions=partitions),
            worker=True,
            joins_embedded=broker is None,
        )
    except StartupError as exc:
        fail(exc)
    raise typer.Exit(status)


def quiet_clients() -> None:
    """Keep the Kafka client's own connection warnings off the terminal: failures end in one line of ours."""
    logging.getLogger("aiokafka").setLevel(logging.CRITICAL)


def fail(exc: Exception) -> NoReturn:
    """Print an error a person can act on as one line and exit with status 2."""
    console.print(f"[red]error:[/red] {exc}", highlight=False, soft_wrap=True)
    raise typer.Exit(2) from exc


@cli.command()
def ingest(
    paths: Annotated[list[Path], typer.Argument(help="Files, or folders to send recursively.")],
    broker: BrokerOption = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait until every file sent has its account, and print what became of them.")
    ] = False,
    timeout: Annotated[
        float, typer.Option(help="With --wait: give up after this many seconds without a new account.")
    ] = 600.0,
    crawled_at: Annotated[
        datetime | None,
        typer.Option(help="When the files were fetched (ISO 8601); relative ages are resolved against it."),
    ] = None,
    content_type: Annotated[
        str | None, typer.Option(help="Content type of every file, e.g. text/html (default: guessed from the name).")
    ] = None,
) -> None:
    """Send files to news.raw, each under an ingest id of its own."""
    quiet_clients()
    settings = Settings()
    try:
        url = find_broker(broker, settings.state_dir)
        files = list(expand(paths))
        when = crawled_at.replace(tzinfo=crawled_at.tzinfo or UTC) if crawled_at else None
        summary = asyncio.run(send_files(url, files, settings, wait=wait, timeout=timeout, crawled_at=when,
                                         content_type=content_type))  # fmt: skip
    except (StartupError, FileNotFoundError) as exc:
        fail(exc)
    console.print(f"sent {summary.sent} files ({summary.sent_bytes:,} bytes) to news.raw at {url}")
    if not wait:
        return
    rejected = ", ".join(f"{count} {reason}" for reason, count in summary.rejected.most_common()) or "none"
    console.print(
        f"accounted for {summary.files} of {summary.sent} files in {summary.seconds:.1f} s: {summary.articles} "
        f"articles, {summary.enriched} enriched, {summary.duplicates} duplicates; rejected: {rejected}",
        soft_wrap=True,
    )
    if summary.waiting:
        shown = ", ".join(summary.waiting[:5]) + (" ..." if len(summary.waiting) > 5 else "")
        console.print(f"[red]no account[/red] after {timeout:g} s for {len(summary.waiting)} files: {shown}")
        raise typer.Exit(1)


@cli.command()
def tail(
    topic: Annotated[str, typer.Argument(help="Topic to print, e.g. news.enriched.")],
    from_beginning: Annotated[bool, typer.Option("--from-beginning", help="Start at the oldest record.")] = False,
    limit: Annotated[int | None, typer.Option(help="Stop after this many records.")] = None,
    timeout: Annotated[float | None, typer.Option(help="Stop after this many seconds with no record.")] = None,
    broker: BrokerOption = None,
) -> None:
    """Print a topic's records, one JSON object per line."""
    quiet_clients()
    try:
        url = find_broker(broker, Settings().state_dir)
        asyncio.run(tail_topic(url, topic, from_beginning=from_beginning, limit=limit, timeout=timeout))
    except StartupError as exc:
        fail(exc)


@cli.command()
def status(
    metrics: Annotated[
        list[str] | None,
        typer.Option(
            "--metrics",
            help="A worker's /metrics URL; repeat for several workers (default: the daemon of NEWSWIRE_STATE_DIR, "
            "else this host's NEWSWIRE_METRICS_PORT).",
        ),
    ] = None,
    interval: Annotated[float, typer.Option(help="Seconds between refreshes; rates are over this window.")] = 2.0,
    once: Annotated[bool, typer.Option("--once", help="Print one view and exit (1 if no worker answered).")] = False,
) -> None:
    """Show live per-stage throughput, lag and latency from the workers' metrics endpoints."""
    settings = Settings()
    running = running_daemon(settings.state_dir)
    port = running.get("metrics_port", settings.metrics_port) if running else settings.metrics_port
    urls = metrics or [f"http://localhost:{port}/metrics"]
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


@cli.command("eval")
def evaluate(
    areas: Annotated[list[str] | None, typer.Argument(help="Areas to evaluate (default: all).")] = None,
    corpus: Annotated[Path, typer.Option(envvar="NEWSWIRE_CORPUS", help="The shared corpus folder.")] = Path(
        "../shared/corpus"
    ),
) -> None:
    """Print every accuracy and speed figure measured on the shared corpus; exit 1 if a target is missed."""
    chosen = areas or list(registry.AREAS)
    unknown = sorted(set(chosen) - set(registry.AREAS))
    if unknown or not corpus.is_dir():
        console.print(f"[red]error:[/red] unknown areas {unknown} or no corpus at {corpus}")
        raise typer.Exit(2)
    table = Table("area", "figure", "value", "target", "met")
    missed = 0
    for figure in registry.evaluate(chosen, corpus):
        target = "" if figure.target is None else f"{'≥' if figure.higher_is_better else '≤'} {figure.target:g}"
        mark = {None: "", True: "[green]yes[/green]", False: "[red]no[/red]"}[figure.met]
        missed += figure.met is False
        value = f"{figure.value:.4g} {figure.unit}".strip()
        console.print(f"{figure.area}: {figure.name} = {value}")
        table.add_row(figure.area, figure.name, value, target, mark)
    Console().print(table)
    if missed:
        raise typer.Exit(1)


bench = typer.Typer(help="Speed measurements on the shared corpus.", no_args_is_help=True)
cli.add_typer(bench, name="bench")


@bench.command("tag")
def bench_tag(
    articles: Annotated[int, typer.Option(help="Articles per round, cycling through the corpus texts.")] = 300,
    rounds: Annotated[int, typer.Option(help="Turns of spaCy alone then the stage, summed.")] = 2,
    minutes: Annotated[
        float, typer.Option(help="Soak instead: keep the stage under full load this long and count rebalances.")
    ] = 0.0,
    processes: Annotated[int | None, typer.Option(help="Tag processes (default: NEWSWIRE_TAG_PROCESSES).")] = None,
    batch: Annotated[int | None, typer.Option(help="Articles per NER batch (default: NEWSWIRE_TAG_BATCH).")] = None,
    corpus: Annotated[Path, typer.Option(envvar="NEWSWIRE_CORPUS", help="The shared corpus folder.")] = Path(
        "../shared/corpus"
    ),
) -> None:
    """Print words/s of spaCy alone and of the tag stage through a real daemon, and their ratio; or soak it."""
    from agents import bench_tag as measure_tag  # noqa: PLC0415 (loads spaCy, which other commands do not need)

    settings = Settings()
    workers, size = processes or settings.tag_processes, batch or settings.tag_batch
    if minutes > 0:
        result = measure_tag.soak(corpus, minutes, workers, size, console.print)
        Console().print(
            f"soak: {result.seconds / 60:.1f} min, {result.articles} articles, "
            f"{result.words / result.seconds:,.0f} words/s, rebalances after start-up: {result.rebalances:g}"
        )
        return
    speed = measure_tag.throughput(corpus, articles, workers, size, rounds)
    Console().print(
        f"{speed.articles} articles ({rounds} rounds), {speed.words:,} words, {workers} processes, batches of {size}\n"
        f"spaCy alone, nlp.pipe(n_process={workers}), ner only: {speed.rate(speed.spacy_seconds):,.0f} words/s\n"
        f"spaCy alone, nlp.pipe in {workers} warm workers: {speed.rate(speed.workers_seconds):,.0f} words/s\n"
        f"tag stage, daemon news.unique -> news.enriched: {speed.rate(speed.stage_seconds):,.0f} words/s\n"
        f"ratio to nlp.pipe(n_process): {speed.ratio(speed.spacy_seconds):.2f}\n"
        f"ratio to warm workers: {speed.ratio(speed.workers_seconds):.2f}"
    )


@bench.command("dedup")
def bench_dedup(
    sizes: Annotated[str, typer.Option(help="Index sizes to measure at, comma-separated.")] = "10000,100000,1000000",
    sample: Annotated[int, typer.Option(help="Articles timed at each size.")] = 2000,
    restore: Annotated[int, typer.Option(help="Remembered articles a restarted worker restores (0: skip).")] = 100_000,
    corpus: Annotated[Path, typer.Option(envvar="NEWSWIRE_CORPUS", help="The shared corpus folder.")] = Path(
        "../shared/corpus"
    ),
) -> None:
    """Print dedup's time per article and memory as its index grows, and a worker's restore time."""
    from agents import bench_dedup as measure_dedup  # noqa: PLC0415 (starts brokers, which other commands do not)
    from streams.evaluation.dedup_scale import run as scale  # noqa: PLC0415

    table = Table("articles", "p50 CPU µs", "p99 CPU µs", "p50 ×", "p99 ×", "RSS MB", "B/article RSS",
                  "B/article tables", "msgs/article")  # fmt: skip
    first = None
    for point in scale(corpus, tuple(int(size) for size in sizes.split(",")), sample):
        first = first or point
        console.print(f"{point.remembered:,} articles remembered: p50 {point.p50_us:.0f} µs")
        table.add_row(f"{point.remembered:,}", f"{point.p50_us:.0f}", f"{point.p99_us:.0f}",
                      f"{point.p50_us / first.p50_us:.2f}", f"{point.p99_us / first.p99_us:.2f}",
                      f"{point.rss_bytes / 2**20:,.0f}", f"{point.bytes_per_article:,.0f}",
                      f"{point.table_bytes_per_article:,.0f}", f"{point.messages_per_article:.1f}")  # fmt: skip
    Console().print(table)
    if restore:
        result = measure_dedup.restore(corpus, restore)
        Console().print(
            f"restore: {result.articles:,} remembered articles ({result.records:,} table entries): worker flags "
            f"copies {result.seconds:.1f} s after start; {result.empty_seconds:.1f} s with an empty index "
            f"(restore itself: {result.seconds - result.empty_seconds:.1f} s)"
        )


def main() -> None:
    """Console-script entry point."""
    cli()
