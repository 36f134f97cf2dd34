"""When a page says its article was published and last modified, to the second where the page states it.

The page's own structured stamps come first, in this order: JSON-LD (`datePublished`, `dateModified`),
meta tags (OpenGraph `article:published_time`, microdata `itemprop`) and `<time>` elements marked as the
publication time, in ISO 8601 or as e-mail headers write dates ("Wed, 04 May 2022 00:25:56 GMT"). They
carry the time of day and zone as the publisher wrote them, with one exception: many pages state the
stamp in UTC while they show the reader the local day and clock time ("February 24, 2020 | 9:25pm" over
`2020-02-25T02:25:54+00:00`). The first clock time in the page's text that reads as the UTC stamp's own
minute in some zone offset (-12:00 to +14:00), with that zone's day and year written beside it, gives
the page's zone: when it puts the stamp on another day, the stamp is written in that offset, the same
instant on the page's day. A zone other than UTC is the publisher's own and is kept.

Without a stated stamp, the publication day is the article's dateline, read by htmldate's text patterns:
the date written right before the first clock time the page shows with one ("Stand: 28.04.2020 18:00
Uhr") or the first date after a publication label ("Erstellt am: 01.11.2023"), whichever comes first; a
Chinese or Japanese dateline without its year ("[06月24日 11時30分]") takes the year that puts it nearest
htmldate's reading of the whole page. Else htmldate's reading stands. Asked for a full timestamp htmldate gives midnight
without a zone when it found only a day, which is kept as a day, and on some paths drops the time of a
stamp it did read: a plain `<time>` element on the day gives the time of day, else the clock time written with the
dateline's date (without a zone: the page states none). `<time>` elements of other stories (teaser lists, asides
outside the article) give no time, and a stamp htmldate took from one keeps only its day.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from html import escape
from typing import NamedTuple

from htmldate import find_date
from htmldate.extractors import get_external_parser
from lxml.etree import XPath
from lxml.html import HtmlElement

from streams.clean.markup import in_link
from streams.clean.provenance import meta_values
from streams.ingest import parse_time
from streams.text.dateline import DATELINE_MONTHS
from streams.text.lexicon import WEEKDAYS

_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_DAY_ONLY = "T00:00:00"
"""What htmldate writes after a date it found without a time of day (a stated time would carry a zone)."""
_DAY_CHARS = len("YYYY-MM-DD")
_NO_DATE = "zzqx 4417"
"""Text no language reads as a date, so dateparser tries, and loads, every language."""
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate")
_MODIFIED_META = ("article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified")
_PUBLISHED_TIME = "//time[@datetime][@itemprop='datePublished' or @pubdate]"
_MODIFIED_TIME = "//time[@datetime][@itemprop='dateModified']"
_ANY_TIME = "//time[@datetime]"
_CLOCK = (
    r"(?:\b|(?<=日))(?P<hour>[01]?\d|2[0-3])(?::|時|h(?=[0-5]\d)|\.(?=[0-5]\d\s?(?:uur|Uhr)\b))(?P<minute>[0-5]\d)"
    r"(?:分|:[0-5]\d)?"
    r"(?:\s?(?P<half>[ap])\.?\s?m\b)?"
)
_SHOWN_CLOCK = re.compile(_CLOCK, re.IGNORECASE)
"""A clock time as pages show it: "21:25", "00:04 Uhr", "9:25pm", "11:30 p.m.", "2:00 a. m.", "11時30分", "14h12",
"18.05 uur"."""
_HALF_DAY_HOURS = 12
_JOINT = r"[\s,|\-\u2013\u2014\u00b7/]*"
_DATELINE = re.compile(
    rf"(?<![\d:])\d{{1,4}}日?{_JOINT}(?:\b[^\W\d]{{1,3}}\b\.?{_JOINT}){{0,2}}{_CLOCK}", re.IGNORECASE
)
"""A clock time right after a number that ends a date, at most two short words between: "28.04.2020 18:00",
"November 8, 2023 at 11:30 p.m.", "2023-11-07 15:03:30", "6月24日 11時30分", "4 de marzo de 2025 a las 12:30"; not
"31.10.2023, gegen 23:40" in a story."""
_PUBLISHED_LABELS = (
    r"published|posted|veröffentlicht|erstellt|publiziert|publicad[oa]|publiée?|pubblicat[oa]|opublikowano"
    r"|gepubliceerd|publicerad|publisert|julkaistu"
)
"""Words labelling a publication date, in the languages of the news sets."""
_UPDATED_LABELS = (
    r"(?:last\s+|zuletzt\s+)?updated|aktualisiert|mis\s+à\s+jour|actualizad[oa]|aggiornat[oa]|bijgewerkt"
    r"|atualizad[oa]|aktualizacja|zaktualizowano|обновлен[оа]?|обновлён[оа]?|oppdatert|uppdaterad|opdateret|päivitetty"
    r"|laatste\s+update|letzte\s+aktualisierung|derni[eè]re\s+mise\s+à\s+jour|[úu]ltima\s+actualizaci[óo]n"
    r"|ultimo\s+aggiornamento|[úu]ltima\s+atualiza[çc][ãa]o|(?:ostatnio\s+)?modyfikowane|zmodyfikowano"
)
"""Words labelling the date a story was last updated, in the languages of the news sets and the probes."""
_STAMP_LINE = re.compile(
    rf"(?:(?:first\s+)?(?:{_PUBLISHED_LABELS})|(?P<updated>{_UPDATED_LABELS}))(?:\s+(?:on|am|le|el|il|op|em|den))?"
    r"\s*:?\s+(?P<when>\S.*)",
    re.IGNORECASE,
)
_STAMP_WORDS = 8
_YEAR = re.compile(r"\d{4}")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_CLOCK_WORDS = frozenset({"gmt", "utc", "bst", "cet", "cest", "est", "edt", "uhr", "h", "am", "pm", "a", "m", "p", "at",
                          "à", "um", "alle", "às", "las", "o"})  # fmt: skip
"""The words a clock time after a date may hold ("at 14:02 GMT", "um 9:30 Uhr", "às 12:45"): any other makes the
line a sentence that opens on a date."""
_UPDATE_AFTER = re.compile(rf"\s*[,;|·(]\s*(?:{_UPDATED_LABELS})\b.*$", re.IGNORECASE)
"""An update's time written after the publication's on its stamp line ("4 décembre 2026 à 09h30, mis à jour à
11h12")."""
_OTHER_ZONE = re.compile(r"\s*\(?[A-Z]{2,5}\b")
"""A zone's abbreviation after a clock time ("CET", "IST", "AEDT"), which a stamp keeps only the day of."""
_STAMP_ZONE = re.compile(r"\s*(?P<zone>GMT|UTC|Z|[+-]\d{2}:?\d{2})\b", re.IGNORECASE)
"""The zone a stamp line writes after its clock time, when it is UTC or an offset."""
_UTC_NAMES = frozenset({"GMT", "UTC", "Z"})
"""Most words of a stamp line's date and time ("Thursday 4 December 2026 10:15 GMT")."""
_LABELLED = re.compile(
    rf"\b(?:{_PUBLISHED_LABELS})(?:\s(?:am|on|el|em|le|il|op|den))?\s?:?\s"
    r"(?=(?:[^\W\d]+\.?,?\s){0,2}\d)",
    re.IGNORECASE,
)
"""A label saying the date after it is the publication's ("Erstellt am: 01.11.2023", "Published: March 3, 2020",
"Publié le 12 mars 2021"): a dateline without a clock time. Not "published in Nature on 3 March" in a story."""
_UPDATED = re.compile(
    rf"\b(?P<label>{_UPDATED_LABELS})(?:\s+(?:on|am|le|el|il|op|em|den|alle|às|a\s+las|о))?(?:\s*:?\s+|\s+l['’])"
    r"(?=\d|[^\W\d]+\.?\s+\d)",
    re.IGNORECASE,
)
"""An update label before the date or clock time it labels, in a page's text ("Aktualisiert am 15. Oktober 2025,
08:10", "Mis à jour le 6 novembre 2025 à 07h45", "Обновлено: 12 марта 2025, 16:30", "Updated: 09:40", "Aggiornato
l'8 novembre 2025")."""
_BEFORE_THE_HEADLINE = XPath("boolean(following::h1) and not(preceding::h1)")
"""Whether an element comes before the page's first h1 (and so before its story's headline)."""
_HOLDING = XPath("//body/descendant::text()[contains(., $words)][not(parent::script or parent::style)]")
"""The visible text pieces holding the words, in page order."""
_WRITTEN_MONTHS = DATELINE_MONTHS | {
    name: number
    for names in (
        "januari februari maart april mei juni juli augustus september oktober november december",  # Dutch
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia",  # Polish
    )
    for number, name in enumerate(names.split(), start=1)
}
"""Month names as the news sets' languages write a date in full ("12 maggio 2025", "3 maart 2025", "5 maja 2025")."""
_NAMED_DATE = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})\.?\s+(?:de\s+)?(?P<month>"
    + "|".join(sorted(_WRITTEN_MONTHS, key=len, reverse=True))
    + r")\.?,?\s+(?:de\s+)?(?P<year>\d{4})(?!\d)",
    re.IGNORECASE,
)
"""A date written day first with its month's name, as most of those languages write it ("18 de setembro de 2025")."""
_MONTH_DAY = re.compile(r"(?<!\d)(\d{1,2})月(\d{1,2})日")
"""A day as Chinese and Japanese pages write it without its year: "06月24日"."""
_VISIBLE_TEXT = XPath("//body/descendant::text()[not(parent::script or parent::style)]", smart_strings=False)
"""Plain strings: lxml's default ones keep a link to their element, which made this the page's costliest step. One
descendant step: libxml2 merges the node sets of `//body//text()` with a check for duplicates that took 58 s on a
page of 40,000 `<time>` elements (3 s now)."""
_ZONE_OFFSETS = range(-12 * 60, 14 * 60 + 1, 15)
"""The offsets of the world's zones from UTC, in minutes: -12:00 to +14:00, in quarter hours."""
_MINUTES_A_DAY = 24 * 60
_RFC_2822 = re.compile(r"(?:[A-Z][a-z]{2}, )?\d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(?::\d{2})? (?:[+-]\d{4}|GMT|UTC?)")
"""Dates as e-mail and HTTP headers write them, with a zone: "Wed, 04 May 2022 00:25:56 GMT"."""
_BESIDE_CHARS = 40
"""How far around a shown clock time its day and year are looked for: "February 24, 2020 | 9:25pm"."""
_WHOLE_WORDS = re.compile(rf".{{0,{_BESIDE_CHARS}}}(?!\S)")
"""The words that fit in as many characters, none cut: a cut "Updated: Nov. 1" would lend the day "1"."""
_NUMBER = re.compile(r"(?<!\d)0*(\d+)")
_JAVA_DATE = re.compile(
    r"[A-Z][a-z]{2} (?P<day>[A-Z][a-z]{2} \d{1,2} \d{2}:\d{2}:\d{2}) (?P<zone>[A-Z]{3,4}) (?P<year>\d{4})"
)
_ZONE_HOURS = {"UTC": 0, "GMT": 0, "EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8,
               "PDT": -7, "BST": 1, "CET": 1, "CEST": 2}  # fmt: skip
