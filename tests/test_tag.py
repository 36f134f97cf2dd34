"""The tag stage on the seed corpus lead story and on short German and French wire texts."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from streams.gazetteer import CHROME_PHRASES
from streams.records import Article, Dateline
from streams.tag import load_nlp, tag, tag_batch, warm_up

CRAWLED = "2025-06-23T07:00:00+00:00"
GERMAN = (
    "BERLIN (dpa) - Die Bundesregierung will die Ausgaben für die Verteidigung in den kommenden Jahren "
    "deutlich erhöhen. Das kündigte der Bundeskanzler am Dienstag nach einer Sitzung des Kabinetts an. "
    "Die Opposition kritisierte die Pläne als unzureichend und forderte eine Debatte im Bundestag."
)
FRENCH = (
    "Le gouvernement français a présenté mercredi un projet de loi sur l'énergie qui prévoit la "
    "construction de nouveaux réacteurs nucléaires. Les syndicats ont salué une décision attendue depuis "
    "longtemps, tandis que les écologistes dénoncent un choix coûteux pour les finances publiques."
)


def article(title: str | None, body: str, position: int = 0) -> Article:
    return Article(
        id=f"article-{position}",
        document_id="document-000",
        position=position,
        kind="lead" if position == 0 else "related",
        source={"filename": "000_9b0cd5e21b7b472a.txt", "outlet": None, "url": None},
        title=title,
        author=None,
        body=body,
        published_at=None,
        crawled_at=CRAWLED,
        ingested_at=CRAWLED,
        parent_id=None,
    )


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="module")
def seed_page(corpus: Path) -> str:
    return (corpus / "seeds" / "000_9b0cd5e21b7b472a.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def lead(seed_page: str) -> Article:
    lines = [line.strip() for line in seed_page.splitlines() if line.strip()]
    start = next(index for index, line in enumerate(lines) if line.startswith("SEOUL, May 27 (Reuters) -"))
    return article(lines[start - 1], "\n".join(lines[start : start + 2]))


def test_lead_is_english_with_its_people(lead: Article, nlp: Language) -> None:
    tagged = tag(lead, nlp)
    assert tagged["title"] == "North Korea's state security minister to attend high-level meeting in Russia, KCNA says"
    assert tagged["language"] == "en"
    assert tagged["language_score"] is not None
    assert 0.9 < tagged["language_score"] <= 1.0
    people = {entity["text"] for entity in tagged["entities"] if entity["label"] == "PERSON"}
    assert {"Ri Chang Dae", "Sergei Shoigu", "Vladimir Putin"} <= people


def test_lead_entities_are_merged_and_ranked(lead: Article, nlp: Language) -> None:
    entities = tag(lead, nlp)["entities"]
    texts = [entity["text"] for entity in entities]
    assert entities[0] == {"text": "North Korea", "label": "GPE", "count": 3}
    assert not any(text.endswith(("'s", "’s")) or text.lower().startswith("the ") for text in texts)
    assert len({text.casefold() for text in texts}) == len(texts)
    counts = [entity["count"] for entity in entities]
    assert counts == sorted(counts, reverse=True)
    assert {entity["label"] for entity in entities} <= {"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"}


def test_lead_countries_dateline_and_fields(lead: Article, nlp: Language) -> None:
    tagged = tag(lead, nlp)
    assert {"KP", "RU", "IR", "AE", "KR"} <= set(tagged["countries"])
    assert tagged["countries"][:2] == ["KP", "RU"]
    assert tagged["dateline"] == Dateline(city="Seoul", country="KR", date="2025-05-27", agency="Reuters")
    assert tagged["words"] == len(lead["body"].split())
    assert lead.items() <= tagged.items()


def test_lead_keywords_skip_entities_and_repeats(lead: Article, nlp: Language) -> None:
    tagged = tag(lead, nlp)
    keywords = tagged["keywords"]
    assert 0 < len(keywords) <= 10
    assert len({keyword.casefold() for keyword in keywords}) == len(keywords)
    names = {entity["text"].casefold() for entity in tagged["entities"]}
    assert not names & {keyword.casefold() for keyword in keywords}


def test_whole_seed_page_has_no_chrome_entities(seed_page: str, nlp: Language) -> None:
    entities = tag(article(None, seed_page), nlp)["entities"]
    assert entities
    for entity in entities:
        assert entity["text"].casefold() not in CHROME_PHRASES
        assert any(char.isalpha() for char in entity["text"])


@pytest.mark.parametrize(("body", "language"), [(GERMAN, "de"), (FRENCH, "fr")])
def test_other_languages_get_no_entities(body: str, language: str, nlp: Language) -> None:
    tagged = tag(article(None, body), nlp)
    assert tagged["language"] == language
    assert tagged["entities"] == []
    assert tagged["keywords"]


def test_dateline_country_counts_without_entities(nlp: Language) -> None:
    tagged = tag(article(None, GERMAN), nlp)
    assert tagged["dateline"] == Dateline(city="Berlin", country="DE", date=None, agency="dpa")
    assert tagged["countries"] == ["DE"]


def test_text_without_letters_has_no_language(nlp: Language) -> None:
    tagged = tag(article(None, "12,500 / 13,100 -- 4.5%"), nlp)
    assert tagged["language"] is None
    assert tagged["language_score"] is None
    assert tagged["entities"] == []
    assert tagged["words"] == 5


def test_batch_matches_single_articles(lead: Article, nlp: Language) -> None:
    articles = [lead, article(None, GERMAN, 1), article("Énergie", FRENCH, 2)]
    assert tag_batch(articles) == [tag(item, nlp) for item in articles]


def test_warm_up_leaves_only_ner_loaded() -> None:
    warm_up()
    assert load_nlp().pipe_names == ["ner"]
