"""The deployment files: promtool passes config, rules and alert tests; dashboards are complete; compose is wired."""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import typer
import yaml

from agents.cli import cli
from streams.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
PROMETHEUS_CONFIG = DEPLOY / "prometheus" / "prometheus.yml"
RULES = sorted((DEPLOY / "prometheus" / "rules").glob("*.yml"))
RULE_TESTS = sorted((DEPLOY / "prometheus" / "tests").glob("*.yml"))
DASHBOARDS = sorted((DEPLOY / "grafana" / "dashboards").glob("*.json"))
PROVISIONING = DEPLOY / "grafana" / "provisioning"
PROMTOOL = shutil.which("promtool")
DOCKER_COMPOSE = shutil.which("docker-compose")
needs_promtool = pytest.mark.skipif(
    PROMTOOL is None, reason="no `promtool` on PATH: install Debian's prometheus package (.ci/run does)"
)


def load(path: Path) -> Any:
    return yaml.safe_load(path.read_text())


def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = load(ROOT / "docker-compose.yml")
    return loaded


def dockerfile_instructions(name: str) -> list[str]:
    """Arguments of each `name` instruction of deploy/Dockerfile, continuation lines joined."""
    text = (DEPLOY / "Dockerfile").read_text().replace("\\\n", " ")
    return [line.split(None, 1)[1] for line in text.splitlines() if line.split(None, 1)[:1] == [name]]


def promtool(*args: str) -> subprocess.CompletedProcess[str]:
    assert PROMTOOL is not None
    return subprocess.run([PROMTOOL, *args], capture_output=True, text=True, timeout=60, check=False)


@needs_promtool
def test_promtool_checks_the_prometheus_config_and_its_rules() -> None:
    checked = promtool("check", "config", str(PROMETHEUS_CONFIG))
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert "SUCCESS" in checked.stdout + checked.stderr
    checked = promtool("check", "rules", *map(str, RULES))
    assert checked.returncode == 0, checked.stdout + checked.stderr


@needs_promtool
def test_promtool_rule_tests_pass() -> None:
    tested = promtool("test", "rules", *map(str, RULE_TESTS))
    assert tested.returncode == 0, tested.stdout + tested.stderr


def test_every_alert_is_tested_firing_and_not_firing() -> None:
    alerts = {rule["alert"] for path in RULES for group in load(path)["groups"] for rule in group["rules"]}
    cases = [case for path in RULE_TESTS for test in load(path)["tests"] for case in test["alert_rule_test"]]
    assert alerts
    for alert in alerts:
        outcomes = {bool(case["exp_alerts"]) for case in cases if case["alertname"] == alert}
        assert outcomes == {True, False}, f"{alert} is not tested both firing and not firing"


def test_every_alert_has_a_runbook() -> None:
    for path in RULES:
        for group in load(path)["groups"]:
            for rule in group["rules"]:
                assert {"summary", "description", "runbook"} <= set(rule["annotations"]), rule["alert"]
                assert len(rule["annotations"]["runbook"]) > 100, rule["alert"]


def test_every_panel_has_a_unit_a_description_and_queries() -> None:
    datasource = load(PROVISIONING / "datasources" / "prometheus.yml")["datasources"][0]
    assert DASHBOARDS
    for path in DASHBOARDS:
        dashboard = json.loads(path.read_text())
        panels = [panel for panel in dashboard["panels"] if panel["type"] != "row"]
        assert panels
        titles = [panel["title"] for panel in panels]
        assert len(titles) == len(set(titles)), titles
        for panel in panels:
            assert panel["fieldConfig"]["defaults"].get("unit"), panel["title"]
            assert len(panel.get("description", "")) > 20, panel["title"]
            assert panel["targets"], panel["title"]
            assert panel["datasource"]["uid"] == datasource["uid"], panel["title"]
            for target in panel["targets"]:
                assert target["refId"], panel["title"]
                assert target["expr"].strip(), panel["title"]
                assert not re.search(r"\[\d+[smhd]\]", target["expr"]), f"{panel['title']}: use $__rate_interval"


def test_runbooks_name_panels_that_exist() -> None:
    titles = {panel["title"] for path in DASHBOARDS for panel in json.loads(path.read_text())["panels"]}
    for path in RULES:
        for group in load(path)["groups"]:
            for rule in group["rules"]:
                runbook = rule["annotations"]["runbook"]
                quoted = runbook.split('"')[1::2]
                assert set(quoted) - {"internal error", "binary file", "empty file"} <= titles, rule["alert"]


def test_grafana_is_provisioned_with_the_dashboards_and_the_compose_prometheus() -> None:
    services = compose()["services"]
    grafana_mounts = dict(volume.split(":")[:2] for volume in services["grafana"]["volumes"])
    provider = load(PROVISIONING / "dashboards" / "newswire.yml")["providers"][0]
    assert grafana_mounts["./deploy/grafana/dashboards"] == provider["options"]["path"]
    assert grafana_mounts["./deploy/grafana/provisioning"] == "/etc/grafana/provisioning"
    datasource = urlsplit(load(PROVISIONING / "datasources" / "prometheus.yml")["datasources"][0]["url"])
    assert datasource.hostname in services
    assert f"127.0.0.1:{datasource.port}:{datasource.port}" in services[datasource.hostname]["ports"]
    home = services["grafana"]["environment"]["GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH"]
    assert Path(home).name in {path.name for path in DASHBOARDS}


