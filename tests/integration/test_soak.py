"""The kill loop: `newswire run` killed with SIGKILL at random moments while a crawl is dropped, then every file
accounted for exactly once. Slow (about 15 minutes): `make soak` runs it, `make test` does not."""

from __future__ import annotations

import gzip
import html
import os
import random
import re
import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from helpers import drop, wait_for

from agents.testing import Spawned, records, spawn

pytestmark = [pytest.mark.integration, pytest.mark.slow]
ROUNDS = int(os.environ.get("NEWSWIRE_SOAK_ROUNDS", "20"))


def crawl(corpus: Path) -> dict[str, bytes]:
    """The seeds, the ScrapingHub pages and 150 Reuters stories, by the name they are dropped under."""
    files = {path.name: path.read_bytes() for path in sorted((corpus / "seeds").glob("*.txt"))}
    for page in sorted((corpus / "extraction/scrapinghub-benchmark/html").glob("*.html.gz")):
        files[f"sh-{page.name.removesuffix('.gz')}"] = gzip.decompress(page.read_bytes())
    sgml = (corpus / "reuters21578/reut2-000.sgm").read_text(encoding="latin-1")
    for number, story in enumerate(re.findall(r"<BODY>(.*?)</BODY>", sgml, re.S)[:150]):
        files[f"rt-{number:03d}.txt"] = html.unescape(story).encode()
    return files


def test_every_file_comes_out_once_through_kills_at_random_moments(corpus: Path, tmp_path: Path) -> None:
    files = crawl(corpus)
    names = list(files)
    random.Random(11).shuffle(names)
    per_round = -(-len(names) // ROUNDS)
    draw = random.Random(7)
    env = {"NEWSWIRE_TAG_PROCESSES": "1"}
    for round_ in range(ROUNDS):
        batch = names[round_ * per_round : (round_ + 1) * per_round]
        with spawn(tmp_path, env=env) as daemon:
            dropping = threading.Thread(target=_slowly, args=(daemon, batch, files))
            dropping.start()
            time.sleep(draw.uniform(2.0, 12.0))
            daemon.process.kill()
            daemon.process.wait(30)
            dropping.join()
    with spawn(tmp_path, env=env) as daemon:

        def all_accounted() -> bool:
            return {str(a["filename"]) for a in records(daemon, "news.accounts")} >= set(names)

        wait_for(all_accounted, "an account for every file", timeout=1200)
        time.sleep(3)
        accounts = Counter(str(a["filename"]) for a in records(daemon, "news.accounts"))
        outcomes = Counter(
            (str(r["document_id"]), r.get("position"))
            for topic in ("news.enriched", "news.duplicates", "news.rejected")
            for r in records(daemon, topic)
        )
    assert [name for name, count in accounts.items() if count > 1] == [], "one account per file"
    assert [key for key, count in outcomes.items() if count > 1] == [], "each article written out once"
    gave_up = [r for r in records(daemon, "news.rejected") if str(r["reason"]).startswith("gave up")]
    assert gave_up == []
    duplicates = [r for r in records(daemon, "news.duplicates") if r["duplicate_of_document"] == r["document_id"]]
    assert duplicates == [], "no file is a duplicate of itself"
    assert not list((tmp_path / "inbox").glob("[!.]*")), "every file left the inbox"
    print(f"{ROUNDS} kills, {len(names)} files, {sum(outcomes.values())} records out, each once")


def _slowly(daemon: Spawned, names: list[str], files: dict[str, bytes]) -> None:
    """Drop the files one by one, a little apart, as a crawler writes its pages."""
    for name in names:
        drop(daemon, name, files[name])
        time.sleep(0.05)
