"""Split stage: cut a cleaned document into the stories it carries, in page order.

A page laid out like the crawled aggregator pages holds a lead story, the `RELATED_MARKER` line that
the clean stage keeps, and related items that each open with an outlet line, an age line ("3 hours ago")
and a "- Outlet" line. A related item that is a live blog is cut further into its entries, each ended by
a stamp such as `Namita Singh23 June 2025 06:32`. Any other document is a single article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import islice, pairwise
from typing import NamedTuple

from streams.clean import RELATED_MARKER, is_chrome_line, normalise_whitespace
from streams.fingerprint import content_hash, normalise
from streams.records import Article, ArticleKind, Document

_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_UNIT_SECONDS = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 7 * 86400,
    "month": 30 * 86400,
    "year": 365 * 86400,
}
_AGE = re.compile(
    r"just now|a few seconds ago|(?P<count>an?|\d+) (?P<unit>second|minute|hour|day|week|month|year)s? ago",
    re.IGNORECASE,
)
_OUTLET_ECHO = re.compile(r"[-–—]\s*\S")
_MAX_OUTLET_CHARS = 80
_NAME_WORD = r"[A-ZÀ-Þ][^\W\d_]*(?:['’.-][^\W\d_]+)*\.?"
_STAMP = re.compile(
    rf"(?<!\w)(?P<run>(?:{_NAME_WORD} ){{0,3}}{_NAME_WORD})"
    rf"(?P<day>\d{{1,2}}) (?P<month>{'|'.join(_MONTHS)}) (?P<year>\d{{4}}),? (?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})"
    r"(?!\d)"
)
_WORD = re.compile(r"\S+")
_TRAILING_CLOSERS = "\"'”’)]"
_OPENERS = "\"'“‘(["
_TITLE_ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "jr", "sr", "gen", "col", "lt", "gov", "sen", "rep"})
_FUNCTION_WORDS = frozenset(
    {
        "a",
        "an",
        "the",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "with",
        "by",
        "from",
        "and",
        "or",
        "but",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "has",
        "have",
        "had",
        "it",
        "its",
        "that",
        "this",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "after",
        "before",
        "over",
        "into",
        "than",
        "then",
        "not",
        "no",
        "nor",
        "so",
        "if",
        "up",
        "out",
        "off",
        "about",
        "against",
        "between",
        "during",
        "under",
        "via",
        "per",
        "his",
        "her",
        "their",
        "our",
        "your",
        "my",
    }
)
_SENTENCE_STARTERS = frozenset(
    {
        "a",
        "an",
        "the",
        "this",
        "that",
        "these",
        "those",
        "it",
        "he",
        "she",
        "they",
        "we",
        "i",
        "there",
        "in",
        "on",
        "at",
        "after",
        "according",
        "as",
        "when",
        "while",
        "meanwhile",
        "earlier",
        "later",
        "some",
        "more",
        "our",
    }
)
_REPORTING_VERBS = frozenset({"says", "say", "said", "reports", "reported", "warns", "claims", "confirms", "announces"})
_MIN_HEADLINE_WORDS = 4
_MAX_HEADLINE_WORDS = 25
_OVERLAP_WINDOW = 30
_MIN_SPLIT_SCORE = 4
_STEM_CHARS = 5


@dataclass(slots=True)
class _Story:
    """An article before ids and positions are known, so parents can be linked by reference."""

    kind: ArticleKind
    title: str | None
    body: str
    outlet: str | None
    author: str | None = None
    published_at: str | None = None
    parent: _Story | None = None


class _ItemHeader(NamedTuple):
    """The three lines that open a related item, located in the page's lines."""

    start: int
    content_from: int
    outlet: str
    age: str


class _Stamp(NamedTuple):
    """A live-blog entry's closing byline and time, with where it sits in the item body."""

    start: int
    end: int
    author: str
    published_at: str


