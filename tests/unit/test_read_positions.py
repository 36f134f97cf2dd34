"""The daemon's read positions on `news.accounts`: kept for the broker they were read on, and nowhere else."""

from __future__ import annotations

from pathlib import Path

from agents.accounts import CLOCK_SLACK_MS, ReadPositions, Resume

STARTED = 1_800_000_000.0
SINCE = int(STARTED * 1000) - CLOCK_SLACK_MS


def test_saved_positions_resume_on_the_same_broker(tmp_path: Path) -> None:
    ReadPositions(tmp_path, "cluster-a").save({1: 7, 0: 3})
    assert ReadPositions(tmp_path, "cluster-a").resume(STARTED) == Resume(SINCE, {0: 3, 1: 7})


def test_positions_of_another_broker_are_not_used(tmp_path: Path) -> None:
    # The embedded broker is a new cluster at every start: its offsets start again at 0.
    ReadPositions(tmp_path, "cluster-a").save({0: 3})
    assert ReadPositions(tmp_path, "cluster-b").resume(STARTED) == Resume(SINCE)


def test_no_file_or_a_damaged_one_reads_from_the_start_of_the_daemon(tmp_path: Path) -> None:
    positions = ReadPositions(tmp_path, "cluster-a")
    assert positions.resume(STARTED) == Resume(SINCE)
    positions.path.write_bytes(b'{"cluster_id": "cluster-a", "posit')
    assert positions.resume(STARTED) == Resume(SINCE)
    for damaged in (b'"positions": [1, 2]', b'"positions": {"0": "end"}', b'"positions": {"0": null}', b'"other": 1'):
        positions.path.write_bytes(b'{"cluster_id": "cluster-a", ' + damaged + b"}")
        assert positions.resume(STARTED) == Resume(SINCE)


def test_saving_replaces_the_file_whole(tmp_path: Path) -> None:
    positions = ReadPositions(tmp_path, "cluster-a")
    positions.save({0: 3})
    positions.save({0: 4})
    assert positions.resume(STARTED).positions == {0: 4}
    assert sorted(path.name for path in tmp_path.iterdir()) == [positions.path.name]
