"""Learned chrome on pages of a made-up site whose template no fixed rule knows."""

from __future__ import annotations

from collections import UserDict
from collections.abc import ItemsView
from datetime import UTC, datetime, timedelta

import pytest

from streams.records import Document
from streams.split import split
from streams.split.learned_chrome import (
    COUNTED_LINES,
    ChromeLearner,
    LineStats,
    candidate,
    line_key,
    signature,
    source_of,
)
from streams.split.stage import own_text

TEMPLATE_TOP = ["Bugle Media Group", "Subscribe to the Bugle for $1 a week", "Sections: City | Harbour | Sport"]
TEMPLATE_BOTTOM = ["Share this story on Mastodon", "© 2025 Daily Bugle Ltd. All rights reserved."]
STORIES = [
    ["Harbour ferry fares rise again", "The harbour authority raised ferry fares by ten percent on Monday, its "
     "third increase this year, citing fuel costs and a shortage of trained crews on the northern routes."],
    ["Council approves new tram line", "City councillors voted 31 to 9 to approve a tram line linking the old "
     "docks with the university, after two years of consultation and a court challenge from local traders."],
    ["Storm closes coastal road", "A storm surge closed the coastal road for six hours overnight and flooded "
     "basements in three streets, the fire service said, warning residents to expect more high tides."],
    ["Library reopens after repairs", "The central library reopened on Saturday after eighteen months of "
     "repairs to its roof, with a new children's wing and longer opening hours on weekday evenings."],
]  # fmt: skip
NOW = datetime(2025, 6, 23, 7, 0, tzinfo=UTC)


def page(number: int, story: list[str], site: str | None = "Daily Bugle") -> Document:
    return Document(
        document_id=f"doc-{number}",
        filename=f"bugle-{number}.html",
        content_type="text/html",
        size=1000,
        crawled_at=NOW.isoformat(),
        ingested_at=NOW.isoformat(),
        format="html",
        encoding="utf-8",
        title=story[0],
        author=None,
        published_at=None,
        site=site,
        publisher=None,
        domain=None,
        url=None,
        text="\n".join([*TEMPLATE_TOP, *story, *TEMPLATE_BOTTOM]),
    )


@pytest.fixture
def learner() -> ChromeLearner:
    stats: dict[str, LineStats] = {}
    return ChromeLearner(stats, min_documents=3, max_age=timedelta(days=14))


def test_template_lines_become_chrome_only_after_enough_documents(learner: ChromeLearner) -> None:
    first = learner.observe(page(1, STORIES[0]), NOW)
    second = learner.observe(page(2, STORIES[1]), NOW)
    assert not any(first(line) or second(line) for line in TEMPLATE_TOP + TEMPLATE_BOTTOM)
    third = learner.observe(page(3, STORIES[2]), NOW)
    assert all(third(line) for line in TEMPLATE_TOP + TEMPLATE_BOTTOM)


def test_a_document_delivered_again_gets_the_same_answer(learner: ChromeLearner) -> None:
    for number in range(1, 5):
        learner.observe(page(number, STORIES[number - 1]), NOW)
    again = learner.observe(page(1, STORIES[0]), NOW + timedelta(hours=1))
    assert not any(again(line) for line in TEMPLATE_TOP + TEMPLATE_BOTTOM), "it was one of the first two"
    assert all(learner.observe(page(3, STORIES[2]), NOW)(line) for line in TEMPLATE_TOP)


def test_a_document_delivered_again_after_a_restart_gets_the_same_answer(learner: ChromeLearner) -> None:
    learner.observe(page(1, STORIES[0]), NOW)
    restarted = ChromeLearner(learner.stats, min_documents=3, max_age=timedelta(days=14))  # only the table is kept
    for number in range(2, 6):
        restarted.observe(page(number, STORIES[(number - 1) % 4]), NOW)
    again = restarted.observe(page(1, STORIES[0]), NOW)
    assert not any(again(line) for line in TEMPLATE_TOP + TEMPLATE_BOTTOM), "its body must come out the same"


