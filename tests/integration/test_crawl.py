"""Whole crawls through `newswire run` with the shared crawl checker: every file accounted for, bodies as in process."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import orjson
import pytest
from kafka import KafkaBroker

from agents.testing import NEWSWIRE
from benchmarks.extraction import (
    Stated,
    clean_text,
    cleaned,
    metadata_shares,
    scrapinghub_pages,
    stated,
    trafilatura_news_pages,
)
from benchmarks.scoring import score

pytestmark = pytest.mark.integration
SETS = "seeds,scrapinghub,trafilatura,odd"
F1_GAP = 0.005
METADATA_GAP = 0.006
"""One page in 170 or so: what `newswire eval` reports for titles, authors and dates must be what the daemon writes."""


def crawl_check(corpus: Path) -> Path:
    """The shared crawl checker beside the corpus."""
    tool = corpus.parent / "tools" / "crawl_check.py"
    if not tool.is_file():
        pytest.skip(f"no crawl checker at {tool}: the shared tools are not beside the corpus")
    return tool


def lines(path: Path) -> list[dict[str, object]]:
    return [orjson.loads(line) for line in path.read_bytes().splitlines()] if path.exists() else []


def test_a_crawl_comes_out_whole_and_its_bodies_score_as_in_process(
    broker: KafkaBroker | None, corpus: Path, tmp_path: Path
) -> None:
    keep = tmp_path / "crawl"
    given = ["--broker", broker.url] if broker else []
    result = subprocess.run(
        [sys.executable, str(crawl_check(corpus)), "--newswire", NEWSWIRE, "--corpus", str(corpus), "--sets", SETS,
         "--keep", str(keep), "--timeout", "900", *given],
        capture_output=True, text=True, timeout=1500, check=False,
    )  # fmt: skip
    print(result.stdout, result.stderr)
    assert result.returncode == 0, result.stdout[-3000:]
    done = re.search(r"(\d+)/(\d+) files accounted for", result.stdout)
    assert done is not None
    assert done.group(1) == done.group(2)
    out = keep / "out"
    rejected = {record["filename"]: str(record["reason"]) for record in lines(out / "news.rejected.jsonl")}
    assert rejected["odd-data.json"].startswith("not an article: JSON")
    assert rejected["odd-table.csv"].startswith("not an article: CSV")
    assert rejected["odd-empty.txt"].startswith("empty file")
    assert rejected["odd-pixel.png"].startswith("binary file")
    assert rejected["odd-oneline-20mib.txt"].startswith(("too long", "too large", "not an article"))
    accounts = lines(out / "news.accounts.jsonl")
    assert len({account["document_id"] for account in accounts}) == len(accounts), "one account per file"
    bodies: dict[str, list[tuple[int, str]]] = defaultdict(list)
    leads: dict[str, Stated] = {}
    for topic in ("news.enriched", "news.duplicates"):
        for record in lines(out / f"{topic}.jsonl"):
            source = record["source"]
            assert isinstance(source, dict)
            bodies[str(source["filename"])].append((int(str(record["position"])), str(record["body"])))
            if record["position"] == 0:
                leads[str(source["filename"])] = Stated(*(optional(record[key]) for key in Stated._fields))
    pages = scrapinghub_pages(corpus)
    daemon = score((page.body, "\n".join(body for _, body in sorted(bodies[f"sh-{page.name}.html"]))) for page in pages)
    in_process = score((page.body, clean_text(page)) for page in pages)
    print(f"ScrapingHub body F1: daemon {daemon.f1:.4f}, in process {in_process.f1:.4f}")
    assert abs(daemon.f1 - in_process.f1) <= F1_GAP

    news = trafilatura_news_pages(corpus)  # the crawl checker names each file tn-NAME, spaces made underscores
    daemon_shares = metadata_shares([(page, leads.get("tn-" + page.name.replace(" ", "_"))) for page in news])
    in_process_shares = metadata_shares([(page, stated(cleaned(page))) for page in news])
    print("trafilatura news titles, authors (people only), dates: daemon {:.3f} {:.3f} {:.3f}, in process "
          "{:.3f} {:.3f} {:.3f}".format(*daemon_shares, *in_process_shares))  # fmt: skip
    for figure, daemon_share, in_process_share in zip(("titles", "authors", "dates"), daemon_shares,
                                                       in_process_shares, strict=True):  # fmt: skip
        assert abs(daemon_share - in_process_share) <= METADATA_GAP, figure


def optional(value: object) -> str | None:
    return None if value is None else str(value)
