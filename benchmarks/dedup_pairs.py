"""A labelled set of duplicate and distinct article pairs built from the Reuters-21578 stories in the corpus.

Duplicates come from two places. Natural ones are stories the 1987 wire really sent twice (re-sent, corrected,
cut to a short take or rewritten), found by title and text overlap and labelled by reading both
(`NATURAL` below). Made ones apply one change each to a story: typed again with other quotes, spacing and
punctuation, put under another headline, corrected, a paragraph added or removed, wrapped in a site's page
chrome, or truncated to its first 80%. Distinct pairs are different stories on the same subject (the other
story of the same Reuters topic with the most words in common), the same company's results for two
quarters (the same table with other figures), and the natural look-alikes read and found distinct. Which
copy arrives first is drawn at random, so each change is also seen the other way round.

A held-out set (`held_out_pairs`) makes the same changes and same-subject pairs from modern articles dedup
was never tuned on: the ScrapingHub benchmark's gold bodies (no category, so a body's rival is the body
sharing most words) and the topic set's labelled articles (the rival and the added paragraph come from
the same category).
"""

from __future__ import annotations

import html
import random
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from benchmarks.extraction import SCRAPINGHUB, scrapinghub_bodies
from benchmarks.tagging import TOPIC_SETS, topic_table
from streams.text.fingerprint import normalise
from streams.text.shingles import words

FOLDER = "reuters21578"
SEED = 1987
MIN_WORDS = 40
MIN_DISTINCT_WORDS = 10
TRUNCATE_TO = 0.8
SENTENCES_PER_PARAGRAPH = 3

_STORY = re.compile(r"<REUTERS(?P<attrs>[^>]*)>(?P<block>.*?)</REUTERS>", re.DOTALL)
_NEWID = re.compile(r'NEWID="(\d+)"')
_ITEM = re.compile(r"<D>([^<]*)</D>")
_PARAGRAPH_BREAK = re.compile(r"\n(?=[ \t]{2,}\S)")
_SIGN_OFF = re.compile(r"\s*\breuter\b\s*$", re.IGNORECASE)
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TITLE_NOISE = re.compile(r"\(?\b(?:corrected|correction|rpt|repeat)\b\)?\s*-*\s*|<[^>]*>", re.IGNORECASE)
_QUARTERS = ("1ST QTR", "2ND QTR", "3RD QTR", "4TH QTR")
_SENTENCE_END = r"(?:(?<=[a-z0-9%)][.!?])|(?<=[.!?][\"”’]))"
_LOST_BREAK = re.compile(_SENTENCE_END + r"(?=[A-Z“])")
_SENTENCE_BREAK = re.compile(_SENTENCE_END + r"\s+(?=[A-Z“])")

NATURAL: dict[str, dict[str, tuple[tuple[int, int], ...]]] = {
    "reut2-000.sgm": {
        "duplicate": (
            (4, 16), (32, 55), (175, 190), (230, 240), (230, 347), (240, 347), (248, 352), (252, 358),
            (258, 425), (264, 344), (279, 524), (414, 421), (415, 427), (419, 759), (423, 521), (483, 783), (489, 502),
            (491, 495), (505, 550), (535, 580), (561, 566), (567, 582), (573, 728), (598, 620), (603, 731),
            (626, 630), (649, 686), (656, 688), (740, 765), (854, 965), (873, 952), (877, 964), (878, 990),
            (888, 957), (889, 955), (891, 956), (893, 991), (907, 946), (911, 947), (912, 948), (921, 938),
            (926, 942), (930, 945),
        ),
        "distinct": (
            (85, 108), (89, 152), (89, 461), (152, 461), (154, 602), (291, 905), (307, 913), (332, 944),
            (336, 943), (336, 999), (341, 411), (341, 953), (405, 407), (411, 953), (506, 514),
            (508, 509), (512, 513), (514, 529), (690, 700), (690, 702), (691, 692), (693, 695), (700, 702),
            (716, 989), (811, 817),
        ),
        "arguable": ((236, 353), (704, 791)),
    }
}  # fmt: skip
"""Pairs of NEWIDs per SGML file, labelled by reading both; arguable ones (two write-ups of one event) are unused."""

CHROME_HEADERS = (
    ("Home", "World", "Business", "Markets", "Tech", "Opinion"),
    ("News", "Sport", "Weather", "Money", "Culture"),
    ("Latest", "Economy", "Companies", "Commodities", "Video"),
)
CHROME_LINES = (
    "Advertisement",
    "Skip to main content",
    "Share this article",
    "Share on Facebook",
    "Share on X",
    "Copy link",
    "Listen to this article",
    "Sign up for our morning briefing",
    "Get the day's top stories in your inbox every morning.",
    "Most read",
    "Read more",
    "Related coverage",
    "Comments are closed.",
    "We use cookies to personalise content and ads. By using this site you agree to our use of cookies.",
    "© 2025 Daily Ledger Media. All rights reserved.",
    "Terms of use | Privacy policy | Contact us",
    "Follow us on social media",
    "Reporting by our correspondents; editing by the news desk",
)
"""Site furniture of the kinds pages wrap wire copy in, written for this set."""