def test_lines_seen_again_are_not_rewritten_until_a_sweep_interval_has_passed(learner: ChromeLearner) -> None:
    writes: list[str] = []

    class Counting(dict[str, LineStats]):
        def __setitem__(self, key: str, value: LineStats) -> None:
            writes.append(key)
            super().__setitem__(key, value)

    learner.stats = Counting()
    for number in range(1, 6):
        learner.observe(page(number, STORIES[(number - 1) % 4]), NOW)
    lines = len(TEMPLATE_TOP + TEMPLATE_BOTTOM)
    template_key = line_key(source_of(page(1, STORIES[0])), candidate(TEMPLATE_TOP[0]) or "")
    assert writes.count(template_key) == 3, "once per document until the threshold, then no more"
    writes.clear()
    learner.observe(page(9, STORIES[0]), NOW + timedelta(days=1))
    assert len(writes) >= lines, "a day later, a sweep interval (14 h) has passed: last_seen is refreshed"


def test_story_lines_and_lines_seen_once_are_never_chrome(learner: ChromeLearner) -> None:
    for number, story in enumerate(STORIES):
        is_chrome = learner.observe(page(number, story), NOW)
    assert not is_chrome(STORIES[-1][0])
    assert not is_chrome(STORIES[-1][1])


def test_redelivered_document_is_counted_once(learner: ChromeLearner) -> None:
    for _ in range(5):
        is_chrome = learner.observe(page(1, STORIES[0]), NOW)
    assert not is_chrome(TEMPLATE_TOP[1])


def test_sources_learn_separately(learner: ChromeLearner) -> None:
    for number, story in enumerate(STORIES[:3]):
        learner.observe(page(number, story), NOW)
    other = learner.observe(page(9, STORIES[3], site="Harbour Herald"), NOW)
    assert not other(TEMPLATE_TOP[1])
    assert source_of(page(9, STORIES[3], site="Harbour Herald")) == "harbour herald"


def test_stale_lines_are_forgotten_source_by_source(learner: ChromeLearner) -> None:
    learner.observe(page(1, STORIES[0]), NOW - timedelta(days=30))
    learner.observe(page(2, STORIES[1], site="Harbour Herald"), NOW - timedelta(days=30))
    learner.observe(page(3, STORIES[2]), NOW)
    # the first story's headline went stale (its paragraph is too long to count; the template recurred)
    assert learner.expire("daily bugle", NOW) == 0  # observe() already swept the Bugle's stale line
    bugle = [key for key in learner.stats if key.startswith("daily bugle|")]
    assert len(bugle) == len(TEMPLATE_TOP) + len(TEMPLATE_BOTTOM) + 1  # template and the third headline
    assert learner.expire("harbour herald", NOW) == len(TEMPLATE_TOP) + len(TEMPLATE_BOTTOM) + 1


class CountingStats(UserDict[str, LineStats]):
    """A table that counts how often it is read whole."""

    scans = 0

    def items(self) -> ItemsView[str, LineStats]:
        self.scans += 1
        return super().items()


def test_many_sites_share_one_pass_over_the_table_per_sweep_interval() -> None:
    stats = CountingStats()
    learner = ChromeLearner(stats, min_documents=3, max_age=timedelta(days=14))
    for number in range(40):
        learner.observe(page(number, STORIES[number % 4], site=f"Site {number}"), NOW)
    assert stats.scans == 1
    learner.observe(page(99, STORIES[0], site="Site 3"), NOW + timedelta(days=14) / 24 + timedelta(seconds=1))
    assert stats.scans == 2


def test_one_document_is_never_enough() -> None:
    with pytest.raises(ValueError, match="min_documents"):
        ChromeLearner({}, min_documents=1, max_age=timedelta(days=14))


