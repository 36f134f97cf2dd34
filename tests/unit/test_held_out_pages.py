"""The held-out pages evaluation reads a folder in readability's test-page layout and scores what it finds."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from benchmarks.held_out_pages import FOLDER_VARIABLE, evaluate

PARAGRAPHS = [
    "OSLO - The harbour authority raised ferry fares by ten percent on Monday, its third increase this year, "
    "citing fuel costs and a shortage of trained crews on the northern routes.",
    "Commuters said the rise would push more of them back onto the coastal road, which the council has "
    "promised to widen before the winter.",
]


def write_page(
    folder: Path, name: str, byline: str, headline: str = "Ferry fares rise", section: str = "", label: str = ""
) -> None:
    page = folder / name
    page.mkdir()
    body = "".join(f"<p>{paragraph}</p>" for paragraph in PARAGRAPHS * 3)
    (page / "source.html").write_text(
        f'<html><head><title>{headline} | Harbour News</title><meta name="author" content="{byline}">'
        '<meta property="article:published_time" content="2025-03-04T06:00:00Z"></head>'
        f"<body><nav><a href='/'>Home</a></nav><article><h1>{headline}</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    (page / "expected.html").write_text(f"<div>{body}</div>", encoding="utf-8")
    metadata = {
        "title": f"{headline}{section} | Harbour News",
        "byline": f"{label}{byline}",
        "publishedTime": "2025-03-04T06:00Z",
    }
    (page / "expected-metadata.json").write_text(json.dumps(metadata), encoding="utf-8")


def test_figures_of_a_folder_of_pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_page(tmp_path, "harbour-1", "Ana Costa", label="By ")  # readability's bylines keep their label
    write_page(tmp_path, "harbour-2", "Jan Berg", headline="Ferry fares - what commuters pay", section=" | Travel")
    (tmp_path / "no-expected-body").mkdir()
    (tmp_path / "no-expected-body" / "source.html").write_text("<html></html>", encoding="utf-8")
    monkeypatch.setenv(FOLDER_VARIABLE, str(tmp_path))
    figures = {figure.name: figure.value for figure in evaluate(Path("unused"))}
    assert figures["pages"] == 2
    assert figures["real pages: pages"] == 2
    assert figures["body F1, ours"] == 1.0
    assert figures["titles stated"] == 2
    assert figures["titles found, ours"] == 1.0, "the stated <title> without section and site name is the headline"
    assert figures["bylines found, ours"] == 1.0
    assert figures["publication days found, ours"] == 1.0
    assert figures["real pages: titles stated"] == 2


def test_without_a_folder_it_says_how_to_name_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FOLDER_VARIABLE, raising=False)
    with pytest.raises(RuntimeError, match=f"set {FOLDER_VARIABLE} to a folder"):
        list(evaluate(Path("unused")))


def test_a_site_name_in_brackets_after_the_stated_title_is_no_part_of_the_headline(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_page(tmp_path, "harbour-1", "Ana Costa")
    metadata_file = tmp_path / "harbour-1" / "expected-metadata.json"
    metadata = json.loads(metadata_file.read_text(encoding="utf-8"))
    metadata["title"] = "Ferry fares rise [Harbour News]"
    metadata_file.write_text(json.dumps(metadata), encoding="utf-8")
    monkeypatch.setenv(FOLDER_VARIABLE, str(tmp_path))
    figures = {figure.name: figure.value for figure in evaluate(Path("unused"))}
    assert figures["titles found, ours"] == 1.0
