"""Leftover chrome on real corpus pages: pop-up cards, credits, rights lines, links out and cookie, privacy and
comment-policy notices go, the story stays; and the benchmark's leak count, which checks these rules with
patterns of its own."""

from __future__ import annotations

from pathlib import Path

import pytest

from benchmarks.chrome_leaks import leaks
from benchmarks.extraction import (
    GoldPage,
    clean_text,
    contains,
    is_held_out,
    scrapinghub_pages,
    trafilatura_news_pages,
    trafilatura_text,
)
from streams.clean.leftovers import strip_leftover_chrome

# Two political stories whose names carry pop-up cards (the card's spelling of the name, titles,
# headlines and a "MORE" link, all run into the sentence), and a Korean column ending in its credits.
CARD_PAGES = (
    "156770d676ce79905198e1c8407f81e5ecfb617d9aa44712718707eb7e3b8e38",
    "6ebac05f637ece8aa57c298a2a5e3a8047f546f855d0f29cc683cea60ce85c85",
)
KOREAN_COLUMN = "0ec95c7261d122f304728e90c983450ef1ce1e0b423546835c397d50aaf0d0f2"
SHARE_BUTTON_PAGE = "ec7fc408c5ce66c22692a3f696c682f3de794bacfaca405d9a0dac5957051e5a"
# A Davis Cup report opening with a photo caption credited "(Manu Fernandez/AP)", and a Portuguese
# piece opening with its reading time.
CAPTION_PAGE = "0d46122928b6f468cc4bbc694051d0dbae5702bc75a16dab82a99b58daf150a0"
READING_TIME_PAGE = "23aaecd14171f96cfd201a8a46666097e286ad71f74f29347a78c5ecba50da1e"


def scrapinghub_page(corpus: Path, name: str) -> GoldPage:
    return next(page for page in scrapinghub_pages(corpus) if page.name == name)


def news_page(corpus: Path, name: str) -> GoldPage:
    return next(page for page in trafilatura_news_pages(corpus) if page.name == name)


def test_rule_pages_are_not_held_out() -> None:
    pages = (*CARD_PAGES, KOREAN_COLUMN, SHARE_BUTTON_PAGE, CAPTION_PAGE, READING_TIME_PAGE)
    assert not any(is_held_out(name) for name in pages)


def test_pop_up_cards_go_and_the_names_stay(corpus: Path) -> None:
    noem, omar = (clean_text(scrapinghub_page(corpus, name)) for name in CARD_PAGES)
    assert noem.startswith("South Dakota Gov. Kristi Noem (R) is defending the state’s launch")
    assert "Rep. Ilhan Omar (D-Minn.), the U.S. Attorney’s Office" in omar
    assert "Rep. Alexandria Ocasio-Cortez (D-N.Y.)" in omar
    assert "Hillicon Valley" not in omar
    assert "MORE" not in noem + omar


def test_credits_and_rights_lines_go_and_the_column_ends_with_its_author(corpus: Path) -> None:
    page = scrapinghub_page(corpus, KOREAN_COLUMN)
    text = clean_text(page)
    assert text.endswith("정덕현 칼럼니스트")
    assert "[사진=" in page.body
    assert "[사진=" not in text
    assert "저작권자" not in text
    assert "www.entermedia.co.kr" not in text