@dataclass(frozen=True, slots=True)
class Story:
    """One story: its file and id there (a Reuters NEWID, else its position), title, topics and paragraphs."""

    file: str
    newid: int
    title: str
    topics: tuple[str, ...]
    paragraphs: tuple[str, ...]

    @property
    def key(self) -> str:
        """Where the story is, as pairs name their source."""
        return f"{self.file}:{self.newid}"

    @property
    def body(self) -> str:
        """The story as the dedup stage sees an article body: paragraphs on their own lines."""
        return "\n".join(self.paragraphs)

    @property
    def words(self) -> int:
        """Length of the story in words, as dedup counts them (a character is a word in unspaced scripts)."""
        return sum(len(words(p)) for p in self.paragraphs)


@dataclass(frozen=True, slots=True)
class Pair:
    """Two article bodies in arrival order, with the change that links them and whether they are duplicates."""

    kind: str
    duplicate: bool
    first: str
    second: str
    source: str


def read_stories(corpus: Path) -> list[Story]:
    """Every story with a body in the corpus's Reuters SGML files, in file and NEWID order."""
    found: list[Story] = []
    for path in sorted((corpus / FOLDER).glob("reut2-*.sgm")):
        for match in _STORY.finditer(path.read_text(encoding="latin-1")):
            block = match["block"]
            body, newid = _field(block, "BODY"), _NEWID.search(match["attrs"])
            if not body or newid is None:
                continue
            paragraphs = tuple(
                " ".join(part.split()) for part in _PARAGRAPH_BREAK.split(_SIGN_OFF.sub("", body)) if part.strip()
            )
            if not paragraphs:
                continue
            found.append(
                Story(
                    file=path.name,
                    newid=int(newid[1]),
                    title=" ".join((_field(block, "TITLE") or "").split()),
                    topics=tuple(_ITEM.findall(_field(block, "TOPICS") or "")),
                    paragraphs=paragraphs,
                )
            )
    return found


def _field(block: str, name: str) -> str | None:
    """The unescaped text of one SGML element, or None when the story lacks it."""
    match = re.search(f"<{name}>(.*?)</{name}>", block, re.DOTALL)
    return html.unescape(match[1]) if match else None


def labelled_pairs(corpus: Path, seed: int = SEED) -> list[Pair]:
    """The whole labelled set: natural pairs, made duplicates and distinct pairs, each in a drawn order."""
    stories = read_stories(corpus)
    rng = random.Random(seed)
    titles = [s.title for s in stories if s.title]
    pairs = [
        *_natural(stories),
        *_made_duplicates(stories, titles, rng),
        *_same_subject(stories),
        *_two_quarters(stories, rng),
    ]
    return [_ordered(pair, rng) for pair in pairs]


def held_out_pairs(corpus: Path, seed: int = SEED) -> list[Pair]:
    """Made duplicates and same-subject distinct pairs of the modern articles, each in a drawn order."""
    rng = random.Random(seed)
    web, topical = web_stories(corpus), topic_stories(corpus)
    titles = [story.title for story in topical]
    pairs = [*_made_duplicates(web, titles, rng), *_same_subject(web)]
    pairs += [*_made_duplicates(topical, titles, rng), *_same_subject(topical)]
    return [_ordered(pair, rng) for pair in pairs]


def web_stories(corpus: Path) -> list[Story]:
    """The ScrapingHub gold bodies long enough to pair, numbered in page-name order, with no title or topic."""
    bodies = scrapinghub_bodies(corpus).values()
    return _distinct_long(Story(SCRAPINGHUB.name, n, "", (), _paragraphs(body)) for n, body in enumerate(bodies))


def topic_stories(corpus: Path) -> list[Story]:
    """The topic set's articles long enough to pair, numbered by row, their category as their one topic."""
    return _distinct_long(
        Story(filename, n, row["INPUT:title"], (row["GOLDEN:res"],), _paragraphs(row["INPUT:text"]))
        for filename in sorted(TOPIC_SETS.values())
        for n, row in enumerate(topic_table(corpus, filename))
    )


