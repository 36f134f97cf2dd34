"""Process pools for the costly stages: models loaded once per process, and processes that end with their worker."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from multiprocessing.process import BaseProcess

from pebble import ProcessPool

from streams.memory import release_memory
from streams.records import Article, Document, EnrichedArticle, RawMeta

WARM_HOLD = 0.5


def tag_pool(processes: int) -> ProcessPool:
    """Processes that each load spaCy once, so NER never blocks the event loop; one that dies is replaced."""
    return process_pool(processes, warm_tag)


def clean_pool(processes: int) -> ProcessPool:
    """Processes for the clean stage, where a file that takes too long is stopped by replacing its process."""
    return process_pool(processes, warm_clean)


def warm(pool: ProcessPool, processes: int) -> list[Future[None]]:
    """Start the pool's processes now, so their models are loaded before the first record; done when they are.

    Each process takes a task only once its models are loaded, and each task holds its process a moment, so
    the tasks spread over the processes.
    """
    return [pool.schedule(time.sleep, (WARM_HOLD,)) for _ in range(processes)]


def process_pool(processes: int, warm: Callable[[], None]) -> ProcessPool:
    """Processes tied to this worker, each warmed by `warm` before its first task."""
    return ProcessPool(max_workers=processes, initializer=tie_to_worker, initargs=(warm,),
                       context=multiprocessing.get_context("spawn"))  # fmt: skip


def tie_to_worker(warm: Callable[[], None]) -> None:
    """Make the process exit as soon as its parent is gone and deaf to Ctrl-C and SIGTERM, then load what it works
    with.

    A worker killed with SIGKILL cannot shut its pools down, and their processes would wait for work
    forever, each holding its models' memory; they exit as soon as their parent is gone instead. Ctrl-C and a
    SIGTERM sent to the whole process group (`kill -- -PGID`, a service manager stopping the daemon) are the
    worker's to act on (`stop_pools`): a tagging process that died of one while the worker was still stopping
    failed its batch, whose valid articles were rejected as internal errors.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # a process started later, to replace one, hears it until here
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), name="exit-with-worker", daemon=True).start()
    warm()


def stop_pools(*pools: ProcessPool) -> None:
    """Stop the pools and end their processes at once: they ignore SIGTERM, which pebble sends first (then SIGKILL
    after 3 s each). Every process this one started through multiprocessing is ended: in the daemon, the bench and
    the tests, the pools' are the only ones (pebble names no pool's own)."""
    for pool in pools:
        pool.stop()  # type: ignore[no-untyped-call]
    for child in multiprocessing.active_children():
        child.kill()
    for pool in pools:
        pool.join()


def warm_tag() -> None:
    """Load the tagging models before the first batch.

    The stages are imported where they run, not with this module: a new process imports this module before it
    can make itself deaf to Ctrl-C (`tie_to_worker`), and a Ctrl-C in that second printed a traceback from each.
    """
    from streams.tag import warm_up  # noqa: PLC0415

    warm_up()


def warm_clean() -> None:
    """Import the extraction libraries and load their data before the first file, so its time limit is spent on
    the file."""
    from streams.clean import warm_up  # noqa: PLC0415

    warm_up()


def _exit_after(parent: BaseProcess) -> None:
    parent.join()
    os._exit(1)


def tag_and_release(articles: list[Article]) -> list[EnrichedArticle]:
    """Tag a batch in a pool process, then hand the memory it freed back to the system."""
    from streams.tag import tag_batch  # noqa: PLC0415

    try:
        with panics_as_errors():
            return tag_batch(articles)
    finally:
        release_memory()


def clean_and_release(raw: bytes, meta: RawMeta, max_bytes: int) -> Document:
    """Clean a file in a pool process, then hand the memory it freed back to the system (large pages take much)."""
    from streams.clean import clean  # noqa: PLC0415

    try:
        with panics_as_errors():
            return clean(raw, meta, max_bytes=max_bytes)
    finally:
        release_memory()


@contextmanager
def panics_as_errors() -> Iterator[None]:
    """Carry a panic of a library written in Rust out of a pool process as a RuntimeError with its message: pyo3's
    PanicException is no Exception, and its class cannot be unpickled in the worker, where the task failed with a
    PicklingError that named no cause."""
    try:
        yield
    except BaseException as error:
        if isinstance(error, Exception | KeyboardInterrupt | SystemExit | GeneratorExit):
            raise
        raise RuntimeError(f"{type(error).__name__}: {error}") from None
