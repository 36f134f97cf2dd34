"""The split stage on the seed pages and on small pages built to probe the layout rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.dedup_pairs import read_stories
from streams.clean import clean
from streams.records import Article, Document, RawMeta
from streams.split.headlines import split_headline
from streams.split.item_age import published_from_age
from streams.split.liveblog import liveblog, stamp_times
from streams.split.stage import split
from streams.text.fingerprint import content_hash
from streams.text.page import PAGE_CHROME, RELATED_MARKER

CRAWLED_AT = "2025-06-23T07:00:00+00:00"


def seed_articles(corpus: Path, name: str, crawled_at: str = CRAWLED_AT) -> list[Article]:
    raw = (corpus / "seeds" / name).read_bytes()
    meta = RawMeta(
        document_id=name.partition("_")[0],
        filename=name,
        content_type="text/plain",
        size=len(raw),
        crawled_at=crawled_at,
        ingested_at="2025-06-23T07:05:00+00:00",
    )
    return split(clean(raw, meta))


def document(text: str, title: str | None = None, crawled_at: str = CRAWLED_AT) -> Document:
    return Document(
        document_id="doc-1",
        filename="page.txt",
        content_type=None,
        size=len(text),
        crawled_at=crawled_at,
        ingested_at=crawled_at,
        format="text",
        encoding="utf-8",
        title=title,
        author=None,
        published_at=None,
        site=None,
        publisher=None,
        domain=None,
        url=None,
        text=text,
    )


def assert_clean_bodies(articles: list[Article]) -> None:
    """No body keeps page chrome, the marker, or an item's outlet / age / "- outlet" lines."""
    outlets = {a["source"]["outlet"] for a in articles if a["kind"] == "related"}
    for article in articles:
        for line in article["body"].split("\n"):
            assert line.casefold() not in PAGE_CHROME, article["title"]
            assert line != RELATED_MARKER, article["title"]
            assert line not in outlets, article["title"]
            assert not line.startswith("- "), article["title"]
            assert not line.endswith(" ago"), article["title"]
        assert article["body"] == article["body"].strip()
        assert article["id"] == content_hash(article["body"])


def test_seed_000_gives_lead_related_items_and_liveblog_entries(corpus: Path) -> None:
    articles = seed_articles(corpus, "000_9b0cd5e21b7b472a.txt")
    assert [a["position"] for a in articles] == list(range(9))
    assert [a["kind"] for a in articles] == ["lead", "related", *["liveblog-entry"] * 5, "related", "related"]
    assert [a["source"]["outlet"] for a in articles] == [None, *["The Independent"] * 6, "Reuters", "Telegraph"]
    lead, blog, reuters, telegraph = articles[0], articles[1], articles[7], articles[8]
    assert lead["title"] == "North Korea's state security minister to attend high-level meeting in Russia, KCNA says"
    assert lead["body"].startswith("SEOUL, May 27 (Reuters) - North Korea's minister of state security")
    assert lead["body"].endswith("Iran and the United Arab Emirates.")
    assert blog["title"] is not None
    assert blog["title"].startswith("Ukraine-Russia war live: Five killed in massive drone strikes in Kyiv")
    assert blog["body"].startswith("Nearly one million Russian soldiers have been killed or injured")
    assert blog["body"].endswith("around 85km southwest of the capital.")
    assert reuters["title"] == "Japan Prime Minister Ishiba to skip NATO summit, source says"
    assert reuters["body"].startswith("TOKYO, June 23 (Reuters) -")
    assert telegraph["title"] == "Even a visit to Putin won't save Iran's regime"
    assert [a["published_at"] for a in (blog, reuters, telegraph)] == [
        "2025-06-23T06:51:00+00:00",
        "2025-06-23T06:31:00+00:00",
        "2025-06-23T06:00:00+00:00",
    ]
    assert all(a["source"]["filename"] == "000_9b0cd5e21b7b472a.txt" for a in articles)
    assert all(a["document_id"] == "000" for a in articles)
    assert_clean_bodies(articles)


def test_seed_000_liveblog_entries_carry_their_stamps(corpus: Path) -> None:
    articles = seed_articles(corpus, "000_9b0cd5e21b7b472a.txt")
    blog, entries = articles[1], articles[2:7]
    assert [e["title"] for e in entries] == [
        "Russian attacks on Ukraine kills at least five",
        "Russia says it destroyed 16 Ukrainian drones overnight",
        "At least one million Russian soldiers killed or injured in Putin's war on Ukraine, UK defence ministry says",
        "Pictures: Russia launches massive drone attack on Kyiv",
        "Russian drone attack on Kyiv injures five, sparks fires, Ukraine says",
    ]
    assert [e["published_at"] for e in entries] == [
        "2025-06-23T06:32:00+00:00",
        "2025-06-23T05:53:00+00:00",
        "2025-06-23T05:44:00+00:00",
        "2025-06-23T05:08:00+00:00",
        "2025-06-23T04:51:00+00:00",
    ]
    assert {e["author"] for e in entries} == {"Namita Singh"}
    assert {e["parent_id"] for e in entries} == {blog["id"]}
    assert entries[0]["body"].startswith("A Russian drone and missile attack on Ukraine's capital overnight")
    assert entries[1]["body"].startswith("Russia's air defence units destroyed 16 Ukrainian drones")
    assert entries[3]["body"] == entries[3]["title"]
    assert entries[4]["body"].endswith("Metro stations are used as bomb shelters in Ukraine during Russian attacks.")
    assert not any("Singh23" in a["body"] or "June 2025 0" in a["body"] for a in articles)
    assert all(a["parent_id"] is None for a in articles if a["kind"] != "liveblog-entry")


