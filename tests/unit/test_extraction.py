"""HTML article extraction on real pages, its leftover-chrome rules, and the extraction metric."""

from __future__ import annotations

import gzip
import importlib.util
import json
from pathlib import Path
from types import ModuleType

import pytest

from benchmarks import registry
from benchmarks.extraction import contains, gold_people, is_held_out, scrapinghub_pages, trafilatura_news_pages
from benchmarks.scoring import score, shares
from streams.clean import extract
from streams.clean.extract import MAX_THOROUGH_TAGS, extract_article
from streams.clean.leftovers import strip_leftover_chrome

# Pages where trafilatura's fast precision pass keeps next to nothing (a Korean entertainment column,
# and a Barron's story whose body trafilatura's precision mode drops whole).
SHORT_FAST_PASS_PAGES = (
    "0ec95c7261d122f304728e90c983450ef1ce1e0b423546835c397d50aaf0d0f2",
    "f8ff621a0b9b7646cc0d57d37416feabba2bf78ef5dd0bfc5b080f9f97bbe584",
)


def news_page(corpus: Path, filename: str) -> str:
    raw = gzip.decompress((corpus / "extraction" / "trafilatura-news" / "html" / f"{filename}.gz").read_bytes())
    return raw.decode("utf-8")


def shared_scorer(corpus: Path) -> ModuleType:
    path = corpus.parent / "tools" / "score_extraction.py"
    if not path.is_file():
        pytest.skip(f"shared scorer not found at {path}")
    spec = importlib.util.spec_from_file_location("score_extraction", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_metric_worked_by_hand() -> None:
    # Gold has shingles (a b c d) and (b c d e); the prediction only the first: P = 1, R = 1/2.
    assert shares("a b c d e", "a b c d") == (0.5, 0.0, 0.5)
    result = score([("a b c d e", "a b c d")])
    assert result.precision == 1.0
    assert result.recall == 0.5
    assert result.f1 == pytest.approx(2 / 3)


def test_metric_treats_short_and_empty_bodies_like_the_benchmark() -> None:
    assert shares("two words", "two words") == (1.0, 0.0, 0.0)
    assert shares("", "") == (0.0, 0.0, 0.0)
    # An empty prediction has no precision to average, only a recall of zero.
    result = score([("a b c d e", ""), ("a b c d", "a b c d")])
    assert (result.precision, result.recall) == (1.0, 0.5)
    assert result.f1 == pytest.approx(2 / 3)


def test_metric_agrees_with_the_shared_scorer(corpus: Path) -> None:
    reference = shared_scorer(corpus)
    bodies = [page.body for page in scrapinghub_pages(corpus)[:6]]
    pairs = [
        (bodies[0], bodies[0]),
        (bodies[1], bodies[1][: len(bodies[1]) // 2]),
        (bodies[2], bodies[2] + "\nSign up for our newsletter. Share this story on Facebook."),
        (bodies[3], ""),
        (bodies[4], "Advertisement"),
        (bodies[5], bodies[0]),
    ]
    for gold, predicted in pairs:
        assert shares(gold, predicted) == pytest.approx(reference.document_counts(gold, predicted))
    assert tuple(score(pairs)) == pytest.approx(reference.score(pairs))


@pytest.mark.parametrize("name", SHORT_FAST_PASS_PAGES)
def test_a_fast_pass_that_comes_up_short_is_redone(corpus: Path, name: str) -> None:
    page = next(page for page in scrapinghub_pages(corpus) if page.name == name)
    article = extract_article(page.raw.decode("utf-8"))
    assert article is not None
    found, _extra, missed = shares(page.body, article.text)
    assert found > 0.7
    assert missed < 0.05


def test_json_ld_article_body_replaces_a_caption_only_extraction(corpus: Path) -> None:
    article = extract_article(news_page(corpus, "scmp.com.playbook.html"))
    assert article is not None
    assert "almost insulting to Hongkongers" in article.text
    assert "using political shrewdness" in article.text


def test_json_ld_article_body_in_html_keeps_one_line_per_paragraph() -> None:
    first = "Rescue workers searched the rubble of the building in Kyiv for survivors on Monday, officials said."
    second = "Residents said the <b>search</b> went on through the night, under rain and the sound of sirens."
    body = json.dumps({"@type": "NewsArticle", "articleBody": f"<p>{first}</p><p>{second}</p>" * 3})
    html = f"""<!DOCTYPE html><html><head><title>Kyiv</title><script type="application/ld+json">{body}</script>
        </head><body><div id="app"><p>Loading the story...</p></div></body></html>"""
    article = extract_article(html)
    assert article is not None
    assert article.text.split("\n")[:2] == [first, second.replace("<b>", "").replace("</b>", "")]


def test_lead_paragraph_dropped_by_precision_mode_is_put_back(corpus: Path) -> None:
    article = extract_article(news_page(corpus, "agrarheute.com.abfallholz.html"))
    assert article is not None
    lead, first = article.text.split("\n")[:2]
    assert lead.startswith("Auch dünne Äste, die beispielswiese beim Beschneiden von Bäumen anfallen")
    assert "Auch dünne Äste" not in first


def test_a_subheading_precision_mode_drops_is_put_back_but_not_a_gallery_s(corpus: Path) -> None:
    article = extract_article(news_page(corpus, "0a24692a9ea846c1819bd6a5f92a8874.html"))
    assert article is not None
    lines = article.text.split("\n")
    assert "«Storming the Sazerac»" in lines, "an h2 between two paragraphs"
    gallery = extract_article(news_page(corpus, "motorsport-total.com-romeo.html"))
    assert gallery is not None
    assert "Formel-1-Auto für 2022" not in gallery.text, "the h2 of a photo series set between two paragraphs"


def test_an_article_every_focused_pass_misses_is_read_in_the_balanced_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    # As on a pe.com page: both precision passes and the fast recall pass gave the comment rules (456 characters)
    # and trafilatura's default mode the 4,739-character story.
    rules = "Comments are encouraged, but you must follow our User Agreement. Keep it civil and stay on topic."
    story = "\n".join(f"The harbour authority raised ferry fares on Monday, paragraph {n}." for n in range(30))
    readings = {"precision": rules, "recall": rules, "balanced": story}
    monkeypatch.setattr(extract, "_trafilatura_text", lambda tree, focus, fast=False: readings[focus])
    monkeypatch.setattr(extract, "_resiliparse_text", lambda html, main_content: rules)
    article = extract.extract_article("<html><head><title>Fares</title></head><body><p>x</p></body></html>")
    assert article is not None
    assert article.text == story
    readings["balanced"] = rules + " Report abuse."
    article = extract.extract_article("<html><body><p>x</p></body></html>")
    assert article is not None
    assert article.text == rules, "a balanced reading not three times longer is not taken"


def test_a_kept_paragraph_with_a_photo_caption_run_into_it_is_no_lead() -> None:
    # As an msn.com page writes an image's credit and caption into its first paragraph: the second extractor's
    # paragraph before the first both kept is that paragraph again, behind the caption.
    first = "Nintendo and Apple shocked the world this year by announcing a mobile game, the firm's first on phones."
    later = [f"It will launch on {device} on December 15, for a flat fee of ten dollars, with a free sample of its "
             "modes." for device in ("phones", "tablets", "consoles")]  # fmt: skip
    html = f"""<html><head><title>Mario runs to phones</title></head><body><article itemscope
        itemtype="http://schema.org/NewsArticle"><section class="articlebody" itemprop="articleBody"><p>
        <span class="storyimage"><span class="image"><img src="a.jpg"></span><span class="caption truncate">
        <span class="attribution">© Provided by Business Insider Inc</span> <span>Nintendo/Apple</span></span></span>
        {first}</p>{"".join(f"<p>{paragraph}</p>" for paragraph in later)}</section></article></body></html>"""
    article = extract_article(html)
    assert article is not None
    assert article.text.split("\n") == [first, *later]


def test_site_name_is_cut_from_the_title_and_the_metadata_is_read() -> None:
    story = " ".join(["Rescue workers searched the rubble of the building in Kyiv for survivors on Monday."] * 4)
    later = " ".join(["Residents said the search went on through the night under the rain in Kyiv."] * 4)
    html = f"""<!DOCTYPE html><html><head><title>Kyiv rescue goes on | Daily Bugle</title>
        <meta property="og:site_name" content="Daily Bugle">
        <meta name="author" content="Jane Roe">
        <meta property="article:published_time" content="2025-06-22T10:00:00+00:00">
        <link rel="canonical" href="https://bugle.example/kyiv-rescue"></head>
        <body><nav><a href="/">Home</a></nav><article><h1>Kyiv rescue goes on</h1><p>{story}</p><p>{later}</p></article>
        </body></html>"""
    article = extract_article(html)
    assert article is not None
    assert article.title == "Kyiv rescue goes on"
    assert article.site == "Daily Bugle"
    assert article.author == "Jane Roe"
    assert article.published_at == "2025-06-22T10:00:00+00:00"
    assert article.url == "https://bugle.example/kyiv-rescue"
    assert article.text.endswith(f"{story}\n{later}")


def test_the_headline_heading_wins_over_a_title_with_a_kicker() -> None:
    story = " ".join(["Rescue workers searched the rubble of the building in Kyiv for survivors on Monday."] * 4)
    html = f"""<!DOCTYPE html><html><head><title>Ukraine: Kyiv rescue goes on - Daily Bugle</title>
        <meta property="og:title" content="Ukraine: Kyiv rescue goes on"></head>
        <body><h1>Kyiv rescue goes on</h1><article><p>{story}</p><p>{story.upper()}</p></article></body></html>"""
    article = extract_article(html)
    assert article is not None
    assert article.title == "Kyiv rescue goes on"


def test_leftover_chrome_goes_and_the_story_stays() -> None:
    text = "\n".join(
        [
            "Kyiv rescue goes on",
            "Rescue workers searched the rubble for survivors on Monday.",
            "Read more: Drone strike hits Kharkiv",
            "- Power cuts across the east",
            "- What we know so far",
            "Residents said the search went on through the night.",
            "Sign up for our daily newsletter to get the top stories.",
            "Get our morning briefing by email and never miss a story Free Sign Up",
            "Email the reporter at jane.roe@bugle.example.",
            "Firefighters at the site on Monday. Photo: AP",
            "© Daily Bugle 2025",
            "Watch out for falling debris, officials told residents.",
        ]
    )
    assert strip_leftover_chrome(text, "Kyiv Rescue Goes On") == "\n".join(
        [
            "Rescue workers searched the rubble for survivors on Monday.",
            "Residents said the search went on through the night.",
            "Watch out for falling debris, officials told residents.",
        ]
    )


def test_a_long_paragraph_about_a_newsletter_is_story() -> None:
    paragraph = " ".join(["The company said its weekly newsletter, sent to readers every Monday, had doubled."] * 4)
    assert strip_leftover_chrome(paragraph, None) == paragraph


def test_snippets_match_whatever_the_line_breaks() -> None:
    assert contains("Essen-Westviertel\nEhemaliges Press- und", "Essen-Westviertel Ehemaliges Press- und")
    assert not contains("Essen-Westviertel", "Essen-Westviertel Ehemaliges")


def test_gold_pages_load_and_split_into_halves(corpus: Path) -> None:
    benchmark = scrapinghub_pages(corpus)
    news = trafilatura_news_pages(corpus)
    assert len(benchmark) == 181
    assert all(page.body and page.raw.lstrip().startswith(b"<") for page in benchmark)
    assert len(news) == 196
    assert sum(len(page.present) for page in news) > 500
    assert 60 < sum(is_held_out(page.name) for page in benchmark) < 121
    assert "extraction" in registry.AREAS


@pytest.mark.parametrize(
    ("name", "host", "people"),
    [
        # agency code and editor's initials
        ("d90b19386e2b48559082547016cbe5ec.html", "www.sat1regional.de", ""),
        # an agency and the site, found in the host
        ("thelocal.se.tattooed.html", "www.thelocal.se", ""),
        # "red, wien.ORF.at/Agenturen": initials, a domain, an agency word
        ("0a6291ebbce449b3b04256b43c73e39d.html", "wien.orf.at", ""),
        # the broadcaster after the people
        ("tagesschau.de.rheinmetall.html", "www.tagesschau.de", "Volkmar Kabisch; Jan Lukas Strozyk; Benedikt Strunz"),
        # the place between the people
        ("d42c68f1b0f4408b81cf8f00bbe1a631.html", "www.nzz.ch", "Markus M. Haefliger; Beat Bumbacher"),
        # a name in a script without case stays
        ("xinhuanet.com.c_1125597921.html", "www.xinhuanet.com", "焦鹏"),
    ],
)
def test_gold_bylines_are_read_for_their_people(corpus: Path, name: str, host: str, people: str) -> None:
    gold = next(page.author for page in trafilatura_news_pages(corpus) if page.name == name)
    assert gold
    assert gold_people(gold, host) == people


def test_readers_comments_under_a_short_story_are_no_part_of_it() -> None:
    # Five thousand comments made the page too big for trafilatura's passes, and the second extractor's text,
    # comments and all, came out as the article.
    story = [
        "Traffic lights will be installed at the Elm Street crossing outside the primary school by September, the "
        "county council said on Tuesday, after a petition signed by more than 2,300 parents.",
        "The council's highways committee approved 85,000 pounds for the signals and a 20 mph zone.",
    ]
    comment = ('<li class="comment"><div><span>reader{n}</span> <span>{n} minutes ago</span></div>'
               "<p>My kids cross that road every day, about time the council listened (number {n}).</p>"
               '<a class="reply">Reply</a></li>')  # fmt: skip
    comments = "".join(comment.format(n=n) for n in range(5000))
    html = f"""<html><head><title>Elm Street crossing gets lights</title></head><body><article>
        <h1>Elm Street crossing gets lights</h1>{"".join(f"<p>{p}</p>" for p in story)}</article>
        <section id="comments"><h2>5,000 comments</h2><ol>{comments}</ol></section></body></html>"""
    assert html.count("<") > MAX_THOROUGH_TAGS
    article = extract_article(html)
    assert article is not None
    assert article.text.split("\n")[-2:] == story
    assert "minutes ago" not in article.text


def test_a_page_saved_from_word_keeps_its_paragraphs_whole() -> None:
    # Word ends each paragraph with an <o:p> mark; with it, the line breaks of the page's source stayed in the text.
    paragraphs = [
        "The city council voted 7-2 on Monday night to approve a plan for 1,400\nhomes on the former rail yards, "
        "ending a two-year fight over the\nsite's future.",
        "Opponents had argued that the six-storey blocks would overshadow the\nVictorian pump house, and said they "
        "would ask a judge to review it.",
    ]
    body = "".join(f"<p class=MsoNormal>{paragraph}<o:p></o:p></p>\n" for paragraph in paragraphs)
    html = f"""<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><title>Housing plan approved</title></head>
        <body><div class=WordSection1><p class=MsoNormal><b>Housing plan approved<o:p></o:p></b></p>{body}</div></body>
        </html>"""
    article = extract_article(html)
    assert article is not None
    assert article.text.split("\n")[-2:] == [" ".join(paragraph.split()) for paragraph in paragraphs]


def test_zero_width_joiners_of_persian_words_are_kept() -> None:
    # trafilatura drops every character Python does not print; Persian spells "products" with a non-joiner.
    sentence = (
        "سخنگوی شرکت ملی پخش فرآورده‌های نفتی روز جمعه خبر افزایش قیمت بنزین در جایگاه‌های سوخت تهران را تکذیب کرد."
    )
    html = f'<html lang="fa" dir="rtl"><head><title>قیمت بنزین</title></head><body><article><h1>قیمت بنزین</h1>' \
           f"<p>{sentence}</p><p>{sentence}</p></article></body></html>"  # fmt: skip
    article = extract_article(html)
    assert article is not None
    assert article.text.split("\n")[-1] == sentence


def test_a_footnotes_bare_number_is_not_glued_to_the_sentence() -> None:
    sentence = "Productivity has grown by 2.3 per cent a year since the war."
    later = "Since then the gap has only widened, the report says, and the North Sea oil did not close it."
    html = f"""<html><head><title>Productivity</title></head><body><article><h1>Productivity</h1>
        <p>{sentence[:-1]}.<sup id="fnref1"><a href="#fn1">1</a></sup> {later}</p>
        <p>{later} Ref<sup><a href="#cite_note-3">[3]</a></sup> stays.</p></article></body></html>"""
    article = extract_article(html)
    assert article is not None
    assert f"{sentence} {later}" in article.text
    assert "Ref[3] stays." in article.text, "a bracketed reference reads apart"


LAYOUT_STORY = (
    "VIENNA (APA) - Inflation in Austria eased slightly in February, the statistics office said on Monday, as "
    "services prices rose more slowly than in January and fuel became cheaper than a year ago.",
    "Restaurants, hotels and insurance again drove prices up, while rents rose faster than inflation as a whole, "
    "the office said, adding that the rate stayed well above the euro area's average for the month.",
)


def test_a_page_laid_out_in_tables_reads_as_paragraphs_and_a_data_table_keeps_its_rows() -> None:
    # An old layout: menu, story and footer in the cells of one table, byline and photo in small tables of their own.
    story = "".join(f"<p>{paragraph}</p>" for paragraph in LAYOUT_STORY)
    data = "<table><tr><th>Month</th><th>Rate</th></tr><tr><td>January</td><td>3.4</td></tr>" + (
        "<tr><td>February</td><td>3.2</td></tr></table>"
    )
    page = (
        "<html><head><title>Inflation eases</title></head><body><table><tr><td colspan='2'>"
        "<a href='/'>Home</a> | <a href='/business'>Business</a></td></tr><tr><td>"
        "<h1>Inflation eases</h1><table><tr><td>APA</td><td>03.03.2025 07:42</td></tr></table>"
        f"<table><tr><td><img src='/photo.jpg'></td></tr><tr><td>Prices in a Vienna shop.</td></tr></table>{story}"
        f"{data}</td><td>Most read</td></tr></table></body></html>"
    )
    article = extract_article(page)
    assert article is not None
    lines = article.text.split("\n")
    assert lines[0] == LAYOUT_STORY[0]
    assert LAYOUT_STORY[1] in lines
    assert not any(line.startswith("|") and "VIENNA" in line for line in lines)
    assert "| February | 3.2 |" in article.text


@pytest.mark.parametrize(
    "box",
    [
        # Worded without "newsletter", marked only by its test id, between two paragraphs of the story.
        '<div class="sc-6e1f0a-0" data-testid="newsletter-box"><span>Buenos días</span><p>Cada mañana a las 7, las '
        "noticias que necesitas para empezar el día, seleccionadas por nuestra redacción. Gratis.</p>"
        "<button>Suscribirme</button></div>",
        # A subscription pitch, marked as a paywall's promotion (probe12).
        '<div data-testid="inline-paywall-promo" class="promo-abo"><p>Dit is een Plus-artikel</p><p>Je leest het '
        "omdat je abonnee bent. Cada mañana deel het met vrienden.</p><a href='/abo'>Bekijk de aanbiedingen</a></div>",
    ],
)
def test_a_sign_up_box_or_pitch_marked_as_one_is_no_story(box: str) -> None:
    story = "<p>" + "El puerto de Montevideo subió sus tarifas un diez por ciento este lunes, dijo la empresa. " * 4
    page = f"<html><body><article><h1>Tarifas</h1>{story}</p>{box}{story}</p></article></body></html>"
    article = extract_article(page)
    assert article is not None
    assert "El puerto de Montevideo" in article.text
    assert "Cada mañana" not in article.text
