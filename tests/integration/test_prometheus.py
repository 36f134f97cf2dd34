"""A real Prometheus scraping the real daemon: every dashboard panel shows data and every alert rule evaluates."""

from __future__ import annotations

import gzip
import json
import re
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import PNG, drop, wait_for

from agents.broker import free_port
from agents.ops.status import scrape
from agents.testing import Spawned, spawn

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
PROMETHEUS_DIR = ROOT / "deploy" / "prometheus"
DASHBOARDS = sorted((ROOT / "deploy" / "grafana" / "dashboards").glob("*.json"))
PROMETHEUS = shutil.which("prometheus")
# Grafana's variables, given the values a query over the test's short run needs.
GRAFANA_VARIABLES = {"$__rate_interval": "1m", "$__range": "10m", "$__interval": "15s"}
PAGES_PER_SET = 8
IN, OUT = "newswire_stage_records_in_total", "newswire_stage_records_out_total"


@dataclass(frozen=True)
class Query:
    """One PromQL expression of a dashboard panel or an alert rule, named for the log."""

    where: str
    expr: str


def panel_queries() -> list[Query]:
    """Every target expression of every panel of every dashboard, Grafana variables filled in."""
    queries = []
    for path in DASHBOARDS:
        dashboard = json.loads(path.read_text())
        for panel in dashboard["panels"]:
            for target in panel.get("targets", []):
                expr = target["expr"]
                for variable, value in GRAFANA_VARIABLES.items():
                    expr = expr.replace(variable, value)
                queries.append(Query(f"{path.stem} / {panel['title']} / {target['refId']}", expr))
    return queries


class Prometheus:
    """A Prometheus server's HTTP API."""

    def __init__(self, url: str) -> None:
        self.url = url

    def get(self, path: str, **params: str) -> dict[str, Any]:
        query = urllib.parse.urlencode(params)
        try:
            with urllib.request.urlopen(f"{self.url}{path}?{query}", timeout=30) as response:
                body: dict[str, Any] = json.loads(response.read())
        except urllib.error.HTTPError as error:
            body = json.loads(error.read())
        return body

    def series(self, expr: str) -> list[dict[str, Any]]:
        """The result of an instant query; fails the test with Prometheus's error if it does not parse or run."""
        answer = self.get("/api/v1/query", query=expr)
        assert answer["status"] == "success", f"{expr}: {answer.get('errorType')}: {answer.get('error')}"
        result: list[dict[str, Any]] = answer["data"]["result"]
        return result


@pytest.fixture(scope="module")
def daemon(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Spawned]:
    """`newswire run` on its embedded broker, with one spaCy process to spare the shared cores."""
    with spawn(tmp_path_factory.mktemp("observed"), env={"NEWSWIRE_TAG_PROCESSES": "1"}) as running:
        yield running


@pytest.fixture(scope="module")
def prometheus(daemon: Spawned, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Prometheus]:
    """Prometheus with deploy/prometheus's config and rules, scraping the daemon every second."""
    if PROMETHEUS is None:
        pytest.skip("no `prometheus` binary on PATH: install Debian's prometheus package (.ci/run does)")
    workdir = tmp_path_factory.mktemp("prometheus")
    config = yaml.safe_load((PROMETHEUS_DIR / "prometheus.yml").read_text())
    config["global"].update(scrape_interval="1s", evaluation_interval="1s")
    config["rule_files"] = [str(PROMETHEUS_DIR / pattern) for pattern in config["rule_files"]]
    job = next(job for job in config["scrape_configs"] if job["job_name"] == "newswire")
    del job["dns_sd_configs"]
    job["static_configs"] = [{"targets": [f"127.0.0.1:{daemon.metrics_port}"]}]
    (workdir / "prometheus.yml").write_text(yaml.safe_dump(config))
    address = f"127.0.0.1:{free_port()}"
    with (workdir / "prometheus.log").open("wb") as out:
        process = subprocess.Popen([PROMETHEUS, f"--config.file={workdir / 'prometheus.yml'}",
                                    f"--storage.tsdb.path={workdir / 'data'}", f"--web.listen-address={address}"],
                                   stdout=out, stderr=subprocess.STDOUT)  # fmt: skip
    server = Prometheus(f"http://{address}")
    try:

        def ready() -> bool:
            assert process.poll() is None, (workdir / "prometheus.log").read_text()
            try:
                return bool(server.get("/api/v1/status/runtimeinfo")["status"] == "success")
            except OSError:
                return False

        wait_for(ready, "Prometheus to start", timeout=60)
        yield server
    finally:
        process.terminate()
        process.wait(30)


def corpus_pages(corpus: Path, target: Path) -> list[Path]:
    """A few pages of each extraction set, unpacked: several languages and outlets."""
    pages: list[Path] = []
    for folder in ("scrapinghub-benchmark/html", "trafilatura-news/html"):
        for source in sorted((corpus / "extraction" / folder).glob("*.gz"))[:PAGES_PER_SET]:
            page = target / f"{len(pages):03d}.html"
            page.write_bytes(gzip.decompress(source.read_bytes()))
            pages.append(page)
    return pages


