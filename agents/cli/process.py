"""`newswire process`: the whole pipeline on files in this process, no broker: the records the daemon would give."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import orjson
import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from agents.cli.common import console, fail
from agents.cli.ingest import listed, read_file
from agents.errors import StartupError
from agents.folders import check_writable
from agents.stages.sinks import append_records
from streams import topics
from streams.ledger import counted


def process(
    paths: Annotated[list[Path], typer.Argument(help="Files, or folders to read recursively, in order.")],
    out: Annotated[
        Path | None,
        typer.Option(help="Write out/<topic>.jsonl as the daemon does, instead of articles on standard output."),
    ] = None,
) -> None:
    """Clean, split, deduplicate and tag files in this process; print the articles as JSON lines."""
    from streams.testing import InProcess  # the stages load spaCy and more: only this command needs them

    try:
        files = listed(paths)
        if out is not None:
            check_writable(out, "out folder", "--out")
    except (StartupError, FileNotFoundError) as exc:
        fail(exc)
    pipeline = InProcess()
    unreadable: Exception | None = None
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), console=console,
                  transient=True, disable=not console.is_terminal) as progress:  # fmt: skip
        task = progress.add_task("files", total=len(files))
        for file in files:
            try:
                pipeline.file(file.name, read_file(file.path, sys.maxsize)[1])  # the clean stage judges the size
            except (StartupError, FileNotFoundError) as exc:
                unreadable = exc
                break
            progress.advance(task)
    if unreadable is not None:  # said once the progress bar is gone, on a line of its own
        fail(unreadable)
    if out is not None:
        out.mkdir(parents=True, exist_ok=True)
        append_records(out / f"{topics.ENRICHED.name}.jsonl", list(pipeline.enriched))
        append_records(out / f"{topics.DUPLICATES.name}.jsonl", list(pipeline.duplicates))
        append_records(out / f"{topics.REJECTED.name}.jsonl", list(pipeline.rejected))
    else:
        for record in [*pipeline.enriched, *pipeline.duplicates]:
            sys.stdout.buffer.write(orjson.dumps(record) + b"\n")
        for rejection in pipeline.rejected:
            console.print(f"rejected {rejection['filename']}: {rejection['reason']}", highlight=False)
    console.print(f"{counted(len(files), 'file')}: {counted(len(pipeline.enriched), 'article')} enriched, "
                  f"{counted(len(pipeline.duplicates), 'duplicate')}, {len(pipeline.rejected)} rejected",
                  highlight=False)  # fmt: skip
