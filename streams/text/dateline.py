"""Wire-service datelines (`SEOUL, May 27 (Reuters) -`) read from the start of a story body."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta

from streams.records import Dateline
from streams.text.gazetteer import (
    NOT_DATELINE_PLACES,
    capital_country,
    city_country,
    country_in_any_language,
    lookup_key,
    region_country,
    town_country,
)

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

FOREIGN_MONTHS: dict[str, int] = {
    name: number
    for names in (
        "januar februar märz april mai juni juli august september oktober november dezember",  # German
        "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",  # French
        "janv févr mars avr mai juin juil août sept oct nov déc",  # French abbreviations ("BRUXELLES, 4 déc (Belga)")
        "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",  # Spanish
        "ene feb mar abr may jun jul ago sep oct nov dic",  # EFE's abbreviations ("MADRID, 3 mar (EFE)")
        "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",  # Italian
        "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",  # Portuguese
        "января февраля марта апреля мая июня июля августа сентября октября ноября декабря",  # Russian, "5 марта"
    )
    for number, name in enumerate(names.split(), start=1)
}
"""Month names of the agencies writing in German, French, Spanish, Italian, Portuguese and Russian, for their
datelines."""

ABBREVIATED_MONTHS: dict[str, int] = {
    name: number
    for names in (
        "gen feb mar apr mag giu lug ago set ott nov dic",  # ANSA's ("ROMA, 12 GEN (ANSA) -")
        "jan fev mar abr mai jun jul ago set out nov dez",  # Lusa's ("LISBOA, 4 abr (Lusa) -")
        "янв фев мар апр мая июн июл авг сен окт ноя дек",  # Russian agencies' ("МОСКВА, 5 мар")
        "jan feb mär apr mai jun jul aug sep okt nov dez",  # German ("Berlin, 4. Dez (dpa)"); "dez" is also ten
    )
    for number, name in enumerate(names.split(), start=1)
}
"""Abbreviated months that are also words elsewhere ("set", "out", "gen"): read only after the day, and only in a
dateline whose place is in capitals or that names its agency."""

DATELINE_MONTHS = FOREIGN_MONTHS | MONTHS
_AMBIGUOUS_MONTHS = frozenset(ABBREVIATED_MONTHS.keys() - DATELINE_MONTHS.keys())
"""The abbreviated months no dateline month list holds ("set", "out", "gen", "dez")."""

SMALL_WORDS = frozenset({"of", "de", "del", "des", "do", "da", "es", "la", "le", "upon", "on", "am"})
"""Particles kept lower-case when an all-caps city is title-cased ("King of Prussia", "Dar es Salaam")."""

# Timezones put a dateline up to a day ahead of the UTC crawl time without it being last year's.
CLOCK_SLACK = timedelta(days=1)

_WORD = r"[^\W\d_]+(?:\.[^\W\d_]+)*\.?"
_PLACE = rf"{_WORD}(?:[ \-/'’]{_WORD}){{0,4}}"
_UNDOTTED_PLACE = r"[^\W\d_]+(?:[ \-'’][^\W\d_]+){0,3}"
"""A place without full stops, for a dateline a full stop ends: "Wien. Der Plan steht." is no place of four words."""


def _dateline_pattern(
    months: dict[str, int],
    ends: str,
    lead: str = "",
    after_day: dict[str, int] | None = None,
    date_stop: str = ",",
    place: str = _PLACE,
) -> re.Pattern[str]:
    """A dateline's grammar over a set of month names: `lead`, place, optional region, day (after one of
    `date_stop`), agency (in brackets, or between slashes as press-release wires and TASS write theirs:
    "/PRNewswire/"), then one of `ends`."""
    month = "|".join(sorted(months, key=len, reverse=True))
    month_after = "|".join(sorted(months | (after_day or {}), key=len, reverse=True))
    return re.compile(
        rf"""
        {lead}
        \s*(?P<city>{place})
        (?:\s*\((?P<bracketed>[^()\n]{{1,40}})\)(?=\s*,))?
        (?:\s*,\s*(?P<region>{_PLACE}))?
        (?:\s*[{date_stop}]\s*
            (?:(?P<month>(?i:{month}))\.?\s+(?P<day>\d{{1,2}})
              |(?:le\s+)?(?P<day_first>\d{{1,2}})\.?\s+(?:de\s+)?(?P<month_after>(?i:{month_after}))\.?)
            (?:(?:\s*,\s*|\s+(?=\d{{4}}\s*\())(?P<year>\d{{4}}))?
        )?
        (?:\s*\((?P<agency>[^()\n]{{0,40}}[^\W\d_][^()\n]{{0,40}})\)|\s+/(?P<wire>[^/\s][^/\n]{{0,40}}[^/\s])/)?
        (?P<end>{ends})
        """,
        re.VERBOSE,
    )


_DASH_END = r"\s*(?:--?(?:[ \t]*\n|\s|$)|[—–](?:[ \t]*\n|\s*))"
_WIRE_DATELINE = _dateline_pattern(MONTHS, _DASH_END)
_RUSSIAN_AGENCIES = r"РИА\sНовости|Интерфакс|INTERFAX\.RU|ТАСС|ПРАЙМ|РБК|Sputnik"
_LOCAL_DATELINE = _dateline_pattern(
    DATELINE_MONTHS,
    # The agency after a dash ("МОСКВА, 5 мар — РИА Новости.", ANSA's "ROMA, 12 MAG - (ANSA) -") or after a full stop
    # (Interfax's "Владивосток. 5 августа. INTERFAX.RU -"), EFE's ".-", a full stop after TASS's "/ТАСС/".
    rf"\s*[—–-]\s*(?P<agency_after>{_RUSSIAN_AGENCIES})(?!\w)\.?\s*"
    rf"|\.\s*(?P<agency_dotted>{_RUSSIAN_AGENCIES})(?!\w)\s*[—–-]\s*"
    rf"|\s*[—–-]\s*\((?P<agency_dashed>[^()\n]{{1,40}})\)\s*[—–-]\s*|{_DASH_END}|\.-\s*|(?<=/)\.\s*"
    # South Asian and Singapore papers' colon after a town in capitals ("HYDERABAD: The heatwave ...").
    r"|(?P<colon>:)[ \t]+",
    # ANSA's and AGI's web copy names itself first: "(ANSA) - MILANO, 3 FEB -", "(AGI) - Bari, 14 lug -".
    r"(?:\s*\((?P<agency_first>[^()\n]{1,40})\)\s*[-–—])?",
    ABBREVIATED_MONTHS,
    ",.",
)

_STOP_DATELINE = _dateline_pattern(DATELINE_MONTHS, r"(?P<stop>\.)[ \t]+", place=_UNDOTTED_PLACE)
"""Regional papers' full stop after the place or the date: "MADRID. Los domingos ...", "НОВОСИБИРСК, 2 октября.
Аэропорт ..."."""

_SPEAKER = re.compile(r"\n([^\W\d_]+(?:[ .'’-][^\W\d_]+)*):")
"""A line opening with a name and a colon: a transcript's speaker where the name is in capitals."""
_TRANSCRIPT_SPEAKERS = 2
_COLON_COUNTRIES = frozenset({"IN", "PK", "BD", "LK", "NP", "AF", "SG", "MY", "AE", "SA", "QA", "KW", "BH", "OM", "IR"})
"""Countries whose English-language papers write a dateline as a city in capitals and a colon ("HYDERABAD:",
"SINGAPORE:", "RIYADH:"); elsewhere such an opening is more often a label or a word ("MOBILE:", "READING:")."""
_DASHES = "-–—"
_FULL_STOP = re.compile(r"(?:^|\s)[^\W\d_]{2,}\.$")
"""A place's last word closed by a full stop that is not an abbreviation's ("MENDOZA.", not "D.C.", "U.S.")."""
_ASIDE = re.compile(r"[^.!?\n]*\s[—–-]\s")
"""A sentence holding a dash set between spaces: the close of an aside opened by the dash before it."""

HEADLINE_LINE = 150
"""Longest first line taken for a repeated headline above the dateline ("Sieben Menschen sterben ...\nRostow -")."""


DATELINE_CHARS = 120
"""A dateline fits in a line's first characters: a caller reading no further bounds the regex's cost."""


def parse_dateline(body: str, crawled_at: str | None, *, local_styles: bool = False) -> Dateline | None:
    """Reads the dateline a wire story opens with, so its place and day survive separately from the text.

    `local_styles` also reads the forms of other languages' agencies and local papers: month names in German,
    French, Spanish, Italian, Portuguese and Russian, a country in brackets ("Rostow (Russland) -"), a place alone on
    its line ("Düsseldorf -"), a known town before a dash ("Wien – Der Gemeinderat ..."), a South Asian, Gulf or
    Singapore city in capitals before a colon ("HYDERABAD: The ..."), a capital in capitals, or a town and its date,
    before a full stop (`_STOP_DATELINE`), EFE's ".-", ANSA's agency
    first, Russian agencies after the date, and a dateline under a repeated headline. Story splitting keeps the wire
    forms alone, which its learned weights were fitted on."""
    if not local_styles:
        return _read(_WIRE_DATELINE.match(body), crawled_at, local_styles=False)
    found = _read(_LOCAL_DATELINE.match(body), crawled_at, local_styles=True)
    first_line = body.lstrip().split("\n", 1)
    headline_above = len(first_line) == 2 and len(first_line[0]) <= HEADLINE_LINE
    if found is None and headline_above and not first_line[0].rstrip().endswith((".", ":", "!", "?")):
        found = _read(_LOCAL_DATELINE.match(first_line[1]), crawled_at, local_styles=True)
    return found or _read(_STOP_DATELINE.match(body), crawled_at, local_styles=True)


def _read(match: re.Match[str] | None, crawled_at: str | None, *, local_styles: bool) -> Dateline | None:
    """The dateline a pattern matched, unless its place is a story label or in running-text case without a mark (in
    local styles a known town before a dash is one)."""
    if match is None:
        return None
    city = match["city"]
    month_name = match["month"] or match["month_after"]
    day = match["day"] or match["day_first"]
    found = match.groupdict()
    agencies = ("agency_first", "agency_after", "agency_dotted", "agency_dashed")
    written = (match["agency"], match["wire"], *map(found.get, agencies))
    agency = next(filter(None, written), None)
    region = match["region"]
    if match["bracketed"]:  # EFE's "Guadalajara (México), 5 jun (EFE).-": the country, then the date
        if region or not country_in_any_language(match["bracketed"]):
            return None
        region = match["bracketed"]
    if not _well_formed(match, city, month_name, agency, found):
        return None
    bracketed_country = bool(local_styles and agency and region is None and country_in_any_language(agency))
    if bracketed_country:
        region, agency = agency, None  # "Rostow (Russland) -" names the country, not the agency
    dashed = match["end"].strip()[:1] in _DASHES
    if match.end("city") == match.start("end") and dashed and _FULL_STOP.search(city):
        city = city.removesuffix(".")  # EFE's "Washington.-", "MENDOZA.–"; not an abbreviation's ("D.C.")
    if found.get("stop") and not _stop_dateline(match, city, bool(month_name and day)):
        return None
    marked = city.isupper() or month_name or agency or (local_styles and (bracketed_country or _own_line(match)))
    # In local styles a known town before a dash is marked by the sentence after it (looked up only when unmarked).
    if not marked and local_styles and dashed and _opens_a_sentence(match):
        marked = _place_country(city, None) is not None
    if _is_story_label(city) or not marked or (found.get("colon") and not _colon_dateline(match, city)):
        return None
    country = (region_country(region) if region else None) or _place_country(city, agency)
    when = None
    if month_name and day:
        year = int(match["year"]) if match["year"] else None
        month = DATELINE_MONTHS.get(month_name.casefold()) or ABBREVIATED_MONTHS[month_name.casefold()]
        when = _iso_day(month, int(day), year, crawled_at)
    return Dateline(
        raw=match[0].strip(),
        city=_title(city) if city.isupper() else city,
        country=country,
        date=when,
        agency=agency.strip() if agency else None,
    )


def _well_formed(
    match: re.Match[str], city: str, month: str | None, agency: str | None, found: dict[str, str | None]
) -> bool:
    """Whether a local form's parts hold together: an agency named first or after the date, and an abbreviated month
    that is also a word ("set", "out"), only with a place in capitals or an agency; a full stop after slashes only
    after a Russian agency's ("/ТАСС/.")."""
    dated = bool(month and (match["day"] or match["day_first"]))
    if (found.get("agency_first") or found.get("agency_dashed")) and not (city.isupper() or dated):
        return False  # "(CNN) — Joe Biden —", "Il vaccino - (Sputnik V) -"; but "(AGI) - Bari, 14 lug -"
    if (found.get("agency_after") or found.get("agency_dotted")) and not dated:
        return False  # "The vaccine - Sputnik V -"
    ambiguous = month is not None and month.casefold() in _AMBIGUOUS_MONTHS
    if ambiguous and not (city.isupper() or agency):
        return False
    stop_after_slashes = match["end"].strip() == "." and match["wire"] is not None
    return not stop_after_slashes or re.fullmatch(_RUSSIAN_AGENCIES, match["wire"]) is not None


def _place_country(city: str, agency: str | None) -> str | None:
    """The country of a dateline place (a national agency's own country first, where it has a town of that name), or
    of its first part when it names a city and its area ("Frankfurt/Main")."""
    first = city.split("/", maxsplit=1)[0]
    return town_country(city, agency) or (town_country(first, agency) if "/" in city else None)


def _opens_a_sentence(match: re.Match[str]) -> bool:
    """Whether a sentence starts after the dash, with a capital, and no second dash closes an aside in it: "Wien –
    Der Gemeinderat ...", not "Jackson – the singer who ... –" or "Mercedes – der Autobauer – ..."."""
    after = match.string[match.end() :]
    return after[:1].isupper() and _ASIDE.match(after) is None


def _colon_dateline(match: re.Match[str], city: str) -> bool:
    """Whether a colon closes a dateline rather than a label ("UPDATE:", "CHINA:", "MOBILE:") or a speaker's name:
    the place is a city in capitals (`city_country`, which also knows "SINGAPORE") of a country whose papers write
    this form, a sentence follows, and the text is no transcript (`_transcript`)."""
    if not city.isupper() or city_country(city) not in _COLON_COUNTRIES or not _opens_a_sentence(match):
        return False
    return not _transcript(match.string, city)


def _stop_dateline(match: re.Match[str], city: str, dated: bool) -> bool:
    """Whether a full stop closes a dateline rather than a first sentence of one word ("Essen.", "Split.", "Valencia.")
    or a feast's day ("San Juan, 24 de junio."): a sentence follows, and the place, in capitals, is a known town with
    its date after it, or without one a capital."""
    if not _opens_a_sentence(match) or not city.isupper():
        return False
    return _place_country(city, None) is not None if dated else capital_country(city) is not None


def _transcript(text: str, first: str) -> bool:
    """Whether lines open with speakers' names in capitals and a colon: the first speaker's again, or two others."""
    speakers = [found[1] for found in _SPEAKER.finditer(text) if found[1].isupper()]
    return first in speakers or len(speakers) >= _TRANSCRIPT_SPEAKERS


def _own_line(match: re.Match[str]) -> bool:
    """Whether a place in running-text case ends in a dash closing its line ("Düsseldorf -") or EFE's ".-"
    ("Washington.-"), layouts only a dateline has."""
    return match[0].rstrip().endswith(".-") or match["end"].endswith("\n")


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
