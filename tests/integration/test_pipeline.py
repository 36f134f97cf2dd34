"""The real daemon on the embedded broker and on Kafka: seeds in through the inbox and the CLI, records out."""

from __future__ import annotations

import asyncio
import gzip
import signal
import socket
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import orjson
import pytest
from helpers import PNG, drop, wait_for
from kafka import KafkaBroker, answers

from agents.testing import Spawned, records, spawn

pytestmark = pytest.mark.integration

CHROME = ("Hashtags", "Try Our AI Features", "Explore what Daily8 AI can do for you:", "Comments",
          "No comments yet...", "Related Articles")  # fmt: skip


@pytest.fixture(scope="module")
def daemon(module_broker: KafkaBroker | None, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Spawned]:
    """`newswire run` on its embedded broker or on the module's Kafka, with one spaCy process to spare the cores."""
    url = module_broker.url if module_broker else None
    with spawn(tmp_path_factory.mktemp("daemon"), env={"NEWSWIRE_TAG_PROCESSES": "1"}, broker=url) as running:
        yield running


def from_file(records: list[dict[str, Any]], prefix: str) -> list[dict[str, Any]]:
    return [r for r in records if (r["source"]["filename"] or "").startswith(prefix)]


@pytest.fixture(scope="module")
def seeded(daemon: Spawned, corpus: Path) -> list[dict[str, Any]]:
    """The two seed pages dropped into the inbox once, and the enriched articles they gave."""
    for seed in sorted((corpus / "seeds").glob("*.txt")):
        drop(daemon, seed.name, seed.read_bytes())

    def enough() -> list[dict[str, Any]] | None:
        enriched = records(daemon, "news.enriched")
        done = len(from_file(enriched, "000_")) >= 4 and len(from_file(enriched, "003_")) >= 4
        return enriched if done else None

    wait_for(enough, "articles of both seeds on news.enriched", timeout=120)
    time.sleep(3)  # let the rest of the pages' articles land before counting
    return records(daemon, "news.enriched")


def test_seeds_split_into_tagged_articles(seeded: list[dict[str, Any]]) -> None:
    first, second = from_file(seeded, "000_"), from_file(seeded, "003_")
    assert {"The Independent", "Reuters", "Telegraph"} <= {a["source"]["outlet"] for a in first}
    assert {"Euronews", "France 24"} <= {a["source"]["outlet"] for a in second}
    lead = next(a for a in first if a["kind"] == "lead")
    assert lead["dateline"]["city"] == "Seoul"
    assert lead["dateline"]["agency"] == "Reuters"
    names = {e["text"] for e in lead["entities"]}
    assert {"Ri Chang Dae", "Sergei Shoigu", "Vladimir Putin"} <= names
    assert {"KP", "RU", "IR", "AE"} <= {country["code"] for country in lead["countries"]}
    assert lead["primary_country"] == "KP"
    assert lead["language"] == "en"
    for article in seeded:
        assert not set(article["body"].splitlines()) & set(CHROME), article["title"]
        if article["kind"] == "related":
            assert article["published_at"], article["title"]
        assert article["id"]
        assert article["document_id"]
        assert article["words"] > 0


def test_same_files_again_are_exact_duplicates(daemon: Spawned, corpus: Path, seeded: list[dict[str, Any]]) -> None:
    before = len(records(daemon, "news.duplicates"))
    for seed in sorted((corpus / "seeds").glob("*.txt")):
        drop(daemon, seed.name, seed.read_bytes())
    expected = len(seeded)

    def flagged() -> list[dict[str, Any]] | None:
        duplicates = records(daemon, "news.duplicates")[before:]
        return duplicates if len(duplicates) >= expected else None

    duplicates = wait_for(flagged, f"{expected} duplicates of the re-dropped seeds")
    assert {d["duplicate_kind"] for d in duplicates} == {"exact"}
    assert {d["id"] for d in duplicates} == {a["id"] for a in seeded}
    time.sleep(2)
    assert len(records(daemon, "news.enriched")) == len(seeded)
    names = [seed.name for seed in (corpus / "seeds").glob("*.txt")]
    done = sorted(path.name for path in (daemon.workdir / "inbox" / ".done").iterdir())
    assert done == sorted([*names, *(f"{name}.1" for name in names)])


def test_bad_files_are_rejected_and_the_daemon_goes_on(daemon: Spawned, corpus: Path, seeded: list[Any]) -> None:
    drop(daemon, "pixel.png", PNG)
    drop(daemon, "empty.txt", b"")
    wait_for(lambda: len(records(daemon, "news.rejected")) >= 2, "two rejections")
    rejected = records(daemon, "news.rejected")
    by_name = {r["filename"]: r for r in rejected}
    assert by_name["pixel.png"]["size"] == len(PNG)
    assert "PNG" in by_name["pixel.png"]["reason"]
    assert by_name["empty.txt"]["size"] == 0
    assert "empty" in by_name["empty.txt"]["reason"]
    assert daemon.process.poll() is None
    page = sorted((corpus / "extraction" / "scrapinghub-benchmark" / "html").glob("*.html.gz"))[0]
    drop(daemon, "after-bad.html", gzip.decompress(page.read_bytes()))
    wait_for(lambda: from_file(records(daemon, "news.enriched"), "after-bad"), "the next good file to be enriched")


