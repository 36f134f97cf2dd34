"""Kafka down for 30 s while files arrive: the daemon shows the outage, reconnects by itself, and loses nothing."""

from __future__ import annotations

import re
import time
import urllib.request
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import drop, wait_for
from kafka import KafkaBroker
from test_restarts import accounted, stories

from agents.testing import Spawned, records, spawn

pytestmark = pytest.mark.integration
ENV = {"NEWSWIRE_TAG_PROCESSES": "1"}
OUTAGE_SECONDS = 30.0


def broker_up(daemon: Spawned) -> float | None:
    """The daemon's `newswire_broker_up` gauge, read from its metrics port; None while the port does not answer."""
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{daemon.metrics_port}/metrics", timeout=5) as response:
            text = response.read().decode()
    except OSError:
        return None
    found = re.search(r"^newswire_broker_up (\S+)$", text, re.MULTILINE)
    return float(found[1]) if found else None


@pytest.mark.parametrize("outage", ["stop", "kill"])
def test_files_dropped_while_kafka_is_down_are_all_accounted_for_once(
    outage: str, kafka: KafkaBroker, corpus: Path, tmp_path: Path
) -> None:
    texts = stories(corpus, 40)
    names = [f"story-{n:03d}.txt" for n in range(len(texts))]
    down: Callable[[], None] = kafka.stop if outage == "stop" else kafka.kill
    with spawn(tmp_path / "daemon", env=ENV, broker=kafka.url) as daemon:
        for name, text in zip(names[:10], texts, strict=False):
            drop(daemon, name, text)
        wait_for(lambda: accounted(daemon) >= set(names[:10]), "the first 10 stories accounted for")
        assert broker_up(daemon) == 1
        down()
        went_down = time.monotonic()
        for name, text in zip(names[10:], texts[10:], strict=True):
            drop(daemon, name, text)
        wait_for(lambda: broker_up(daemon) == 0, "newswire_broker_up to show the outage", timeout=OUTAGE_SECONDS)
        time.sleep(max(0.0, OUTAGE_SECONDS - (time.monotonic() - went_down)))
        assert daemon.process.poll() is None, "the daemon waits for its broker rather than stopping"
        kafka.start()
        wait_for(lambda: accounted(daemon) >= set(names), "every story accounted for after the outage", timeout=300)
        wait_for(lambda: broker_up(daemon) == 1, "newswire_broker_up back to 1")
        enriched = Counter(str(record["id"]) for record in records(daemon, "news.enriched"))
        assert [article for article, count in enriched.items() if count > 1] == [], "nothing twice on news.enriched"
        out = [*records(daemon, "news.enriched"), *records(daemon, "news.duplicates")]
        written = Counter(str(record["source"]["filename"]) for record in out)
        assert {name: written[name] for name in names if written[name] != 1} == {}, "each story out once"
        assert Counter(str(a["filename"]) for a in records(daemon, "news.accounts")).most_common(1)[0][1] == 1
