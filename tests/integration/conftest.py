"""Integration fixtures: the broker a test runs on, the embedded tansu or a real Kafka started for it."""

from __future__ import annotations

from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from kafka import KafkaBroker, KafkaUnavailable, kafka_jars, required

LOG_TAIL = 40
"""Lines of each daemon's log a failed test's report ends with: CI shows the report, never the test's folder."""
BROKERS = ["tansu", "kafka"]
"""What a test parametrised over brokers runs on: the daemon's embedded broker, or Kafka given with --broker."""


@pytest.fixture(scope="session")
def kafka_lib() -> Path:
    """Kafka's jars, fetched once; without Java or Maven the test skips, or fails under NEWSWIRE_KAFKA_REQUIRED=1."""
    try:
        return kafka_jars()
    except KafkaUnavailable as exc:
        if required():
            pytest.fail(f"NEWSWIRE_KAFKA_REQUIRED is set but Kafka cannot run: {exc}")
        pytest.skip(f"Kafka cannot run here: {exc}")


def started(request: pytest.FixtureRequest, factory: pytest.TempPathFactory) -> Iterator[KafkaBroker | None]:
    """Nothing for tansu (the daemon starts its own); for kafka a fresh broker, stopped after."""
    if request.param == "tansu":
        yield None
        return
    with KafkaBroker(factory.mktemp("kafka"), request.getfixturevalue("kafka_lib")) as broker:
        yield broker


@pytest.fixture(params=BROKERS)
def broker(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaBroker | None]:
    """The test's broker: None for the embedded one, else a Kafka of the test's own."""
    yield from started(request, tmp_path_factory)


@pytest.fixture(scope="module", params=BROKERS)
def module_broker(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[KafkaBroker | None]:
    """The module's broker: None for the embedded one, else a Kafka the module's tests share."""
    yield from started(request, tmp_path_factory)


@pytest.fixture
def kafka(kafka_lib: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaBroker]:
    """A Kafka of the test's own, for tests of Kafka alone."""
    with KafkaBroker(tmp_path_factory.mktemp("kafka"), kafka_lib) as broker:
        yield broker


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    """A failed test's report carries the end of the log of each daemon it started."""
    report: pytest.TestReport = yield
    folder = getattr(item, "funcargs", {}).get("tmp_path")
    if report.failed and isinstance(folder, Path):
        for log in sorted(folder.rglob("daemon.log")):
            tail = log.read_text(errors="replace").splitlines()[-LOG_TAIL:]
            report.sections.append((f"last {len(tail)} lines of {log.relative_to(folder)}", "\n".join(tail)))
    return report