@pytest.fixture(scope="module")
def ingested(daemon: Spawned, prometheus: Prometheus, corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> int:
    """Seeds (twice, for duplicates), a PNG and an empty file through the inbox, corpus pages through the CLI."""
    seeds = sorted((corpus / "seeds").glob("*.txt"))
    for seed in seeds:
        drop(daemon, seed.name, seed.read_bytes())
    drop(daemon, "pixel.png", PNG)
    drop(daemon, "empty.txt", b"")
    pages = corpus_pages(corpus, tmp_path_factory.mktemp("pages"))
    sent = daemon.cli("ingest", *map(str, pages))
    assert sent.returncode == 0, sent.stderr
    wait_for(lambda: not any((daemon.workdir / "inbox").glob("*.txt")), "the inbox to be sent")
    for seed in seeds:
        drop(daemon, seed.name, seed.read_bytes())
    files = 2 * len(seeds) + 2 + len(pages)
    url = f"http://127.0.0.1:{daemon.metrics_port}/metrics"

    def settled() -> bool:
        """Every file cleaned, every stage caught up with what the one before it sent, no lag left."""
        now = scrape(url)
        flow = [
            (now.total(IN, stage="clean"), float(files)),
            (now.total(IN, stage="split"), now.total(OUT, stage="clean", topic="news.cleaned")),
            (now.total(IN, stage="dedup"), now.total(OUT, stage="split", topic="news.articles")),
            (now.total(IN, stage="tag"), now.total(OUT, stage="dedup", topic="news.unique")),
            (now.total(OUT, stage="tag"), now.total(IN, stage="tag")),
        ]
        lag = sum(value for _, value in now.values("newswire_consumer_lag_records"))
        return all(done >= wanted for done, wanted in flow) and lag == 0

    wait_for(settled, f"all {files} files processed with no lag left", timeout=300)
    clean_in = 'sum(newswire_stage_records_in_total{stage="clean"})'
    wait_for(lambda: [s for s in prometheus.series(clean_in) if float(s["value"][1]) >= files], "Prometheus to scrape")
    time.sleep(3)
    return files


def test_every_dashboard_panel_shows_series(
    prometheus: Prometheus, ingested: int, capsys: pytest.CaptureFixture[str]
) -> None:
    queries = panel_queries()
    assert queries, "no dashboard panels found"
    empty = []
    with capsys.disabled():
        print(f"\nPromQL of {len(queries)} dashboard panel targets, evaluated by Prometheus:")
        for query in queries:
            count = len(prometheus.series(query.expr))
            print(f"  {count:4d} series  {query.where}: {query.expr}")
            if not count:
                empty.append(query)
    assert not empty, f"panels with no data: {empty}"


def test_every_alert_rule_is_loaded_and_evaluates(
    prometheus: Prometheus, ingested: int, capsys: pytest.CaptureFixture[str]
) -> None:
    written = {
        rule["alert"]
        for path in (PROMETHEUS_DIR / "rules").glob("*.yml")
        for group in yaml.safe_load(path.read_text())["groups"]
        for rule in group["rules"]
    }
    rules = [rule for group in prometheus.get("/api/v1/rules")["data"]["groups"] for rule in group["rules"]]
    assert {rule["name"] for rule in rules} == written
    with capsys.disabled():
        print(f"\nPromQL of {len(rules)} alert rules, evaluated by Prometheus:")
        for rule in rules:
            count = len(prometheus.series(rule["query"]))
            print(f"  {count:4d} series  alert {rule['name']} ({rule['state']}): {rule['query']}")
            assert rule["health"] == "ok", f"{rule['name']}: {rule.get('lastError')}"


def test_every_newswire_metric_is_on_a_panel_or_in_an_alert(prometheus: Prometheus, ingested: int) -> None:
    names = prometheus.get("/api/v1/label/__name__/values")["data"]
    families = {re.sub(r"_(bucket|sum|count)$", "", name) for name in names if name.startswith("newswire_")}
    used = " ".join(
        [query.expr for query in panel_queries()]
        + [rule["query"] for group in prometheus.get("/api/v1/rules")["data"]["groups"] for rule in group["rules"]]
    )
    assert len(families) >= 20
    assert sorted(family for family in families if not re.search(rf"\b{family}(_bucket|_sum|_count)?\b", used)) == []


def test_status_shows_the_workers_live_figures(daemon: Spawned, ingested: int) -> None:
    url = f"http://127.0.0.1:{daemon.metrics_port}/metrics"
    shown = daemon.cli("status", "--once", "--interval", "1", "--metrics", url)
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    for stage in ("clean", "split", "dedup", "tag"):
        assert any(re.search(rf"│ {stage}\s+│ \d+\.\d", line) for line in lines), shown.stdout
    assert any(f":{daemon.metrics_port}" in line and "reachable" in line for line in lines), shown.stdout
    assert any(re.search(r"news\.raw\s+│ clean\s+│ 0 ", line) for line in lines), shown.stdout
    down = daemon.cli("status", "--once", "--interval", "0.1", "--metrics", f"http://127.0.0.1:{free_port()}/metrics")
    assert down.returncode == 1