def test_seed_003_gives_lead_related_items_and_the_stories_run_on_after_two_of_them(corpus: Path) -> None:
    articles = seed_articles(corpus, "003_81b8b7aa3d094d4d.txt", crawled_at="2025-06-07T12:00:00")
    assert [a["kind"] for a in articles] == ["lead", *["related"] * 5]
    assert [a["source"]["outlet"] for a in articles] == [None, "Euronews", "Euronews", "France 24", *["Euronews"] * 2]
    assert [a["title"] for a in articles] == [
        "North Korea doubles down on support for Russia's war in Ukraine",
        "Russian attacks on Ukrainian cities damage buildings and property",
        None,
        "Ukraine's ‘Spider's Web', Gaza, The Trump Musk feud, Elon's New city",
        'Did Macron say that Africa still needs France in order to "thrive"?',
        None,
    ]
    assert [a["published_at"] for a in articles] == [
        None,
        "2025-06-07T09:00:00+00:00",
        "2025-06-07T09:00:00+00:00",
        "2025-06-07T04:00:00+00:00",
        "2025-06-06T23:00:00+00:00",
        "2025-06-06T23:00:00+00:00",
    ]
    lead, strikes, abrego, france24, macron, right = articles
    assert lead["body"].startswith("North Korea's dictator Kim Jong-un has once again affirmed")
    assert lead["body"].endswith("growing military cooperation between Pyongyang and Moscow.")
    assert strikes["body"].endswith("for the latest escalation in the three-and-a-half-year-old war.")
    assert abrego["body"].startswith("Kilmar Abrego Garcia, whose mistaken deportation to El Salvador")
    assert abrego["body"].endswith("since the start of President Donald Trump's second term.")
    assert france24["body"].endswith("fell apart quicker than a Space X falcon 9 launch.")
    assert macron["body"].endswith("due to opposition against French military presence in the region.")
    assert right["body"].startswith("The very public fallout between Donald Trump and tech billionaire Elon Musk")
    assert right["body"].endswith("But if tensions escalate further, silence may no longer be an option.")
    assert [a["split_from"] for a in articles] == [None, None, strikes["id"], None, None, macron["id"]]
    assert all(a["parent_id"] is None for a in articles)
    assert_clean_bodies(articles)


def test_seed_000_splits_no_story(corpus: Path) -> None:
    assert {a["split_from"] for a in seed_articles(corpus, "000_9b0cd5e21b7b472a.txt")} == {None}


def item_page(*items: tuple[str, str, list[str]]) -> str:
    """A page in the seeds' layout whose related items are (outlet, age, lines after the header)."""
    lines = ["Lead headline here", "Lead body sentence.", RELATED_MARKER]
    for outlet, age, rest in items:
        lines.extend(["", outlet, age, f"- {outlet}", *rest])
    return "\n".join(lines)


def only_item(outlet: str, age: str, lines: list[str]) -> Article:
    """The article split makes of a page holding one related item."""
    return split(document(item_page((outlet, age, lines))))[1]


def test_item_headlines_with_final_punctuation_or_run_into_the_body() -> None:
    text = item_page(
        ("Reuters", "an hour ago", ["Oil prices climb after output cut.", "Crude rose on Monday."]),
        (
            "Sky News",
            "3 days ago",
            [
                "Japan Prime Minister Ishiba to skip NATO summit, source says TOKYO, June 23 (Reuters) - Japanese "
                "Prime Minister Shigeru Ishiba is planning to cancel his attendance at the NATO summit in the Hague, "
                "a source said on Monday."
            ],
        ),
        (
            "Why It Matters Today",
            "1 minute ago",
            ["Saudi Riyal Deposit Rates Ease Saudi riyal interbank deposit rates eased across the board today."],
        ),
    )
    articles = split(document(text))
    assert [a["source"]["outlet"] for a in articles] == [None, "Reuters", "Sky News", "Why It Matters Today"]
    assert [a["title"] for a in articles[1:]] == [
        "Oil prices climb after output cut.",
        "Japan Prime Minister Ishiba to skip NATO summit, source says",
        "Saudi Riyal Deposit Rates Ease",
    ]
    assert articles[1]["body"] == "Crude rose on Monday."
    assert articles[2]["body"].startswith("TOKYO, June 23 (Reuters) - Japanese Prime Minister")
    assert articles[3]["body"] == "Saudi riyal interbank deposit rates eased across the board today."
    assert [a["published_at"] for a in articles[1:]] == [
        "2025-06-23T06:00:00+00:00",
        "2025-06-20T07:00:00+00:00",
        "2025-06-23T06:59:00+00:00",
    ]


