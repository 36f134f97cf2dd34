"""The splitting figures of `newswire eval splitting`, measured on what `newswire run` writes for the same pages."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest

from agents.testing import records, spawn
from benchmarks.learning import split_learning
from benchmarks.pages import CRAWLED_AT, Page
from benchmarks.splitting import documents_of, generated_pages, page_figures

pytestmark = pytest.mark.integration
GAP = 0.003
"""About two items of the 1,500 or so: the daemon learns the pages' chrome in the order its partitions run."""


def test_generated_pages_split_in_the_daemon_as_in_process(corpus: Path, tmp_path: Path) -> None:
    # The pages share one source and their stories recur from page to page, as on an aggregator: the daemon
    # learned their headlines as template, and its figures fell 9 points below the in-process ones.
    generated, held = generated_pages(corpus)
    folder = tmp_path / "pages"
    folder.mkdir()
    groups: dict[str, list[Page]] = {"page": generated, "held": held}
    for prefix, pages in groups.items():
        for index, page in enumerate(pages):
            (folder / f"{prefix}-{index}.txt").write_text(page.text, encoding="utf-8")
    with spawn(tmp_path / "daemon") as daemon:
        done = daemon.cli("ingest", "--wait", "--crawled-at", CRAWLED_AT, str(folder), timeout=900)
        assert done.returncode == 0, done.stdout + done.stderr
        written = records(daemon, "news.enriched") + records(daemon, "news.duplicates")
    by_file = defaultdict(list)
    for record in sorted(written, key=lambda record: int(record["position"])):
        by_file[str(record["source"]["filename"])].append(record)
    for prefix, pages in groups.items():
        results = [by_file[f"{prefix}-{index}.txt"] for index in range(len(pages))]
        daemon_figures = {figure.name: figure.value for figure in page_figures(pages, results)}  # type: ignore[arg-type]
        in_process = {figure.name: figure.value for figure in page_figures(pages, split_learning(documents_of(pages)))}
        print(prefix, daemon_figures)
        assert daemon_figures.keys() == in_process.keys()
        for name, value in in_process.items():
            assert abs(daemon_figures[name] - value) <= GAP, (name, daemon_figures[name], value)
