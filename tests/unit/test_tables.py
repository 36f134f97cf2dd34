"""The table folder remembers the partition count its tables were laid out by, and refuses another."""

from __future__ import annotations

from pathlib import Path

import pytest

from agents.errors import StartupError
from agents.tables import check_layout


def test_tables_refuse_another_partition_count(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    check_layout(tables, 4)
    check_layout(tables, 4)  # the same count again starts
    with pytest.raises(StartupError) as refused:
        check_layout(tables, 8)
    message = str(refused.value)
    assert "laid out for 4 partitions, not 8" in message
    assert "--partitions 4" in message
    assert "NEWSWIRE_STATE_DIR" in message
    assert "\n" not in message


def test_tables_of_an_older_version_take_todays_count(tmp_path: Path) -> None:
    tables = tmp_path / "tables"
    tables.mkdir()
    (tables / "newswire-dedup-articles-0.db").mkdir()
    check_layout(tables, 2)
    with pytest.raises(StartupError):
        check_layout(tables, 4)