def test_items_are_found_whatever_the_outlets_and_ages() -> None:
    text = "\n".join(
        [
            "Lead headline here",
            "Lead body sentence.",
            RELATED_MARKER,
            "Kyiv Independent",
            "just now",
            "- Kyiv Independent",
            "First item headline",
            "First item body.",
            "Second paragraph of the first item.",
            "BBC News",
            "1 minute ago",
            "- BBC News",
            "Second item headline",
            "Second item body.",
            "Le Monde",
            "2 weeks ago",
            "- Le Monde",
            "Third item headline",
        ]
    )
    articles = split(document(text))
    assert [a["kind"] for a in articles] == ["lead", "related", "related"], "the last item is a headline only"
    assert [a["source"]["outlet"] for a in articles] == [None, "Kyiv Independent", "BBC News"]
    assert articles[1]["body"] == "First item body.\nSecond paragraph of the first item."
    assert articles[2]["body"] == "Second item body."

    assert [a["published_at"] for a in articles[1:]] == ["2025-06-23T07:00:00+00:00", "2025-06-23T06:59:00+00:00"]
    assert_clean_bodies(articles)


def test_items_dated_by_day_in_other_languages_or_not_at_all_are_items() -> None:
    body = "The council approved the plan on Tuesday after a long debate, officials said."
    items = [
        ("Mining Weekly", "Yesterday"), ("Reuters", "Jun 21, 2025"), ("Die Presse", "vor 3 Stunden"),
        ("The Straits Times", None), ("El Mundo", "anteayer por la tarde"),
    ]  # fmt: skip
    lines = ["Lead headline here", "Lead body sentence.", RELATED_MARKER]
    for number, (outlet, age) in enumerate(items):
        lines += [outlet, *([age] if age else []), f"- {outlet}", f"Item headline {number}", body]
    articles = split(document("\n".join(lines)))
    related = [(a["source"]["outlet"], a["title"], a["published_at"]) for a in articles if a["kind"] == "related"]
    assert related == [
        ("Mining Weekly", "Item headline 0", "2025-06-22"),
        ("Reuters", "Item headline 1", "2025-06-21"),
        ("Die Presse", "Item headline 2", "2025-06-23T04:00:00+00:00"),
        ("The Straits Times", "Item headline 3", None),
        ("El Mundo", "Item headline 4", None),
    ]
    assert_clean_bodies(articles)


@pytest.mark.parametrize(
    "text",
    [
        "Key events:\n\nMarch 3, 2026\n- Protesters gather in the square.\n\nMarch 10, 2026\n- The cabinet resigns.",
        "What happens next\nToday\n- The mayor signs the budget into law.",
        "Rainfall totals\nYesterday\n- Brighton: 45mm",
    ],
)
def test_a_day_over_a_list_entry_heads_no_item(text: str) -> None:
    assert [article["kind"] for article in split(document(text))] == ["article"]


def test_text_under_the_marker_before_any_item_header_is_an_item_of_no_outlet() -> None:
    body = "The council approved the plan on Tuesday after a long debate in the chamber that ran late, officials said."
    item = ["Reuters", "3 hours ago", "- Reuters", "Item headline", body]
    lines = ["Lead headline here", "Lead body sentence.", RELATED_MARKER, "Orphan headline", body, *item]
    articles = split(document("\n".join(lines)))
    assert [(a["kind"], a["source"]["outlet"], a["title"]) for a in articles] == [
        ("lead", None, "Lead headline here"),
        ("related", None, "Orphan headline"),
        ("related", "Reuters", "Item headline"),
    ]
    teasers = ["Trending now", "King's Christmas message to focus on unity", "Liverpool sign striker in record deal"]
    articles = split(
        document("\n".join(["Lead headline here", "Lead body sentence.", RELATED_MARKER, *teasers, *item]))
    )
    assert [a["title"] for a in articles] == ["Lead headline here", "Item headline"], "headlines with no story are out"


def test_a_headline_run_into_its_dateline_is_still_cut_off() -> None:
    line = "Banks to cut jobs LONDON, Dec 3 (Reuters) - Britain's biggest banks said on Wednesday they would cut jobs."
    text = "\n".join([line, RELATED_MARKER, "Reuters", "40 minutes ago", "- Reuters", line])
    assert [a["title"] for a in split(document(text))] == ["Banks to cut jobs", "Banks to cut jobs"]


def test_a_story_opening_on_its_dateline_has_no_headline_cut_out_of_it() -> None:
    lead = "LISBON, Dec 5 (Reuters) - Portugal's minority government survived a confidence vote on Friday."
    item = "Spain's jobless rate fell to 10.4% in the third quarter, the statistics institute said."
    articles = split(document("\n".join([lead, RELATED_MARKER, "Reuters", "40 minutes ago", "- Reuters", item])))
    assert [(a["title"], a["body"]) for a in articles] == [(None, lead), (None, item)]