def test_split_drops_learned_template_from_bodies(learner: ChromeLearner) -> None:
    bodies = []
    for number, story in enumerate(STORIES):
        document = page(number, story)
        [article] = split(document, learner.observe(document, NOW))
        bodies.append(article["body"])
    assert TEMPLATE_BOTTOM[0] in bodies[0]
    assert TEMPLATE_BOTTOM[0] in bodies[1]
    for body, story in zip(bodies[2:], STORIES[2:], strict=True):
        assert not any(line in body for line in TEMPLATE_TOP + TEMPLATE_BOTTOM)
        assert story[1] in body


def test_recurring_aggregator_items_keep_their_headers_and_headlines(learner: ChromeLearner) -> None:
    related = "\n".join(["Related Articles", "", "Harbour Herald", "2 hours ago", "- Harbour Herald", *STORIES[3]])
    for number, story in enumerate(STORIES[:3]):
        document = page(number, story)
        document["text"] = "\n".join([*story, *TEMPLATE_BOTTOM, related])
        articles = split(document, learner.observe(document, NOW))
    lead, item = articles
    assert lead["body"] == STORIES[2][1]
    assert item["source"]["outlet"] == "Harbour Herald"
    assert item["title"] == STORIES[3][0]
    assert item["body"] == STORIES[3][1]


def test_copies_of_one_page_never_make_its_lines_chrome(learner: ChromeLearner) -> None:
    # The same page crawled again, or under another name, or with a word changed: dedup's to judge.
    story = STORIES[0]
    changed = [story[0], story[1].replace("Monday", "Tuesday")]
    for number in range(1, 9):
        is_chrome = learner.observe(page(number, story if number % 2 else changed), NOW)
        assert not any(is_chrome(line) for line in [*TEMPLATE_TOP, *story, *TEMPLATE_BOTTOM])
    for number, other in enumerate(STORIES[1:3], start=20):
        is_chrome = learner.observe(page(number, other), NOW)
    assert all(is_chrome(line) for line in TEMPLATE_TOP + TEMPLATE_BOTTOM), "a third different page teaches it"
    assert not is_chrome(STORIES[2][0])
    new_copy = learner.observe(page(30, story), NOW)
    assert not any(new_copy(line) for line in TEMPLATE_TOP), "a copy gets the answer its original got"


def test_a_copy_delivered_again_gets_the_same_answer(learner: ChromeLearner) -> None:
    story = STORIES[0]
    first = [learner.observe(page(number, story), NOW) for number in (1, 2)]  # the page, then a copy of it
    for number, other in enumerate(STORIES[1:], start=3):
        learner.observe(page(number, other), NOW)
    again = learner.observe(page(2, story), NOW + timedelta(hours=1))
    assert not any(is_chrome(line) for is_chrome in [*first, again] for line in TEMPLATE_TOP + TEMPLATE_BOTTOM)


def test_a_copy_after_a_restart_gets_the_answer_its_original_got(learner: ChromeLearner) -> None:
    # A story and the same story in another file, then enough others; after a restart (only the table is
    # kept) the copy comes again: it must come out as before, or a redelivered file is written out twice.
    story, copy = STORIES[0], list(STORIES[0])
    before = [learner.observe(page(number, text), NOW) for number, text in ((1, story), (2, copy))]
    for number, other in enumerate(STORIES[1:], start=3):
        learner.observe(page(number, other), NOW)
    restarted = ChromeLearner(learner.stats, min_documents=3, max_age=timedelta(days=14))
    again = restarted.observe(page(2, copy), NOW)
    assert not any(is_chrome(line) for is_chrome in [*before, again] for line in TEMPLATE_TOP + TEMPLATE_BOTTOM)


WRAPPED = [
    "The harbour authority raised ferry fares by ten percent on Monday, its",
    "third increase this year, citing fuel costs, the authority's chairman",
    "said.",
    "In a filing with the Securities and Exchange Commission,",
    "the operator said crews on the northern routes were short.",
    "Price inflation last year fell to 2.1 pct from 4.7 pct in",
    "1985.",
]


