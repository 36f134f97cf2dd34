"""The readers behind `newswire eval tagging`: Reuters stories with gold codes, labelled topic rows and keywords."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pycountry
import pytest

from benchmarks import registry
from benchmarks.extraction import trafilatura_news_pages
from benchmarks.reuters import place_code, stories
from benchmarks.tagging import (
    HELD_OUT_LABELS,
    KEYWORD_SAMPLE,
    LANGUAGE_LABELS,
    TOPIC_LABEL_CODES,
    TOPIC_SETS,
    keyword_sample,
    topic_rows,
)
from streams.tag.subjects import MEDIA_TOPICS


@pytest.mark.parametrize(
    ("place", "code"),
    [("usa", "US"), ("uk", "GB"), ("west-germany", "DE"), ("ussr", "RU"), ("new-zealand", "NZ"), ("el-salvador", "SV"),
     ("hong-kong", "HK"), ("turkey", "TR")],
)  # fmt: skip
def test_reuters_place_codes(place: str, code: str) -> None:
    assert place_code(place) == code


def test_reuters_stories(corpus: Path) -> None:
    found = stories(corpus)
    assert len(found) > 900
    first = found[0]
    assert first.dateline.strip() == "SALVADOR, Feb 26 -"
    assert first.countries == {"SV", "US", "UY"}
    assert first.filed_at == "1987-02-26T15:01:01"
    assert first.body.startswith("Showers continued throughout the week")
    assert "&lt;" not in "".join(story.body for story in found)


def test_topic_rows_leave_out_unscored_labels(corpus: Path) -> None:
    for filename in TOPIC_SETS.values():
        rows = topic_rows(corpus, filename)
        assert rows
        assert {label for _title, _text, label in rows} <= set(TOPIC_LABEL_CODES)
        assert all(title and text for title, text, _label in rows)


def test_topic_mapping_covers_every_iptc_code() -> None:
    assert set().union(*TOPIC_LABEL_CODES.values()) == set(MEDIA_TOPICS)
    assert "other" not in TOPIC_LABEL_CODES
    assert "not_news" not in TOPIC_LABEL_CODES


def test_tagging_is_registered() -> None:
    assert registry.AREAS["tagging"] == "benchmarks.tagging:evaluate"
    assert callable(registry.load("tagging"))


def test_keyword_sample_labels_fifty_held_out_articles_with_reasons(corpus: Path) -> None:
    sample = keyword_sample()
    assert len(sample) == 50
    held_out = [title for title, _text, _label in topic_rows(corpus, TOPIC_SETS["held-out"])]
    assert {title for _file, title in sample} == set(held_out[:50])
    with KEYWORD_SAMPLE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == sum(len(verdicts) for verdicts in sample.values())
    reasons = {"keep": {"subject"}, "reject": {"title word", "date or time", "attribution", "fragment", "name piece",
                                             "name", "generic", "junk"}}  # fmt: skip
    for row in rows:
        assert row["reason"] in reasons[row["verdict"]], row
    assert sample["en_cat_honey.tsv", "Dollar heads for weekly gain on trade talk hope but doubts remain"]["trade war"]


@pytest.mark.parametrize(("path", "size"), [(LANGUAGE_LABELS, 61), (HELD_OUT_LABELS, 24)])
def test_language_labels_name_real_pages_codes_and_reasons(corpus: Path, path: Path, size: int) -> None:
    labels = json.loads(path.read_text(encoding="utf-8"))
    pages = {page.name for page in trafilatura_news_pages(corpus)}
    assert len(labels) == size
    for label in labels:
        assert label["page"] in pages
        assert label["reason"]
        assert all(pycountry.countries.get(alpha_2=code) for code in label["countries"])
        assert (label["dateline_country"] is None) or label["dateline_country"] in label["countries"]


def test_held_out_pages_are_not_development_pages() -> None:
    development = {label["page"] for label in json.loads(LANGUAGE_LABELS.read_text(encoding="utf-8"))}
    held_out = {label["page"] for label in json.loads(HELD_OUT_LABELS.read_text(encoding="utf-8"))}
    assert not development & held_out
