"""Reuters-21578 stories read from the corpus SGML, with their gold places mapped to ISO 3166-1 alpha-2."""

from __future__ import annotations

import html
import re
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import pycountry

SGML = Path("reuters21578") / "reut2-000.sgm"

PLACE_CODES: dict[str, str] = {
    "usa": "US",
    "uk": "GB",
    "ussr": "RU",
    "west-germany": "DE",
    "east-germany": "DE",
    "zaire": "CD",
    "yemen-arab-republic": "YE",
    "yemen-demo-republic": "YE",
    "us-virgin-islands": "VI",
    "south-korea": "KR",
    "north-korea": "KP",
    "uae": "AE",
    "taiwan": "TW",
    "iran": "IR",
    "syria": "SY",
    "bolivia": "BO",
    "venezuela": "VE",
    "tanzania": "TZ",
    "turkey": "TR",
    "vietnam": "VN",
    "congo": "CG",
}
"""1987 Reuters place names whose code today is not found by name: the USSR counts as RU, both Germanies as DE."""

_STORY = re.compile(r"<REUTERS.*?</REUTERS>", re.DOTALL)
_FIELD = "<{0}>(.*?)</{0}>"


class Story(NamedTuple):
    """One Reuters story: its wire time, title, dateline, body and gold country codes."""

    filed_at: str
    title: str | None
    dateline: str
    body: str
    countries: frozenset[str]


def place_code(place: str) -> str:
    """The ISO code of a Reuters place name such as `west-germany` or `new-zealand`."""
    if place in PLACE_CODES:
        return PLACE_CODES[place]
    return str(pycountry.countries.lookup(place.replace("-", " ")).alpha_2)


def _field(block: str, name: str) -> str | None:
    """The unescaped text of one SGML element of a story, or None when it is absent."""
    match = re.search(_FIELD.format(name), block, re.DOTALL)
    return html.unescape(match[1]) if match else None


def stories(corpus: Path) -> list[Story]:
    """The stories that have a dateline and a body; `countries` is empty where Reuters gave no place."""
    found: list[Story] = []
    for block in _STORY.findall((corpus / SGML).read_text(encoding="latin-1")):
        dateline, body, places = _field(block, "DATELINE"), _field(block, "BODY"), _field(block, "PLACES")
        filed = _field(block, "DATE")
        if not (dateline and body and filed):
            continue
        codes = frozenset(place_code(place) for place in re.findall(r"<D>([^<]*)</D>", places or ""))
        filed_at = datetime.strptime(filed.strip().split(".")[0], "%d-%b-%Y %H:%M:%S").isoformat()
        found.append(Story(filed_at, _field(block, "TITLE"), dateline, body, codes))
    return found