class _Split(NamedTuple):
    """Where a glued headline ends and its body begins, with how convincing that cut is."""

    score: int
    at: int


def split(doc: Document) -> list[Article]:
    """Turn one document into its stories so each can be deduplicated and tagged on its own."""
    lines = [line for line in doc["text"].split("\n") if not is_chrome_line(line)]
    headers = _item_headers(lines)
    if not headers:
        return _articles(doc, _single_story(doc, lines))
    stories = _lead_story(doc, lines[: _lead_end(lines, headers[0].start)])
    bounds = [header.start for header in headers[1:]] + [len(lines)]
    for header, end in zip(headers, bounds, strict=True):
        stories.extend(_related_stories(doc, header, lines[header.content_from : end]))
    return _articles(doc, stories)


def published_from_age(crawled_at: str, age: str) -> str | None:
    """Date a related item from its relative age, the only clock the page gives for it."""
    match = _AGE.fullmatch(age.strip())
    if match is None:
        return None
    try:
        crawled = datetime.fromisoformat(crawled_at)
    except ValueError:
        return None
    if crawled.tzinfo is None:
        crawled = crawled.replace(tzinfo=UTC)
    seconds = 0
    if match["unit"]:
        count = 1 if match["count"].lower() in {"a", "an"} else int(match["count"])
        seconds = count * _UNIT_SECONDS[match["unit"].lower()]
    return (crawled - timedelta(seconds=seconds)).isoformat()


def _item_headers(lines: list[str]) -> list[_ItemHeader]:
    """Find related items by their outlet / age / "- outlet" opening, whatever the outlet is called."""
    nonblank = [index for index, line in enumerate(lines) if line.strip()]
    headers: list[_ItemHeader] = []
    for first, second, third in zip(nonblank, nonblank[1:], nonblank[2:], strict=False):
        outlet, age, echo = lines[first].strip(), lines[second].strip(), lines[third].strip()
        if len(outlet) > _MAX_OUTLET_CHARS or outlet == RELATED_MARKER:
            continue
        if _AGE.fullmatch(age) and _OUTLET_ECHO.match(echo):
            headers.append(_ItemHeader(first, third + 1, outlet, age))
    return headers


def _lead_end(lines: list[str], first_item: int) -> int:
    """End the lead at the related-articles marker, or at the first item if the marker is missing."""
    markers = [index for index, line in enumerate(lines[:first_item]) if line.strip() == RELATED_MARKER]
    return markers[0] if markers else first_item


def _tidy(lines: list[str]) -> str:
    """Join lines into a body free of the marker, with the spacing convention of the clean stage."""
    return normalise_whitespace("\n".join(line for line in lines if line.strip() != RELATED_MARKER))


def _lead_story(doc: Document, lines: list[str]) -> list[_Story]:
    """The page's own story: its first line is the headline, the rest its body."""
    text = _tidy(lines)
    if not text:
        return []
    title, _, body = text.partition("\n")
    return [_Story("lead", title, body.strip() or title, doc["site"], doc["author"], doc["published_at"])]


def _single_story(doc: Document, lines: list[str]) -> list[_Story]:
    """A document without the aggregator layout is one article, headed by its title if it has one."""
    text = _tidy(lines)
    if not text:
        return []
    first, _, rest = text.partition("\n")
    title, body = doc["title"], text
    if title is not None and normalise(first) == normalise(title):
        body = rest.strip()
    elif title is None and _heads_text(first, rest):
        title, body = first, rest.strip()
    return [_Story("article", title, body or title or text, doc["site"], doc["author"], doc["published_at"])]


def _heads_text(first: str, rest: str) -> bool:
    """A first line is a headline only if it reads as one and the next line is not its hard-wrapped continuation."""
    if not _is_headline(first) or first.rsplit(maxsplit=1)[-1].lower() in _FUNCTION_WORDS:
        return False
    following = rest.split("\n", 1)[0].split()
    return not following or (not following[0][:1].islower() and _ends_sentence(following[-1]))


