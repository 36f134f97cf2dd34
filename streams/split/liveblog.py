"""Live blogs: cut a blog's text into its opening summary and its entries, each ended by a byline and time stamp.

A stamp such as `Namita Singh23 June 2025 06:32` closes the entry before it: the author's name runs straight
into the day (or stands a space before it, `Sam Jones 4 December 2026 18:20`, on a line of its own or, in a blog
holding two or more such stamps, inside one), and the entry's headline runs straight into its text.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from typing import NamedTuple

from streams.split.headlines import best_cut, heads_text, split_headline
from streams.text.dateline import DATELINE_MONTHS
from streams.text.lexicon import WEEKDAYS
from streams.text.sentences import TRAILING_CLOSERS, sentence_starts

_MONTH_NAMES = "|".join(sorted(DATELINE_MONTHS, key=len, reverse=True))
"""Month names in English and the agencies' languages ("December", "Dec", "dicembre", "décembre"), longest first so
that the pattern takes a whole name."""
_NAME_WORD = r"[A-ZÀ-Þ][^\W\d_]*(?:['’.-][^\W\d_]+)*\.?"
FIRST_ENTRY_CHARS = 20_000
"""How far before its stamp the first entry's headline is looked for: some 3,000 words, more than an entry holds,
so that a page with an endless lead (190,000 short sentences) costs a bounded search, not a minute."""

_WHEN = (
    rf"(?P<day>\d{{1,2}}) (?P<month>(?i:{_MONTH_NAMES})) (?P<year>\d{{4}}),? (?P<hour>\d{{1,2}}):(?P<minute>\d{{2}})"
)
_GLUED_STAMP = re.compile(rf"(?<!\w)(?P<run>(?:{_NAME_WORD} ){{0,3}}{_NAME_WORD}){_WHEN}(?!\d)")
"""An entry's stamp with the author's name run into the day (`Namita Singh23 June 2025 06:32`)."""
_LINE_STAMP = re.compile(rf"(?m)^(?P<run>(?:{_NAME_WORD} ){{1,3}}{_NAME_WORD}) {_WHEN}[ \t]*$")
"""An entry's stamp as a line of its own, the author's name (two words or more, the last no weekday) and the day and
time (`Sam Jones 4 December 2026 18:20`): a sentence's date after a capitalised word ("on Thursday 18 December 2026
12:00 GMT") is no stamp."""
_SPACED_STAMP = re.compile(
    rf"(?<!\w)(?P<run>(?:{_NAME_WORD} ){{1,3}}{_NAME_WORD}) {_WHEN}(?=[ \t]+[A-ZÀ-Þ\"“‘']|\s*\Z)"
)
"""The same stamp inside a line, as a scraper that joins a blog's blocks with spaces leaves it (`... is essential.
Priya Raman 5 December 2026 22:45 Pictures: Waves batter ...`): taken only where a text holds two or more, as a
blog does."""
_LEAST_SPACED_STAMPS = 2
_ISO_DAY = len("YYYY-MM-DD")
_CLOCK_LINE = re.compile(r"(?m)^[ \t]*(?P<hour>[01]?\d|2[0-3]):(?P<minute>[0-5]\d)(?:[ \t]+(?P<zone>GMT|UTC))?[ \t]*$")
"""A line that is only a clock time, as a blog that heads each entry with its time writes it (`16:20 GMT`)."""
_BARE_STAMP = re.compile(rf"(?m)^[ \t]*{_WHEN}[ \t]*$")
"""An entry's stamp without its author, the day and time as a line of their own (`5 December 2026 13:10`): taken
only where a text holds two or more."""
_YEAR_AND_CLOCK = re.compile(r"\d{4},? \d{1,2}:\d{2}")
"""What every stamp holds, the end of `_WHEN`."""


class Entry(NamedTuple):
    """One live-blog entry: its headline where it has one, its text, and the stamp that closed it."""

    title: str | None
    body: str
    author: str | None
    published_at: str | None


class _Stamp(NamedTuple):
    """An entry's closing byline and time, with where it sits in the blog text (no author for a bare day and time)."""

    start: int
    end: int
    author: str | None
    published_at: str


def liveblog(body: str, latest: str | None = None) -> tuple[str, list[Entry]] | None:
    """The blog's opening summary and its entries in page order, or None when the text has no entry stamps.

    Entries are ended by a byline and stamp; in a blog with none, two or more lines that are only a clock time
    (`16:20 GMT`) each open one, dated by `latest`, the latest time the blog can state (its update, publication or
    crawl): on its day, or the day before for a clock after its time of day.
    """
    stamps = _find_stamps(body)
    if not stamps:
        return _clock_headed(body, latest) if latest and len(latest) >= _ISO_DAY else None
    prefix = body[: stamps[0].start]
    cut = _first_entry_start(prefix)
    pieces: list[tuple[str, _Stamp | None]] = [(prefix[cut:], stamps[0])]
    pieces.extend((body[previous.end : stamp.start], stamp) for previous, stamp in pairwise(stamps))
    pieces.append((body[stamps[-1].end :], None))
    entries: list[Entry] = []
    for text, stamp in pieces:
        title, entry_body = _entry_parts(text)
        if not entry_body:
            continue
        entries.append(Entry(title, entry_body, stamp.author if stamp else None, stamp.published_at if stamp else None))
    return _paragraphs(prefix[:cut]), entries