def _distinct_long(stories: Iterable[Story]) -> list[Story]:
    """The stories of at least MIN_WORDS words, a text seen before left out so no pair is of one text twice."""
    seen: set[str] = set()
    kept = []
    for story in stories:
        text = normalise(story.body)
        if story.words >= MIN_WORDS and text not in seen:
            seen.add(text)
            kept.append(story)
    return kept


def _paragraphs(text: str) -> tuple[str, ...]:
    """A modern body's paragraphs: its lines, or for a text scraped flat, its sentences three at a time.

    A flat text's pieces between breaks lost in scraping (a sentence run into the next) are grouped apart.
    """
    lines = tuple(" ".join(line.split()) for line in text.splitlines() if line.strip())
    if len(lines) > 1:
        return lines
    step = SENTENCES_PER_PARAGRAPH
    return tuple(
        " ".join(sentences[start : start + step])
        for piece in _LOST_BREAK.split(" ".join(text.split()))
        for sentences in [_SENTENCE_BREAK.split(piece.strip())]
        for start in range(0, len(sentences), step)
    )


def _ordered(pair: Pair, rng: random.Random) -> Pair:
    """The pair with its arrival order drawn, so a change is tested in both directions."""
    if rng.random() < 0.5:
        return pair
    return Pair(pair.kind, pair.duplicate, pair.second, pair.first, pair.source)


def _natural(stories: list[Story]) -> Iterator[Pair]:
    """The labelled pairs of stories the wire itself sent twice, or that only look alike."""
    by_id = {(s.file, s.newid): s for s in stories}
    for file, labels in NATURAL.items():
        for label in ("duplicate", "distinct"):
            for a, b in labels[label]:
                first, second = by_id.get((file, a)), by_id.get((file, b))
                if first and second:
                    duplicate = label == "duplicate"
                    kind = "natural-duplicate" if duplicate else "natural-distinct"
                    yield Pair(kind, duplicate, first.body, second.body, f"{file}:{a}/{b}")


def _made_duplicates(stories: list[Story], titles: list[str], rng: random.Random) -> Iterator[Pair]:
    """Each long enough story paired with one copy per kind of change; chrome lists some of the titles."""
    by_topic = _by_topic(stories)
    for story in stories:
        if story.words < MIN_WORDS or len(story.paragraphs) < 2:
            continue
        source = story.key
        variants = {
            "retyped": _retyped(story.paragraphs, rng),
            "headline": story.body,
            "corrected": _corrected(story.paragraphs, rng),
            "paragraph-added": _paragraph_added(story, stories, by_topic, rng),
            "chrome": _wrapped(story.paragraphs, titles, rng),
            "truncated": _truncated(story.body),
        }
        if len(story.paragraphs) >= 3:
            variants["paragraph-removed"] = _paragraph_removed(story.paragraphs, rng)
        for kind, text in variants.items():
            if text is not None:
                yield Pair(kind, True, story.body, text, source)


def changed_copy(paragraphs: tuple[str, ...], titles: list[str], rng: random.Random) -> str:
    """A copy of a story with one change drawn at random among those that need no other story."""
    changes = {
        "retyped": lambda: _retyped(paragraphs, rng),
        "corrected": lambda: _corrected(paragraphs, rng) or "\n".join(paragraphs),
        "chrome": lambda: _wrapped(paragraphs, titles, rng),
        "truncated": lambda: _truncated("\n".join(paragraphs)),
    }
    if len(paragraphs) >= 3:
        changes["paragraph-removed"] = lambda: _paragraph_removed(paragraphs, rng)
    return changes[rng.choice(sorted(changes))]()


def _by_topic(stories: list[Story]) -> dict[str, list[Story]]:
    grouped: dict[str, list[Story]] = defaultdict(list)
    for story in stories:
        for topic in story.topics:
            grouped[topic].append(story)
    return grouped


def _retyped(paragraphs: tuple[str, ...], rng: random.Random) -> str:
    """The same words typed again: curly quotes, other dashes and spacing, commas dropped, blank lines."""
    retyped = []
    for paragraph in paragraphs:
        text = re.sub(r'"([^"]*)"', "“\\1”", paragraph).replace("'", "’").replace(" - ", " — ")
        text = re.sub(r",(?= )", lambda m: m[0] if rng.random() < 0.5 else "", text)
        retyped.append(re.sub(" ", lambda m: "  " if rng.random() < 0.1 else " ", text))
    return "\n\n".join(retyped)


