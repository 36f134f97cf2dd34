"""Dedup logic on plain dicts: exact copies, near copies, re-delivery and unrelated stories."""

from __future__ import annotations

from typing import Any

import pytest

from streams.dedup import Deduplicator, band_keys, duplicate_record, signature, similarity
from streams.fingerprint import content_hash
from streams.records import Article

STORY = (
    "SEOUL, May 27 (Reuters) - North Korea's minister of state security, Ri Chang Dae, left Pyongyang on "
    "Monday to attend a meeting of senior security officials in Russia, the North's KCNA state news agency "
    "reported on Tuesday. Russian media have reported that the top security aide to President Vladimir "
    "Putin, Sergei Shoigu, will take part in the meeting to be attended by security officials from "
    "countries including North Korea, Iran and the United Arab Emirates."
)
OTHER = (
    "TOKYO, June 23 (Reuters) - Japanese Prime Minister Shigeru Ishiba is planning to cancel his attendance "
    "at the North Atlantic Treaty Organisation summit in the Hague, a source with direct knowledge said on "
    "Monday. Foreign Minister Takeshi Iwaya will represent Japan, the source said."
)


def article(body: str, document_id: str, position: int = 0) -> Article:
    return Article(
        id=content_hash(body),
        document_id=document_id,
        position=position,
        kind="article",
        source={"filename": f"{document_id}.txt", "outlet": None, "url": None},
        title=None,
        author=None,
        body=body,
        published_at=None,
        crawled_at="2025-05-27T08:00:00+00:00",
        ingested_at="2025-05-27T08:00:00+00:00",
        parent_id=None,
        split_from=None,
    )


@pytest.fixture
def dedup() -> Deduplicator:
    exact: dict[str, Any] = {}
    buckets: dict[str, Any] = {}
    memory: dict[str, Any] = {}
    return Deduplicator(exact, buckets, memory, threshold=0.7)


def test_first_sighting_is_unique_and_a_second_copy_is_exact(dedup: Deduplicator) -> None:
    assert dedup.check(article(STORY, "doc-a")).kind is None
    verdict = dedup.check(article(STORY, "doc-b"))
    assert verdict.kind == "exact"
    assert verdict.original is not None
    assert verdict.original["document_id"] == "doc-a"


def test_retyped_copy_is_exact(dedup: Deduplicator) -> None:
    dedup.check(article(STORY, "doc-a"))
    retyped = STORY.replace("'", "’").replace(" - ", " -- ").upper().replace(". ", ".\n\n")
    assert dedup.check(article(retyped, "doc-b")).kind == "exact"


def test_redelivery_is_not_a_duplicate_of_itself(dedup: Deduplicator) -> None:
    first = article(STORY, "doc-a", 3)
    assert dedup.check(first).kind is None
    assert dedup.check(first).kind is None


def test_lightly_edited_copy_is_near(dedup: Deduplicator) -> None:
    dedup.check(article(STORY, "doc-a"))
    edited = STORY.replace("on Tuesday", "on Tuesday morning") + " The meeting is held every year."
    verdict = dedup.check(article(edited, "doc-b"))
    assert verdict.kind == "near"
    assert 0.7 <= verdict.similarity < 1.0
    record = duplicate_record(article(edited, "doc-b"), verdict)
    assert record["duplicate_of"] == content_hash(STORY)
    assert record["duplicate_kind"] == "near"


def test_different_story_is_unique(dedup: Deduplicator) -> None:
    dedup.check(article(STORY, "doc-a"))
    assert dedup.check(article(OTHER, "doc-b")).kind is None


def test_signature_similarity_tracks_overlap() -> None:
    same = similarity(signature(STORY), signature(STORY))
    apart = similarity(signature(STORY), signature(OTHER))
    assert same == 1.0
    assert apart < 0.2
    assert len(band_keys(signature(STORY))) == 16


def test_redelivered_near_duplicate_stays_a_duplicate_and_a_recopy_is_exact(dedup: Deduplicator) -> None:
    dedup.check(article(STORY, "doc-a"))
    edited = STORY + " The meeting is held every year."
    assert dedup.check(article(edited, "doc-b")).kind == "near"
    assert dedup.check(article(edited, "doc-b")).kind == "near"
    assert dedup.check(article(edited, "doc-c")).kind == "exact"