"""Zone abbreviations that name one offset where news pages use them (North America, UK, central Europe)."""
_NEW_YEAR = "-01-01"
_EARLIEST_YEAR = 1800
"""Stamps before this year are a CMS's placeholder for "unset" ("0001-01-01T00:00:00"), not a publication."""
_UNIX_EPOCH = datetime(1970, 1, 1)
"""Midnight of 1 January 1970, what a zero Unix time reads as: another placeholder for "unset"."""
_CLOCK_SLACK = timedelta(days=1)
"""How far past the crawl a stated stamp may lie, for a page whose zone is read wrong; later, it is a scheduled or
placeholder time ("2099-12-31T23:59:59"), not when the article came out."""
_OTHER_STORIES = re.compile(
    r"related|trending|teaser|popular|most-?read|recommend|sidebar|more-stories|latest", re.IGNORECASE
)
"""The classes and ids of the parts of a page that list other stories with their times."""
_FURNITURE_TAGS = frozenset({"nav", "footer"})
_STORY_META = re.compile(r"meta|byline|date|info", re.IGNORECASE)
"""Classes of an aside that holds the story's own byline and stamps rather than other stories ("meta_extras")."""
_CONTENT_TAGS = frozenset({"article", "main", "body"})
"""The elements that hold a story and the parts around it, whose classes name the page's layout ("has-sidebar")."""
_UNIX_TIME_DIGITS = (10, 13)
"""The lengths of a Unix time in seconds or milliseconds from 2001 to 2286."""
_EARLIEST_EPOCH_SECONDS = 631_152_000  # 1990-01-01
_LATEST_EPOCH_SECONDS = 4_102_444_800  # 2100-01-01
"""The Unix times a page's stamp can hold; a larger number counts milliseconds."""