def test_lines_of_text_wrapped_at_a_fixed_width_are_story_however_often_they_recur(learner: ChromeLearner) -> None:
    for number, story in enumerate(STORIES):
        document = page(number, [*story, *WRAPPED])
        is_chrome = learner.observe(document, NOW)
    assert all(is_chrome(line) for line in TEMPLATE_TOP + TEMPLATE_BOTTOM)
    assert not any(is_chrome(line) for line in WRAPPED), "no line of a wrapped sentence, short or long"
    [article] = split(document, is_chrome)
    assert article["body"] == "\n".join([STORIES[-1][1], *WRAPPED])


FEATURED = ["Harbour tunnel opens to traffic", "Drivers queued from dawn.", STORIES[3][1]]


def related(outlet: str, story: list[str]) -> list[str]:
    return ["", outlet, "2 hours ago", f"- {outlet}", *story]


def test_a_story_that_recurs_as_an_item_or_a_lead_keeps_its_headline_and_short_paragraphs(
    learner: ChromeLearner,
) -> None:
    # An aggregator's items recur from page to page, and one story leads pages whose items differ: neither is
    # template. Learned from whole pages, the story's headline and short paragraph were stripped from its lead.
    for number, story in enumerate(STORIES[:3]):
        document = page(number, [*story, "Related Articles", *related("Harbour Herald", FEATURED)], site="Agg")
        learner.observe(document, NOW)
    for number in range(10, 14):
        items = related("Harbour Herald", STORIES[number % 3]) + related("Bay Times", STORIES[(number + 1) % 3])
        document = page(number, [*FEATURED, "Related Articles", *items], site="Agg")
        [lead, *_] = split(document, learner.observe(document, NOW))
        assert lead["title"] == FEATURED[0]
        assert lead["body"] == "\n".join(FEATURED[1:])
    later = page(20, STORIES[2], site="Agg")
    assert all(learner.observe(later, NOW)(line) for line in TEMPLATE_TOP), "the template above the story is learned"


def test_pages_of_only_related_items_learn_their_template_all_the_same(learner: ChromeLearner) -> None:
    # Their own text is the template alone, alike on every page: told apart by their own text, they counted as
    # copies of one page, and the template came out as the "lead" of every page.
    for number in range(4):  # four different pages (a fifth would be a copy of the first)
        items = related("Harbour Herald", STORIES[number]) + related("Bay Times", STORIES[(number + 1) % 4])
        document = page(number, ["Related Articles", *items], site="Agg")
        is_chrome = learner.observe(document, NOW)
    assert all(is_chrome(line) for line in TEMPLATE_TOP)
    assert [article["kind"] for article in split(document, is_chrome)] == ["related", "related"]


def test_an_entry_naming_documents_by_id_is_begun_again(learner: ChromeLearner) -> None:
    # The table named documents by id until 2026-12-05: an id is no signature, so a document delivered again
    # across the upgrade must not lose lines it kept the first time.
    document = page(1, STORIES[0])
    for line in TEMPLATE_TOP:
        key = line_key(source_of(document), candidate(line) or "")
        learner.stats[key] = LineStats(documents=["doc-1", "doc-7", "doc-8", "doc-9"], last_seen=NOW.isoformat())
    is_chrome = learner.observe(document, NOW)
    assert not any(is_chrome(line) for line in TEMPLATE_TOP)
    assert learner.stats[line_key(source_of(document), candidate(TEMPLATE_TOP[0]) or "")]["documents"] == [
        signature(own_text(document["text"]))
    ]


RESULTS = [
    ("Acme Corp", "Shr 12 cts vs 9 cts", "Net 1,204,000 vs 903,000", "Shr 41 cts vs 30 cts", "Net 4,118,000"),
    ("Bolt Inc", "Shr loss two cts vs profit 5 cts", "Net loss 88,000", "Shr 20 cts vs 17 cts", "Net 800,000"),
    ("Crane Co", "Shr 1.10 dlrs vs 98 cts", "Net 9,870,000", "Shr 3.90 dlrs vs 3.41 dlrs", "Net 35,100,000"),
    ("Delta Mills", "Shr 7 cts vs 6 cts", "Net 310,000 vs 266,000", "Shr 26 cts vs 22 cts", "Net 1,150,000"),
    ("Eagle Foods", "Shr 3 cts vs 2 cts", "Net 95,000 vs 61,000", "Shr 14 cts vs 9 cts", "Net 410,000 vs 290,000"),
]  # fmt: skip