@pytest.mark.parametrize(
    ("name", "chrome"),
    [
        ("sportnews.bz-peking.html", "© AFP / JEFF PACHOUD"),
        ("timesofisrael.com.washington.html", "(AP Photo/Ted S. Warren)"),
        ("wsvn.com-crash.html", "All rights reserved."),
        ("fr.de.nordkorea.html", "Rubriklistenbild: © KCNA/dpa"),
        ("kaieteurnewsonline.com-essequibo.html", "was delivered... more"),
        ("kaieteurnewsonline.com-essequibo.html", "[email protected]"),
        ("abc7news.com-Napa.html", "click here to watch live"),
        ("mdr.de.autohaeuser.html", "Weitere Informationen zum Coronavirus in Thüringen:"),
        ("correiobraziliense.com.br-poderes.html", "Saiba Mais - Política Doação de vacinas contra covid"),
        ("winfuture.de-NASA.html", "Siehe auch:"),
        ("d76cf81a74fa4633bd19d7060f5c05ee.html", "Buchtitel-Copyright liegt bei Präsident Erdogan"),
        ("zdf.de.corona.html", "nutzen wir Cookies und andere Techniken"),
        ("zdf.de.corona.html", "Bitte löschen den Verlauf und deine Cookies"),
        ("laola1.at-barisic.html", "LAOLA1 behält sich vor, ohne Angabe von Gründen Kommentare zu löschen"),
        ("SW1.News-Heimat.html", "Kommentare von Lesern stellen keinesfalls die Meinung der Redaktion dar!"),
        ("nnz-online.de-Quantensprung.html", "Kommentare entfernen kann und wird."),
        ("Jest zgoda PE na umowę handlową między UE a Londynem.html", "Publikacja dostępna na stronie:"),
    ],
)
def test_news_page_loses_its_chrome_and_keeps_its_story(corpus: Path, name: str, chrome: str) -> None:
    page = news_page(corpus, name)
    text = clean_text(page)
    assert contains(page.raw.decode("utf-8", "replace"), chrome.rsplit(maxsplit=1)[-1])
    assert not contains(text, chrome)
    assert all(contains(text, snippet) for snippet in page.present)


def test_a_share_button_glued_to_a_paragraph_goes(corpus: Path) -> None:
    text = clean_text(scrapinghub_page(corpus, SHARE_BUTTON_PAGE))
    assert "grow into your online leadership role with much less stress.\n" in text
    assert "Tweet" not in text


def test_a_caption_credited_in_brackets_and_a_reading_time_go(corpus: Path) -> None:
    davis_cup = scrapinghub_page(corpus, CAPTION_PAGE)
    text = clean_text(davis_cup)
    assert "(Manu Fernandez/AP)" in davis_cup.raw.decode("utf-8", "replace")
    assert "(Manu Fernandez/AP)" not in text
    assert text.split("\n")[0] == davis_cup.body.split("\n")[0]
    reading = clean_text(scrapinghub_page(corpus, READING_TIME_PAGE))
    assert "Tempo de leitura" not in reading


def test_leaks_are_furniture_lines_that_the_gold_does_not_hold() -> None:
    text = "\n".join(
        [
            "Rescue workers searched the rubble on Monday.",
            "Firefighters at the site. © AFP / Jane Doe",
            "Read more: Drone strike hits Kharkiv",
            "© 2025 Daily Bugle. All rights reserved.",
            "Follow us on Facebook",
            "Residents said the search went on. Max Lee has more.",
        ]
    )
    gold = "Rescue workers searched the rubble on Monday.\n© 2025 Daily Bugle. All rights reserved."
    assert leaks(text, [gold]) == [
        "Firefighters at the site. © AFP / Jane Doe",
        "Read more: Drone strike hits Kharkiv",
        "Follow us on Facebook",
    ]


def test_a_pop_up_card_leaks_from_trafilatura_but_not_from_the_clean_stage(corpus: Path) -> None:
    page = scrapinghub_page(corpus, CARD_PAGES[0])
    leaked = leaks(trafilatura_text(page), [page.body])
    assert any("Kristi NoemKristi Lynn Noem" in line for line in leaked)
    assert leaks(clean_text(page), [page.body]) == []


def test_a_cookie_banner_goes_and_the_cocktail_story_stays(corpus: Path) -> None:
    # Two of this page's snippets never came out (a heading and a part trafilatura does not keep).
    page = news_page(corpus, "0a24692a9ea846c1819bd6a5f92a8874.html")
    text = clean_text(page)
    assert "Cookies" not in text
    assert "Datenschutzerklärung" not in text
    assert contains(page.raw.decode("utf-8", "replace"), "Wir verwenden Cookies und Analysetools")
    assert all(contains(text, snippet) for snippet in ("1-2 Spritzer Peychaud", "für den Privatgebrauch"))