def _clock_headed(body: str, latest: str) -> tuple[str, list[Entry]] | None:
    """The summary and entries of a blog whose entries each open on a line of a clock time, dated by `latest`; in
    UTC when the clock says GMT or UTC, else without a zone."""
    clocks = [*_CLOCK_LINE.finditer(body)]
    if len(clocks) < _LEAST_SPACED_STAMPS or not all(
        _heads_lines(body, min(len(body), clock.end() + 1)) for clock in clocks
    ):
        return None  # a timeline's or a listing's times head sentences, a blog's its entries' headlines
    try:
        day, until = date.fromisoformat(latest[:_ISO_DAY]), latest[_ISO_DAY + 1 : _ISO_DAY + 6]
    except ValueError:  # no day to date the entries by
        return None
    entries: list[Entry] = []
    for clock, following in zip(clocks, [*clocks[1:], None], strict=True):
        title, entry_body = _entry_parts(body[clock.end() : following.start() if following else len(body)])
        if not entry_body:
            continue
        written = f"{int(clock['hour']):02d}:{clock['minute']}"
        on = day - timedelta(days=1) if until and written > until else day
        entries.append(
            Entry(title, entry_body, None, f"{on.isoformat()}T{written}:00{'+00:00' if clock['zone'] else ''}")
        )
    return _paragraphs(body[: clocks[0].start()]), entries


def _paragraphs(text: str) -> str:
    """The text's lines with their spacing collapsed, blank ones left out."""
    return "\n".join(" ".join(line.split()) for line in text.split("\n") if line.strip())


def _entry_parts(text: str) -> tuple[str | None, str]:
    """An entry's headline and text: its first line when that heads the lines after it, else cut off the text it
    runs straight into; the text is the headline itself for an entry that is only one (a picture's caption)."""
    lines = _paragraphs(text)
    first, _, rest = lines.partition("\n")
    if rest and heads_text(first, rest):
        return first, rest
    flat = " ".join(lines.split())
    title, entry_body = split_headline(flat) if flat else (None, "")
    return title, entry_body or title or flat


def stamp_times(text: str) -> list[str]:
    """Every live-blog entry time in the text, in UTC: absolute clocks the page gives, wherever they sit."""
    return [moment for match in _stamp_matches(text) if (moment := _stamp_time(match))]


def _find_stamps(text: str) -> list[_Stamp]:
    """Locate entry-end bylines, naming authors consistently across the whole blog."""
    timed = [(match, moment) for match in _stamp_matches(text) if (moment := _stamp_time(match))]
    named = [match for match, _ in timed if "run" in match.re.groupindex]
    confident = {match["run"] for match in named if _follows_boundary(text, match.start("run"))}
    stamps: list[_Stamp] = []
    for match, moment in timed:
        if "run" not in match.re.groupindex:
            stamps.append(_Stamp(match.start(), match.end(), None, moment))
            continue
        author = _resolve_author(match["run"], confident)
        start = match.start("run") + match["run"].rfind(author)
        stamps.append(_Stamp(start, match.end(), author, moment))
    return stamps


def _stamp_matches(text: str) -> list[re.Match[str]]:
    """The entry stamps of a text in any form, in text order."""
    if not _YEAR_AND_CLOCK.search(text):  # most texts hold no stamp: one quick search spares them the three patterns
        return []
    found = [*_GLUED_STAMP.finditer(text)]
    spaced = [match for match in _SPACED_STAMP.finditer(text) if match["run"].split()[-1].casefold() not in WEEKDAYS]
    if len(spaced) < _LEAST_SPACED_STAMPS:
        spaced = [match for match in _LINE_STAMP.finditer(text) if match["run"].split()[-1].casefold() not in WEEKDAYS]
    bare = [*_BARE_STAMP.finditer(text)]
    bare = bare if len(bare) >= _LEAST_SPACED_STAMPS else []
    return sorted(found + spaced + bare, key=lambda match: match.start())


def _stamp_time(match: re.Match[str]) -> str | None:
    """Read a stamp's date and time as UTC, refusing dates that do not exist."""
    try:
        moment = datetime(
            int(match["year"]),
            DATELINE_MONTHS[match["month"].casefold()],
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
    return not before or before[-1] in ".!?" + TRAILING_CLOSERS


def _resolve_author(run: str, confident: set[str]) -> str:
    """Separate a byline from capitalised headline words before it, using bylines seen unambiguously."""
    words = run.split(" ")
    for size in range(len(words), 0, -1):
        candidate = " ".join(words[-size:])
        if candidate in confident:
            return candidate
    return " ".join(words[-2:])


def _first_entry_start(prefix: str) -> int:
    """Find where the first entry's headline starts: at the last line that heads the lines after it, in a blog laid
    out in lines; else at the sentence start with the best glued headline within `FIRST_ENTRY_CHARS` of the first
    stamp."""
    window = max(len(prefix) - FIRST_ENTRY_CHARS, 0)
    heading = [found.start() for found in _LINE_START.finditer(prefix, window) if _heads_lines(prefix, found.start())]
    if heading:
        return heading[-1]
    # A window cut mid-sentence: its first offset is no sentence start.
    starts = [window + start for start in sentence_starts(prefix[window:]) if start or not window]
    scored = [(found.score, start) for start in starts if (found := best_cut(prefix[start:]))]
    return max(scored, key=lambda pair: pair[0])[1] if scored else 0


_LINE_START = re.compile(r"(?m)^(?=\S)")


def _heads_lines(text: str, start: int) -> bool:
    """Whether the line of a text that starts at `start` is a headline over lines after it."""
    line, _, rest = text[start:].partition("\n")
    return bool(rest.strip()) and heads_text(line.strip(), rest.strip())
