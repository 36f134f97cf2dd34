"""When a related item was published, from the age line an aggregator writes under its outlet.

Aggregators write an item's age relative to the crawl ("3 hours ago", "yesterday"), in the page's language
("vor 3 Stunden", "il y a 2 heures", "hace 5 horas", "3 ore fa", "há 2 horas", "3 uur geleden", "2 godziny
temu", "for 3 timer siden", "för 1 timme sedan"), or as a date
("Dec 3, 2026", "3 December 2026", "2026-12-03"). An age is as precise as its unit; a day ("yesterday", a date)
is written as a bare date, which the tag stage reads as a day.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from streams.text.dateline import DATELINE_MONTHS

_UNIT_SECONDS = {
    "second": 1,
    "minute": 60,
    "hour": 3600,
    "day": 86400,
    "week": 7 * 86400,
    "month": 30 * 86400,
    "year": 365 * 86400,
}
_UNITS: dict[str, str] = {
    word: unit
    for unit, words in (
        (
            "second",
            "second seconds sekunde sekunden seconde secondes segundo segundos secondo secondi seconden"
            " sekundę sekundy sekund",
        ),
        ("minute", "minute minutes minuten minuto minutos minuti minuut minutę minuty minut minutter minutt minuter"),
        (
            "hour",
            "hour hours stunde stunden heure heures hora horas ora ore uur godzinę godziny godzin"
            " time timer timme timmar",
        ),
        (
            "day",
            "day days tag tagen jour jours día días dia dias giorno giorni dag dagen dzień dni"
            " dage dager dagar døgn dygn",
        ),
        (
            "week",
            "week weeks woche wochen semaine semaines semana semanas settimana settimane weken"
            " tydzień tygodnie tygodni",
        ),
        ("month", "month months monat monaten mois mes meses mese mesi mês maand maanden"),
        ("year", "year years jahr jahren an ans année années año años ano anos anno anni jaar jaren"),
    )
    for word in words.split()
}
"""Time units as the languages of the age patterns write them, singular and plural."""
_ABBREVIATED_UNITS = {
    **dict.fromkeys(("s", "sec", "secs"), "second"), **dict.fromkeys(("m", "min", "mins"), "minute"),
    **dict.fromkeys(("h", "hr", "hrs"), "hour"), "d": "day", **dict.fromkeys(("w", "wk", "wks"), "week"),
    **dict.fromkeys(("mo", "mos"), "month"), **dict.fromkeys(("y", "yr", "yrs"), "year"),
}  # fmt: skip
"""Units as English ages abbreviate them ("3h ago", "45 mins ago", "2 hrs ago")."""
_ONE = frozenset(
    {"a", "an", "one", "einer", "einem", "un", "une", "una", "uno", "um", "uma", "een", "jedną", "en", "ett", "et"}
)
_COUNT = r"(?:(?P<count>\d+) ?|(?P<word>[^\W\d]+) )"
_UNIT = r"(?P<unit>[^\W\d]+)"
_RELATIVE = [
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        rf"{_COUNT}{_UNIT} ago",
        rf"vor {_COUNT}{_UNIT}",
        rf"il y a {_COUNT}{_UNIT}",
        rf"hace {_COUNT}{_UNIT}",
        rf"{_COUNT}{_UNIT} fa",
        rf"há {_COUNT}{_UNIT}",
        rf"{_COUNT}{_UNIT} geleden",
        rf"{_COUNT}{_UNIT} temu",
        rf"for {_COUNT}{_UNIT} siden",
        rf"för {_COUNT}{_UNIT} sedan",
    )
]
_NOW = frozenset({"just now", "a few seconds ago", "gerade eben", "à l'instant", "ahora mismo", "adesso", "agora"})
_DAYS_BACK = {
    **dict.fromkeys(("today", "heute", "aujourd'hui", "hoy", "oggi", "hoje", "vandaag", "dzisiaj", "i dag", "idag"), 0),
    **dict.fromkeys(
        ("yesterday", "gestern", "hier", "ayer", "ieri", "ontem", "gisteren", "wczoraj", "i går", "igår"), 1
    ),
}
_MONTH_FIRST = re.compile(r"(?P<month>[^\W\d]+)\.? (?P<day>\d{1,2}),? (?P<year>\d{4})")
_DAY_FIRST = re.compile(r"(?P<day>\d{1,2})\.? (?:de )?(?P<month>[^\W\d]+)\.?,? (?:de )?(?P<year>\d{4})")
_ISO_DAY = re.compile(r"(?P<year>\d{4})-(?P<month>\d{2})-(?P<day>\d{2})")


def published_from_age(crawled_at: str, age: str) -> str | None:
    """The time an age line stands for, counted back from the crawl; None for a line that is no age."""
    written = _written(age)
    on_day = stated_day(written)
    if on_day is not None:
        return on_day.isoformat()
    try:
        crawled = datetime.fromisoformat(crawled_at)
    except ValueError:
        return None
    if crawled.tzinfo is None:
        crawled = crawled.replace(tzinfo=UTC)
    lowered = written.casefold()
    if lowered in _DAYS_BACK:
        return (crawled.date() - timedelta(days=_DAYS_BACK[lowered])).isoformat()
    seconds = _age_seconds(lowered)
    if seconds is None:
        return None
    try:
        return (crawled - timedelta(seconds=seconds)).isoformat()
    except OverflowError:  # "3000 years ago" reaches before the year 1: an age no calendar holds
        return None


def is_relative_age(line: str) -> bool:
    """Whether a line is an age counted back from the crawl ("3 hours ago", "vor 3 Stunden", "just now"), which
    only an item's header holds; a day ("yesterday", "March 3, 2026") also heads a list's entries."""
    return _age_seconds(_written(line).casefold()) is not None


def _written(line: str) -> str:
    """An age line with its spacing and apostrophes as the patterns write them."""
    return " ".join(line.split()).replace("’", "'")


def _age_seconds(lowered: str) -> int | None:
    """The seconds a relative age counts back ("3 hours ago", "vor einem Tag", 0 for "just now"), or None."""
    if lowered in _NOW:
        return 0
    spaced = lowered.replace("un'", "un ")  # Italian elides "un'ora fa"
    for pattern in _RELATIVE:
        if (match := pattern.fullmatch(spaced)) is None:
            continue
        counted = match["count"] is not None
        unit = _UNITS.get(match["unit"]) or (_ABBREVIATED_UNITS.get(match["unit"]) if counted else None)
        number = int(match["count"]) if counted else 1 if match["word"] in _ONE else None
        if unit is not None and number is not None:
            return number * _UNIT_SECONDS[unit]
    return None


def stated_day(line: str) -> date | None:
    """The day a date line states ("Dec 3, 2026", "3 December 2026", "2026-12-03"), or None."""
    written = _written(line)
    for pattern in (_MONTH_FIRST, _DAY_FIRST, _ISO_DAY):
        if (match := pattern.fullmatch(written)) is None:
            continue
        month = match["month"]
        number = int(month) if month.isdigit() else DATELINE_MONTHS.get(month.casefold())
        if number is None:
            continue
        try:
            return date(int(match["year"]), number, int(match["day"]))
        except ValueError:
            return None
    return None
