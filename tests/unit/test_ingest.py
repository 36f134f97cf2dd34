"""The news.raw header contract: what producers set and how the clean stage reads it."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

from agents.cli.ingest import Named, expand
from streams.ingest import document_id, file_headers, parse_time, raw_meta


def test_file_headers_name_type_and_crawl_time() -> None:
    crawled = datetime(2025, 6, 23, 7, 0, tzinfo=UTC)
    headers = dict(file_headers(Path("/x/page.html"), crawled))
    assert headers == {
        "filename": b"page.html",
        "content-type": b"text/html",
        "crawled-at": b"2025-06-23T07:00:00+00:00",
    }


def test_files_found_in_folders_are_named_by_their_path_under_the_folder(tmp_path: Path) -> None:
    # `a.txt` and `sub/a.txt` were both "a.txt" in every record, told apart by their size only.
    for name in ("a.txt", "sub/a.txt", "sub/.hidden.txt", ".cache/b.txt"):
        (tmp_path / "in" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "in" / name).write_bytes(b"story")
    (tmp_path / "alone.html").write_bytes(b"<p>story</p>")
    found = list(expand([tmp_path / "in", tmp_path / "alone.html"]))
    assert found == [Named(tmp_path / "in/a.txt", "a.txt"), Named(tmp_path / "in/sub/a.txt", "sub/a.txt"),
                     Named(tmp_path / "alone.html", "alone.html")]  # fmt: skip
    headers = dict(file_headers(found[1].path, name=found[1].name))
    assert (headers["filename"], headers["content-type"]) == (b"sub/a.txt", b"text/plain")


def test_raw_meta_uses_crawled_at_header_else_ingest_time() -> None:
    stamp = int(datetime(2025, 6, 23, 9, 0, tzinfo=UTC).timestamp() * 1000)
    meta = raw_meta(b"abc", {"filename": b"a.txt", "crawled-at": b"2025-06-23T07:00:00Z"}, 1, 5, stamp)
    assert meta["crawled_at"] == "2025-06-23T07:00:00+00:00"
    assert meta["ingested_at"] == "2025-06-23T09:00:00+00:00"
    assert meta["size"] == 3
    assert meta["filename"] == "a.txt"
    fallback = raw_meta(b"abc", {"crawled-at": b"yesterday"}, 1, 5, stamp)
    assert fallback["crawled_at"] == fallback["ingested_at"]


def test_a_file_name_that_is_not_utf_8_travels_as_its_bytes_and_reads_apart_from_others() -> None:
    name = os.fsdecode(b"bad-\xff\xfe-name.txt")
    headers = dict(file_headers(Path("/inbox") / name))
    assert headers["filename"] == b"bad-\xff\xfe-name.txt"
    read = raw_meta(b"abc", headers, 0, 1, 0)["filename"]
    other = raw_meta(b"abc", {"filename": b"bad-\xfe\xff-name.txt"}, 0, 1, 0)["filename"]
    assert read == "bad-\\xff\\xfe-name.txt"
    assert read != other


def test_document_id_is_stable_per_message_and_new_per_drop() -> None:
    assert document_id(b"x", 0, 7, 1000) == document_id(b"x", 0, 7, 1000)
    assert document_id(b"x", 0, 7, 1000) != document_id(b"x", 0, 8, 1001)


def test_parse_time_reads_naive_times_as_utc() -> None:
    assert parse_time("2025-06-23T07:00:00") == datetime(2025, 6, 23, 7, 0, tzinfo=UTC)
    assert parse_time("not a time") is None


def test_a_message_without_a_timestamp_was_ingested_now() -> None:
    # A producer that sets no timestamp leaves 0 (or -1): read as 1970, every date on the page was after the crawl.
    before = datetime.now(UTC)
    meta = raw_meta(b"abc", {"filename": b"a.html"}, 0, 7, 0)
    assert before <= datetime.fromisoformat(meta["ingested_at"]) <= datetime.now(UTC)
    assert meta["crawled_at"] == meta["ingested_at"]
    assert meta["document_id"] == raw_meta(b"abc", {"filename": b"a.html"}, 0, 7, 0)["document_id"]