def test_a_story_pasted_after_another_with_its_own_headline_and_dateline_is_its_own_article() -> None:
    first = ("WOLFSBURG, Dec 4 (Reuters) - Volkswagen will cut a further 5,000 jobs at its plants in Germany by 2030, "
             "the carmaker said on Thursday, as it struggles with weak demand for electric vehicles in Europe.\n"
             "The cuts come on top of the 35,000 job reductions agreed with the IG Metall union last year and will be "
             "achieved through early retirement and by not filling vacancies, the company said.")  # fmt: skip
    second = ("BUENOS AIRES, Dec 4 (Reuters) - Argentine President Javier Milei vetoed a bill on Thursday that would "
              "have raised funding for public universities, saying the country could not afford it.")  # fmt: skip
    text = f"Volkswagen to cut more jobs\n\n{first}\n\nMilei vetoes university funding bill\n\n{second}"
    articles = split(document(text))
    assert [(a["title"], a["body"]) for a in articles] == [
        ("Volkswagen to cut more jobs", first),
        ("Milei vetoes university funding bill", second),
    ]
    assert articles[1]["split_from"] == articles[0]["id"]


def test_a_wrapped_line_or_table_row_over_a_line_like_a_dateline_cuts_nothing() -> None:
    words = "The finance ministers met again on Tuesday and the budget was debated at length in the capital. " * 6
    for above, below in (
        ("status after being excluded from a meeting of finance ministers", "from the Group of Five (G-5) - the US"),
        ("PHILIPPINES nil 143,780", "ST.CHRISTOPHER- nil 7,500"),
    ):
        text = f"Headline of the story\n\nROME, March 2 - {words}\n{above}\n{below} and more words follow here."
        assert len(split(document(text))) == 1


def test_related_headlines_without_their_stories_are_no_articles() -> None:
    teasers = [line for n in range(40) for line in ("AP", f"{n + 1} hours ago", "- AP", f"Storm headline {n}")]
    assert split(document("\n".join([RELATED_MARKER, *teasers]))) == []
    lead = ["Storm batters the coast", "The storm brought down power lines across three counties on Sunday."]
    articles = split(document("\n".join([*lead, RELATED_MARKER, *teasers])))
    assert [(a["kind"], a["title"], a["body"]) for a in articles] == [("lead", lead[0], lead[1])]


@pytest.mark.parametrize(
    ("age", "published"),
    [
        ("9 minutes ago", "2025-06-23T06:51:00+00:00"),
        ("an hour ago", "2025-06-23T06:00:00+00:00"),
        ("a day ago", "2025-06-22T07:00:00+00:00"),
        ("2 days ago", "2025-06-21T07:00:00+00:00"),
        ("a week ago", "2025-06-16T07:00:00+00:00"),
        ("just now", "2025-06-23T07:00:00+00:00"),
        ("3h ago", "2025-06-23T04:00:00+00:00"),
        ("yesterday", "2025-06-22"),
        ("vor 3 Stunden", "2025-06-23T04:00:00+00:00"),
        ("il y a une heure", "2025-06-23T06:00:00+00:00"),
        ("hace 2 días", "2025-06-21T07:00:00+00:00"),
        ("un'ora fa", "2025-06-23T06:00:00+00:00"),
        ("há 5 minutos", "2025-06-23T06:55:00+00:00"),
        ("3 uur geleden", "2025-06-23T04:00:00+00:00"),
        ("2 godziny temu", "2025-06-23T05:00:00+00:00"),
        ("5 minut temu", "2025-06-23T06:55:00+00:00"),
        ("wczoraj", "2025-06-22"),
        ("for 3 timer siden", "2025-06-23T04:00:00+00:00"),
        ("för 1 timme sedan", "2025-06-23T06:00:00+00:00"),
        ("i går", "2025-06-22"),
        ("Jun 21, 2025", "2025-06-21"),
        ("21 June 2025", "2025-06-21"),
        ("The Independent", None),
        ("5 apples ago", None),
    ],
)
def test_published_from_age(age: str, published: str | None) -> None:
    assert published_from_age(CRAWLED_AT, age) == published


def test_published_from_age_keeps_the_crawl_offset_and_assumes_utc_without_one() -> None:
    assert published_from_age("2025-06-23T09:00:00+02:00", "3 hours ago") == "2025-06-23T06:00:00+02:00"
    assert published_from_age("2025-06-23T09:00:00", "3 hours ago") == "2025-06-23T06:00:00+00:00"
    assert published_from_age("not a time", "3 hours ago") is None