def warm_up() -> None:
    """Load every language of htmldate's last resort (dateparser) now: it loads them all the first time a page's
    date is left to it, about 1.3 s of one page's cleaning otherwise."""
    get_external_parser().get_date_data(_NO_DATE)


class PageText:
    """A page's visible text, read from its tree once, when first needed: both of its times may read it."""

    def __init__(self, tree: HtmlElement) -> None:
        self._tree = tree

    @functools.cached_property
    def text(self) -> str:
        """The text of the page's body without scripts and styles, its whitespace collapsed."""
        texts: list[str] = _VISIBLE_TEXT(self._tree)
        return " ".join(" ".join(texts).split())


def published_time(
    tree: HtmlElement,
    nodes: list[dict[str, object]],
    url: str | None,
    crawled: datetime | None = None,
    page: PageText | None = None,
) -> str | None:
    """The page's publication time as ISO 8601 (`nodes`: its JSON-LD objects, `page`: its text, when read already):
    a bare date when it states no time of day; none after the crawl (now, when not given)."""
    page = page or PageText(tree)
    stated = _stated(tree, nodes, "datePublished", _PUBLISHED_META, _PUBLISHED_TIME, crawled)
    if stated:
        return _on_shown_day(stated, page)
    latest = (crawled + _CLOCK_SLACK).replace(tzinfo=None) if crawled else None
    found = find_date(tree, url=url, original_date=True, extensive_search=True, outputformat=_FORMAT, max_date=latest)
    day = _iso(found.removesuffix(_DAY_ONLY)) if found else None
    if day and len(day) > _DAY_CHARS and _not_the_story_s(day, tree):
        day = day[:_DAY_CHARS]  # htmldate took another story's stamp: its day may be the story's, its time is not
    if day and day.endswith(_NEW_YEAR) and not _new_year_stated(day, tree, url, page.text):
        day = None
    shown = _dateline(page.text, day)
    if shown and shown.day != (day or "")[:_DAY_CHARS]:
        return _clock_on(tree, shown.day, shown.clock)
    if day and len(day) == _DAY_CHARS:
        return _clock_on(tree, day, shown.clock if shown else None)
    return day


