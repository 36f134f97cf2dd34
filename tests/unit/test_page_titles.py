"""Headlines of real corpus pages whose stated titles reword, cut short or brand the headline."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from benchmarks.extraction import same_title
from streams.clean.extract import extract_article
from streams.clean.stage import clean
from streams.records import RawMeta

NEWS = Path("extraction") / "trafilatura-news" / "html"


def news_article_title(corpus: Path, name: str) -> str | None:
    raw = gzip.decompress((corpus / NEWS / f"{name}.gz").read_bytes()).decode("utf-8")
    article = extract_article(raw)
    assert article is not None
    return article.title


@pytest.mark.parametrize(
    ("name", "headline"),
    [
        # og:title "Pflaster-Desaster: Gladbacher Fußgängerzone in schlechtem Zustand"; the h1 is the
        # JSON-LD headline and the <title> before "| Kölner Stadt-Anzeiger"
        (
            "0b5db24739704283849ca3ed20ce09d4.html",
            "Bergisch Gladbach: die Stadt verklagt die Baufirma wegen schlechter Pflastersteine",
        ),
        # og:title "Turkey, Poland, Caribbean islands added to UK quarantine list"
        ("standard.co.uk.caribbean.html", "Turkey, Poland and three Caribbean islands added to UK quarantine list"),
    ],
)
def test_heading_in_the_page_title_or_json_ld_headline_wins_over_a_reworded_og_title(
    corpus: Path, name: str, headline: str
) -> None:
    assert news_article_title(corpus, name) == headline


def test_h2_headline_under_another_h1_is_found_without_its_overline(corpus: Path) -> None:
    # The h1 is "Corona: Report von der deutsch-französischen Grenze"; og:title puts "Grenzschließungen: "
    # before the headline, which the h2 sets in a span of class "vhb-overline--onecolumn".
    assert news_article_title(corpus, "handelsblatt.com.grenzschliessungen.html") == (
        "Deutschland, Frankreich und die Rückkehr der Ressentiments"
    )


def test_title_header_line_and_its_hidden_dash_are_left_out_of_the_heading(corpus: Path) -> None:
    # <span class="ContentHead_titleheader__…">Coronavirus und andere Zoonosen</span>
    # <span class="ContentHead_hiddendash__…" aria-hidden="true"> – </span><span …>Wie Umweltzerstörung …</span>
    assert news_article_title(corpus, "tagesanzeiger.ch.umweltzerstoerung.html") == (
        "Wie Umweltzerstörung neue Epidemien begünstigt"
    )


def test_ruby_readings_are_left_out_of_the_heading(corpus: Path) -> None:
    # <ruby>子<rt>こ</rt></ruby>どもへの…; the stated title is "NEWS WEB EASY|子どもへの体罰を禁止する法律ができる"
    assert news_article_title(corpus, "nhk.or.jp.k100.html") == "子どもへの体罰を禁止する法律ができる"


def test_stated_title_wins_over_the_heading_that_puts_a_kicker_before_it(corpus: Path) -> None:
    # h1: '"Reformstau lösen" / Irme Stetter-Karp ist neue ZdK-Präsidentin'
    assert news_article_title(corpus, "domradio.de-Reformstau.html") == "Irme Stetter-Karp ist neue ZdK-Präsidentin"


def test_og_title_cut_at_an_unescaped_quote_gives_way_to_the_page_title(corpus: Path) -> None:
    # <meta property="og:title" content="Senador republicano califica a Biden de "incapacitado"">
    assert news_article_title(corpus, "eluniversal.com-senador.html") == (
        'Senador republicano califica a Biden de "incapacitado"'
    )


def test_site_name_of_the_home_link_is_cut_from_a_title_without_spaces(corpus: Path) -> None:
    # <title>武汉的声音：有英勇的你，才有英雄的城！-新华网</title>, <a href="http://www.xinhuanet.com/">新华网</a>
    assert news_article_title(corpus, "xinhuanet.com.c_1125597921.html") == "武汉的声音：有英勇的你，才有英雄的城！"


def test_full_width_punctuation_stays_as_published_through_the_clean_stage(corpus: Path) -> None:
    # ftfy's width fix would give "武汉的声音:有英勇的你,才有英雄的城!" and "“妈妈,为什么还不能出去?”"
    name = "xinhuanet.com.c_1125597921.html"
    raw = gzip.decompress((corpus / NEWS / f"{name}.gz").read_bytes())
    meta = RawMeta(document_id=name, filename=name, content_type="text/html", size=len(raw),
                   crawled_at="2026-12-04T00:00:00+00:00", ingested_at="2026-12-04T00:00:00+00:00")  # fmt: skip
    document = clean(raw, meta)
    assert document["title"] == "武汉的声音：有英勇的你，才有英雄的城！"
    assert "“妈妈，为什么还不能出去？”" in document["text"]


def test_titles_compare_with_quote_marks_and_dashes_folded_unless_compared_as_typed() -> None:
    gold = "„Wir dekorieren auf der Titanic die Liegestühle um“"
    found = '"Wir dekorieren auf der Titanic die Liegestühle um"'
    assert same_title(found, gold)
    assert not same_title(found, gold, as_typed=True)
    assert same_title("Coronavirus - Neue Regeln", "coronavirus – neue  regeln")
    assert not same_title("Coronavirus: Neue Regeln", "Coronavirus – Neue Regeln")


def test_section_name_in_an_h2_is_not_taken_for_the_headline() -> None:
    # The h2 is in the stated title but only as its kicker: under half of it.
    html = """<!DOCTYPE html><html><head><title>Coronavirus pandemic: Hospitals in the north run short of beds
        | Daily Bugle</title><meta property="og:site_name" content="Daily Bugle"></head><body>
        <h2>Coronavirus pandemic</h2><article><p>Hospitals in the north ran short of beds
        on Tuesday as admissions rose for the third week running, health officials said.</p></article>
        </body></html>"""
    article = extract_article(html)
    assert article is not None
    assert article.title == "Coronavirus pandemic: Hospitals in the north run short of beds"


def test_h2_headline_the_title_states_wins_over_a_section_name_in_the_only_h1() -> None:
    # No title in the meta tags; the page's only h1 names its section, the h2 below it is the <title>'s headline
    # (WebMD's health-center pages).
    html = """<!DOCTYPE html><html><head><title>Babies Who Eat Peanuts Early May Avoid Allergy</title></head>
        <body><h1>Allergies Health Center</h1><h2>Babies Who Eat Peanuts Early May Avoid Allergy</h2><article>
        <p>Infants at high risk of a peanut allergy who ate peanut foods early were far less likely to develop
        the allergy by the age of five, a study found on Monday.</p></article></body></html>"""
    article = extract_article(html)
    assert article is not None
    assert article.title == "Babies Who Eat Peanuts Early May Avoid Allergy"


def test_the_only_h1_is_the_headline_a_cut_page_title_begins() -> None:
    # The social title rewords the headline; the <title> cuts it short before the site's name (probe 14).
    html = """<!DOCTYPE html><html><head><title>Rail drivers in the north of England to strike for three days
        | The Northern Dispatch</title><meta property="og:title" content="Train drivers announce three-day walkout
        over rosters"></head><body><h1>Rail drivers in the north of England to strike for three days over
        rostering changes</h1><article><p>Train drivers at the region's main operator will walk out for three days
        next month over changes to their rosters, their union said on Tuesday.</p></article></body></html>"""
    article = extract_article(html)
    assert article is not None
    assert article.title == "Rail drivers in the north of England to strike for three days over rostering changes"


def test_a_section_h1_a_teasers_headline_opens_is_no_headline() -> None:
    # Review: the JSON-LD of a teaser shares the section's words; the reworded og:title stays the headline.
    html = """<!DOCTYPE html><html><head><title>Politics News | The Gazette</title><meta property="og:title"
        content="Commission approves harbor dredging"><script type="application/ld+json">{"@type": "ItemList",
        "itemListElement": [{"@type": "NewsArticle", "headline": "Politics news: what the week brought"}]}</script>
        </head><body><h1>Politics News</h1><article><p>The harbor commission voted 4-1 on Tuesday to dredge the
        channel this summer, officials said, ending a two-year dispute with the port.</p></article></body></html>"""
    article = extract_article(html)
    assert article is not None
    assert article.title == "Commission approves harbor dredging"