def _related_stories(doc: Document, header: _ItemHeader, lines: list[str]) -> list[_Story]:
    """One related item, plus its entries when the item is a live blog."""
    text = _tidy(lines)
    if not text:
        return []
    title, _, body = text.partition("\n")
    body = body.strip()
    published = published_from_age(doc["crawled_at"], header.age)
    item = _Story("related", title, body or title, header.outlet, published_at=published)
    stamps = _find_stamps(body)
    if not stamps:
        return [item]
    summary, entries = _liveblog_parts(body, stamps)
    item.body = summary or title
    stories = [item]
    for entry, stamp in entries:
        entry_title, entry_body = _split_headline(entry)
        stories.append(
            _Story(
                "liveblog-entry",
                entry_title,
                entry_body or entry_title or entry,
                header.outlet,
                stamp.author if stamp else None,
                stamp.published_at if stamp else None,
                item,
            )
        )
    return stories


def _find_stamps(text: str) -> list[_Stamp]:
    """Locate entry-end bylines, naming authors consistently across the whole blog."""
    timed = [(match, moment) for match in _STAMP.finditer(text) if (moment := _stamp_time(match))]
    confident = {match["run"] for match, _ in timed if _follows_boundary(text, match.start("run"))}
    stamps: list[_Stamp] = []
    for match, moment in timed:
        author = _resolve_author(match["run"], confident)
        start = match.start("run") + match["run"].rfind(author)
        stamps.append(_Stamp(start, match.end(), author, moment))
    return stamps


def _stamp_time(match: re.Match[str]) -> str | None:
    """Read a stamp's date and time as UTC, refusing dates that do not exist."""
    try:
        moment = datetime(
            int(match["year"]),
            _MONTHS.index(match["month"]) + 1,
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            tzinfo=UTC,
        )
    except ValueError:
        return None
    return moment.isoformat()


def _follows_boundary(text: str, index: int) -> bool:
    """A byline right after a sentence end has no headline words glued to its front."""
    before = text[:index].rstrip()
    return not before or before[-1] in ".!?" + _TRAILING_CLOSERS


def _resolve_author(run: str, confident: set[str]) -> str:
    """Separate a byline from capitalised headline words before it, using bylines seen unambiguously."""
    words = run.split(" ")
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[-size:])
        if candidate in confident:
            return candidate
    return " ".join(words[-2:])


def _liveblog_parts(body: str, stamps: list[_Stamp]) -> tuple[str, list[tuple[str, _Stamp | None]]]:
    """Cut a live blog into its opening summary and its entries, each entry ending at its stamp."""
    prefix = body[: stamps[0].start]
    cut = _first_entry_start(prefix)
    entries: list[tuple[str, _Stamp | None]] = [(prefix[cut:], stamps[0])]
    for previous, stamp in pairwise(stamps):
        entries.append((body[previous.end : stamp.start], stamp))
    entries.append((body[stamps[-1].end :], None))
    kept = [(" ".join(text.split()), stamp) for text, stamp in entries]
    return " ".join(prefix[:cut].split()), [(text, stamp) for text, stamp in kept if text]


def _first_entry_start(prefix: str) -> int:
    """Find where the first entry's headline starts, as the sentence start with the best glued headline."""
    scored = [(found.score, start) for start in _sentence_starts(prefix) if (found := _best_split(prefix[start:]))]
    return max(scored, key=lambda pair: pair[0])[1] if scored else 0


def _sentence_starts(text: str) -> list[int]:
    """Offsets where sentences begin, candidates for where a live-blog entry begins."""
    words = list(_WORD.finditer(text))
    return [0] + [after.start() for word, after in pairwise(words) if _ends_sentence(word[0])]