def test_liveblog_with_two_authors_and_an_unstamped_tail() -> None:
    body = (
        "Opening summary of the day. "
        "Strikes hit the capital overnight The capital was hit by strikes overnight, officials said. "
        "Jane Doe1 March 2024 10:15 "
        "Talks resume in Geneva today, ministers say Ministers said talks would resume in Geneva. "
        "John Smith1 March 2024 09:05 "
        "Later note with no stamp."
    )
    text = f"Lead title\nLead body.\n{RELATED_MARKER}\nWire\n5 hours ago\n- Wire\nLive: the day's events\n{body}"
    articles = split(document(text))
    assert [a["kind"] for a in articles] == ["lead", "related", *["liveblog-entry"] * 3]
    blog, first, second, tail = articles[1:]
    assert blog["body"] == "Opening summary of the day."
    assert first["title"] == "Strikes hit the capital overnight"
    assert first["author"] == "Jane Doe"
    assert first["published_at"] == "2024-03-01T10:15:00+00:00"
    assert second["title"] == "Talks resume in Geneva today, ministers say"
    assert second["author"] == "John Smith"
    assert second["published_at"] == "2024-03-01T09:05:00+00:00"
    assert tail["body"] == "Later note with no stamp."
    assert tail["author"] is None
    assert {a["parent_id"] for a in articles[2:]} == {blog["id"]}


def test_liveblog_entries_on_their_own_lines_with_the_stamp_a_space_after_the_name() -> None:
    body = "\n".join([
        "Anthony Albanese has announced a A$10bn housing package aimed at first-home buyers, while fire authorities "
        "have issued a catastrophic fire danger warning for parts of New South Wales. Follow the day's news live.",
        "Albanese unveils housing package",
        "The prime minister said the government would guarantee deposits of as little as 5% for first-home buyers "
        "in Sydney and Melbourne and would fund 40,000 new social homes over five years.",
        "Sam Jones 4 December 2026 18:20",
        "Fire danger declared for the Hunter",
        "The NSW Rural Fire Service has declared catastrophic fire danger for the Greater Hunter region for Friday.",
        "Sam Jones 4 December 2026 17:05",
    ])  # fmt: skip
    text = f"Lead title\nLead body.\n{RELATED_MARKER}\nWire\n5 hours ago\n- Wire\nLive: the day's events\n{body}"
    entries = [a for a in split(document(text)) if a["kind"] == "liveblog-entry"]
    assert [(a["title"], a["author"], a["published_at"]) for a in entries] == [
        ("Albanese unveils housing package", "Sam Jones", "2026-12-04T18:20:00+00:00"),
        ("Fire danger declared for the Hunter", "Sam Jones", "2026-12-04T17:05:00+00:00"),
    ]


def test_an_outlet_glued_to_the_end_of_the_item_before_still_opens_its_item() -> None:
    text = "\n".join([
        "Lead title", "Lead body.", RELATED_MARKER,
        "Mining Weekly", "1 hour ago", "- Mining Weekly", "Las Bambas blocked again by protests",
        "Protesters have blocked the mining corridor dozens of times since the mine opened in 2016.Reuters",
        "2 hours ago", "- Reuters", "Zambia's copper output set for a record year",
        "Zambia is on course to produce more than 900,000 tonnes of copper this year, the mines minister said.",
    ])  # fmt: skip
    related = [a for a in split(document(text)) if a["kind"] == "related"]
    assert [(a["source"]["outlet"], a["title"]) for a in related] == [
        ("Mining Weekly", "Las Bambas blocked again by protests"),
        ("Reuters", "Zambia's copper output set for a record year"),
    ]
    assert related[0]["body"].endswith("since the mine opened in 2016.")


def test_a_byline_line_opening_a_related_items_body_is_its_author() -> None:
    text = "\n".join([
        "Hundreds evacuated as river bursts its banks", "By Niamh Gallagher",
        "Emergency crews evacuated more than 300 people from homes in the city centre overnight.", RELATED_MARKER,
        "The Harbour Herald", "3 hours ago", "- The Harbour Herald", "Ferry services suspended until Tuesday",
        "By Ciarán Walsh", "Passenger ferries will not run until at least Tuesday, the operator said on Friday.",
        "Business Post", "yesterday", "- Business Post", "Insurers warn traders of higher premiums",
        "By order of the council the quays stay closed, and insurers warned traders of higher premiums.",
    ])  # fmt: skip
    raw = text.encode()
    meta = RawMeta(document_id="d", filename="page.txt", content_type=None, size=len(raw), crawled_at=CRAWLED_AT,
                   ingested_at=CRAWLED_AT)  # fmt: skip
    articles = split(clean(raw, meta))
    assert [(a["kind"], a["author"], a["body"][:20]) for a in articles] == [
        ("lead", "Niamh Gallagher", "Emergency crews evac"),
        ("related", "Ciarán Walsh", "Passenger ferries wi"),
        ("related", None, "By order of the coun"),
    ]


