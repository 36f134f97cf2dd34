"""`newswire ingest`: send files to `news.raw`, and with `--wait`, follow them until each has its account."""

from __future__ import annotations

import asyncio
import time
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer
from aiokafka import AIOKafkaProducer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from agents import kafka
from agents.accounts import AccountReader
from agents.broker import find_broker
from agents.cli.common import BrokerOption, console, fail, quiet_clients, with_security
from agents.errors import StartupError
from agents.group_watch import GroupWatch
from streams import topics
from streams.ingest import file_headers, ingest_document_id
from streams.ledger import Account, counted
from streams.security import Security
from streams.settings import Settings, kafka_options

WAIT_SECONDS = 600.0
"""How long `--wait` waits for a new account before naming the files still without one."""
IN_FLIGHT = 32
"""Files sent before the first acknowledgement is awaited, so a crawl is not sent one round trip at a time."""


@dataclass(frozen=True, slots=True)
class Named:
    """A file to send, with the name its records keep: its path under the folder named (`sub/a.txt`), or its own."""

    path: Path
    name: str


def expand(paths: Iterable[Path]) -> Iterator[Named]:
    """Files named, and files inside folders named (recursively, hidden ones skipped), in a stable order; a path that
    cannot even be looked at (a name too long) is a one-line error."""
    for path in paths:
        try:
            path.lstat()
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise StartupError(f"cannot read {path}: {exc.strerror}") from exc
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                under = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in under.parts):
                    yield Named(child, under.as_posix())
        elif path.is_file():
            yield Named(path, path.name)
        elif path.exists() or path.is_symlink():
            raise FileNotFoundError(f"not a file or folder that can be read: {path} (a FIFO, device, socket or "
                                    "broken or looping link)")  # fmt: skip
        else:
            raise FileNotFoundError(f"no such file or folder: {path}")


def listed(paths: list[Path]) -> list[Named]:
    """The files of `expand`; none at all is a one-line error, since a command given only empty folders is a slip."""
    files = list(expand(paths))
    if not files:
        named = ", ".join(str(path) for path in paths)
        raise FileNotFoundError(f"no files in {named} (files and folders whose names start with a dot are skipped)")
    return files


def check_readable(files: list[Named]) -> None:
    """Refuse, before anything is sent, files that cannot be read, so a send stops half way only when a file changes
    meanwhile."""
    for file in files:
        try:
            with file.path.open("rb") as opened:
                opened.read(1)
        except OSError as exc:
            raise StartupError(f"cannot read {file.path}: {exc.strerror}; nothing was sent") from exc


def read_file(path: Path, max_bytes: int) -> tuple[int, bytes]:
    """A file's size and bytes (none when over `max_bytes`); one that cannot be read is a one-line error."""
    try:
        size = path.stat().st_size
        return size, b"" if size > max_bytes else path.read_bytes()
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise StartupError(f"cannot read {path}: {exc.strerror}") from exc


@dataclass
class Summary:
    """What became of the files sent: accounted ones by outcome, and those still without an account."""

    sent: int = 0
    sent_bytes: int = 0
    seconds: float = 0.0
    files: int = 0
    articles: int = 0
    enriched: int = 0
    duplicates: int = 0
    rejected: Counter[str] = field(default_factory=Counter)
    waiting: list[str] = field(default_factory=list)
    given_up: str | None = None
    """Why waiting stopped before `--timeout` ran out: no worker or no broker left to give an account."""
    broker_gone: bool = False
    """Whether it was the broker that went: the files without an account may be gone with it."""

    def add(self, account: Account) -> None:
        """Count one file's account."""
        self.files += 1
        self.articles += account["articles"]
        self.enriched += account["enriched"]
        self.duplicates += account["duplicates"]
        for reason in account["reasons"] or (["rejected"] if account["rejected"] else []):
            self.rejected[reason.split(":", 1)[0]] += 1