def _corrected(paragraphs: tuple[str, ...], rng: random.Random) -> str | None:
    """The story sent again with one figure changed and a note saying which paragraph it corrects."""
    numbered = [i for i, p in enumerate(paragraphs) if _NUMBER.search(p)]
    if not numbered:
        return None
    index = rng.choice(numbered)
    matches = list(_NUMBER.finditer(paragraphs[index]))
    match = rng.choice(matches)
    digits = [c for c in match[0] if c.isdigit()]
    position = rng.randrange(len(digits))
    digits[position] = str((int(digits[position]) + rng.randint(1, 9)) % 10)
    iterator = iter(digits)
    figure = "".join(next(iterator) if c.isdigit() else c for c in match[0])
    fixed = paragraphs[index][: match.start()] + figure + paragraphs[index][match.end() :]
    note = f"(Corrects figure in paragraph {index + 1} of item sent earlier)"
    return "\n".join((note, *paragraphs[:index], fixed, *paragraphs[index + 1 :]))


def _paragraph_added(story: Story, stories: list[Story], by_topic: dict[str, list[Story]], rng: random.Random) -> str:
    """The story with one paragraph of another story on its subject inserted after its lead."""
    donors = [s for topic in story.topics for s in by_topic[topic] if s.key != story.key]
    donor = rng.choice(donors or stories)
    added = max(donor.paragraphs, key=len)
    position = rng.randint(1, len(story.paragraphs))
    return "\n".join((*story.paragraphs[:position], added, *story.paragraphs[position:]))


def _paragraph_removed(paragraphs: tuple[str, ...], rng: random.Random) -> str:
    """The story without one of its paragraphs after the lead."""
    dropped = rng.randrange(1, len(paragraphs))
    return "\n".join(p for i, p in enumerate(paragraphs) if i != dropped)


def _wrapped(paragraphs: tuple[str, ...], titles: list[str], rng: random.Random) -> str:
    """The story inside a page's furniture: menu, share and sign-up lines, related headlines, footer."""
    header = [" | ".join(rng.choice(CHROME_HEADERS)), *rng.sample(CHROME_LINES[:7], 2)]
    body = list(paragraphs)
    if len(body) > 2:
        body.insert(rng.randint(1, len(body) - 1), "Advertisement")
    related = [title.title() for title in rng.sample(titles, 3)]
    footer = [*rng.sample(CHROME_LINES[7:], 3), "Related coverage", *related, rng.choice(CHROME_LINES[-5:])]
    return "\n".join((*header, *body, *footer))


def _truncated(body: str) -> str:
    """The first 80% of the story's words, cut wherever that falls."""
    words = body.split(" ")
    return " ".join(words[: max(1, round(len(words) * TRUNCATE_TO))])


def _same_subject(stories: list[Story]) -> Iterator[Pair]:
    """Each story with the other story on its subject (a shared topic, else any) that shares the most words.

    Stories with the same title (a re-send) are not rivals; untitled ones are compared by text alone.
    """
    known = {(file, pair) for file, labels in NATURAL.items() for pairs in labels.values() for pair in pairs}
    by_topic = _by_topic(stories)
    vocab = {s.key: set(normalise(s.body).split()) for s in stories}
    for story in stories:
        if story.words < MIN_DISTINCT_WORDS:
            continue
        words = vocab[story.key]
        subject = [other for topic in story.topics for other in by_topic[topic]] or stories
        rivals = [
            other
            for other in subject
            if other.key != story.key
            and not (story.title and _title_key(other.title) == _title_key(story.title))
            and (story.file, (min(story.newid, other.newid), max(story.newid, other.newid))) not in known
        ]
        if rivals:
            rival = max(rivals, key=lambda other: len(words & vocab[other.key]))
            named = rival.newid if rival.file == story.file else rival.key
            yield Pair("same-subject", False, story.body, rival.body, f"{story.key}/{named}")


def _title_key(title: str) -> str:
    return normalise(_TITLE_NOISE.sub("", title))


def _two_quarters(stories: list[Story], rng: random.Random) -> Iterator[Pair]:
    """Each company results table with the same table for another quarter: every figure differs."""
    for story in stories:
        if "earn" not in story.topics or not any(p.startswith(("Shr", "Net")) for p in story.paragraphs):
            continue
        other = _NUMBER.sub(lambda m: _other_figure(m[0], rng), story.body)
        for quarter in _QUARTERS:
            other = other.replace(quarter, rng.choice([q for q in _QUARTERS if q != quarter]))
        yield Pair("two-quarters", False, story.body, other, f"{story.file}:{story.newid}")


def _other_figure(figure: str, rng: random.Random) -> str:
    """A figure of the same shape but another value, as the next quarter's table would print."""
    digits = [c for c in figure if c.isdigit()]
    first = str(rng.randint(1, 9)) if len(digits) > 1 else str(rng.randint(0, 9))
    fresh = iter([first, *(str(rng.randint(0, 9)) for _ in digits[1:])])
    changed = "".join(next(fresh) if c.isdigit() else c for c in figure)
    return changed if changed != figure else _other_figure(figure, rng)