def _not_the_story_s(stamp: str, tree: HtmlElement) -> bool:
    """Whether a stamp htmldate read is another story's: one of other stories' `<time>` stamps, or a time without a
    zone, read from the page's text, on a day its own `<time>` stamps have, other than theirs (a teaser's "25 lutego
    2025, 09:55" in a side column under the story's `<time datetime="2025-02-25T11:30:00+01:00">`)."""
    if stamp in {_iso(value) for value in _time_values(tree, _ANY_TIME, others=True)}:
        return True
    if datetime.fromisoformat(stamp).tzinfo is not None:
        return False
    own = {_iso(value) for value in _time_values(tree, _ANY_TIME)}
    return stamp not in own and any(found and found.startswith(f"{stamp[:_DAY_CHARS]}T") for found in own)


def _new_year_stated(day: str, tree: HtmlElement, url: str | None, text: str) -> bool:
    """Whether the page states the January 1 htmldate found, in its markup, URL or text: htmldate makes that day
    up from a year alone, such as a footer's "© 2019", when it finds nothing better."""
    if find_date(tree, url=url, original_date=True, extensive_search=False) == day:
        return True
    year = day[:4]
    return any(
        _day_written(text[max(0, found.start() - _BESIDE_CHARS) : found.end() + _BESIDE_CHARS]) == day
        for found in re.finditer(rf"(?<!\d){year}(?!\d)", text)
    )


class _Dateline(NamedTuple):
    """The day an article's dateline gives, and the clock time written with it ("18:00"), if any."""

    day: str
    clock: str | None


def _dateline(text: str, near: str | None) -> _Dateline | None:
    """The article's dateline, whichever the page's text shows first: the date right before the first clock time
    shown with one ("Stand: 28.04.2020 18:00 Uhr", "February 24, 2020 | 9:25pm", "12 maggio 2025 ore 15:40"),
    with that time, or the first date after a publication label ("Erstellt am: 01.11.2023"), with the time written
    after that date if the first reading finds the same day ("Publié le 3 mars 2025 à 14h12"). A dateline without
    its year ("[06月24日 11時30分]") takes the year that puts it nearest the day `near` found elsewhere on the page.
    """
    readings: list[tuple[int, str | None, str | None]] = []
    if dateline := next((found for found in _DATELINE.finditer(text) if not _after_update_label(text, found)), None):
        beside = text[max(0, dateline.start() - _BESIDE_CHARS) : dateline.end()]
        clock = _written_clock(dateline)
        readings.append((dateline.start(), _day_written(beside) or _day_without_year(beside, near), clock))
    if label := _LABELLED.search(text):
        after = _WHOLE_WORDS.match(text, label.end())
        readings.append((label.end(), _day_written(after[0] if after else ""), None))
    day = next((day for _, day, _ in sorted(readings) if day), None)
    return _Dateline(day, next((clock for _, read, clock in readings if read == day and clock), None)) if day else None