async def send_files(
    broker_url: str,
    files: list[Named],
    settings: Settings,
    *,
    wait: bool = False,
    timeout: float | None = None,
    crawled_at: datetime | None = None,
    content_type: str | None = None,
    show_progress: bool = True,
) -> Summary:
    """Send each file to `news.raw` under an ingest id of its own; with `wait`, follow the accounts until every
    file has one (or `timeout` seconds pass with none arriving)."""
    summary = Summary()
    started = time.monotonic()
    producer = AIOKafkaProducer(
        **kafka_options(broker_url, settings.security),
        acks="all",
        max_request_size=settings.message_bytes,
        compression_type=kafka.COMPRESSION,
        request_timeout_ms=30000,
    )
    columns = (TextColumn("{task.description:>9}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    async with AsyncExitStack() as stack:
        stack.push_async_callback(producer.stop)
        await kafka.start(producer.start, broker_url, settings.security, "is newswire running?")
        reader = await stack.enter_async_context(AccountReader(broker_url, settings.security)) if wait else None
        progress = stack.enter_context(Progress(*columns, disable=not show_progress))
        sending = progress.add_task("sent", total=len(files))
        accounting = progress.add_task("accounted", total=len(files), visible=wait)
        expected: dict[str, str] = {}
        pending: list[asyncio.Future[object]] = []
        for number, file in enumerate(files):
            ingest_id = uuid.uuid4().hex
            expected[ingest_document_id(ingest_id)] = str(file.path)
            try:
                size, data = read_file(file.path, settings.max_file_bytes)
            except (StartupError, FileNotFoundError) as exc:  # changed since `listed` checked it
                await asyncio.gather(*pending)
                raise StartupError(f"{exc}; {number:,} of {counted(len(files), 'file')} were sent before it: send it "
                                   "and the files after it again") from exc  # fmt: skip
            oversize = size if size > settings.max_file_bytes else None
            headers = file_headers(file.path, crawled_at, content_type=content_type, ingest_id=ingest_id,
                                   oversize=oversize, limit=settings.max_file_bytes, name=file.name)  # fmt: skip
            pending.append(await producer.send(topics.RAW.name, data, headers=headers))
            summary.sent_bytes += len(data)
            if len(pending) >= IN_FLIGHT:
                await pending.pop(0)
                progress.advance(sending)
        for future in pending:
            await future
            progress.advance(sending)
        summary.sent = len(files)
        if reader is not None:
            watch = GroupWatch(broker_url, settings.security)
            stack.push_async_callback(watch.close)
            await _follow(reader, watch, expected, summary, timeout, lambda: progress.advance(accounting))
    summary.seconds = time.monotonic() - started
    return summary


async def _follow(
    reader: AccountReader,
    watch: GroupWatch,
    expected: dict[str, str],
    summary: Summary,
    timeout: float | None,
    tick: Callable[[], None],
) -> None:
    """Collect the accounts of the files sent, until all are in, or `timeout` seconds pass without one, or the
    workers or the broker are gone (`GroupWatch.gone`)."""
    last = time.monotonic()
    while expected and (timeout is None or time.monotonic() - last < timeout):
        for account in await reader.batch(1.0):
            if expected.pop(account["document_id"], None) is not None:
                summary.add(account)
                last = time.monotonic()
                tick()
        summary.given_up = await watch.gone(last)
        if summary.given_up is not None:
            break
    summary.broker_gone = watch.broker_gone
    summary.waiting = sorted(expected.values())


def crawl_time(value: str) -> datetime:
    """`--crawled-at` as a time, refused with an example of the form it takes."""
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(
            f"{value!r} is not a time in ISO 8601: give e.g. 2026-12-05T09:30:00+01:00, or 2026-12-05 (UTC assumed)"
        ) from None


@with_security
def ingest(
    security: Security,
    paths: Annotated[
        list[Path],
        typer.Argument(help="Files, or folders to send recursively (names starting with a dot are skipped)."),
    ],
    broker: BrokerOption = None,
    wait: Annotated[
        bool, typer.Option("--wait", help="Wait until every file sent has its account, and print what became of them.")
    ] = False,
    timeout: Annotated[
        float | None,
        typer.Option(
            min=0, show_default="600", help="With --wait: give up after this many seconds without a new account."
        ),
    ] = None,
    crawled_at: Annotated[
        datetime | None,
        typer.Option(
            parser=crawl_time,
            metavar="TIME",
            help="When the files were fetched (ISO 8601); relative ages are resolved against it.",
        ),
    ] = None,
    content_type: Annotated[
        str | None, typer.Option(help="Content type of every file, e.g. text/html (default: guessed from the name).")
    ] = None,
) -> None:
    """Send files to news.raw, each under an ingest id of its own."""
    quiet_clients()
    if timeout is not None and not wait:
        fail(ValueError(f"--timeout {timeout:g} only applies with --wait: add --wait, or drop --timeout"))
    timeout = WAIT_SECONDS if timeout is None else timeout
    settings = Settings(security=security)
    try:
        url = find_broker(broker, settings.state_dir)
        files = listed(paths)
        check_readable(files)
        when = crawled_at.replace(tzinfo=crawled_at.tzinfo or UTC) if crawled_at else None
        summary = asyncio.run(send_files(url, files, settings, wait=wait, timeout=timeout, crawled_at=when,
                                         content_type=content_type))  # fmt: skip
    except (StartupError, FileNotFoundError) as exc:
        fail(exc)
    console.print(f"sent {counted(summary.sent, 'file')} ({counted(summary.sent_bytes, 'byte')}) to news.raw at {url}")
    if not wait:
        return
    rejected = ", ".join(f"{count} {reason}" for reason, count in summary.rejected.most_common()) or "none"
    console.print(
        f"accounted for {summary.files:,} of {counted(summary.sent, 'file')} in {summary.seconds:.1f} s: "
        f"{counted(summary.articles, 'article')}, {summary.enriched:,} enriched, "
        f"{counted(summary.duplicates, 'duplicate')}; rejected: {rejected}",
        soft_wrap=True,
    )
    if summary.waiting:
        shown = ", ".join(summary.waiting[:5]) + (" ..." if len(summary.waiting) > 5 else "")
        why = summary.given_up or f"after {timeout:g} s"
        remedy = (
            "; if it was newswire run's embedded broker, send them again once the daemon is back (it keeps nothing)"
        )
        console.print(
            f"[red]no account[/red] for {counted(len(summary.waiting), 'file')} ({why}): {shown}"
            f"{remedy if summary.broker_gone else ''}",
            soft_wrap=True,
        )
        raise typer.Exit(1)