def test_the_wire_credit_closing_an_aggregator_pages_lead_gives_the_leads_author() -> None:
    text = "\n".join([
        "India's central bank holds rates", "The Reserve Bank of India held its key rate at 5.5% on Friday.",
        "(Reporting by Swati Bhat and Nikunj Ohri; Editing by Sam Holmes)", RELATED_MARKER,
        "Reuters", "2 hours ago", "- Reuters", "Rupee slips to record low",
        "The rupee fell to a record low against the dollar after the decision, traders said.",
        "(Reporting by Jane Roe; Editing by Max Poe)",
    ])  # fmt: skip
    raw = text.encode()
    meta = RawMeta(document_id="d", filename="page.txt", content_type=None, size=len(raw), crawled_at=CRAWLED_AT,
                   ingested_at=CRAWLED_AT)  # fmt: skip
    lead, related = split(clean(raw, meta))
    assert (lead["author"], related["author"]) == ("Swati Bhat; Nikunj Ohri", None)


FLOOD_BLOG = [
    "River levels are still rising across the Po valley, where 3,000 people have left their homes since Friday and "
    "the army has sent boats to villages cut off by the water.",
    "Key events",
    "Show key events only",
    "Bridge at Piacenza closed to traffic",
    "The road bridge over the Po at Piacenza has been closed after engineers found debris piled against two of its "
    "piers, the city council said.",
    "Marta Rossi 6 December 2026 17:50",
    "Evacuation ordered in Ferrara province",
    "The prefect of Ferrara has ordered the evacuation of four villages along the river. Buses are taking residents "
    "to a sports hall in Cento.",
    "Marta Rossi 6 December 2026 16:35",
    "Rail line to Venice suspended",
    "Trenitalia has suspended trains between Bologna and Venice while the line near Rovigo is checked.",
    "Luca Bianchi 6 December 2026 15:20",
]


def test_a_lead_laid_out_as_a_live_blog_gives_its_entries() -> None:
    related = ["Wire", "5 hours ago", "- Wire", "Markets steady", "Stocks were steady in Milan on Monday."]
    text = "\n".join(["Po floods live: villages evacuated as river rises", *FLOOD_BLOG, RELATED_MARKER, *related])
    articles = split(document(text))
    assert [a["kind"] for a in articles] == ["lead", *["liveblog-entry"] * 3, "related"]
    lead, *entries, _ = articles
    assert lead["title"] == "Po floods live: villages evacuated as river rises"
    assert lead["body"] == FLOOD_BLOG[0]
    assert [(a["title"], a["author"], a["published_at"]) for a in entries] == [
        ("Bridge at Piacenza closed to traffic", "Marta Rossi", "2026-12-06T17:50:00+00:00"),
        ("Evacuation ordered in Ferrara province", "Marta Rossi", "2026-12-06T16:35:00+00:00"),
        ("Rail line to Venice suspended", "Luca Bianchi", "2026-12-06T15:20:00+00:00"),
    ]
    assert entries[1]["body"] == FLOOD_BLOG[7]
    assert {a["parent_id"] for a in entries} == {lead["id"]}


def test_a_page_that_is_only_a_live_blog_gives_the_blog_and_its_entries() -> None:
    articles = split(document("\n".join(["Po floods live: villages evacuated as river rises", *FLOOD_BLOG])))
    assert [a["kind"] for a in articles] == ["lead", *["liveblog-entry"] * 3]
    assert {a["parent_id"] for a in articles[1:]} == {articles[0]["id"]}


def test_liveblog_stamps_a_space_after_the_name_inside_one_line_end_their_entries() -> None:
    body = (
        "Storm Ada has left 40,000 homes without power across the north. Follow the latest updates below. "
        "Amber warning extended to Sunday The Met Office has extended its amber warning until 9am on Sunday. "
        "Priya Raman 5 December 2026 22:45 Pictures: Waves batter the promenade Priya Raman 5 December 2026 22:10 "
        "Flights cancelled at Manchester Manchester Airport has cancelled 38 departures this evening. "
        "Tom Hale 5 December 2026 20:15"
    )
    text = f"Lead title\nLead body.\n{RELATED_MARKER}\nWire\n5 hours ago\n- Wire\nStorm Ada live\n{body}"
    entries = [a for a in split(document(text)) if a["kind"] == "liveblog-entry"]
    assert [(a["author"], a["published_at"]) for a in entries] == [
        ("Priya Raman", "2026-12-05T22:45:00+00:00"),
        ("Priya Raman", "2026-12-05T22:10:00+00:00"),
        ("Tom Hale", "2026-12-05T20:15:00+00:00"),
    ]
    assert entries[0]["title"] == "Amber warning extended to Sunday"
    assert entries[1]["body"] == "Pictures: Waves batter the promenade"