# Story sentences about cookies, privacy and comments, from the corpus's pages and from news on cookies in
# general, that no notice rule may take for the site's own notice.
STORY_SENTENCES = (
    "Google will stop third-party cookies in Chrome",
    "Die Datenschutzbehörde verhängte eine Strafe",
    "Kommt Google seiner Pflicht nicht nach, kann der User sich an die Datenschutzbehörde wenden.",
    "Increased surveillance stirs up some worry among students, teachers and privacy advocates.",
    "Bloomberg said in a statement after the recording became public that the comments do not reflect his "
    "commitment to criminal justice reform, and he reiterated his regret that he allowed the stop-and-frisk "
    "policy to flourish.",
    "Feel free to send us your comments and/or criticisms.",
)


@pytest.mark.parametrize("sentence", STORY_SENTENCES)
def test_a_story_line_about_cookies_privacy_or_comments_stays(sentence: str) -> None:
    text = f"A real paragraph of the story.\n{sentence}"
    assert strip_leftover_chrome(text, None, "https://news.example/story") == text


def test_a_story_paragraph_about_privacy_law_stays_on_its_page(corpus: Path) -> None:
    text = clean_text(news_page(corpus, "tagesschau.de.rheinmetall.html"))
    assert "Die Datenschutzbehörde Nordrhein-Westfalen, wo Rheinmetall seinen Hauptsitz hat" in text


def test_a_line_goes_for_the_pages_own_address_but_not_for_another() -> None:
    url = "https://wpolityce.pl/gospodarka/549052-jest-zgoda-pe-na-umowe-handlowa-miedzy-ue-a-londynem"
    own = f"Wielka Brytania wystąpiła z UE 31 stycznia 2020 roku.\naja/PAP\nPublikacja dostępna na stronie: {url}"
    assert strip_leftover_chrome(own, None, url) == "Wielka Brytania wystąpiła z UE 31 stycznia 2020 roku.\naja/PAP"
    tweet = "Don't worry, South Dakota, no one's going to take your slogan. https://t.co/XPxUJuyIAC"
    hill = "https://thehill.com/homenews/news/471033-south-dakota-governor-doubles-down-on-meth-were-on-it-anti-drug-campaign"
    assert strip_leftover_chrome(tweet, None, hill) == tweet
    assert strip_leftover_chrome(own, None, None) == own


def test_notice_sentences_and_own_address_lines_count_as_leaks_in_lines_of_any_length() -> None:
    laola = (
        "Die Kommentare der User geben nicht notwendigerweise die Meinung der LAOLA1-Redaktion wieder. LAOLA1 "
        "behält sich vor, ohne Angabe von Gründen Kommentare zu löschen, insbesondere wenn diese straf- oder "
        "zivilrechtliche Normen verletzen, den guten Sitten widersprechen oder sonst dem Ansehen von LAOLA1 "
        "zuwiderlaufen. Wir verweisen in diesem Zusammenhang insbesondere auf unsere Nutzungsbedingungen."
    )
    zdf = (
        "Um zu verstehen, wie unsere Webseite genutzt wird und um dir ein interessenbezogenes Angebot präsentieren "
        "zu können, nutzen wir Cookies und andere Techniken. Hier kannst du mehr erfahren und hier widersprechen."
    )
    own = "Publikacja dostępna na stronie: https://wpolityce.pl/gospodarka/549052-jest-zgoda-pe-na-umowe"
    text = "\n".join((*STORY_SENTENCES, laola, zdf, own, "Nous utilisons des cookies pour améliorer l'offre."))
    assert leaks(text, [STORY_SENTENCES[0]]) == [laola, zdf, own, "Nous utilisons des cookies pour améliorer l'offre."]
    assert leaks(laola, [laola]) == []


@pytest.mark.parametrize(
    "label", ["You Might Also Like", "Featured Slide Shows", "Related Videos", "Trending now", "More stories:"]
)
def test_a_teaser_label_goes_with_its_link_list_and_the_story_after_stays(label: str) -> None:
    story = "The harbour authority raised ferry fares by ten percent on Monday, citing fuel costs."
    after = "Commuters said the rise would push more of them back onto the coastal road."
    text = f"{story}\n{label}\n- Share on Twitter\n- Previous\n- Next\n{after}"
    assert strip_leftover_chrome(text, None) == f"{story}\n{after}"


