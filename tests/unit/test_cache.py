"""The on-disk cache of derived data: read back only when made from the same inputs, never a reason to fail."""

from __future__ import annotations

from pathlib import Path

import pytest

from streams import cache
from streams.text import gazetteer


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache folder of the test's own."""
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_data_stored_is_read_back_under_the_same_digest_only(folder: Path) -> None:
    cache.store("places", "aaaa", {"1": "one\tUS\n"})
    assert cache.load("places", "aaaa") == {"1": "one\tUS\n"}
    assert cache.load("places", "bbbb") is None
    assert [path.name for path in folder.iterdir()] == ["places-aaaa.json"]


def test_new_inputs_replace_the_file_older_ones_left_and_leave_other_names(folder: Path) -> None:
    cache.store("places", "aaaa", {"1": "old"})
    cache.store("other", "cccc", {"1": "kept"})
    cache.store("places", "bbbb", {"1": "new"})
    assert sorted(path.name for path in folder.iterdir()) == ["other-cccc.json", "places-bbbb.json"]
    assert cache.load("other", "cccc") == {"1": "kept"}


@pytest.mark.parametrize("content", [b'{"1": "cut sho', b"[1, 2]", b'{"1": 2}', b""])
def test_a_damaged_file_reads_as_nothing_cached(folder: Path, content: bytes) -> None:
    folder.mkdir()
    (folder / "places-aaaa.json").write_bytes(content)
    assert cache.load("places", "aaaa") is None


def test_a_folder_that_cannot_be_written_costs_only_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))
    cache.store("places", "aaaa", {"1": "one"})
    assert cache.load("places", "aaaa") is None


def test_the_folder_follows_xdg_when_not_set(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.cache_dir() == tmp_path / "newswire"


def test_the_digest_follows_the_source_and_the_packages(tmp_path: Path) -> None:
    source = tmp_path / "module.py"
    source.write_text("A = 1\n", encoding="utf-8")
    first = cache.made_from(source, ("orjson",))
    assert cache.made_from(source, ("orjson",)) == first
    assert cache.made_from(source, ("orjson", "xxhash")) != first
    source.write_text("A = 2\n", encoding="utf-8")
    assert cache.made_from(source, ("orjson",)) != first


def _rows(packed: str) -> dict[str, str]:
    return dict(row.split("\t") for row in packed.split("\n") if row)


def test_city_indexes_are_made_once_then_read_from_the_cache(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    made = gazetteer._packed_city_indexes()
    assert len(list(folder.glob("places-*.json"))) == 1

    def not_again() -> dict[int, str]:
        raise AssertionError("made again although cached")

    monkeypatch.setattr(gazetteer, "_made_city_indexes", not_again)
    read = gazetteer._packed_city_indexes()
    assert read.keys() == made.keys()
    assert {kind: _rows(packed) for kind, packed in read.items()} == {
        kind: _rows(packed) for kind, packed in made.items()
    }
    assert _rows(read[gazetteer.NAMED_CITY])["kyiv"] == "UA"


def test_city_indexes_cached_with_other_kinds_are_made_again(folder: Path) -> None:
    digest = cache.made_from(Path(gazetteer.__file__), gazetteer._CITY_INDEX_PACKAGES)
    cache.store("places", digest, {"7": "kyiv\tUS\n"})
    made = gazetteer._packed_city_indexes()
    assert _rows(made[gazetteer.NAMED_CITY])["kyiv"] == "UA"
    assert cache.load("places", digest) is not None
    assert set(cache.load("places", digest) or {}) == {str(kind) for kind in gazetteer._CITY_INDEX_KINDS}
