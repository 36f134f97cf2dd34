"""Title, authors, outlet, publisher and domain of real corpus pages, through the clean and split stages."""

from __future__ import annotations

import gzip
from datetime import UTC, datetime
from pathlib import Path

import pytest

from streams.clean.extract import extract_article
from streams.clean.provenance import registrable_domain
from streams.clean.stage import clean
from streams.records import Document, RawMeta
from streams.split.stage import split
from streams.tag import tag

NEWS = Path("extraction") / "trafilatura-news" / "html"
SCRAPINGHUB = Path("extraction") / "scrapinghub-benchmark" / "html"


def cleaned(corpus: Path, folder: Path, name: str) -> Document:
    raw = gzip.decompress((corpus / folder / f"{name}.gz").read_bytes())
    meta = RawMeta(document_id=name, filename=name, content_type="text/html", size=len(raw),
                   crawled_at="2026-12-04T00:00:00+00:00", ingested_at="2026-12-04T00:00:00+00:00")  # fmt: skip
    return clean(raw, meta)


def test_heading_naming_the_site_is_not_the_headline(corpus: Path) -> None:
    # The page's first h1 is a hidden "SAT.1 REGIONAL" logo heading, also the end of its stated title.
    document = cleaned(corpus, NEWS, "d90b19386e2b48559082547016cbe5ec.html")
    assert document["title"] == "Verhärtete Fronten nach Tumulten bei Luckes Vorlesung"
    assert document["site"] == "SAT.1 REGIONAL"
    assert document["domain"] == "sat1regional.de"


@pytest.mark.parametrize(
    ("name", "headline"),
    [
        # <span class="article-heading__kicker">Klimaschutz</span> inside the h1
        ("0a12df42d1764095989ab078ee0f940b.html", "Bohren, bis es heiß wird"),
        # <span class="dachzeile">Interne Unterlagen im Netz</span> before the headline span
        ("tagesschau.de.rheinmetall.html", "Daten von Rheinmetall gehackt"),
    ],
)
def test_kicker_inside_the_heading_is_left_out(corpus: Path, name: str, headline: str) -> None:
    assert cleaned(corpus, NEWS, name)["title"] == headline


def test_only_heading_is_the_headline_when_the_stated_title_rewords_it(corpus: Path) -> None:
    # The stated title is "Carrie Lam should study Tsai Ing-wen’s playbook"; the page's h1 says more.
    assert cleaned(corpus, NEWS, "scmp.com.playbook.html")["title"] == (
        "Taiwanese President Tsai Ing-wen’s political playbook should be essential reading for Hong Kong leader "
        "Carrie Lam"
    )


def test_publisher_is_not_an_author(corpus: Path) -> None:
    # JSON-LD lists the Organization "Frankfurter Allgemeine Zeitung GmbH" among the authors.
    document = cleaned(corpus, NEWS, "faz.net.streaming.html")
    assert document["author"] == "Benjamin Fischer; Marcus Theurer"
    assert document["site"] == "FAZ.NET"
    assert document["publisher"] == "Frankfurter Allgemeine Zeitung"
    assert document["domain"] == "faz.net"


def test_section_given_as_site_name_yields_to_the_publisher(corpus: Path) -> None:
    # og:site_name is the section "U.S."; JSON-LD publisher "Reuters" matches reuters.com.
    document = cleaned(corpus, NEWS, "reuters.com.parasite.html")
    assert (document["site"], document["publisher"], document["domain"]) == ("Reuters", "Reuters", "reuters.com")


@pytest.mark.parametrize(
    ("name", "stated"),
    [
        # the site name trafilatura finds is a menu of sections
        ("11ea381ad92b5448cf66eae62f52ac565361a244c8881615fc6a7bb523cc0c32.html", "Autoracing | F1 | Indy"),
        # ... or the twitter:site handle
        ("1f765c48780665e89cc3af1f7c9af47876e9fae9b5be4a936b0649e10f5e3198.html", "@SputnikInt"),
    ],
)
def test_menu_or_handle_is_no_outlet(corpus: Path, name: str, stated: str) -> None:
    assert stated.encode() in gzip.decompress((corpus / SCRAPINGHUB / f"{name}.gz").read_bytes())
    assert cleaned(corpus, SCRAPINGHUB, name)["site"] is None