def test_a_place_set_apart_over_the_dateline_it_opens_goes() -> None:
    story = "MUMBAI (Reuters) - The BSE Sensex ended flat on Tuesday as weaker regional shares offset reform hopes."
    assert strip_leftover_chrome(f"MUMBAI\n{story}", None) == story
    assert strip_leftover_chrome(f"NEW DELHI\nNEW DELHI, Dec 30 - {story[19:]}", None).startswith("NEW DELHI, Dec")
    kept = f"Mumbai\n{story}\nNATO\nThe alliance met in Brussels on Tuesday."
    assert strip_leftover_chrome(kept, None) == kept, "a place in lower case, or not opening the next line, stays"


def test_a_lone_glyph_on_a_line_of_its_own_goes() -> None:
    story = ["These tools will make the next few months infinitely more bearable.", "Take Note",
             "This isn't 2003; you no longer need to carry a spiral-bound notebook."]  # fmt: skip
    assert strip_leftover_chrome("\n".join([story[0], "S", story[1], "•", story[2]]), None) == "\n".join(story)


@pytest.mark.parametrize(("text", "left"), [("Sensex ends flat", ""), ("", ""), ("MUMBAI", "MUMBAI")])
def test_only_the_headline_nothing_or_a_lone_place_is_no_error(text: str, left: str) -> None:
    # a page of scripts whose only text line was its headline raised "zip() argument 2 is longer"
    assert strip_leftover_chrome(text, "Sensex ends flat") == left


def test_a_paywall_pitch_goes_and_the_story_stays() -> None:
    story = "When the regional airline cancelled every flight on a Friday, its staff learned of it from an email."
    pitch = ["Get unlimited access to The Ledger for just $1 a week for the first year. Cancel anytime.",
             "Already a subscriber? Sign in", "Start your free trial today"]  # fmt: skip
    assert strip_leftover_chrome("\n".join([story, *pitch]), None) == story


def test_affiliate_buttons_and_disclosures_go() -> None:
    story = "The walled town is busiest when cruise ships dock; come in October and you will have it to yourself."
    furniture = [
        "Check hotel prices on Booking.com",
        "We may earn a commission if you book through links on this page.",
    ]
    assert strip_leftover_chrome("\n".join([story, *furniture, story]), None) == f"{story}\n{story}"
    listed = "- Buy now vs free trial"
    assert strip_leftover_chrome(f"{story}\n{listed}", None) == f"{story}\n{listed}", "a list item about buttons stays"


def test_a_kicker_over_the_repeated_headline_goes_with_it() -> None:
    story = "Die Deutsche Bahn stellt den Nachtzug von Berlin nach Paris zum Fahrplanwechsel im Dezember ein."
    text = "\n".join(["Bahnverkehr", "Bahn streicht Nachtzug nach Paris", story])
    assert strip_leftover_chrome(text, "Bahn streicht Nachtzug nach Paris") == story
    quoted = "\n".join(["He said:", "Bahn streicht Nachtzug nach Paris", story])
    assert strip_leftover_chrome(quoted, "Bahn streicht Nachtzug nach Paris") == quoted, "a sentence is no kicker"
    longer = "\n".join(["Venezia, la stagione dei turisti", "Ticket d'accesso dal 18 aprile", story])
    assert strip_leftover_chrome(longer, "Ticket d'accesso dal 18 aprile") == story


def test_teasers_over_the_repeated_headline_go_with_it() -> None:
    story = "Po latach opóźnień trasa Szczecin – Berlin jest w całości zelektryfikowana, podała spółka."
    teasers = [
        "- Remont wiaduktu. Od poniedziałku objazdy dla kierowców 1 godz. temu",
        "- Nowa hala sportowa 3 godz. temu",
    ]
    title = "Elektryfikacja linii do Berlina zakończona"
    assert strip_leftover_chrome("\n".join([*teasers, title, story]), title) == story
    listed = ["- Remont wiaduktu", "Koszt: 4 mln zł", title, story]
    assert strip_leftover_chrome("\n".join(listed), title) == "\n".join(listed), "not a list of teasers alone"


