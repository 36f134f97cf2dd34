"""Bounding the embedded broker's memory: tansu keeps every message in memory and has no retention, so newswire
restarts it (and itself with it) once it holds more than its limit and the pipeline is idle.

Over the limit, the inbox stops sending new files (they wait there, safe); once every file it sent has its
account and no topic has records waiting, the daemon stops and starts again in the same process (exec), with
a new, empty broker. Nothing is lost: the tables are on disk, the out folder stays, and the inbox's files are
sent on as before. Files from other producers arriving meanwhile keep the pipeline from being idle; the restart
waits for them.
"""

from __future__ import annotations

import logging
import os
import signal
import sys
from collections.abc import Callable

import faust
from aiokafka import TopicPartition
from aiokafka.errors import KafkaError

from agents.inbox import Inbox
from agents.ops.lag import LagProbe
from streams.pipeline import READERS
from streams.security import Security

log = logging.getLogger("newswire")
CHECK_SECONDS = 15.0
PAUSED = "embedded broker holds %d MB (limit %d MB): the inbox waits until the pipeline is idle, then restarts"


class Recycler:
    """Watches the embedded broker's memory; asks for a restart when it is over the limit and all is quiet."""

    def __init__(self, memory: Callable[[], int], limit: int) -> None:
        self.memory = memory
        self.limit = limit
        self.requested = False

    def register(self, app: faust.App, inbox: Inbox | None, broker_url: str, security: Security) -> None:
        """Check every `CHECK_SECONDS` while the app runs."""

        @app.timer(CHECK_SECONDS)  # type: ignore[untyped-decorator]
        async def bound_broker_memory() -> None:
            used = self.memory()
            if used <= self.limit or self.requested:
                if inbox is not None:
                    inbox.paused = False
                return
            if inbox is not None:
                if not inbox.paused:
                    log.info(PAUSED, used >> 20, self.limit >> 20)
                inbox.paused = True
                if inbox.busy:
                    return
            actives = app.assignor.assigned_actives()
            owned = [TopicPartition(tp.topic, tp.partition) for tp in actives if tp.topic in READERS]
            probe = LagProbe(broker_url, app.conf.id, security, tansu=True)
            try:
                waiting = sum(lag.records for lag in await probe.measure(owned))
            except (KafkaError, OSError, TimeoutError) as exc:
                log.warning("could not measure consumer lag before restarting the broker: %s", exc)
                return
            finally:
                await probe.stop()
            if waiting == 0:
                log.info("embedded broker holds %d MB and the pipeline is idle: restarting", used >> 20)
                self.requested = True
                os.kill(os.getpid(), signal.SIGTERM)


def restart_process() -> None:
    """Start this very command again in this process, with the same arguments and environment."""
    logging.shutdown()
    os.execv(sys.executable, [sys.executable, *sys.argv])
