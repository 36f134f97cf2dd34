"""Keyphrases an editor would keep: YAKE's best phrases, without entity names, bare titles, dates or clause
fragments."""

from __future__ import annotations

import functools
import re
from collections.abc import Set

from spacy.lang.en.stop_words import STOP_WORDS
from yake_rust import Yake

from streams.text.dateline import MONTHS
from streams.text.lexicon import TITLES, WEEKDAYS, english_frequencies
from streams.text.page import spaced_out

KEYWORDS = 10
# YAKE is asked for more than KEYWORDS so the list stays full after the phrases left out below.
CANDIDATES = 30
NGRAM = 3
OVERLAP = 0.5
"""Similarity above which YAKE drops a phrase as a near repeat of a better one ("attend high-level")."""
KEYWORD_CHARS = 2000
"""YAKE reads the headline and the opening of the body: a news story states its subject first, and the cost of
keywords stays small next to NER however long the article."""
KEYWORD_LANGUAGES = frozenset(
    {"en", "de", "fr", "es", "pt", "it", "nl", "sv", "fi", "pl", "lv", "ru", "uk", "el", "tr", "ar", "fa", "hi", "id"}
)
"""Languages yake-rust has stopwords for that also separate words with spaces, which YAKE relies on."""
EDITED_LANGUAGE = "en"
"""The language whose titles, dates and verb forms the rules below know."""

TITLE_WORDS = TITLES | frozenset(
    {"foreign", "attorney", "general", "deputy", "vice", "chancellor", "premier", "mayor", "spokesman",
     "spokeswoman", "spokesperson", "ambassador", "queen", "prince", "princess", "lord", "sir", "former"}
)  # fmt: skip
"""A phrase of these words only is a title without its holder ("Prime Minister", "Foreign Minister")."""
DAY_WORDS = WEEKDAYS | frozenset(
    {"today", "yesterday", "tomorrow", "tonight", "overnight", "morning", "afternoon", "evening", "weekend"}
)
"""A phrase holding one of these says when something happened, not what ("Tuesday killed", "app today")."""
ATTRIBUTION = frozenset({"said", "says", "say", "told", "tells", "according", "added", "adding", "quoted"})
"""Who said a thing is the source's business, not the story's subject ("Television said Ishiba")."""
COMMON_WORD = 10**5.5 / 1e9
"""Frequency (Zipf 5.5, about once in 300,000 words) from which a lone word is among the few hundred commonest in
English ("year", "people", "company") and says nothing of what one story is about. Set on the labelled sample
(`benchmarks/keyword_sample.tsv`), where every lone word that common was struck."""
LONGEST_WORD = 100
"""Characters from which a run without whitespace is no word (a link, markup left over) and is read as spaces: a
bracket run of 1,500 made YAKE's tokenizer give up with a panic."""
_LONG_RUN = re.compile(rf"\S{{{LONGEST_WORD},}}")
_WORD = re.compile(r"[\w’'-]+")


@functools.cache
def _extractor(code: str) -> Yake:
    """One yake-rust extractor per language and process, so stopword lists are read once."""
    return Yake(language=code, ngrams=NGRAM, deduplication_threshold=OVERLAP)


def warm_up() -> None:
    """Loads the English extractor and word frequencies up front, for a pool worker's initializer."""
    _extractor(EDITED_LANGUAGE)
    english_frequencies()


def keywords(text: str, code: str | None, names: Set[str]) -> list[str]:
    """YAKE's best phrases of the opening of a text, once each regardless of case, leaving out those that name or
    cut into an entity (`names`: every casefolded form of every entity's name) and, in English, those an editor
    would strike."""
    if code not in KEYWORD_LANGUAGES:
        return []
    name_words = {word for name in names for word in name.split() if word not in STOP_WORDS}
    seen: set[str] = set()
    kept: list[str] = []
    read = spaced_out(_LONG_RUN, text[:KEYWORD_CHARS])
    for phrase, _score in _extractor(code).get_n_best(read, n=CANDIDATES):
        key = " ".join(phrase.split()).casefold()
        if key in seen or _names_entity(key, names):
            continue
        seen.add(key)
        if code == EDITED_LANGUAGE and not editor_keeps(phrase, name_words):
            continue
        kept.append(phrase)
        if len(kept) == KEYWORDS:
            break
    return kept


def _names_entity(phrase: str, names: Set[str]) -> bool:
    """Whether a casefolded phrase is part of an entity's name ("chang dae") or holds one ("including iran")."""
    words = f" {phrase} "
    return any(phrase in name or f" {name} " in words for name in names)


def editor_keeps(phrase: str, name_words: Set[str]) -> bool:
    """Whether an English phrase is a subject, not a bare title, one of the commonest words, a date, an
    attribution, a clause cut mid-verb or a piece of a name (a capitalised word of an entity's name: "Attorney
    General Pam", "Korea minister")."""
    words = _WORD.findall(phrase)
    folded = [word.casefold() for word in words]
    if not words or all(word in TITLE_WORDS for word in folded):
        return False
    if len(folded) == 1 and english_frequencies().get(folded[0], 0.0) >= COMMON_WORD:
        return False
    if any(word in DAY_WORDS or word in ATTRIBUTION for word in folded):
        return False
    if any(word[0].isupper() and (word.casefold() in MONTHS or word.casefold() in name_words) for word in words):
        return False
    return not _cut_clause(folded)


def _cut_clause(words: list[str]) -> bool:
    """A phrase ending on a past-tense verb ("defence units destroyed"), or joining one to a stopword ("areas and
    damaged", "damaged an entrance"), is a piece of a sentence, not a thing the story is about."""
    if _past_tense(words[-1]):
        return True
    return any(
        _past_tense(word) and (word_next in STOP_WORDS or word_before in STOP_WORDS)
        for word_before, word, word_next in zip(["", *words[:-1]], words, [*words[1:], ""], strict=True)
    )


def _past_tense(word: str) -> bool:
    """A regular past form ("killed", "damaged"), not a word that merely ends in -ed ("speed", "hundred")."""
    return len(word) > 4 and word.endswith("ed") and not word.endswith(("eed", "dred"))