@pytest.mark.parametrize(
    ("stated", "domain", "outlet"),
    [
        # The name the domain spells, then a slogan: the outlet is the name.
        ("BioBioChile - La Red de Prensa Más Grande de Chile", "biobiochile.cl", "BioBioChile"),
        ("Aktuálně.cz - Víte, co se právě děje", "aktualne.cz", "Aktuálně.cz"),
        # Two names, or a name and the address: the stated name stays whole.
        ("LN - Lübecker Nachrichten", "ln-online.de", "LN - Lübecker Nachrichten"),
        ("The Jerusalem Post | JPost.com", "jpost.com", "The Jerusalem Post | JPost.com"),
    ],
)
def test_a_slogan_after_the_site_s_name_is_no_part_of_the_outlet(stated: str, domain: str, outlet: str) -> None:
    page = (f'<html><head><title>Harbour</title><meta property="og:site_name" content="{stated}">'
            f'<link rel="canonical" href="https://www.{domain}/news/harbour"></head>'
            f"<body><h1>Harbour</h1>{STORY_PARAGRAPHS}</body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert (article.site, article.domain) == (outlet, domain)


def test_content_system_placeholder_is_no_author(corpus: Path) -> None:
    # The page's byline is the WordPress user "Admin".
    document = cleaned(corpus, SCRAPINGHUB, "11ea381ad92b5448cf66eae62f52ac565361a244c8881615fc6a7bb523cc0c32.html")
    assert document["author"] is None


@pytest.mark.parametrize(
    ("name", "author"),
    [
        # <p class="autorenzeile">Von Volkmar Kabisch, Jan Lukas Strozyk und Benedikt Strunz, NDR</p> under the
        # lead; the meta author is the outlet and NDR is a broadcaster
        ("tagesschau.de.rheinmetall.html", "Volkmar Kabisch; Jan Lukas Strozyk; Benedikt Strunz"),
        # "Von Cosima Künzel" closes the text; JSON-LD names only the Organization "LN"
        ("d51e75d9e53a472bb7708191899aa6b4.html", "Cosima Künzel"),
        # "Auteur : Kossivi Tiassou" in the text; the meta author "Deutsche Welle (www.dw.com)" is the site
        ("dw.com-elephants.html", "Kossivi Tiassou"),
        # JSON-LD gives the login "christian.stadtfeld"; the text closes with "(Christian P. Stadtfeld) +++"
        ("Osthessen-news.de-Buergermeisterwahl.html", "Christian P. Stadtfeld"),
    ],
)
def test_byline_in_the_article_text(corpus: Path, name: str, author: str) -> None:
    assert cleaned(corpus, NEWS, name)["author"] == author


@pytest.mark.parametrize(
    ("name", "author"),
    [
        # "By | Adam Aaronson | PhillyVoice Staff": the site's name makes a role, not a person
        ("phillyvoice.com-Sixers.html", "Adam Aaronson"),
        # JSON-LD Person "Von FOCUS-Online-Experte Robin Tschöpe"
        ("focus.de.leasen.html", "Robin Tschöpe"),
        # the names in separate elements, then "Hace 13 horas", "Tiempo de lectura: 8 minutos"
        ("latercera.com-laagenda.html", "Isabel Caro; Rocío Latorre; José Miguel Wilson"),
        # <div class="autor">Jacobo Betancur Peláez | Publicado hace 3 horas</div>
        ("elcolumbiano.com-alcaldia.html", "Jacobo Betancur Peláez"),
        # a "By" span beside a link in <div data-testid="prism-byline">
        ("abc13.com-Copperfield.html", "Alex Bozarjian"),
        # only the cXenseParse:author meta tag names her (meta author is "Badische Zeitung")
        ("badische-zeitung.de-Wohnungssuche.html", "Lisa Petrich"),
        # "Richard David Precht im Gespräch mit Karin Fischer": an interview's two people
        ("deutschlandfunk.de.titanic.html", "Richard David Precht; Karin Fischer"),
    ],
)
def test_people_of_a_marked_byline(corpus: Path, name: str, author: str) -> None:
    assert cleaned(corpus, NEWS, name)["author"] == author


@pytest.mark.parametrize(
    ("name", "stated"),
    [
        # JSON-LD Person "Redaktion", the newsroom
        ("fr.de.nordkorea.html", "Redaktion"),
        # JSON-LD Person "Agencies"
        ("economictimes.indiatimes.com.slideshow.html", "Agencies"),
        # <div class="authorWrapper">Stand: 20. April 2020, 14:57 Uhr</div>, a time stamp
        ("mdr.de.autohaeuser.html", "Stand:"),
        # <span class="comment-author-link">Bill Osborne</span>, a commenter; the rel=author link is the outlet
        ("miamitodaynews.com-Transitway.html", "Bill Osborne"),
        # the byline "red, wien.ORF.at/Agenturen": an editor's code, the site and "agencies"
        ("0a6291ebbce449b3b04256b43c73e39d.html", "Agenturen"),
        # <meta property="og:article:author" content="AFP/The Local">: an agency code and the outlet
        ("thelocal.se.tattooed.html", "AFP/The Local"),
        # the JSON-LD author "det/dpa": an editor's initials and an agency code
        ("sportnews.bz-peking.html", "det/dpa"),
    ],
)
def test_newsroom_stamp_or_commenter_is_no_author(corpus: Path, name: str, stated: str) -> None:
    assert stated.encode() in gzip.decompress((corpus / NEWS / f"{name}.gz").read_bytes())
    assert cleaned(corpus, NEWS, name)["author"] is None


def test_place_in_a_byline_is_no_person(corpus: Path) -> None:
    # The JSON-LD Person and the meta author are "Markus M. Haefliger, London, Beat Bumbacher".
    document = cleaned(corpus, NEWS, "d42c68f1b0f4408b81cf8f00bbe1a631.html")
    assert document["author"] == "Markus M Haefliger; Beat Bumbacher"


def test_teaser_card_byline_is_not_the_article_s(corpus: Path) -> None:
    # <a ...><div class="teaser-content"><h3 class="a-headline">...</h3><div class="author-name">Von Andreas
    # Hoffmann</div> is a link to another article; the page's own credit is "dsw / DPA".
    assert cleaned(corpus, NEWS, "d70fab3adde74d5fb63552855c981395.html")["author"] is None


def test_related_article_byline_is_not_the_article_s(corpus: Path) -> None:
    # The only byline marked in the page, "Par Stefan Häne, Sylvain Besson", is a related article's.
    name = "tdg.ch.chlorothalonil.html"
    assert "Par Stefan Häne, Sylvain Besson".encode() in gzip.decompress((corpus / NEWS / f"{name}.gz").read_bytes())
    assert cleaned(corpus, NEWS, name)["author"] is None


@pytest.mark.parametrize(("own", "author"), [("AFP", None), ("Par Camille Roux", "Camille Roux")])
def test_the_byline_after_the_headline_is_the_article_s_among_teasers(own: str, author: str | None) -> None:
    # Three teasers below the story are signed, as the live column beside it; the story's own byline is
    # the one after its headline, and an agency's code there names nobody.
    teasers = "".join(
        f'<p><a href="/{n}"><span class="title">Story {n}</span></a> <span class="author">Par {name}</span></p>'
        for n, name in enumerate(("Juliette Deborde", "Pierre Alonso", "Laurence Morel"))
    )
    story = (
        "<p>PARIS - Le conseil a voté mardi un budget en hausse pour les écoles de la ville, a annoncé le maire.</p>"
    )
    page = (f'<html><head><title>Budget</title></head><body><h1>Budget des écoles</h1><span class="author">{own}'
            f"</span><article>{story * 4}</article>{teasers}</body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert article.author == author


def test_articles_carry_outlet_publisher_and_domain(corpus: Path) -> None:
    document = cleaned(corpus, NEWS, "faz.net.streaming.html")
    sources = {(a["source"]["outlet"], a["source"]["publisher"], a["source"]["domain"]) for a in split(document)}
    assert sources == {("FAZ.NET", "Frankfurter Allgemeine Zeitung", "faz.net")}


@pytest.mark.parametrize(
    ("url", "domain"),
    [
        ("https://www.bbc.co.uk/news/world-52241221", "bbc.co.uk"),
        ("https://wien.orf.at/stories/3039056/", "orf.at"),
        ("https://www.lanacion.com.ar/politica/x", "lanacion.com.ar"),
        ("not a url", None),
        (None, None),
    ],
)
def test_registrable_domain_is_the_name_under_the_public_suffix(url: str | None, domain: str | None) -> None:
    assert registrable_domain(url) == domain


def monsoon_page(head: str) -> Document:
    """A one-story page whose head holds `head` (its byline), cleaned."""
    story = "<p>NEW DELHI - The monsoon reached the capital on Sunday, a week later than forecasters had said.</p>" * 3
    page = f"<html><head><title>Monsoon</title>{head}</head><body><article><h1>Monsoon</h1>{story}</article></body>"
    meta = RawMeta(document_id="d", filename="monsoon.html", content_type="text/html", size=len(page),
                   crawled_at="2026-12-04T00:00:00+00:00", ingested_at="2026-12-04T00:00:00+00:00")  # fmt: skip
    return clean(page.encode(), meta)


@pytest.mark.parametrize(
    ("stated", "author"),
    [
        ('"Jeffrey Gettleman", "JEFFREY GETTLEMAN"', "Jeffrey Gettleman"),
        ('"JEFFREY GETTLEMAN", "Jeffrey Gettleman", "Suhasini Raj"', "Jeffrey Gettleman; Suhasini Raj"),
    ],
)
def test_a_person_named_twice_in_two_cases_is_one_author(stated: str, author: str) -> None:
    persons = ", ".join(f'{{"@type": "Person", "name": {name}}}' for name in stated.split(", "))
    head = f'<script type="application/ld+json">{{"@type": "NewsArticle", "author": [{persons}]}}</script>'
    assert monsoon_page(head)["author"] == author


@pytest.mark.parametrize(
    ("stated", "author"),
    [
        # A job or a label in the byline is no author.
        ("Ben Silverman, Games Editor", "Ben Silverman"),
        ("Rob Ewaschuk; Reviewed", "Rob Ewaschuk"),
        ("Anna Weber, Redakteurin", "Anna Weber"),
        ("Last Updated", None),
        # A name written in capitals is written as a name.
        ("By JANE O'NEILL and ALISSA RUBIN", "Jane O'Neill; Alissa Rubin"),
        ("By JEAN-PAUL MCDONALD", "Jean-Paul McDonald"),
        ("By ANDRÉ ÇELIK", "André Çelik"),
        # A web address in the byline names nobody.
        ("Bradley M. Kuhn (http://ebb.org/bkuhn/)", "Bradley M Kuhn"),
        ("Jane Doe, www.riverside-herald.example/staff/jane", "Jane Doe"),
    ],
)
def test_the_author_meta_tag_is_read_as_the_people_it_names(stated: str, author: str | None) -> None:
    assert monsoon_page(f'<meta name="author" content="{stated}">')["author"] == author


@pytest.mark.parametrize(
    ("metas", "author"),
    [
        # Dublin Core and Google Scholar write a name surname first; read at its comma it is two half names.
        (
            '<meta name="DC.Creator" content="Kooman, F."><meta name="DC.Creator" content="Jong, Michiel de">',
            "F. Kooman; Michiel de Jong",
        ),
        ('<meta name="citation_author" content="Okafor, Ngozi">', "Ngozi Okafor"),
        # Written in reading order, the names are read as any author tag's.
        ('<meta name="DC.creator" content="Ngozi Okafor, Tom Baines">', "Ngozi Okafor; Tom Baines"),
    ],
)
def test_a_catalogue_author_tag_names_people_surname_first(metas: str, author: str) -> None:
    assert monsoon_page(metas)["author"] == author


@pytest.mark.parametrize("name", ["सुनीता शर्मा", "สมชาย ใจดี"])
def test_a_name_ending_in_a_vowel_sign_keeps_it(name: str) -> None:
    # Python's \w counts no combining mark, so trimming the byline's edges cut "शर्मा" to "शर्म".
    story = "<p>" + "सरकार ने सोमवार को नई नीति की घोषणा की और कहा कि इससे किसानों को लाभ होगा। " * 6 + "</p>"
    html = f'<html><head><title>नीति</title><meta name="author" content="{name}"></head><body>{story}</body></html>'
    article = extract_article(html)
    assert article is not None
    assert article.author == name


def test_a_company_stated_as_publisher_gives_way_to_the_brand_the_page_shows() -> None:
    publisher = '{"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": "Tagespost Medien GmbH"}}'
    page = ('<html><head><title>Koralmbahn eröffnet | Grazer Tagespost</title><link rel="canonical" '
            'href="https://www.tagespost-graz.at/a/1"><script type="application/ld+json">'
            f"{publisher}</script></head><body><h1>Koralmbahn eröffnet</h1>{STORY_PARAGRAPHS}"
            "</body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert (article.site, article.publisher) == ("Grazer Tagespost", "Tagespost Medien GmbH")


@pytest.mark.parametrize(("stated", "outlet"), [("nos.nl", "NOS"), ("www.nos.nl", "NOS"), ("NOS.nl", "NOS.nl")])
def test_a_host_stated_as_site_name_gives_way_to_the_brand_the_page_shows(stated: str, outlet: str) -> None:
    # A host in lower case is an address; written with capitals it is the brand's own spelling ("Space.com").
    page = (f'<html><head><title>Dijk bij Kampen versterkt | NOS</title><meta property="og:site_name" '
            f'content="{stated}"><link rel="canonical" href="https://nos.nl/artikel/1"></head>'
            f"<body><h1>Dijk bij Kampen versterkt</h1>{STORY_PARAGRAPHS}</body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert article.site == outlet
    alone = extract_article(page.replace(" | NOS</title>", "</title>"))
    assert alone is not None
    assert alone.site == stated, "no brand shown: the host is all the page says of itself"
    menu = page.replace(" | NOS</title>", "</title>").replace("<h1>", '<a href="/">NOS |</a><h1>')
    assert (shown := extract_article(menu)) is not None
    assert shown.site == outlet, "a home link's name without the separator the menu sets after it"
    section = page.replace(" | NOS</title>", " | Nieuws</title>")
    assert (other := extract_article(section)) is not None
    assert other.site == stated, "a name that does not spell the whole host is a section"


def test_a_wire_pages_closing_credit_names_its_reporters() -> None:
    credit = "(Reporting by Eric Onstad in London and Mai Nguyen in Hanoi; Editing by Jan Harvey)"
    page = ("<html><head><title>Copper falls on China demand worries | Reuters</title></head><body><h1>Copper falls "
            f"on China demand worries</h1>{STORY_PARAGRAPHS}<p>{credit}</p></body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert article.author == "Eric Onstad; Mai Nguyen"
    short = extract_article(page.replace(credit, "(Reporting by Eric Onstad; Editing by Jan Harvey)"))
    assert short is not None
    assert short.author == "Eric Onstad", "the editor is no author"
    two_places = extract_article(page.replace(credit, "(Reporting By Jane Doe In Washington and New York)"))
    assert two_places is not None
    assert two_places.author == "Jane Doe", "a second place is no reporter"
    web = page.replace(f"<p>{credit}</p>", f"<p>{credit[1:-1]}</p><p>Our Standards: The Trust Principles.</p>")
    assert (unbracketed := extract_article(web)) is not None
    assert unbracketed.author == "Eric Onstad; Mai Nguyen", "a web page's credit, without brackets, before a link"
    sentence = "Reporting by The Guardian and the BBC has since confirmed the claims."
    assert (told := extract_article(page.replace(f"<p>{credit}</p>", f"<p>{sentence}</p><p>More.</p>"))) is not None
    assert told.author is None, "a sentence about reporting, without the editors' part a credit has, names nobody"


def test_a_page_number_is_no_outlet() -> None:
    story = "<p>" + "The county paid 212 invoices twice over four years, auditors found on Tuesday. " * 6 + "</p>"
    html = (f"<html><head><title>How a county lost $4.3 million - Page 2 of 3 - The Gazette</title></head>"
            f"<body><h1>How a county lost $4.3 million</h1>{story}</body></html>")  # fmt: skip
    article = extract_article(html)
    assert article is not None
    assert article.site != "Page 2 of 3"


STORY_PARAGRAPHS = (
    "<p>" + "The harbor commission voted 4-1 to dredge the channel this summer, officials said. " * 6 + "</p>"
)


def test_a_wayback_snapshot_is_the_page_it_was_taken_of() -> None:
    original = "https://www.northbaycourier.com/news/2019/03/11/harbor-dredging-vote/"
    snapshot = f"https://web.archive.org/web/20190312042211/{original}"
    html = (f'<html><head><title>Harbor dredging vote</title><link rel="canonical" href="{snapshot}"></head>'
            f"<body>{STORY_PARAGRAPHS}</body></html>")  # fmt: skip
    article = extract_article(html)
    assert article is not None
    assert (article.url, article.domain) == (original, "northbaycourier.com")


def test_an_archive_today_snapshot_is_the_page_its_toolbar_names() -> None:
    original = "https://www.mercuryledger.com/business/2024/03/14/grain-shipments-resume"
    html = (f'<html><head><title>Grain shipments resume</title><meta property="og:site_name" content="archive.ph">'
            f'<meta property="og:url" content="https://archive.ph/Xk3pQ"></head><body><div id="HEADER">Saved from '
            f'<form action="https://archive.ph/search/"><input name="q" value="{original}"></form></div>'
            f"{STORY_PARAGRAPHS}</body></html>")  # fmt: skip
    article = extract_article(html)
    assert article is not None
    assert (article.url, article.domain, article.site) == (original, "mercuryledger.com", None)


def test_an_archive_today_snapshot_is_dated_by_its_page_not_by_the_capture() -> None:
    original = "https://www.mercuryledger.com/business/2024/03/14/grain-shipments-resume"
    capture = "2024-03-15T10:22:01Z"
    html = (f'<html><head><title>Grain shipments resume</title><meta property="og:url" content="https://archive.ph/Xk3pQ">'
            f'<meta property="article:published_time" itemprop="datePublished" content="{capture}">'
            f'<meta property="article:modified_time" itemprop="dateModified" content="{capture}">'
            '<meta property="og:description" content="archived 15 Mar 2024 10:22:01 UTC"></head><body>'
            f'<div id="HEADER">Saved from <form action="https://archive.ph/search/"><input name="q" value="{original}">'
            "</form><div>15 Mar 2024 10:22:01 UTC</div></div><h1>Grain shipments resume</h1>"
            f"<div>By Priya Raman · Published March 14, 2024</div>{STORY_PARAGRAPHS}</body></html>")  # fmt: skip
    article = extract_article(html, crawled=datetime(2024, 3, 20, tzinfo=UTC))
    assert article is not None
    assert (article.url, article.published_at, article.modified_at) == (original, "2024-03-14", None)


@pytest.mark.parametrize(
    ("under_headline", "author"),
    [
        ('<div class="artikel-meta">Von Katrin Vogel | Stand: 14.10.2025, 16:05 Uhr</div>', "Katrin Vogel"),
        ('<div class="info">2025年06月28日 16:42　来源：华夏在线　作者：王立新　<a href="#">评论</a></div>', "王立新"),
        # A Polish paper's "Tekst:" in a table cell (probe 14).
        (
            '<table><tr><td align="right"><font size="1">Tekst: Magdalena Wróbel</font></td></tr></table>',
            "Magdalena Wróbel",
        ),
    ],
)
def test_a_byline_under_the_headline_that_the_text_leaves_out_is_read(under_headline: str, author: str) -> None:
    html = (f"<html><head><title>Harbor dredging vote</title></head><body><h1>Harbor dredging vote</h1>"
            f"{under_headline}{STORY_PARAGRAPHS}</body></html>")  # fmt: skip
    article = extract_article(html)
    assert article is not None
    assert article.author == author


@pytest.mark.parametrize(
    ("header", "standfirst"),
    [
        # The summary under the headline, marked in English, French or Spanish, or by microdata.
        (
            '<p class="standfirst lead">Union says services depend on staff giving up their days off</p>',
            "Union says services depend on staff giving up their days off",
        ),
        (
            '<div class="article-chapo">Le conseil municipal a voté un budget en hausse pour les écoles</div>',
            "Le conseil municipal a voté un budget en hausse pour les écoles",
        ),
        (
            '<h2 itemprop="description">The commission wants the channel deep enough for container ships</h2>',
            "The commission wants the channel deep enough for container ships",
        ),
        # A paragraph in a marked block; a headline wrapped with its kicker in a block of their own.
        (
            '<div class="zajawka"><p>Po latach opóźnień trasa jest w całości zelektryfikowana</p></div>',
            "Po latach opóźnień trasa jest w całości zelektryfikowana",
        ),
        # Plone's description paragraph, an overview block (probe13).
        (
            '<p class="documentDescription">Union says services depend on staff giving up their days off</p>',
            "Union says services depend on staff giving up their days off",
        ),
        (
            '<div class="article__text__overview"><span>Union says services depend on staff giving up their days off'
            "</span></div>",
            "Union says services depend on staff giving up their days off",
        ),
        # Substack's subtitle heading right under the headline; a subheader (probe12).
        (
            '<h3 class="subtitle">Union says services depend on staff giving up their days off</h3>',
            "Union says services depend on staff giving up their days off",
        ),
        (
            '<h2 class="doc_header__subheader">Union says services depend on staff giving up their days off</h2>',
            "Union says services depend on staff giving up their days off",
        ),
        # TYPO3's news teaser on the story's own page (probe 11).
        (
            '<div class="teaser-text"><p>Union says services depend on staff giving up their days off</p></div>',
            "Union says services depend on staff giving up their days off",
        ),
        # A synopsis (Indian papers), Portuguese "resumo" and "entrada", a Russian site's announcement (probe 15), a
        # Czech and Slovak "perex" (probe 17).
        *(
            (
                f'<div class="{mark}">Union says services depend on staff giving up their days off</div>',
                "Union says services depend on staff giving up their days off",
            )
            for mark in ("synopsis", "resumo", "entrada", "article__announce", "perex")
        ),
        # Drupal's teaser field right under the headline; a sub-headline.
        (
            '<div class="field field--name-field-teaser field__item"><p>Union says services depend on staff giving up '
            "their days off</p></div>",
            "Union says services depend on staff giving up their days off",
        ),
        (
            '<h2 class="c-article-header__sub sub-headline">Union says services depend on staff giving up their days '
            "off</h2>",
            "Union says services depend on staff giving up their days off",
        ),
        # A teaser box's meta line right under the headline is no standfirst, nor does its label hide the lead.
        (
            '<div class="teaser-meta">Von Katrin Vogel, 12.03.2025, 16:05 Uhr</div><p class="lead">Union says '
            "services depend on staff giving up their days off</p>",
            "Union says services depend on staff giving up their days off",
        ),
        (
            '<span class="teaser">Exklusiv</span><p class="lead">Union says services depend on staff giving up their '
            "days off</p>",
            "Union says services depend on staff giving up their days off",
        ),
        # A blog entry's meta line and a site's announcement are no standfirst (review of probe 15's marks).
        ('<div class="entrada-meta">Publicado el 3 de marzo de 2024 por Juan Pérez en Noticias locales</div>', None),
        ('<div class="site-announce">Aviso: nuestro sitio estará en mantenimiento el domingo por la noche</div>', None),
        # A teaser further down is another story's.
        (
            '<p class="kicker">Harbor</p><div class="teaser"><p>Union says services depend on staff giving up their '
            "days off</p></div>",
            None,
        ),
        # A section's h3 further down, a teaser box's summary (its link), a related story's summary are none.
        (
            '<p class="kicker">Harbor</p><h3 class="subtitle">Union says services depend on staff giving up days</h3>',
            None,
        ),
        (
            '<a href="/b"><span class="box__title">Ferries</span><span class="box__subtitle">Union says services '
            "depend on staff giving up their days off</span></a>",
            None,
        ),
        ('<p class="related-story--summary">Union says services depend on staff giving up their days off</p>', None),
        # A photo's caption or a list of links under the headline is none.
        (
            '<figure><figcaption class="lead">The harbor at dawn, seen from the breakwater on Monday</figcaption>'
            "</figure>",
            None,
        ),
        (
            '<div class="intro"><a href="/a">Dredging plan</a> <a href="/b">Harbor budget</a>'
            ' <a href="/c">Port jobs</a></div>',
            None,
        ),
        # So is an unmarked paragraph.
        ("<p>Union says services depend on staff giving up their days off</p>", None),
    ],
)
def test_the_marked_standfirst_is_kept_beside_the_body(header: str, standfirst: str | None) -> None:
    page = (f"<html><head><title>Harbor</title></head><body><article><header><h1>Harbor dredging approved</h1>"
            f"{header}</header><div class='body'>{STORY_PARAGRAPHS}</div></article></body></html>")  # fmt: skip
    meta = RawMeta(document_id="d", filename="harbor.html", content_type="text/html", size=len(page),
                   crawled_at="2026-12-04T00:00:00+00:00", ingested_at="2026-12-04T00:00:00+00:00")  # fmt: skip
    document = clean(page.encode(), meta)
    assert document.get("standfirst") == standfirst
    assert document["text"].startswith("The harbor commission voted")
    (article,) = split(document)
    assert article.get("standfirst") == standfirst


@pytest.mark.parametrize(
    ("title", "logo", "domain", "outlet"),
    [
        # No site name stated: the <title>'s last part, where the domain spells it in any order.
        ("Unwetter in Kassel | Kasseler Morgenblatt", "", "morgenblatt-kassel.de", "Kasseler Morgenblatt"),
        ("Las Fallas baten su récord - La Crónica de Levante", "", "cronicalevante.es", "La Crónica de Levante"),
        ("Stocznia zbuduje promy - Portal Bałtycki", "", "portalbaltycki.pl", "Portal Bałtycki"),
        # Else the logo on the link to the home page.
        ("Harbor dredging approved", "Midland Courier", "midlandcourier.co.uk", "Midland Courier"),
        # A part the domain does not spell, a menu or an address is no outlet.
        ("Harbor dredging approved | Weather", "News | Weather | Sports", "midlandcourier.co.uk", None),
        ("Harbor dredging approved", "midlandcourier_logo", "midlandcourier.co.uk", None),
        # A name in a script no domain spells counts where the page shows it twice: logo and title, or copyright.
        (
            "Поезд отправился — Пермский обозреватель",
            "Пермский обозреватель",
            "permobozrevatel.ru",
            "Пермский обозреватель",
        ),
        ("Литва ужесточила правила транзита", "Балтийский курьер", "baltkurier39.ru", "Балтийский курьер"),
        ("Литва ужесточила правила транзита", "Северный курьер", "baltkurier39.ru", None),
        # German umlauts as the domain spells them.
        ("Niedrigwasser in Passau | Dreiflüsse-Bote", "", "dreifluesse-bote.de", "Dreiflüsse-Bote"),
    ],
)
def test_without_a_stated_site_name_the_page_s_shown_name_is_the_outlet(
    title: str, logo: str, domain: str, outlet: str | None
) -> None:
    home = f'<a href="https://www.{domain}/"><img src="/logo.svg" alt="{logo}"></a>'
    page = (f'<html><head><title>{title}</title><link rel="canonical" href="https://www.{domain}/news/harbor">'
            f"</head><body><header>{home}</header><h1>Harbor dredging approved</h1>{STORY_PARAGRAPHS}"
            "<footer>© 2025 Балтийский курьер</footer></body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert (article.site, article.domain) == (outlet, domain)


@pytest.mark.parametrize(
    ("before", "byline", "author"),
    [
        # A commentary's label before its author, Dutch "Door" before a name in capitals.
        ("", '<div class="byline">Ein Kommentar von MICHAEL BAUMGARTNER</div>', "Michael Baumgartner"),
        ("", '<span class="byline">Door WILLEM BAKKER</span>', "Willem Bakker"),
        # Dutch "en" joins the names of a byline opened in Dutch (probe 15).
        ("", '<p class="byline">Door Jelle Van Damme en Sofie Claeys</p>', "Jelle Van Damme; Sofie Claeys"),
        ("", '<div class="byline">Por: CAMILO ANDRÉS RESTREPO</div>', "Camilo Andrés Restrepo"),
        # Two authors marked side by side in one line are co-authors.
        (
            "",
            '<p>Par <span itemprop="author"><span itemprop="name">Jeanne Favre</span></span> et '
            '<span itemprop="author"><span itemprop="name">Nicolas Rey</span></span></p>',
            "Jeanne Favre; Nicolas Rey",
        ),
        # A test id naming the author list marks a byline; a role after the name is no second person.
        (
            "",
            '<div data-testid="author-list"><span>Por </span><span>Ana Ruiz</span> y <span>Tom Lee</span></div>',
            "Ana Ruiz; Tom Lee",
        ),
        ("", '<div data-testid="author-line">Von Katrin Ahlers, Korrespondentin in Kiew</div>', "Katrin Ahlers"),
        # A photographer's or a source's credit, and a news agency, sign no article.
        ("", '<span class="photo-author">Фото: Донат Сорокин</span>', None),
        ("", '<div class="author">Źródło: PAP</div>', None),
        ("", '<div class="author">РИА Новости</div>', None),
        ("", '<div class="author">Estadão Conteúdo</div>', None),
        ("", '<p class="author_photo">Fot. Jakub Porzycki / Agencja Gazeta</p>', None),
        ("", '<div class="author">Redação Kwanza</div>', None),
        (
            "",
            '<div class="article__photo"><span class="imageDescription__author">Marek Zalewski / PAP</span></div>',
            None,
        ),
        # A signature field (Drupal's "firma", Italian), the byline.
        ("", '<div class="field--name-field-firma">di <a href="/autori/ev">Elisa Vidali</a></div>', "Elisa Vidali"),
        # Joomla's "created by" line, with "Escrito por".
        ("", '<dd class="createdby">Escrito por: Celso Mabunda e Anabela Cossa</dd>', "Celso Mabunda; Anabela Cossa"),
        # Teasers signed above the headline leave the article's own byline, marked another way, to be found.
        (
            "".join(
                f'<li><a href="/{n}">Story {n}</a> <span class="author">Por {name}</span></li>'
                for n, name in enumerate(("Lucía Vega", "Tomás Ruiz", "Ana Paz"))
            ),
            '<div class="autores">Por <a href="/a/1">Martina Ferreyra</a> y <a href="/a/2">Joaquín Sosa</a></div>',
            "Martina Ferreyra; Joaquín Sosa",
        ),
    ],
)
def test_a_marked_byline_s_people(before: str, byline: str, author: str | None) -> None:
    page = (f"<html><head><title>Harbor</title></head><body><ul>{before}</ul><article><h1>Harbor dredging approved</h1>"
            f"{byline}{STORY_PARAGRAPHS}</article></body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert article.author == author


@pytest.mark.parametrize(
    ("shown", "author"),
    [
        # The visible byline names the stated reporter and a second one, joined: both sign.
        ('<div class="byline">By Ana Ruiz and Tom Lee</div>', "Ana Ruiz; Tom Lee"),
        ('<p class="autor">Por <a href="/a/1">Ana Ruiz</a> y <a href="/a/2">Tom Lee</a></p>', "Ana Ruiz; Tom Lee"),
        # A second name after other words has another role: the stated author stands.
        ('<div class="author">Publicado por <b>Ana Ruiz</b><br>La información es de <b>Tom Lee</b></div>', "Ana Ruiz"),
        ('<div class="author">By <a>Ana Ruiz</a> <a>View author archive</a> <a>Email The Author</a></div>', "Ana Ruiz"),
        # A visible byline without the stated reporter is not read over the stated one.
        ('<div class="byline">By Tom Lee and Eva Kim</div>', "Ana Ruiz"),
    ],
)
def test_a_stated_author_s_coauthors_from_the_shown_byline(shown: str, author: str) -> None:
    stated = '{"@type": "NewsArticle", "author": {"@type": "Person", "name": "Ana Ruiz"}}'
    page = (f'<html><head><title>Harbor</title><script type="application/ld+json">{stated}</script></head><body>'
            f"<article><h1>Harbor dredging approved</h1>{shown}{STORY_PARAGRAPHS}</article></body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert article.author == author


@pytest.mark.parametrize(
    ("tag", "author"),
    [
        ('<meta name="byl" content="Door Frans de Vries">', "Frans de Vries"),  # the byline as shown (probe 17)
        ('<meta name="author" content="Par Jean Dupont">', "Jean Dupont"),
        ('<meta name="author" content="Di Stefano Alessandro">', "Di Stefano Alessandro"),  # a name, not "by Stefano"
        ('<meta name="author" content="Di Wu; Jane Smith">', "Di Wu; Jane Smith"),
    ],
)
def test_a_tag_s_byline_word_is_left_out_of_its_author(tag: str, author: str | None) -> None:
    page = (f"<html><head><title>Harbor</title>{tag}</head><body><article><h1>Harbor dredging approved</h1>"
            f"{STORY_PARAGRAPHS}</article></body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert article.author == author


def test_a_publisher_named_by_reference_in_the_graph_is_read() -> None:
    # Yoast and similar plug-ins write the article's publisher as a reference to the graph's Organization.
    graph = (
        '{"@context": "https://schema.org", "@graph": ['
        '{"@type": "Organization", "@id": "https://www.elbufer-zeitung.de/#organization", "name": "Elbufer Zeitung"},'
        '{"@type": "NewsArticle", "headline": "Harbor", "publisher": {"@id": "https://www.elbufer-zeitung.de/#organization"}}'
        "]}"
    )
    page = (f'<html><head><title>Harbor</title><script type="application/ld+json">{graph}</script></head>'
            f"<body><h1>Harbor</h1>{STORY_PARAGRAPHS}</body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert article.publisher == "Elbufer Zeitung"


def test_a_marked_standfirst_the_text_opens_with_is_found() -> None:
    # An ANP story under `<p class="artstyle__intro">` (probe12): trafilatura keeps the intro as the text's first
    # line, and the dateline after it is found once the intro is known as the standfirst.
    intro = "Vanaf 2027 mogen nog maximaal 1150 riviercruiseschepen per jaar aanmeren in de binnenstad."
    page = (f"<html><head><title>Harbor</title></head><body><article><header><h1>Amsterdam halveert cruises</h1>"
            f"</header><p class='artstyle__intro'>{intro}</p><section><p>AMSTERDAM (ANP) - Amsterdam halveert het "
            "aantal riviercruiseschepen dat in de binnenstad mag aanmeren, heeft de gemeenteraad woensdagavond "
            "besloten na een lang debat over de drukte in het centrum van de stad.</p>"
            f"{STORY_PARAGRAPHS}</section></article></body></html>")  # fmt: skip
    meta = RawMeta(document_id="d", filename="cruise.html", content_type="text/html", size=len(page),
                   crawled_at="2025-06-12T18:00:00+00:00", ingested_at="2025-06-12T18:00:00+00:00")  # fmt: skip
    document = clean(page.encode(), meta)
    assert document["text"].startswith(intro)
    assert document.get("standfirst") == intro
    (article,) = split(document)
    dateline = tag(article)["dateline"]
    assert dateline is not None
    assert (dateline["city"], dateline["agency"]) == ("Amsterdam", "ANP")


def test_a_standfirst_after_a_headline_wrapped_with_its_kicker_is_found() -> None:
    lead = "Las entidades rurales calculan pérdidas por más de 180 millones de dólares"
    page = (f"<html><head><title>Harbor</title></head><body><article><div class='titulo'><span>Campo</span>"
            f"<h1>Harbor dredging approved</h1></div><h2 class='bajada'>{lead}</h2>{STORY_PARAGRAPHS}"
            "</article></body></html>")  # fmt: skip
    article = extract_article(page)
    assert article is not None
    assert article.standfirst == lead