def _after_update_label(text: str, found: re.Match[str]) -> bool:
    """Whether a date and clock time found in the text are the ones an update label before them gives: the story's
    last update, not its publication ("14. Oktober 2025 · Aktualisiert am 15. Oktober 2025, 08:10")."""
    before = text[max(0, found.start() - _BESIDE_CHARS) : found.start()]
    labels = list(_UPDATED.finditer(before))
    return bool(labels) and not _SHOWN_CLOCK.search(before, labels[-1].end())


def _written_clock(found: re.Match[str]) -> str | None:
    """The clock time written beside a date: "1:12" there may be a video's length, so only "01:12", "18:00" or
    "1:12 pm" counts."""
    return _clock_time(found) if len(found["hour"]) == len("hh") or found["half"] else None


def _clock_time(found: re.Match[str]) -> str | None:
    """The clock time a match of `_CLOCK` read, as ISO 8601 writes it ("21:25:00"); None for an impossible one."""
    hour, minute, half = int(found["hour"]), int(found["minute"]), (found["half"] or "").lower()
    if half and not 1 <= hour <= _HALF_DAY_HOURS:
        return None
    hour = hour % _HALF_DAY_HOURS + (_HALF_DAY_HOURS if half == "p" else 0) if half else hour
    return f"{hour:02d}:{minute:02d}:00"


class StampLine(NamedTuple):
    """A line that only says when its story was published or last updated, and the time it gives: the day, with the
    time of day and zone where the line writes them."""

    when: str
    updated: bool


def stamp_line(line: str) -> StampLine | None:
    """What a line gives that only states when the story was published or updated ("Published: 4 December 2026
    10:15 GMT", "Updated 5 Dec 2026", "Veröffentlicht am 04.12.2026"), when it writes the day and year."""
    found = _STAMP_LINE.fullmatch(line.strip())
    when = _UPDATE_AFTER.sub("", found["when"]) if found else ""  # "..., mis à jour à 11h12": the publication's
    if found is None or len(when.split()) > _STAMP_WORDS or not _opens_a_date(when):
        return None
    day = _day_written(when)
    return StampLine(_with_clock(day, when), found["updated"] is not None) if day else None


def date_line(line: str) -> str | None:
    """The time a line gives that is nothing but a date, with its clock time where written ("5 December 2026",
    "4 Dec 2026, 14:02 GMT"): under a headline and byline, the story's publication."""
    written = line.strip()
    year = _YEAR.search(written)
    if year is None or len(written.split()) > _STAMP_WORDS or not _opens_a_date(written):
        return None
    if any(word.casefold() not in _CLOCK_WORDS for word in _LETTER_RUN.findall(written[year.end() :])):
        return None
    day = _day_written(written)
    return _with_clock(day, written) if day else None


def _with_clock(day: str, written: str) -> str:
    """The day with the clock time a stamp line writes ("10:15 GMT", "4:05 pm", "09:30 Uhr"), in the zone it names
    when that is UTC or an offset, else without a zone (a zone's abbreviation, "CET", is not read)."""
    found = _SHOWN_CLOCK.search(written)
    clock = _clock_time(found) if found else None
    if found is None or clock is None:
        return day
    zone = (named["zone"] if (named := _STAMP_ZONE.match(written, found.end())) else "").upper()
    if not zone and _OTHER_ZONE.match(written, found.end()):
        return day  # "10:15 CET": the zone's offset is not read, and the time alone would be taken for UTC
    offset = "+00:00" if zone in _UTC_NAMES else f"{zone[:3]}:{zone[-2:]}" if zone else ""
    return f"{day}T{clock}{offset}"


def _opens_a_date(text: str) -> bool:
    """Whether text starts as a date does, on a figure, a month or a weekday ("4 December", "Dec 5", "Thursday"), not
    as a headline's words after "Updated" or "Published" do ("Updated guidance on vaccines issued 3 March 2021")."""
    first = text.split(maxsplit=1)[0].strip(".,").casefold()
    return first[:1].isdigit() or first in DATELINE_MONTHS or first in WEEKDAYS


