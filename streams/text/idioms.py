"""Set phrases that hold a nationality or a country and say nothing of it: "Russian roulette", "Dutch auction",
"filer à l'anglaise", "montaña rusa" (a roller coaster), "czeski film" (a muddle), "китайская грамота".

A story about a fairground's new roller coaster or a fund sold by Dutch auction is no story about Russia or the
Netherlands; where tagging counts the nationality word, it skips one inside such a phrase. The phrases are written
here in lower case, words separated by a space; a `*` ends a word stem whose endings vary (plural, case), and
elsewhere only the forms written count, so that "good Dutch players" is not "go Dutch"; an apostrophe matches
the typographic one too.
"""

from __future__ import annotations

import functools
import re

PHRASES: dict[str, tuple[str, ...]] = {
    "en": (
        "dutch auction*", "dutch courage", "dutch uncle*", "dutch oven*", "dutch treat", "double dutch", "go dutch",
        "going dutch", "goes dutch", "went dutch", "french fries", "french fry", "french toast", "french kiss*",
        "french horn*", "french window*", "french door*", "french dressing", "french leave",
        "pardon my french", "english breakfast*", "english muffin*", "english horn*", "turkish delight*",
        "turkish bath*", "russian roulette", "russian doll*", "russian dressing", "chinese whispers",
        "chinese checkers", "swiss army knife", "swiss army knives", "swiss roll*", "mexican standoff*",
        "mexican wave*", "danish pastr*", "irish coffee*", "irish stew*", "irish goodbye*", "indian summer*",
        "greek yog*", "german measles", "german shepherd*", "spanish omelet*", "spanish fly", "belgian waffle*",
        "swedish meatball*", "canadian bacon", "brazilian wax*", "persian cat*", "welsh rarebit*", "swiss chard",
        "ghana-must-go", "ghana must go bag*", "like swiss cheese", "like a swiss cheese",
        "spanish bread*",
    ),
    "de": (
        "auf französisch verabschiede*", "französisch verabschiede*", "spanisch vorkomm*", "spanisch vor",
        "schwedische gardinen", "schwedischen gardinen", "polnische* abgang*", "türkische* honig*",
        "russisch* roulette", "russisch brot", "englische* woche*", "englische* garten*", "holland in not",
        "sind spanische dörfer", "sind für mich spanische dörfer", "sind für uns spanische dörfer",
        "sind für sie spanische dörfer", "sind für ihn spanische dörfer", "waren für mich spanische dörfer",
        "waren für uns spanische dörfer",
    ),
    "fr": (
        "filer à l'anglaise", "file à l'anglaise", "filé à l'anglaise", "filent à l'anglaise", "auberge* espagnole*",
        "vache* espagnole*", "tête* de turc", "fort* comme un turc", "querelle* d'allemand", "clé* anglaise*",
        "clef* anglaise*", "crème* anglaise*", "douche* écossaise*", "c'est du chinois",
        "capote* anglaise*", "montagne* russe*", "roulette* russe*", "salade* russe*",
    ),
    "es": (
        "hacer el sueco", "hace el sueco", "hacen el sueco", "hizo el sueco", "hacerse el sueco", "se hace el sueco",
        "se hacen los suecos", "hacerse los suecos", "se hicieron los suecos",
        "despedirse a la francesa", "se desped* a la francesa", "se despid* a la francesa", "se fue* a la francesa",
        "irse a la francesa",
        "cuento* chino*",
        "trabajo* de chinos", "llave* inglesa*", "montaña* rusa*", "ensaladilla* rusa*", "ruleta* rusa*",
        "tortilla* francesa*", "beso francés", "besos franceses", "pan francés", "panes franceses", "papas francesas",
    ),
    "it": (
        "fare il portoghese", "fa il portoghese", "fanno il portoghese", "fatto il portoghese", "fece il portoghese",
        "andarsene all'inglese", "andato all'inglese", "filarsela all'inglese", "montagne russe", "roulette russa",
        "insalata russa", "chiave* inglese", "chiavi inglesi", "zuppa inglese", "fa* l'indiano", "fum* come un turco",
        "bestemmi* come un turco", "fila indiana",
    ),
    "pt": (
        "para inglês ver", "pão francês", "pães franceses", "montanha-russa", "montanhas-russas", "roleta-russa",
        "roleta russa", "salada russa", "chave* inglesa*", "sa* à francesa",
        "beijo* francês", "beijos franceses", "negócio da china", "fila indiana",
    ),
    "pl": (
        "czeski film", "jak w czeskim filmie", "rosyjsk* ruletk*", "klucz* francusk*", "szwedzki stół",
        "szwedzkiego stołu", "szwedzkim stole", "szwedzkie stoły", "po angielsku wyjść", "wyjść po angielsku",
        "wyszedł po angielsku", "wyszła po angielsku",
        "francusk* piesek", "francusk* pieski*", "francusk* pocałun*",
    ),
    "nl": (
        "franse slag", "engelse drop", "russische roulette", "zweedse puzzel*", "engelse sleutel*", "turks fruit",
        "dat is chinees voor", "is chinees voor mij", "is chinees voor me",
    ),
    "ru": (
        "китайская грамота", "китайской грамотой", "китайскую грамоту", "китайской грамоты", "голландск* аукцион*",
        "шведский стол", "шведского стола", "шведским столом", "шведском столе", "русск* рулетк*", "французск* поцелу*",
        "уйти по-английски", "ушёл по-английски", "ушел по-английски", "ушла по-английски", "американск* горк*",
        "испанск* стыд*",
    ),
}  # fmt: skip
"""Each language's set phrases holding a nationality or country that are about neither."""


@functools.cache
def _phrases(language: str) -> re.Pattern[str] | None:
    """One pattern for a language's phrases, a `*` read as the rest of the word."""
    written = PHRASES.get(language)
    if not written:
        return None
    words = (
        r"\s+".join(re.escape(word).replace(r"\*", r"\w*").replace("'", "['’]") for word in phrase.split())
        for phrase in written
    )
    return re.compile(rf"(?<!\w)(?:{'|'.join(words)})(?!\w)", re.IGNORECASE)


def idiom_spans(text: str, language: str | None) -> list[tuple[int, int]]:
    """Where the text's set phrases stand, as (start, end) offsets, in a language that has them listed."""
    pattern = _phrases(language) if language else None
    return [match.span() for match in pattern.finditer(text)] if pattern else []


def in_an_idiom(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether the mention from `start` to `end` lies within one of the phrases found."""
    return any(begin <= start and end <= finish for begin, finish in spans)