def results(number: int, layout: str) -> Document:
    """A company's results as the wire sends them, the year's figures under a `Year` label."""
    company, *figures = RESULTS[number]
    table = [*figures[:2], "Year", *figures[2:]] if layout == "table" else [*figures[:2], "", "Year", "", *figures[2:]]
    return page(number, [f"{company} 4th qtr net", "", *table], site=None)


def test_a_learned_line_set_between_lines_of_text_stays_in_the_body(learner: ChromeLearner) -> None:
    # A results table's section labels recur in every company's results: learned, they were cut from 53 of the
    # 925 Reuters stories, leaving a year's figures under the quarter's.
    for number in range(4):
        document = results(number, "table")
        is_chrome = learner.observe(document, NOW)
    assert is_chrome("Year")
    assert is_chrome(TEMPLATE_TOP[1])
    [article] = split(document, is_chrome)
    assert article["body"] == "\n".join([*RESULTS[3][1:3], "Year", *RESULTS[3][3:]])
    apart = results(4, "apart")
    [article] = split(apart, learner.observe(apart, NOW))
    assert "Year" not in article["body"].split("\n"), "a learned line between blank lines is template"


def test_template_between_two_paragraphs_leaves_the_body(learner: ChromeLearner) -> None:
    # Extracted pages put paragraphs on lines of their own with no blank line between: a learned line between two
    # of them is template, whatever keeps a results table's labels.
    teaser = "Continue reading the main story"
    for number, (title, body) in enumerate([*STORIES, STORIES[0]]):
        document = page(number, [f"{title} ({number})", f"{body[:60]} {number}.", teaser, body])
        is_chrome = learner.observe(document, NOW)
    assert is_chrome(teaser)
    [article] = split(document, is_chrome)
    assert teaser not in article["body"]
    assert STORIES[0][1] in article["body"]


DIVIDENDS = [("Acme Fund", "6.1"), ("Bolt Trust", "7.3"), ("Crane Income", "12"), ("Delta Bond", "8.4")]


def test_learned_rows_that_carry_on_a_table_stay_in_the_body(learner: ChromeLearner) -> None:
    # The pay and record dates end every dividend notice of the day: learned, they were cut from the notices they
    # end, leaving the dividend without its dates. Template after a paragraph still leaves.
    for number, (fund, cents) in enumerate(DIVIDENDS):
        notice = [f"{fund} monthly payout", "", f"Mthly div {cents} cts vs {cents} cts prior", "Pay March 31",
                  "Record March 16", "Reuter"]  # fmt: skip
        document = page(number, notice, site=None)
        is_chrome = learner.observe(document, NOW)
    assert is_chrome("Pay March 31")
    assert is_chrome("Record March 16")
    [article] = split(document, is_chrome)
    assert article["body"].split("\n") == ["Mthly div 8.4 cts vs 8.4 cts prior", "Pay March 31", "Record March 16"]


def test_a_text_of_thousands_of_short_lines_counts_those_at_its_ends_only(learner: ChromeLearner) -> None:
    # 50,000 short lines wrote as many table entries at once and held the worker's event loop 8 s; a page's
    # template stands at its ends and between its few stories, so the lines far from both ends are not counted.
    documents = [page(n, [*STORIES[n][:1], *(f"Item {i} of list {n}" for i in range(5_000)), STORIES[n][1]])
                 for n in range(3)]  # fmt: skip
    learner.observe(documents[0], NOW)
    assert len(learner.stats) == 2 * COUNTED_LINES
    learner.observe(documents[1], NOW)
    learned = learner.observe(documents[2], NOW)
    assert all(learned(line) for line in TEMPLATE_TOP + TEMPLATE_BOTTOM)