def _day_written(text: str) -> str | None:
    """The date htmldate's text patterns read in the text, else one written with a month's name in a language of
    the news sets ("12 maggio 2025", "18 de setembro de 2025", "3 maart 2025"), when the text writes its day and
    year."""
    found: str | None = find_date(f"<html><body><p>{escape(text)}</p></body></html>", original_date=True)
    named = _NAMED_DATE.search(text)
    if found and _written_beside(date.fromisoformat(found), text) and not (named and found.endswith(_NEW_YEAR)):
        return found  # htmldate makes 1 January of a lone year where it does not read the month ("1 agosto 2025")
    if named is None:
        return None
    try:
        return date(int(named["year"]), _WRITTEN_MONTHS[named["month"].casefold()], int(named["day"])).isoformat()
    except ValueError:
        return None


def _day_without_year(text: str, near: str | None) -> str | None:
    """The last month and day the text writes in Chinese or Japanese ("06月24日") in the year that puts it
    nearest the day `near`; None without such a day or a day to be near.
    """
    written = _MONTH_DAY.findall(text)
    if not written or not near:
        return None
    (month, day), reference = written[-1], date.fromisoformat(near[:_DAY_CHARS])
    candidates = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            candidates.append(date(year, int(month), int(day)))
        except ValueError:
            continue
    return min(candidates, key=lambda candidate: abs(candidate - reference)).isoformat() if candidates else None


def _written_beside(day: date, text: str) -> bool:
    """Whether the text writes the day's day of the month and year: not a date made up from a year alone."""
    return {str(day.day), str(day.year)} <= set(_NUMBER.findall(text))


def _clock_on(tree: HtmlElement, day: str, clock: str | None = None) -> str:
    """The earliest unmarked `<time>` stamp on the day found, which gives its time of day and zone; else the day at
    the clock time its dateline writes, without a zone (the page states none); else the day.

    Pages often put the publication stamp in a plain `<time datetime>`; comments and updates come later.
    """
    stamps = [stamp for value in _time_values(tree, _ANY_TIME) if (stamp := _iso(value.strip()))]
    timed = [stamp for stamp in stamps if stamp.startswith(f"{day}T")]
    written = f"{day}T{clock}" if clock else day
    return min(timed, key=lambda stamp: parse_time(stamp) or datetime.max.replace(tzinfo=UTC), default=written)


def _on_shown_day(stamp: str, page: PageText) -> str:
    """A UTC stamp in the zone of the first clock time the page shows for it beside that zone's day and year,
    when that zone puts it on another day; else the stamp as stated (a zone other than UTC is the publisher's).
    """
    moment = datetime.fromisoformat(stamp)
    if len(stamp) <= _DAY_CHARS or moment.utcoffset() != timedelta(0):
        return stamp
    shown = next(_shown_moments(page.text, moment), moment)
    return shown.isoformat() if shown.date() != moment.date() else stamp


def _shown_moments(text: str, moment: datetime) -> Iterator[datetime]:
    """The moment in each zone offset where its clock reads a time of day the page's text shows next to the
    day of the month and year the moment has there, in page order.
    """
    in_utc = moment.astimezone(UTC)
    utc_minute = in_utc.hour * 60 + in_utc.minute
    for match in _SHOWN_CLOCK.finditer(text):
        if (clock := _clock_time(match)) is None:
            continue
        shift = (int(clock[:2]) * 60 + int(clock[3:5]) - utc_minute) % _MINUTES_A_DAY
        # the clock's own numbers are no day of the month: only the text around it counts
        before, after = text[max(0, match.start() - _BESIDE_CHARS) : match.start()], text[match.end() :][:_BESIDE_CHARS]
        beside = f"{before} {after}"
        for offset in (offset for offset in (shift, shift - _MINUTES_A_DAY) if offset in _ZONE_OFFSETS):
            try:
                local = moment.astimezone(timezone(timedelta(minutes=offset)))
            except OverflowError:
                continue
            if _written_beside(local.date(), beside):
                yield local


def modified_time(
    tree: HtmlElement,
    nodes: list[dict[str, object]],
    published: str | None,
    crawled: datetime | None = None,
    page: PageText | None = None,
) -> str | None:
    """The page's last-modified time as ISO 8601, where its metadata states one after the publication (a CMS may leave
    JSON-LD's `dateModified` at the publication's time while `article:modified_time` moves on), else where its text
    shows one after an update label; not after the crawl, and none without a publication time to be later than."""
    if published is None:
        return None
    stated = _stated(tree, nodes, "dateModified", _MODIFIED_META, _MODIFIED_TIME, crawled, after=published)
    if stated:
        return stated
    shown = _shown_update(tree, (page or PageText(tree)).text, published)
    latest = (crawled or datetime.now(UTC)) + _CLOCK_SLACK
    return shown if shown and _not_after(shown, latest) and _later(shown, published) else None


