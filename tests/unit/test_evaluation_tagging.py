"""The readers behind `newswire eval tagging`: Reuters stories with gold codes, and labelled topic rows."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks import registry
from benchmarks.reuters import place_code, stories
from benchmarks.tagging import TOPIC_LABEL_CODES, TOPIC_SETS, topic_rows
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
