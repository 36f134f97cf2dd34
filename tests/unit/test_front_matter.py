"""A plain text's byline and stamp lines around its headline become the author and times, out of the body."""

from __future__ import annotations

import pytest

from streams.clean import clean
from streams.clean.front_matter import front_matter
from streams.records import RawMeta
from streams.split import split

BODY = (
    "MIAMI (AP) — The Atlantic hurricane season ended Sunday without a single hurricane making landfall in the "
    "United States, forecasters said.\nThe season produced 13 named storms, three of them major hurricanes."
)
META = RawMeta(document_id="d", filename="story.txt", content_type=None, size=0,
               crawled_at="2026-12-06T00:00:00+00:00", ingested_at="2026-12-06T00:00:00+00:00")  # fmt: skip
HEADLINE = "Hurricane season ends with no major storm hitting US"


@pytest.mark.parametrize(
    ("front", "author", "published", "modified"),
    [
        (f"By Jane Doe\n\n{HEADLINE}", "Jane Doe", None, None),
        (f"{HEADLINE}\nBy REBECCA SANTANA Associated Press", "Rebecca Santana", None, None),
        (f"{HEADLINE}\nPublished: 4 December 2026 10:15 GMT", None, "2026-12-04T10:15:00+00:00", None),
        (f"{HEADLINE}\nPublié le 4 décembre 2026 à 10:15 +01:00", None, "2026-12-04T10:15:00+01:00", None),
        (f"{HEADLINE}\nUpdated 5 Dec 2026, 4:05 pm", None, None, "2026-12-05T16:05:00"),
        (f"{HEADLINE}\nBy Ana Ruiz and Tom Lee, Reuters\nUpdated 5 Dec 2026", "Ana Ruiz; Tom Lee", None, "2026-12-05"),
        (f"{HEADLINE}\nBy Helen Marsh, Science correspondent", "Helen Marsh", None, None),
        (
            f"Accueil > International > Afrique\n{HEADLINE}\nPar Claire Dubois\nPublié le 4 décembre 2026 à 09h30, mis "
            "à jour à 11h12",
            "Claire Dubois",
            "2026-12-04T09:30:00",
            None,
        ),
        (
            f"Home > Binnenland > Politiek\n{HEADLINE}\nDoor Pieter de Vries en Sanne Jansen",
            "Pieter de Vries; Sanne Jansen",
            None,
            None,
        ),
        (f"Início | Brasil | Meio Ambiente\n{HEADLINE}\nPor João Mendes", "João Mendes", None, None),
        (f"Culture\n{HEADLINE}\nWords by Daniel Osei", "Daniel Osei", None, None),
        (f"Live\n{HEADLINE}\nDi Giulia Ferri e Marco Bellini", "Giulia Ferri; Marco Bellini", None, None),
        (f"{HEADLINE}\nAutor: Anna Wiśniewska", "Anna Wiśniewska", None, None),
        (f"{HEADLINE}\nAf Mette Holm", "Mette Holm", None, None),
        (f"{HEADLINE}\nBy RACHEL HOLT FOR THE DAILY BUGLE", "Rachel Holt", None, None),
        (
            "We use cookies to give you the best experience on our website.\nAccept and close\nHome\nNews\nU.S.\n"
            f"Sport\n{HEADLINE}\nby: Maria Lopez",
            "Maria Lopez",
            None,
            None,
        ),
        (
            f"{HEADLINE}\nWords by Daniel Osei\nPhotography by Mhairi Grant\n5 December 2026",
            "Daniel Osei",
            "2026-12-05",
            None,
        ),
        (f"{HEADLINE}\n4 Dec 2026, 14:02 GMT", None, "2026-12-04T14:02:00+00:00", None),
        (
            f"Home\nNews\nScience\nWeather\n{HEADLINE}\nBy Jane Doe\nPublished: 4 December 2026 10:15 GMT",
            "Jane Doe",
            "2026-12-04T10:15:00+00:00",
            None,
        ),
    ],
)
def test_front_matter_gives_the_author_and_times_and_leaves_headline_and_dateline_in_place(
    front: str, author: str | None, published: str | None, modified: str | None
) -> None:
    raw = f"{front}\n\n{BODY}\n".encode()
    document = clean(raw, META)
    assert (document["author"], document["published_at"], document["modified_at"]) == (author, published, modified)
    [article] = split(document)
    assert (article["title"], article["body"]) == (HEADLINE, BODY)


@pytest.mark.parametrize(
    "headline",
    [
        "By Royal Appointment", "By Popular Demand", "By The Sea", "By Order Of The Court",
        "Updated guidance on vaccines issued 3 March 2021", "Posted workers rules take effect on 1 January 2026",
    ],
)  # fmt: skip
def test_a_headline_opening_like_a_byline_or_a_stamp_stays_the_headline(headline: str) -> None:
    document = clean(f"{headline}\n\n{BODY}\n".encode(), META)
    assert (document["author"], document["published_at"], document["modified_at"]) == (None, None, None)
    [article] = split(document)
    assert (article["title"], article["body"]) == (headline, BODY)


def test_lines_that_only_look_like_front_matter_stay() -> None:
    text = (
        "Mortgage rates rose again this week, according to a survey published\n"
        "by Federal Home Loan Mortgage Corp\n"
        "Published in Nature on 3 March 2020 by scientists at the university\n"
        "The rest of the story."
    )
    assert front_matter(text) == (text, None, None, None)
    assert front_matter("By Jane Doe") == ("By Jane Doe", None, None, None)


def test_short_first_lines_that_are_no_menu_stay() -> None:
    # two short lines are a kicker and a headline, not a menu; short lines with a full stop are sentences
    for front in ("Exclusive\nFloods", "Yes.\nNo.\nMaybe."):
        document = clean(f"{front}\n{BODY}\n".encode(), META)
        assert document["text"].startswith(front.split("\n")[0])


def test_a_sentence_opening_on_a_date_under_the_headline_stays_in_the_body() -> None:
    document = clean(f"{HEADLINE}\n5 December 2026 was the coldest day of the year.\n{BODY}\n".encode(), META)
    assert document["published_at"] is None
    assert "5 December 2026 was the coldest day of the year." in document["text"]
