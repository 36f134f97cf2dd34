"""The `newswire` command: run the daemon, send files, read topics, watch the workers, process files in place."""

from __future__ import annotations

import sys
from importlib.machinery import ModuleSpec
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

import typer

from agents.cli import ingest, lab, process, serve, status, tail
from agents.cli.common import say_error
from streams.settings import SettingError

cli = typer.Typer(no_args_is_help=True)


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


cli.command()(serve.run)
cli.command()(serve.worker)
cli.command()(ingest.ingest)
cli.command()(tail.tail)
cli.command()(status.status)
cli.command()(process.process)
cli.command("eval")(lab.evaluate)
cli.add_typer(lab.bench, name="bench")


def main() -> None:
    """Console-script entry point; a wrong setting in the environment ends in one line, whichever command read it."""
    spawned_processes_skip_the_script()
    try:
        cli()
    except SettingError as exc:
        say_error(exc)
        raise SystemExit(2) from exc


def spawned_processes_skip_the_script() -> None:
    """Have the pools' processes start without running this script again, as they would for `python -m`.

    A process started by spawn first runs the parent's main script, unless that main module was named as a
    package's `__main__`: here that meant importing the whole command line (half a second) before the process
    could make itself deaf to Ctrl-C, so a Ctrl-C during start-up printed a traceback from each of them.
    """
    script = sys.modules["__main__"]
    if getattr(script, "__spec__", None) is None:
        script.__spec__ = ModuleSpec("agents.cli.__main__", None)
