"""The Reuters tagging figures of `newswire eval tagging`, measured on what `newswire run` writes for the same files."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.testing import records, spawn
from benchmarks.reuters import stories
from benchmarks.tagging import country_f1, dateline_rates, first_articles, reuters_files, tag
from streams.records import EnrichedArticle

pytestmark = pytest.mark.integration
GAP = 0.002
"""About two stories: the daemon learns the chrome in the order its partitions run."""


def test_reuters_stories_are_tagged_in_the_daemon_as_in_process(corpus: Path, tmp_path: Path) -> None:
    # Tagged as given, the eval's stories had kept their tables' column spacing and their sign-off, and headlines
    # ending in "U.S." had stayed headlines: the daemon's country F1 was 0.861 where the eval said 0.869.
    reuters = stories(corpus)
    files = reuters_files(reuters)
    folder = tmp_path / "stories"
    folder.mkdir()
    for index, (text, _) in enumerate(files):
        (folder / f"rt-{index}.txt").write_text(text, encoding="utf-8")
    crawled = max(crawled_at for _, crawled_at in files)  # one crawl time for all: every story is of 1987
    with spawn(tmp_path / "daemon") as daemon:
        done = daemon.cli("ingest", "--wait", "--crawled-at", crawled, str(folder), timeout=900)
        assert done.returncode == 0, done.stdout + done.stderr
        leads = {str(record["source"]["filename"]): record for record in records(daemon, "news.enriched")
                 if record["position"] == 0}  # fmt: skip
    unique = [index for index in range(len(reuters)) if f"rt-{index}.txt" in leads]
    assert len(unique) > 0.9 * len(reuters), "duplicates aside, every story is enriched"
    chosen = [reuters[index] for index in unique]
    written: list[EnrichedArticle] = [leads[f"rt-{index}.txt"] for index in unique]  # type: ignore[misc]
    in_process = tag(first_articles(files))
    mine = [in_process[index] for index in unique]
    assert abs(country_f1(chosen, written) - country_f1(chosen, mine)) <= GAP
    for daemon_rate, in_process_rate in zip(dateline_rates(chosen, written), dateline_rates(chosen, mine), strict=True):
        assert abs(daemon_rate - in_process_rate) <= GAP