def test_cli_ingest_tail_and_metrics(daemon: Spawned, corpus: Path, seeded: list[Any], tmp_path: Path) -> None:
    story = tmp_path / "cli-story.txt"
    story.write_text(
        "Markets rally as central bank holds rates\n"
        "LONDON, June 4 (Reuters) - European shares rose on Wednesday after the central bank kept interest "
        "rates on hold and signalled that it would wait for more data before moving, traders said.\n",
        encoding="utf-8",
    )
    sent = daemon.cli("ingest", str(story))
    assert sent.returncode == 0, sent.stderr
    assert "sent 1 file (" in sent.stderr
    arrived = wait_for(lambda: from_file(records(daemon, "news.enriched"), "cli-story"), "the CLI-ingested file")
    assert arrived[0]["dateline"]["city"] == "London"
    tail = daemon.cli("tail", "news.enriched", "--from-beginning", "--timeout", "5")
    assert tail.returncode == 0, tail.stderr
    printed = [orjson.loads(line) for line in tail.stdout.splitlines()]
    assert {r["id"] for r in printed} == {r["id"] for r in records(daemon, "news.enriched")}
    with urllib.request.urlopen(f"http://127.0.0.1:{daemon.metrics_port}/metrics", timeout=10) as response:
        metrics = response.read().decode()
    for stage in ("clean", "split", "dedup", "tag"):
        assert f'newswire_stage_records_in_total{{stage="{stage}"}}' in metrics
    assert 'newswire_stage_records_failed_total{stage="clean"} 2.0' in metrics


def test_ingest_wait_reports_what_became_of_the_files(daemon: Spawned, seeded: list[Any], tmp_path: Path) -> None:
    story = tmp_path / "wait-story.txt"
    story.write_text("Storm closes coastal road\nA storm surge closed the coastal road for six hours overnight and "
                     "flooded basements in three streets, the fire service said on Sunday.\n")  # fmt: skip
    empty = tmp_path / "wait-empty.txt"
    empty.write_bytes(b"")
    done = daemon.cli("ingest", "--wait", "--crawled-at", "2025-06-22T08:00:00Z", str(story), str(empty))
    assert done.returncode == 0, done.stderr
    assert "accounted for 2 of 2 files" in done.stderr
    assert "1 enriched" in done.stderr
    assert "rejected: 1 empty file" in done.stderr
    [article] = from_file(records(daemon, "news.enriched"), "wait-story")
    assert article["crawled_at"] == "2025-06-22T08:00:00+00:00"


def test_tail_limit_is_exact_and_an_unknown_topic_is_an_error(daemon: Spawned, seeded: list[Any]) -> None:
    tail = daemon.cli("tail", "news.enriched", "--from-beginning", "--limit", "3")
    assert tail.returncode == 0, tail.stderr
    assert len(tail.stdout.splitlines()) == 3
    typo = daemon.cli("tail", "news.enrichd", "--timeout", "1")
    assert typo.returncode == 2
    assert typo.stderr.count("\n") == 1, typo.stderr
    assert "no topic 'news.enrichd'" in typo.stderr
    assert "news.enriched" in typo.stderr


def test_status_finds_the_daemon_on_its_own_port(daemon: Spawned, seeded: list[Any]) -> None:
    assert daemon.metrics_port != 9108
    shown = daemon.cli("status", "--once", "--interval", "0.5")
    assert shown.returncode == 0, shown.stdout + shown.stderr
    assert f":{daemon.metrics_port}" in shown.stdout


def test_a_second_daemon_on_the_same_state_folder_is_refused(daemon: Spawned) -> None:
    second = daemon.cli("run", "--metrics-port", str(daemon.metrics_port))  # the folder is named, not the port
    assert second.returncode == 2
    assert "another newswire" in second.stderr
    assert "NEWSWIRE_STATE_DIR" in second.stderr


def test_sigterm_stops_the_daemon_and_only_the_broker_it_started(
    daemon: Spawned, module_broker: KafkaBroker | None
) -> None:
    broker = orjson.loads((daemon.workdir / "state" / "broker.json").read_bytes())["url"]
    port = int(broker.rsplit(":", 1)[1])
    daemon.process.send_signal(signal.SIGTERM)
    assert daemon.process.wait(60) == 0
    if module_broker is None:
        with pytest.raises(ConnectionRefusedError), socket.create_connection(("127.0.0.1", port), 1):
            pass
    else:
        assert asyncio.run(answers(port)), "a broker it was given is not the daemon's to stop"
    assert not (daemon.workdir / "state" / "broker.json").exists()
