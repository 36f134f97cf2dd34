"""Wire-service datelines (`SEOUL, May 27 (Reuters) -`) read from the start of a story body."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from streams.records import Dateline
from streams.text.gazetteer import NOT_DATELINE_PLACES, lookup_key, place_country, region_country

MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

SMALL_WORDS = frozenset({"of", "de", "del", "des", "do", "da", "es", "la", "le", "upon", "on", "am"})
"""Particles kept lower-case when an all-caps city is title-cased ("King of Prussia", "Dar es Salaam")."""

# Timezones put a dateline up to a day ahead of the UTC crawl time without it being last year's.
CLOCK_SLACK = timedelta(days=1)

_WORD = r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?"
_PLACE = rf"{_WORD}(?:[ \-/'’]{_WORD}){{0,4}}"
_MONTH = "|".join(sorted(MONTHS, key=len, reverse=True))
_DATELINE = re.compile(
    rf"""
    \s*(?P<city>{_PLACE})
    (?:\s*,\s*(?P<region>{_PLACE}))?
    (?:\s*,\s*
        (?:(?P<month>(?i:{_MONTH}))\.?\s+(?P<day>\d{{1,2}})
          |(?P<day_first>\d{{1,2}})\s+(?P<month_after>(?i:{_MONTH}))\.?)
        (?:\s*,\s*(?P<year>\d{{4}}))?
    )?
    (?:\s*\((?P<agency>[^()\n]{{0,40}}[^\W\d_][^()\n]{{0,40}})\))?
    \s*(?:(?:--?)(?:\s|$)|[—–]\s*)
    """,
    re.VERBOSE,
)


def parse_dateline(body: str, crawled_at: str | None) -> Dateline | None:
    """Reads the dateline a wire story opens with, so its place and day survive separately from the text."""
    match = _DATELINE.match(body)
    if match is None:
        return None
    city = match["city"]
    month_name = match["month"] or match["month_after"]
    day = match["day"] or match["day_first"]
    agency = match["agency"]
    if _is_story_label(city) or not (city.isupper() or month_name or agency):
        return None
    region = match["region"]
    country = (region_country(region) if region else None) or place_country(city)
    when = None
    if month_name and day:
        year = int(match["year"]) if match["year"] else None
        when = _iso_day(MONTHS[month_name.casefold()], int(day), year, crawled_at)
    return Dateline(
        raw=match[0].strip(),
        city=_title(city) if city.isupper() else city,
        country=country,
        date=when,
        agency=agency.strip() if agency else None,
    )


def _is_story_label(city: str) -> bool:
    """Tells a story label such as `BREAKING -` from a city, since both open a body in capitals."""
    return lookup_key(city) in NOT_DATELINE_PLACES


def _title(city: str) -> str:
    """Title-cases an all-caps city the way it is written in running text."""
    words = city.title().split(" ")
    return " ".join(word.lower() if index and word.lower() in SMALL_WORDS else word for index, word in enumerate(words))


def _crawl_day(crawled_at: str | None) -> date | None:
    """The UTC day of the crawl, which dates a dateline that gives no year."""
    if not crawled_at:
        return None
    try:
        return datetime.fromisoformat(crawled_at).date()
    except ValueError:
        return None


def _iso_day(month: int, day: int, year: int | None, crawled_at: str | None) -> str | None:
    """ISO date of a dateline day: its own year, else the latest crawl-relative year not in the future."""
    try:
        date(2000, month, day)
    except ValueError:
        return None
    if year is not None:
        try:
            return date(year, month, day).isoformat()
        except ValueError:
            return None
    crawled = _crawl_day(crawled_at)
    if crawled is None:
        return f"{month:02d}-{day:02d}"
    for candidate in (crawled.year, crawled.year - 1):
        try:
            stamped = date(candidate, month, day)
        except ValueError:
            continue
        if stamped <= crawled + CLOCK_SLACK:
            return stamped.isoformat()
    return f"{month:02d}-{day:02d}"
