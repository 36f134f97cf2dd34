"""IPTC topic ranking from cue-word lexicons, on short texts written for the test."""

from __future__ import annotations

import pytest

from streams.tag.subjects import CUES, MEDIA_TOPICS, lexicon, rank


def words(text: str, weight: float = 1.0) -> list[tuple[str, float]]:
    return [(text, weight)]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Shares fell and bond yields rose after the central bank raised interest rates to curb inflation.",
         "medtop:04000000"),
        ("The striker scored twice as the club won the league title in front of its fans at the stadium.",
         "medtop:15000000"),
        ("Voters head to the polls as the prime minister's party trails the opposition in the election campaign.",
         "medtop:11000000"),
        ("Troops and tanks pushed forward as missile and drone strikes hit the city despite the ceasefire.",
         "medtop:16000000"),
        ("Police arrested a suspect, and prosecutors said he will stand trial for murder next month.",
         "medtop:02000000"),
        ("The earthquake collapsed buildings and rescuers searched the rubble for survivors.", "medtop:03000000"),
        ("Researchers at the laboratory published a study on the genes of a fossil species in a journal.",
         "medtop:13000000"),
        ("Doctors say the vaccine cut hospital admissions as the flu outbreak spread among patients.",
         "medtop:07000000"),
        ("The film premiered at the festival, and the actress thanked the director for the award.",
         "medtop:01000000"),
    ],
)  # fmt: skip
def test_best_topic(text: str, code: str) -> None:
    topics = rank(words(text))
    assert topics[0]["code"] == code
    assert topics[0]["label"] == MEDIA_TOPICS[code]


def test_scores_are_shares_best_first() -> None:
    topics = rank(words("Police arrested the striker after the match, and the club's shares fell on the market."))
    scores = [topic["score"] for topic in topics]
    assert scores == sorted(scores, reverse=True)
    assert 0 < sum(scores) <= 1.0001
    assert len({topic["code"] for topic in topics}) == len(topics)


def test_title_words_weigh_more() -> None:
    body = words("the bank reported profits while the team played a match")
    assert rank(words("Bank profits", 3.0) + body)[0]["code"] == "medtop:04000000"
    assert rank(words("Team match", 3.0) + body)[0]["code"] == "medtop:15000000"


def test_two_word_cues_are_matched() -> None:
    assert lexicon()["world cup"] == {"medtop:15000000": 2.0}
    assert rank(words("the world cup"))[0]["code"] == "medtop:15000000"


def test_no_cue_no_topic() -> None:
    assert rank(words("the of and to a in")) == []
    assert rank([]) == []


def test_every_topic_has_cues() -> None:
    assert set(CUES) == set(MEDIA_TOPICS)
    assert len(MEDIA_TOPICS) == 17