def test_a_stamp_with_its_byline_opening_the_body_leaves_it() -> None:
    story = "Les tracteurs ont commencé leur travail la semaine dernière sur les coteaux de Parnac."
    stamp = "Publié le 04 mars 2025 à 06h30, modifié à 11h02 Par Hélène Garnier (Cahors, correspondante)"
    assert strip_leftover_chrome(f"{stamp}\n{story}", None) == story
    said = "Publié le 04 mars 2025, le rapport Par ailleurs critique la gestion des vignobles du Lot et du Tarn."
    assert strip_leftover_chrome(f"{said}\n{story}", None) == f"{said}\n{story}"


@pytest.mark.parametrize(
    "widget", ["Komentari (12)", "Ostavite komentar", "Leave a comment", "Comments (3)", "14 Kommentare"]
)
def test_a_comment_sections_head_leaves_the_body(widget: str) -> None:
    story = "Vlada je u četvrtak usvojila novi zakon o javnom prevozu, rekao je ministar saobraćaja novinarima."
    assert strip_leftover_chrome(f"{story}\n{widget}", None) == story
    assert strip_leftover_chrome(f"{story}\nHe had left a comment on the page.", None).endswith("page.")


@pytest.mark.parametrize(
    "stamp", ["2025年7月16日 18時20分", "November 08, 2023", "24. Dezember 2014", "08.04.2015 12:46"]
)
def test_a_time_stamp_opening_the_body_leaves_it(stamp: str) -> None:
    story = "In perhaps their biggest game of the young season, the Sixers played host to the fellow 5-1 Celtics."
    assert strip_leftover_chrome(f"{stamp}\n{story}", None) == story


@pytest.mark.parametrize(
    "opening", ["1.", "102", "12 killed in March 2024 attack", "Published March 14, 2024 in Paris"]
)
def test_a_numbered_or_worded_opening_stays(opening: str) -> None:
    story = "Preheat the oven to 325 degrees. In a medium saucepan cook the onion in butter for four minutes."
    assert strip_leftover_chrome(f"{opening}\n{story}", None) == f"{opening}\n{story}"


@pytest.mark.parametrize(
    "label",
    [
        *("Lesen Sie auch:", "Lire aussi :", "Leggi anche:", "Lees ook:", "Czytaj także:", "Leia também:"),
        *("TE PUEDE INTERESAR:", "Potrebbe interessarti:", "Może cię zainteresować:", "Читайте также:"),
        "Zobacz wideo:",
    ],
)
def test_a_read_also_line_goes_in_every_language_we_read(label: str) -> None:
    story = "The harbour authority raised ferry fares by ten percent on Monday, citing fuel costs."
    after = "Commuters said the rise would push more of them back onto the coastal road."
    text = f"{story}\n{label} Jazzfestival maakt programma bekend\n{after}"
    assert strip_leftover_chrome(text, None) == f"{story}\n{after}"


@pytest.mark.parametrize("label", ["À LIRE AUSSI", "LEA TAMBIÉN", "LEES OOK", "READ MORE"])
def test_a_label_in_capitals_run_into_its_teaser_goes(label: str) -> None:
    story = "The harbour authority raised ferry fares by ten percent on Monday, citing fuel costs."
    after = "Read more about the fares in the authority's report, commuters were told on Monday."
    text = f"{story}\n{label} Ferry operator posts record profit\n{after}"
    assert strip_leftover_chrome(text, None) == f"{story}\n{after}"


@pytest.mark.parametrize(
    "notice",
    [
        "Damit wir unser Angebot kostenlos anbieten können, arbeiten wir mit Partnern zusammen, die Daten auf Ihrem "
        "Gerät speichern und auslesen. Sie können Ihre Einwilligung jederzeit über den Link „Privatsphäre“ am "
        "Seitenende widerrufen.",
        "You can withdraw your consent at any time via Privacy settings.",
        "Vous pouvez retirer votre consentement à tout moment.",
    ],
)
def test_a_notice_asking_for_the_reader_s_consent_goes(notice: str) -> None:
    story = "The harbour authority raised ferry fares by ten percent on Monday, citing fuel costs."
    after = "Commuters said the rise would push more of them back onto the coastal road."
    assert strip_leftover_chrome(f"{story}\n{notice}\n{after}", None) == f"{story}\n{after}"


