"""Dedup logic in one process (the agents' own Buckets and Articles): exact, near, re-delivery, races."""

from __future__ import annotations

import random

from streams.dedup import Config
from streams.dedup_local import LocalDedup, text_article

DAY_US = 86_400_000_000
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
    "Monday. Foreign Minister Takeshi Iwaya will represent Japan, the source said, declining to be "
    "identified because the plan is not public."
)
EDITED = STORY.replace("on Tuesday", "on Tuesday morning") + " The meeting is held every year in Moscow."


def local(shuffle: random.Random | None = None) -> LocalDedup:
    return LocalDedup(Config(threshold=0.8, retention_us=30 * DAY_US), partitions=4, shuffle=shuffle)


def test_second_copy_is_exact_and_names_the_first() -> None:
    dedup = local()
    dedup.add([text_article(STORY, "doc-a", 1)], now_us=10)
    dedup.add([text_article(STORY, "doc-b", 2)], now_us=10)
    assert [a["document_id"] for a in dedup.unique] == ["doc-a"]
    [duplicate] = dedup.duplicates
    assert duplicate["duplicate_kind"] == "exact"
    assert duplicate["duplicate_of_document"] == "doc-a"


def test_redelivery_is_not_a_duplicate_of_itself() -> None:
    dedup = local()
    first = text_article(STORY, "doc-a", 1)
    dedup.add([first], now_us=10)
    dedup.add([first], now_us=10)
    assert not dedup.duplicates
    assert {a["document_id"] for a in dedup.unique} == {"doc-a"}


def test_lightly_edited_copy_is_near_and_an_unrelated_story_is_unique() -> None:
    dedup = local()
    dedup.add([text_article(STORY, "doc-a", 1), text_article(OTHER, "doc-c", 3)], now_us=10)
    dedup.add([text_article(EDITED, "doc-b", 2)], now_us=10)
    assert {a["document_id"] for a in dedup.unique} == {"doc-a", "doc-c"}
    [duplicate] = dedup.duplicates
    assert duplicate["duplicate_kind"] == "near"
    assert duplicate["document_id"] == "doc-b"
    assert 0.8 <= duplicate["similarity"] < 1.0


def test_racing_copies_never_drop_both() -> None:
    for seed in range(20):
        dedup = local(random.Random(seed))
        dedup.add([text_article(EDITED, "doc-b", 2), text_article(STORY, "doc-a", 1)], now_us=10)
        kept = {a["document_id"] for a in dedup.unique}
        assert kept, f"seed {seed} dropped both copies"
        assert {d["document_id"] for d in dedup.duplicates} | kept == {"doc-a", "doc-b"}