def _ends_sentence(token: str) -> bool:
    """Tell a full stop from an abbreviation's dot, so "U.S." or "Mr." does not end a sentence."""
    core = token.rstrip(_TRAILING_CLOSERS)
    if not core.endswith((".", "!", "?")):
        return False
    if core.endswith(("!", "?")):
        return True
    stem = core[:-1].lstrip(_OPENERS)
    return not ("." in stem or (len(stem) == 1 and stem.isupper()) or stem.lower() in _TITLE_ABBREVIATIONS)


def _split_headline(entry: str) -> tuple[str | None, str]:
    """Separate an entry's headline from its body, which the page runs together without punctuation."""
    if _is_headline(entry):
        return entry, ""
    found = _best_split(entry)
    if found is None:
        return None, entry
    return entry[: found.at].strip(), entry[found.at :].strip()


def _is_headline(text: str) -> bool:
    """Headlines are short and carry no closing full stop, unlike the sentences of a body."""
    tokens = text.split()
    if not tokens or len(tokens) > _MAX_HEADLINE_WORDS:
        return False
    if any(_ends_sentence(token) for token in tokens[:-1]):
        return False
    return not text.rstrip(_TRAILING_CLOSERS).endswith((".", ",", ";", ":"))


def _best_split(text: str) -> _Split | None:
    """Choose the most convincing headline/body cut inside the text's first sentence, if any convinces."""
    words = list(islice(_WORD.finditer(text), _MAX_HEADLINE_WORDS + _OVERLAP_WINDOW))
    tokens = [word[0] for word in words]
    if not tokens or not tokens[0].lstrip(_OPENERS)[:1].isupper():
        return None
    sentence_end = next((i for i, token in enumerate(tokens) if _ends_sentence(token)), len(tokens))
    best: _Split | None = None
    for cut in range(_MIN_HEADLINE_WORDS, min(sentence_end, _MAX_HEADLINE_WORDS, len(tokens) - 1) + 1):
        score = _split_score(tokens[:cut], tokens[cut : cut + _OVERLAP_WINDOW])
        if score >= _MIN_SPLIT_SCORE and (best is None or score > best.score):
            best = _Split(score, words[cut].start())
    return best


def _split_score(head: list[str], tail: list[str]) -> int:
    """Score a cut: bodies open like sentences and usually repeat the headline's key words."""
    last, first = head[-1], tail[0].lstrip(_OPENERS)
    if not first[:1].isupper() or last[-1] in ",;:–-" or last.lower() in _FUNCTION_WORDS:
        return 0
    score = len(_stems(head) & _stems(tail))
    score += 2 if first.lower() in _SENTENCE_STARTERS else 0
    score += 2 if last.lower() in _REPORTING_VERBS else 0
    score += 1 if first.endswith(("'s", "’s")) else 0
    return score


def _stems(tokens: list[str]) -> set[str]:
    """Crude word stems for comparing a headline with its body without a language model."""
    stems: set[str] = set()
    for token in tokens:
        word = token.lower().strip("\"'“”‘’()[],.;:!?")
        word = word.removesuffix("'s").removesuffix("’s")
        if word in _FUNCTION_WORDS or (len(word) < 3 and not word.isdigit()):
            continue
        stems.add(word[:_STEM_CHARS])
    return stems


def _articles(doc: Document, stories: list[_Story]) -> list[Article]:
    """Give stories their ids, positions and provenance once all of them are known."""
    ids = {id(story): content_hash(story.body) for story in stories}
    return [
        Article(
            id=ids[id(story)],
            document_id=doc["document_id"],
            position=position,
            kind=story.kind,
            source={"filename": doc["filename"], "outlet": story.outlet or doc["site"], "url": doc["url"]},
            title=story.title,
            author=story.author,
            body=story.body,
            published_at=story.published_at,
            crawled_at=doc["crawled_at"],
            ingested_at=doc["ingested_at"],
            parent_id=ids[id(story.parent)] if story.parent is not None else None,
        )
        for position, story in enumerate(stories)
    ]