def test_a_story_quoting_someone_on_consent_keeps_its_line() -> None:
    line = '"Patients must give their consent in writing," the health minister told parliament on Tuesday.'
    story = "The harbour authority raised ferry fares by ten percent on Monday, citing fuel costs."
    assert strip_leftover_chrome(f"{story}\n{line}", None) == f"{story}\n{line}"


def test_a_link_to_the_sites_standards_closing_a_story_goes() -> None:
    story = "Farmers will receive 58,000 cedis a tonne, up from 47,500, the regulator said on Wednesday."
    link = "Our Standards: The Thomson Reuters Trust Principles."
    assert strip_leftover_chrome(f"{story}\n{link}", None) == story
    for sentence in (
        "Our standards of care have slipped, the hospital's new chief told staff in a letter on Monday.",
        "Editorial standards: The paper's ombudsman found the column breached them.",
        '"Our standards: we never cut corners," the chef said.',
    ):
        assert strip_leftover_chrome(f"{story}\n{sentence}", None) == f"{story}\n{sentence}"


@pytest.mark.parametrize(
    "credit", ["Źródło: PAP", "Источник: ТАСС", "Quelle: MDR THÜRINGEN/ls", "SOURCE: Al Jazeera News"]
)
def test_a_source_credit_line_goes(credit: str) -> None:
    story = "Dwa nowe promy pasażersko-samochodowe wejdą do służby w pierwszej połowie 2026 roku, podała spółka."
    assert strip_leftover_chrome(f"{story}\n{credit}", None) == story
    sentence = "Quelle: Das Statistische Bundesamt meldete am Montag einen Rückgang der Exporte um drei Prozent."
    assert strip_leftover_chrome(f"{story}\n{sentence}", None) == f"{story}\n{sentence}"


def test_a_russian_cookie_notice_goes_and_a_story_about_cookies_stays() -> None:
    story = "Роскомнадзор проверит, как крупные сайты используют файлы cookie для рекламы."
    notice = "Мы используем файлы cookie, чтобы сайт работал удобнее. Продолжая, вы соглашаетесь с политикой."
    assert strip_leftover_chrome(f"{story}\n{notice}", None) == story


@pytest.mark.parametrize(
    "furniture",
    [
        "Topics: Semiconductors, Malaysia, Jobs", "Tags", "Themen: Bahn, Verkehr", "Be the first to comment",
        "More from The Harbour Herald", "Most popular", "Continue reading below", "Noticias relacionadas",
        "Ähnliche Artikel", "Sponsored content", "Get the day's top stories in your inbox.",
    ],
)  # fmt: skip
def test_labels_of_tag_lists_teasers_and_comment_prompts_go(furniture: str) -> None:
    story = "A real paragraph of the story.\nAnd its last paragraph."
    assert strip_leftover_chrome(f"{story}\n{furniture}", None) == story


@pytest.mark.parametrize(
    "sentence",
    ["Topics discussed at the summit included trade and migration.", "More from the interview follows below."],
)
def test_a_story_line_opening_with_a_labels_words_stays(sentence: str) -> None:
    text = f"A real paragraph of the story.\n{sentence}"
    assert strip_leftover_chrome(text, None) == text


@pytest.mark.parametrize(
    "furniture",
    ["Lo más visto", "Les også", "Læs også", "Mest lest", "Popular Now in News", "Latest on Shipping",
     "Promoted Content", "Archivado En", "Share or comment on this article:"],
)  # fmt: skip
def test_teaser_labels_of_more_sites_and_languages_go(furniture: str) -> None:
    story = "A real paragraph of the story.\nAnd its last paragraph."
    assert strip_leftover_chrome(f"{story}\n{furniture}", None) == story