@pytest.mark.skipif(DOCKER_COMPOSE is None, reason="no `docker-compose` on PATH: install Debian's docker-compose")
def test_docker_compose_config_validates_and_wants_a_grafana_password() -> None:
    assert DOCKER_COMPOSE is not None
    command = [DOCKER_COMPOSE, "-f", str(ROOT / "docker-compose.yml"), "config", "--quiet"]
    env = {"PATH": os.environ["PATH"], "GRAFANA_ADMIN_PASSWORD": "chosen-by-the-operator"}
    checked = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False, env=env)
    assert checked.returncode == 0, checked.stderr
    del env["GRAFANA_ADMIN_PASSWORD"]
    refused = subprocess.run(command, capture_output=True, text=True, timeout=60, check=False, env=env)
    assert refused.returncode != 0
    assert "GRAFANA_ADMIN_PASSWORD" in refused.stderr


def test_compose_publishes_only_on_loopback_and_grafana_has_no_default_login() -> None:
    services = compose()["services"]
    published = [port for service in services.values() for port in service.get("ports", [])]
    assert published
    assert all(str(port).startswith("127.0.0.1:") for port in published), published
    grafana = services["grafana"]["environment"]
    assert grafana["GF_AUTH_ANONYMOUS_ENABLED"] == "false"
    assert grafana["GF_SECURITY_ADMIN_PASSWORD"].startswith("${GRAFANA_ADMIN_PASSWORD:?")
    assert "NEWSWIRE_METRICS_HOST=0.0.0.0" in dockerfile_instructions("ENV")[0].split()


def test_every_path_compose_mounts_or_builds_from_exists() -> None:
    for name, service in compose()["services"].items():
        for volume in service.get("volumes", []):
            source = volume.split(":")[0]
            if source.startswith("."):
                assert (ROOT / source).exists(), f"{name} mounts missing {source}"
        if "build" in service:
            assert (ROOT / service["build"]["context"] / service["build"]["dockerfile"]).is_file()


def test_every_newswire_env_var_in_compose_and_the_image_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    image_env = dict(pair.split("=", 1) for args in dockerfile_instructions("ENV") for pair in shlex.split(args))
    compose_env = {key: str(value) for key, value in compose()["services"]["newswire"]["environment"].items()}
    given = {key: value for key, value in (image_env | compose_env).items() if key.startswith("NEWSWIRE_")}
    assert len(given) >= 6
    for key, value in given.items():
        monkeypatch.setenv(key, value)
    settings = Settings()
    for key, value in given.items():
        field = key.removeprefix("NEWSWIRE_").lower()
        assert str(getattr(settings, field)) == value, key


def test_compose_ports_and_addresses_agree_with_newswire_and_prometheus() -> None:
    services = compose()["services"]
    worker = services["newswire"]
    port = str(worker["environment"]["NEWSWIRE_METRICS_PORT"])
    assert worker["expose"] == [port]
    assert dockerfile_instructions("EXPOSE") == [port]
    job = next(job for job in load(PROMETHEUS_CONFIG)["scrape_configs"] if job["job_name"] == "newswire")
    assert job["dns_sd_configs"] == [{"names": ["newswire"], "type": "A", "port": int(port), "refresh_interval": "15s"}]
    kafka = services["kafka"]["environment"]
    broker = worker["environment"]["NEWSWIRE_BROKER"].removeprefix("kafka://")
    assert f"PLAINTEXT://{broker}" in kafka["KAFKA_ADVERTISED_LISTENERS"].split(",")
    assert services["prometheus"]["volumes"][0] == "./deploy/prometheus:/etc/prometheus:ro"


def test_the_compose_worker_command_is_a_newswire_command() -> None:
    command = typer.main.get_command(cli)
    subcommand, *options = compose()["services"]["newswire"]["command"]
    known = command.commands[subcommand]  # type: ignore[attr-defined]
    flags = {flag for param in known.params for flag in [*param.opts, *param.secondary_opts]}
    assert set(options) <= flags


def test_the_compose_kafka_has_the_settings_the_tests_run_kafka_with() -> None:
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())["services"]["kafka"]
    tested = dict(
        line.split("=", 1)
        for line in (DEPLOY / "kafka" / "server.properties").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    )
    shared = ["message.max.bytes", "replica.fetch.max.bytes", "num.partitions", "group.initial.rebalance.delay.ms",
              "offsets.topic.replication.factor", "transaction.state.log.replication.factor",
              "transaction.state.log.min.isr"]  # fmt: skip
    environment = {key: str(value) for key, value in compose["environment"].items()}
    assert {key: environment.get("KAFKA_" + key.upper().replace(".", "_")) for key in shared} == {
        key: tested[key] for key in shared
    }
    version = re.search(r"<artifactId>kafka_2\.13</artifactId>\s*<version>([^<]+)</version>",
                        (DEPLOY / "kafka" / "pom.xml").read_text())  # fmt: skip
    assert version is not None
    assert compose["image"] == f"apache/kafka:{version.group(1)}"
