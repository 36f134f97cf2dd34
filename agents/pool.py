"""The tag stage's process pool: spaCy loaded once per process, and processes that end with their worker."""

from __future__ import annotations

import multiprocessing
import os
import threading
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.process import BaseProcess

from streams.tag import warm_up


def process_pool(processes: int) -> ProcessPoolExecutor:
    """Worker processes that each load spaCy once, so NER never blocks the event loop."""
    return ProcessPoolExecutor(
        max_workers=processes, mp_context=multiprocessing.get_context("spawn"), initializer=start_process
    )


def start_process() -> None:
    """Tie the process to its worker, then load the models.

    A worker killed with SIGKILL cannot shut its pool down, and the pool's processes would wait for work
    forever, each holding spaCy's memory; they exit as soon as their parent is gone instead.
    """
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_after, args=(parent,), name="exit-with-worker", daemon=True).start()
    warm_up()


def _exit_after(parent: BaseProcess) -> None:
    parent.join()
    os._exit(1)
