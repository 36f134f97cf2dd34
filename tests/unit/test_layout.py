"""The house rules of the code's layout: the pure core stays pure, stages stay apart, the pipeline is written once."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from agents.app import Broker, create_app
from agents.pool import clean_pool, stop_pools, tag_pool
from streams import topics
from streams.pipeline import CONTENT_STAGES, PIPELINE, READERS
from streams.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
STAGE_FOLDERS = ("clean", "split", "dedup", "tag")


def imported(path: Path) -> set[str]:
    """Every module a file imports."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_core_imports_no_faust_no_kafka_client_and_nothing_of_the_agents_or_the_lab() -> None:
    for path in (ROOT / "streams").rglob("*.py"):
        bad = {name for name in imported(path) if name.split(".")[0] in {"faust", "aiokafka", "agents", "benchmarks"}}
        assert bad == set(), path


@pytest.mark.parametrize("stage", STAGE_FOLDERS)
def test_no_stage_folder_imports_another(stage: str) -> None:
    others = {f"streams.{other}" for other in STAGE_FOLDERS if other != stage}
    for path in (ROOT / "streams" / stage).rglob("*.py"):
        crossing = {name for name in imported(path) if any(name == o or name.startswith(o + ".") for o in others)}
        assert crossing == set(), path


def test_the_product_does_not_import_the_lab() -> None:
    for path in [*(ROOT / "streams").rglob("*.py"), *(ROOT / "agents").rglob("*.py")]:
        assert not {name for name in imported(path) if name.startswith("benchmarks")}, path


def test_the_agents_read_exactly_what_the_pipeline_says(tmp_path: Path) -> None:
    settings = Settings(state_dir=tmp_path, inbox=tmp_path / "inbox", out=tmp_path / "out")
    tags, cleaners = tag_pool(1), clean_pool(1)
    try:
        app = create_app(settings, Broker("kafka://127.0.0.1:1", "test", tansu=False), tags, cleaners,
                         keep_tables=False)  # fmt: skip
        read = {topic: name for name, agent in app.agents.items() for topic in agent.channel.topics}
    finally:
        stop_pools(tags, cleaners)
    assert set(read) == set(READERS)
    for topic, agent in read.items():
        assert agent.removeprefix("newswire.").startswith(READERS[topic]), (topic, agent)
    assert CONTENT_STAGES == ("clean", "split", "dedup", "tag")


def test_every_topic_is_written_by_a_stage_or_the_producers() -> None:
    written = {spec.name for stage in PIPELINE for spec in stage.writes} | {topics.RAW.name}
    assert written == {spec.name for spec in topics.ALL}


def test_the_readme_topic_table_lists_the_topics_in_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Topics\n", 1)[1].split("\n\n", 2)[0]
    listed = re.findall(r"^\| `(news\.[a-z-]+)` \|", table, re.MULTILINE)
    assert listed == [spec.name for spec in topics.ALL]


def test_the_readme_drawing_names_every_stage() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    drawing = readme.split("### The data path\n", 1)[1].split("```", 2)[1]
    for stage in PIPELINE:
        assert stage.name in drawing, stage.name
    for spec in topics.ALL:
        assert spec.name in drawing, spec.name
