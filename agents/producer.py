"""`newswire ingest`: send files to `news.raw` with their headers, showing progress as the broker acks."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from aiokafka import AIOKafkaProducer
from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TimeRemainingColumn, TransferSpeedColumn

from streams import topics
from streams.ingest import file_headers
from streams.settings import kafka_bootstrap

MAX_MESSAGE_BYTES = 16 * 1024 * 1024


def expand(paths: Iterable[Path]) -> Iterator[Path]:
    """Files named, and files inside folders named (recursively, hidden ones skipped), in a stable order."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden:
                    yield child
        elif path.is_file():
            yield path
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")


async def send_files(broker_url: str, files: list[Path], show_progress: bool = True) -> tuple[int, int]:
    """Produce each file to `news.raw`, waiting for every ack; return files and bytes sent."""
    producer = AIOKafkaProducer(
        bootstrap_servers=kafka_bootstrap(broker_url), acks="all", max_request_size=MAX_MESSAGE_BYTES
    )
    await producer.start()
    sent_bytes = 0
    columns = (TextColumn("{task.description}"), BarColumn(), DownloadColumn(),
               TransferSpeedColumn(), TimeRemainingColumn())  # fmt: skip
    try:
        with Progress(*columns, disable=not show_progress) as progress:
            total = sum(path.stat().st_size for path in files)
            task = progress.add_task(f"0/{len(files)} files", total=total)
            for done, path in enumerate(files, start=1):
                data = path.read_bytes()
                await producer.send_and_wait(topics.RAW.name, data, headers=file_headers(path))
                sent_bytes += len(data)
                progress.update(task, advance=len(data), description=f"{done}/{len(files)} files")
    finally:
        await producer.stop()
    return len(files), sent_bytes
