"""Story boundaries in bodies holding two stories run together, and none inside single stories."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.dedup_pairs import read_stories
from streams.split.stories import MIN_STORY_WORDS, split_stories, story_starts

RUN_ON_SEED = "003_81b8b7aa3d094d4d.txt"


def seed_line(corpus: Path, opening: str) -> str:
    """The one line of the seed page that starts with the given words: a related item's body."""
    text = (corpus / "seeds" / RUN_ON_SEED).read_text(encoding="utf-8")
    return next(line for line in text.split("\n") if line.startswith(opening))


def test_russian_strikes_item_runs_on_into_the_abrego_garcia_story(corpus: Path) -> None:
    first, second = split_stories(seed_line(corpus, "A barrage of Russian strikes"))
    assert first.endswith("for the latest escalation in the three-and-a-half-year-old war.")
    assert second.startswith("Kilmar Abrego Garcia, whose mistaken deportation")


def test_macron_fact_check_runs_on_into_the_europe_right_story(corpus: Path) -> None:
    first, second = split_stories(seed_line(corpus, "French President Emmanuel Macron allegedly"))
    assert first.endswith("against French military presence in the region.")
    assert second.startswith("The very public fallout between Donald Trump and tech billionaire Elon Musk")


@pytest.mark.parametrize("opening", ["Europe 47:37 From the show", "North Korea's dictator Kim Jong-un"])
def test_a_roundup_and_a_lead_stay_whole(corpus: Path, opening: str) -> None:
    text = (corpus / "seeds" / RUN_ON_SEED).read_text(encoding="utf-8")
    body = text[text.index(opening) :].split("Hashtags")[0].split("\n\n\n")[0]
    assert story_starts(body) == []


def test_two_reuters_stories_run_together_are_cut_where_the_second_begins(corpus: Path) -> None:
    stories = {story.title: " ".join(story.paragraphs) for story in read_stories(corpus)}
    shultz = stories["SHULTZ SAYS NO RESIGNATION OVER IRAN REPORT"]
    coffee = stories["COFFEE TRADERS EXPECT SELLOFF AFTER ICO TALKS FAIL"]
    assert split_stories(f"{shultz} {coffee}") == [shultz, coffee]


def test_single_reuters_stories_are_not_cut(corpus: Path) -> None:
    bodies = ["\n".join(story.paragraphs) for story in read_stories(corpus)[:300]]
    long_enough = [body for body in bodies if len(body.split()) >= 2 * MIN_STORY_WORDS]
    assert len(long_enough) > 100
    assert [body[:60] for body in long_enough if story_starts(body)] == []


def test_short_text_and_continuations_are_never_cut() -> None:
    assert story_starts("A short body. It has two sentences.") == []
    assert split_stories("") == [""]


def test_a_story_opening_with_a_short_dateline_sentence_is_cut_where_the_dateline_begins(corpus: Path) -> None:
    stories = {story.title: " ".join(story.paragraphs) for story in read_stories(corpus)}
    shultz = stories["SHULTZ SAYS NO RESIGNATION OVER IRAN REPORT"]
    coffee = "TUCSON, Ariz. -- " + stories["COFFEE TRADERS EXPECT SELLOFF AFTER ICO TALKS FAIL"]
    assert split_stories(f"{shultz} {coffee}") == [shultz, coffee]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("PHILADELPHIA PORT CLOSED BY TANKER CRASH", "BANNER <BNR> COMPLETES TENDER FOR REXNORD <REX>"),
        ("NATIONAL AMUSEMENTS AGAIN UPS VIACOM <VIA> BID", "PANHANDLE'S <PEL> TRUNKLINE REDUCES GAS RATES"),
        ("ROSPATCH <RPCH> TO RESPOND TO DIAGNOSTIC <DRS>", "SAUDI ARABIA REITERATES COMMITMENT TO OPEC ACCORD"),
    ],
)
def test_a_wire_story_opening_on_a_name_not_seen_before_needs_less_word_evidence(
    corpus: Path, first: str, second: str
) -> None:
    stories = {story.title: " ".join(story.paragraphs) for story in read_stories(corpus)}
    assert split_stories(f"{stories[first]} {stories[second]}") == [stories[first], stories[second]]


def test_a_wire_dateline_inside_a_paragraph_opens_a_second_story_on_the_same_trade() -> None:
    first = (
        "Nigeria's annual inflation rate slowed for a sixth consecutive month in November to 18.2%, the national "
        "statistics office said on Friday, helped by a stronger naira and a good harvest that pushed down food prices. "
        "Food inflation, which makes up about half of the basket, eased to 21.4% from 23.1% in October. Analysts said "
        "the figures strengthened the case for the central bank to cut its benchmark rate at its next meeting in "
        "January, after holding it at 27.5% for most of the year. The naira has gained about 8% against the dollar "
        "since August. The government is targeting inflation of 15% by the end of next year."
    )
    second = (
        "ACCRA, Dec 4 (Reuters) - Ghana's cocoa regulator has secured a $1.2 billion syndicated loan to finance bean "
        "purchases for the current season, two sources with knowledge of the deal said, after two years in which it "
        "struggled to raise funds from international banks. The Ghana Cocoa Board will use the money to pay farmers "
        "for their crop. Output has recovered this season after disease and smuggling cut the harvest. The board "
        "declined to comment on the loan."
    )
    assert split_stories(f"{first} {second}") == [first, second]
