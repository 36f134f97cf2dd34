"""Small pages built for the cases a review of the metadata rules found wrong, each asserting what the page says."""

from __future__ import annotations

import asyncio
from unittest.mock import AsyncMock, MagicMock

import pytest
from lxml import html as lxml_html

from agents.outputs import Outgoing, deliver_all
from streams.clean.extract import _home_link_names, extract_article
from streams.clean.leftovers import strip_leftover_chrome
from streams.clean.page_time import published_time
from streams.clean.provenance import page_provenance
from streams.errors import RejectedInput

PADDING = "<p>" + "The council met again on Tuesday and the budget was debated at length. " * 12 + "</p>"


def test_a_wire_credit_beside_a_person_keeps_the_person() -> None:
    # "ap;" is the name of an HTML entity: a byline "Jane Doe; AP" is no reading cut at an entity's ";".
    tree = lxml_html.fromstring("<html><head><title>t</title></head><body><p>text</p></body></html>")
    origin = page_provenance(tree, "", [], "https://example.com/a", "A title", None, "Jane Doe; AP", "text")
    assert origin.author == "Jane Doe"


@pytest.mark.parametrize(
    "head_and_heading",
    [
        # A section heading that only <title> holds is not the headline.
        "<title>Senate passes the budget bill | Politics News | Site</title>"
        '<meta property="og:title" content="Senate passes the budget bill"></head><body>'
        "<h1>Politics News</h1><h2>Senate passes the budget bill</h2>",
        # A line break in a heading with a kicker keeps the words apart.
        "<title>Senate passes the budget bill</title></head><body>"
        '<h1><span class="kicker">Kicker</span>Senate passes<br>the budget bill</h1>',
    ],
)
def test_the_headline_is_the_heading_of_the_story(head_and_heading: str) -> None:
    article = extract_article(f"<html><head>{head_and_heading}{PADDING}</body></html>")
    assert article is not None
    assert article.title == "Senate passes the budget bill"


def test_without_the_page_url_only_home_page_links_name_the_site() -> None:
    # A link into a section of another site is no home-page link: its text names no site.
    page = (
        '<html><body><a href="https://other.com/politics/x">Politics</a>'
        '<a href="https://daily.example/">Daily Example</a></body></html>'
    )
    assert _home_link_names(lxml_html.fromstring(page), None) == {"dailyexample"}


def test_the_shown_clock_does_not_give_its_own_numbers_as_the_day() -> None:
    # 00:25 UTC on the 20th is 19:25 on the 19th at -05:00, but the page never shows the 19th.
    page = (
        '<html><head><meta property="article:published_time" content="2020-02-20T00:25:00+00:00"></head>'
        "<body><p>Copyright 2020. Updated 19:25</p>" + PADDING + "</body></html>"
    )
    assert published_time(lxml_html.fromstring(page), [], None) == "2020-02-20T00:25:00+00:00"


def test_a_long_token_after_a_bracket_is_no_photo_credit() -> None:
    # One 3,000-character word: the credit pattern once tried every split of it at its capitals (17 s).
    text = "A real paragraph of the story.\n(Image/" + "QUJD" * 750
    assert strip_leftover_chrome(text, None) == text


def test_a_photographer_and_agency_in_brackets_still_go() -> None:
    text = "A real paragraph of the story.\nThe square in Madrid, Spain. (Manu Fernandez/AP)"
    assert strip_leftover_chrome(text, None) == "A real paragraph of the story."


def test_a_record_the_producer_cannot_take_is_refused_and_the_others_still_go() -> None:
    # orjson refuses a lone surrogate; that record gets its reason, the records around it are delivered.
    async def send(*, value: object, **_: object) -> asyncio.Future[None]:
        if value == "\ud800":
            raise TypeError("str is not valid UTF-8: surrogates not allowed")
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        done.set_result(None)
        return done

    topic = MagicMock()
    topic.send = AsyncMock(side_effect=send)
    records = [Outgoing(topic, "a", "first"), Outgoing(topic, "b", "\ud800"), Outgoing(topic, "c", "third")]
    outcomes = asyncio.run(deliver_all(records))
    assert outcomes[0] is None
    assert outcomes[2] is None
    assert isinstance(outcomes[1], RejectedInput)
    assert outcomes[1].reason.startswith("internal error: TypeError")