def test_entries_ended_by_a_stamp_in_another_language_or_a_bare_day_and_time() -> None:
    italian = "\n".join([
        "Allerta rossa a Genova, scuole chiuse in tutta la città fino a domenica.",
        "Esondato il torrente Bisagno", "Il torrente Bisagno è esondato a Staglieno nel primo pomeriggio.",
        "Giulia Ferri 4 dicembre 2026 13:40",
        "Treni sospesi tra Genova e La Spezia", "Rfi ha sospeso la circolazione dei treni sulla linea costiera.",
        "Marco Bellini 4 dicembre 2026 11:20",
    ])  # fmt: skip
    bare = "\n".join([
        "Gales have left thousands of homes without power across the northern isles.",
        "Power restored in Orkney", "Engineers restored power to 4,000 homes in Orkney by lunchtime.",
        "5 December 2026 13:10",
        "Ferry sailings cancelled", "NorthLink cancelled all sailings from Aberdeen for the rest of the day.",
        "5 December 2026 12:25",
    ])  # fmt: skip
    summary, entries = liveblog(italian) or ("", [])
    assert [(e.title, e.author, e.published_at) for e in entries] == [
        ("Esondato il torrente Bisagno", "Giulia Ferri", "2026-12-04T13:40:00+00:00"),
        ("Treni sospesi tra Genova e La Spezia", "Marco Bellini", "2026-12-04T11:20:00+00:00"),
    ]
    summary, entries = liveblog(bare) or ("", [])
    assert summary.startswith("Gales have left")
    assert [(e.title, e.author, e.published_at) for e in entries] == [
        ("Power restored in Orkney", None, "2026-12-05T13:10:00+00:00"),
        ("Ferry sailings cancelled", None, "2026-12-05T12:25:00+00:00"),
    ]


def test_entries_headed_by_a_clock_time_are_dated_by_the_blogs_latest_time() -> None:
    blog = "\n".join([
        "Freezing fog has grounded hundreds of flights across southern England.",
        "16:20 GMT", "Heathrow says disruption will run into Sunday", "Cancellations will go on into Sunday.",
        "15:42 GMT", "Collision closes the M4 near Reading", "Police say six vehicles were involved near junction 11.",
    ])  # fmt: skip
    summary, entries = liveblog(blog, "2026-12-05T16:30:00+00:00") or ("", [])
    assert summary == "Freezing fog has grounded hundreds of flights across southern England."
    assert [(e.title, e.published_at) for e in entries] == [
        ("Heathrow says disruption will run into Sunday", "2026-12-05T16:20:00+00:00"),
        ("Collision closes the M4 near Reading", "2026-12-05T15:42:00+00:00"),
    ]
    # a clock after the blog's latest time of day is the day before's; without a day to go by there are no entries
    assert [e.published_at for e in (liveblog(blog, "2026-12-06T09:00:00+00:00") or ("", []))[1]] == [
        "2026-12-05T16:20:00+00:00", "2026-12-05T15:42:00+00:00"
    ]  # fmt: skip
    assert liveblog(blog) is None


@pytest.mark.parametrize(
    "text",
    [
        "Gunman kills three in Vienna\n\nA gunman opened fire in the city centre on Monday evening, police said.\n\n"
        "How the attack unfolded:\n\n14:59\nPolice receive the first emergency call.\n\n15:20\nOfficers enter the "
        "building and find three people dead.\n\nThe interior minister said the suspect acted alone.",
        "Weekend fixtures\nArsenal vs Manchester United 5 December 2026 15:00\nLiverpool vs Newcastle United "
        "6 December 2026 17:30\nAll matches are shown live on the club channels, the league said on Monday.",
    ],
)
def test_a_timeline_or_fixture_list_with_times_is_one_article(text: str) -> None:
    assert [article["kind"] for article in split(document(text))] == ["article"]


def test_one_date_and_time_after_a_name_inside_a_line_is_no_entry_stamp() -> None:
    text = (
        "The minutes of the meeting were signed by Anna Kowalska 4 December 2026 18:20 Warsaw time, the council said. "
        "The budget vote was moved to next week after a long debate about the cost of the new tram line."
    )
    assert (liveblog(text), len(split(document(f"Council delays vote\n{text}")))) == (None, 1)


@pytest.mark.parametrize(
    "sentence",
    [
        "The Bank will announce its next decision on Thursday 18 December 2026 12:00 GMT.",
        "\nWembley 6 December 2026 20:00\n",
        "\nUpdated Thursday 18 December 2026 12:00\n",
    ],
)
def test_a_date_after_a_capitalised_word_in_a_sentence_or_a_weekday_is_no_entry_stamp(sentence: str) -> None:
    paragraph = "The central bank kept its key rate unchanged on Wednesday, as analysts had expected. " * 3
    text = f"{paragraph} {sentence} {paragraph}"
    assert (liveblog(text), stamp_times(text)) == (None, [])


def test_text_without_the_layout_is_one_article_headed_by_its_first_line() -> None:
    articles = split(document("A short headline\nThe first sentence.\nThe second sentence."))
    assert len(articles) == 1
    article = articles[0]
    assert article["kind"] == "article"
    assert article["title"] == "A short headline"
    assert article["body"] == "The first sentence.\nThe second sentence."
    assert article["parent_id"] is None


def test_text_opening_with_a_sentence_has_no_title() -> None:
    text = "This opens with a sentence.\nAnd goes on."
    articles = split(document(text))
    assert articles[0]["title"] is None
    assert articles[0]["body"] == text


def test_page_title_heads_the_article_and_is_not_repeated_in_the_body() -> None:
    articles = split(
        document("New SUVs highlight L.A. Auto Show\nNew SUVs were shown.", title="New SUVs highlight L.A. Auto Show")
    )
    assert articles[0]["title"] == "New SUVs highlight L.A. Auto Show"
    assert articles[0]["body"] == "New SUVs were shown."