def _later(modified: str, published: str) -> bool:
    """Whether a modification time is later than the publication: else the page stated none. A time without a zone is
    the page's clock, compared with the publication's clock."""
    later, earlier = parse_time(modified), parse_time(published)
    if later and earlier and datetime.fromisoformat(modified).tzinfo is None:
        earlier = earlier.replace(tzinfo=UTC)  # parse_time read the page's clock as UTC: the publication's clock too
    return bool(later and earlier and later > earlier)


def _shown_update(tree: HtmlElement, text: str, published: str | None) -> str | None:
    """The time the first update label of the page's text gives, teasers' labels left out: its date, else the
    publication's day when it gives a clock time only ("Updated: 09:40"), at the clock time written after it; in
    the publication stamp's zone when the page shows the publication's time of day, as it then shows its clock in
    that zone; else without a zone.
    """
    labels = ((found, _label_holder(tree, text, found)) for found in _UPDATED.finditer(text))
    label, holder = next(((found, holder) for found, holder in labels if not _teasers(holder)), (None, None))
    if label is None:
        return None
    after = _WHOLE_WORDS.match(text, label.end())
    written = after[0] if after else ""
    if holder is not None and (marked := _marked_stamp(holder, written)):
        return marked
    day = _day_written(written) or (published[:_DAY_CHARS] if published and _SHOWN_CLOCK.match(written) else None)
    if day is None:
        return None
    found = _SHOWN_CLOCK.search(written)
    clock = _written_clock(found) if found else None
    if clock is None:
        return day
    naive = f"{day}T{clock}"
    stamp = datetime.fromisoformat(published) if published and len(published) > _DAY_CHARS else None
    if stamp is None or stamp.tzinfo is None or not _shows_clock(text, stamp.strftime("%H:%M:00")):
        return naive
    return datetime.fromisoformat(naive).replace(tzinfo=stamp.tzinfo).isoformat()


def _label_holder(tree: HtmlElement, text: str, label: re.Match[str]) -> HtmlElement | None:
    """The element whose text piece holds an update label found in the page's text: the piece holding its words as
    often before it in the text as the text holds them."""
    words = label["label"]
    holders = _HOLDING(tree, words=words)
    nth = text.count(words, 0, label.start())
    if nth >= len(holders):
        return None
    element: HtmlElement | None = holders[nth].getparent()
    return element.getparent() if element is not None and holders[nth].is_tail else element  # a tail is its parent's


def _teasers(holder: HtmlElement | None) -> bool:
    """Whether an update label's element is a teaser's: in a link or a list of other stories, or before the page's
    headline (a news ticker's "Aktualisiert 12:30" over the story)."""
    return holder is not None and (
        holder.tag == "a" or in_link(holder) or _in_other_stories(holder) or _BEFORE_THE_HEADLINE(holder)
    )


def _marked_stamp(holder: HtmlElement, written: str) -> str | None:
    """The stamp of the `<time datetime>` an update label sits in, or that writes the text right after it
    (`<time datetime="2025-02-25T15:00:00+01:00">Zaktualizowano: 25 lutego 2025</time>`)."""
    marked = next(holder.iterancestors("time"), holder if holder.tag == "time" else None)
    if marked is None:
        after = holder.xpath("(descendant::time | following::time)[@datetime][position() <= 3]")
        shown = ((element, " ".join(element.text_content().split())) for element in after)
        marked = next((element for element, text in shown if text and written.startswith(text[:_BESIDE_CHARS])), None)
    return _iso((marked.get("datetime") or "").strip()) if marked is not None else None


def _shows_clock(text: str, clock: str) -> bool:
    """Whether the text shows the clock time ("18:15:00" as "18:15", "6:15 pm" or "18h15")."""
    return any(_clock_time(found) == clock for found in _SHOWN_CLOCK.finditer(text))


def _stated(
    tree: HtmlElement,
    nodes: list[dict[str, object]],
    key: str,
    meta_names: tuple[str, ...],
    time_path: str,
    crawled: datetime | None,
    *,
    after: str | None = None,
) -> str | None:
    """The first readable stamp among the page's JSON-LD, meta tags and marked `<time>` elements that is not
    later than the crawl, and later than `after` where that is given."""
    latest = (crawled or datetime.now(UTC)) + _CLOCK_SLACK
    stated = (value for node in nodes if (value := _as_text(node.get(key))))
    for value in (*stated, *meta_values(tree, meta_names), *_time_values(tree, time_path)):
        stamp = _iso(value.strip())
        if stamp and _not_after(stamp, latest) and (after is None or _later(stamp, after)):
            return stamp
    return None