def test_hard_wrapped_text_does_not_lend_its_first_line_as_a_title() -> None:
    text = "Standard Oil Co and BP North America\nInc said they plan to form a venture to manage the money\nmarket."
    articles = split(document(text))
    assert articles[0]["title"] is None
    assert articles[0]["body"] == text
    assert split(document("Coleco Industries Inc said\nit expects to return to profit.\nMore."))[0]["title"] is None


@pytest.mark.parametrize(
    "headline",
    ["Taiwan To Seek Higher Textile Exports To U.S.", "Merrill Mandated For Iel U.S. Note."],
)
def test_a_wire_headline_ending_in_a_dot_heads_its_story(headline: str) -> None:
    # Closing initials are no full stop, and a title-case line with a blank line after it is a headline: taken
    # for the body's first line, these hid the dateline behind them (the daemon found none for either story).
    body = "TAIPEI, March 2 - A Taiwan mission will leave next week for\nWashington to renegotiate an agreement."
    [article] = split(document(f"{headline}\n\n{body}"))
    assert article["title"] == headline
    assert article["body"] == body


def test_a_sentence_with_a_blank_line_after_it_is_no_headline() -> None:
    text = "The council met on Tuesday and agreed.\n\nIt meets again in May."
    assert split(document(text))[0]["title"] is None


def test_text_of_only_chrome_gives_no_article() -> None:
    assert split(document("Comments\nNo comments yet...")) == []


@pytest.mark.parametrize(
    ("outlet", "age", "paragraphs", "title", "body_start"),
    [
        pytest.param(
            "Reuters",
            "2 hours ago",
            [
                "Thai Airways International to Almost Double Fleet Thai Airways International plans to expand its "
                "fleet to 58 from 30 aircraft by 1995, company officials said.",
                "A vice-president told a marketing conference the airline would finance the purchases itself.",
            ],
            "Thai Airways International to Almost Double Fleet",
            "Thai Airways International plans to expand its fleet",
            id="headline_run_into_a_one_sentence_first_paragraph_is_cut_off_it",
        ),
        pytest.param(
            "The Week UK",
            "3 days ago",
            [
                "Bahia Cocoa Review Showers continued throughout the week in the Bahia cocoa zone, alleviating the "
                "drought since early January, the firm said in its weekly review."
            ],
            "Bahia Cocoa Review",
            "Showers continued",
            id="title_case_headline_keeps_the_capitalised_words_the_body_writes_in_lower_case",
        ),
        pytest.param(
            "The Irish Times",
            "5 hours ago",
            [
                "Runner Aoife Cooke: The Games are the peak. To get this close is huge",
                "The personal best she ran in Dublin a fortnight ago put her within reach of the qualifying time.",
            ],
            "Runner Aoife Cooke: The Games are the peak. To get this close is huge",
            "The personal best she ran",
            id="a_headline_line_of_two_sentences_without_final_punctuation_stays_whole",
        ),
    ],
)
def test_an_item_headline_is_told_from_the_body_it_runs_into(
    outlet: str, age: str, paragraphs: list[str], title: str, body_start: str
) -> None:
    item = only_item(outlet, age, paragraphs)
    assert item["title"] == title
    assert item["body"].startswith(body_start)


def test_title_case_headline_ends_before_the_article_that_opens_its_body() -> None:
    title, body = split_headline(
        "Coffee Quota Talks Continue, No Accord Seen Likely The International Coffee Organization (ICO) council"
        " talks on reintroducing quotas continue, delegates said.",
        min_score=1,
    )
    assert title == "Coffee Quota Talks Continue, No Accord Seen Likely"
    assert body.startswith("The International Coffee Organization (ICO) council talks")


def test_a_first_line_of_two_finished_sentences_gives_only_its_short_first_sentence_as_headline() -> None:
    item = only_item(
        "Reuters",
        "an hour ago",
        [
            "Crude rose on Monday. Traders cited the output cut.",
            "Brent futures gained two percent by midday in London.",
        ],
    )
    assert item["title"] == "Crude rose on Monday."
    assert item["body"] == "Traders cited the output cut.\nBrent futures gained two percent by midday in London."


def test_two_stories_in_a_text_file_are_cut_but_an_html_page_is_one_article(corpus: Path) -> None:
    stories = {story.title: "\n".join(story.paragraphs) for story in read_stories(corpus)}
    shultz = stories["SHULTZ SAYS NO RESIGNATION OVER IRAN REPORT"]
    coffee = stories["COFFEE TRADERS EXPECT SELLOFF AFTER ICO TALKS FAIL"]
    text = document(f"{shultz}\n{coffee}")
    assert [a["split_from"] is not None for a in split(text)] == [False, True]
    page = Document(**{**text, "format": "html", "filename": "page.html"})
    [article] = split(page)
    assert article["body"] == f"{shultz}\n{coffee}"