def _not_after(stamp: str, latest: datetime) -> bool:
    """Whether a stamp is no later than a moment; a stamp without a zone is read as UTC."""
    moment = parse_time(stamp)
    return moment is not None and moment <= latest


def json_ld_stamp(value: object, crawled: datetime | None = None) -> str | None:
    """A JSON-LD time (text, or a number counting Unix seconds or milliseconds) as ISO 8601; None if unreadable or
    later than the crawl (now, when not given)."""
    text = _as_text(value)
    stamp = _iso(text.strip()) if text else None
    return stamp if stamp and _not_after(stamp, (crawled or datetime.now(UTC)) + _CLOCK_SLACK) else None


def _as_text(value: object) -> str | None:
    """A JSON-LD stamp as text: a string as written, a number as the Unix time it counts in seconds or
    milliseconds ("datePublished": 1676551869000), written in UTC; None for anything else."""
    if isinstance(value, str):
        return value
    if not isinstance(value, int | float) or isinstance(value, bool):
        return None
    seconds = value / 1000 if value > _LATEST_EPOCH_SECONDS else value
    if not _EARLIEST_EPOCH_SECONDS <= seconds <= _LATEST_EPOCH_SECONDS:
        return None
    return datetime.fromtimestamp(seconds, UTC).isoformat()


def _time_values(tree: HtmlElement, path: str, others: bool = False) -> Iterator[str]:
    """The datetime attributes of the `<time>` elements the path selects, but for those of other stories (see
    `_in_other_stories`: "Trending now", "Related articles"); with `others`, theirs alone."""
    for element in tree.xpath(path):
        if _in_other_stories(element) == others:
            yield element.get("datetime") or ""


def _in_other_stories(element: HtmlElement) -> bool:
    """Whether an element sits in a part of the page that lists other stories: a teaser list ("Trending now",
    "Related articles") between it and the main content holding it, or, outside any article, a menu, a footer or an
    aside but for one holding the story's meta data (an article's own footer or aside holds its stamps)."""
    ancestors = list(element.iterancestors())
    in_article = any(part.tag == "article" for part in ancestors)
    for part in ancestors:
        if part.tag in _CONTENT_TAGS:
            return False
        named = f"{part.get('class', '')} {part.get('id', '')}"
        if _OTHER_STORIES.search(named):
            return True
        furniture = part.tag in _FURNITURE_TAGS or (part.tag == "aside" and not _STORY_META.search(named))
        if furniture and not in_article:
            return True
    return False


def _iso(value: str) -> str | None:
    """A stamp in ISO 8601 as the page gives it (its zone, or none), with a colon in the offset; None if unreadable
    or a placeholder. Ten or thirteen digits are a Unix time ("1710495000000" in `article:published_time`); eight
    are a day ("20240315")."""
    if value.isdigit() and len(value) in _UNIX_TIME_DIGITS:
        value = _as_text(int(value)) or ""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return _rfc_2822(value) or _java_date(value)
    if moment.year < _EARLIEST_YEAR or moment.replace(tzinfo=None) == _UNIX_EPOCH:
        return None
    return moment.date().isoformat() if len(value) <= _DAY_CHARS else moment.isoformat()


def _java_date(value: str) -> str | None:
    """A stamp as Java's `Date.toString` writes it ("Sun Nov 23 16:00:00 EDT 2014") in ISO 8601, for the zones
    whose abbreviation says one offset."""
    written = _JAVA_DATE.fullmatch(value)
    if written is None or written["zone"] not in _ZONE_HOURS:
        return None
    try:
        moment = datetime.strptime(f"{written['day']} {written['year']}", "%b %d %H:%M:%S %Y")
    except ValueError:
        return None
    return moment.replace(tzinfo=timezone(timedelta(hours=_ZONE_HOURS[written["zone"]]))).isoformat()


def _rfc_2822(value: str) -> str | None:
    """A stamp written as e-mail and HTTP headers write it ("Wed, 04 May 2022 00:25:53 GMT") in ISO 8601.

    Only the strict form with a zone: the standard library's reader also takes looser dates, dropping an
    "AM"/"PM" or a zone name it does not know.
    """
    if not _RFC_2822.fullmatch(value):
        return None
    try:
        return parsedate_to_datetime(value).isoformat()
    except ValueError:
        return None
