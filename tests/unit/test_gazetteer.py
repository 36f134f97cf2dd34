"""Country codes from place names, cities, states and demonyms."""

from __future__ import annotations

import pytest

from streams.text.gazetteer import (
    country_code,
    country_in_any_language,
    demonym_country,
    place_country,
    region_country,
    text_countries,
)


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("North Korea", "KP"), ("the United Arab Emirates", "AE"), ("UNITED STATES", "US"), ("Burkina Faso", "BF"),
        ("Kyiv", "UA"), ("Kiev", "UA"), ("Salvador", "BR"), ("São Paulo", "BR"), ("Sao Paulo", "BR"),
        ("Bila Tserkva", "UA"), ("the Hague", "NL"), ("Peking", "CN"), ("Colorado", "US"), ("Georgia", "GE"),
        ("Islamabad", "PK"), ("St. Petersburg", "RU"), ("Dar es Salaam", "TZ"), ("Pyongyang", "KP"),
    ],
)  # fmt: skip
def test_places(name: str, code: str) -> None:
    assert place_country(name) == code


@pytest.mark.parametrize("name", ["Asia", "Middle East", "Europe", "Related Articles", "Smallville Junction"])
def test_regions_and_unknown_names_have_no_country(name: str) -> None:
    assert place_country(name) is None


def test_country_names_only() -> None:
    assert country_code("Iran") == "IR"
    assert country_code("Kyiv") is None


@pytest.mark.parametrize(("name", "code"), [("Russian", "RU"), ("Russians", "RU"), ("Emirati", "AE"), ("Swiss", "CH")])
def test_demonyms(name: str, code: str) -> None:
    assert demonym_country(name) == code


@pytest.mark.parametrize(("region", "code"), [("Calif.", "US"), ("Penn.", "US"), ("Ontario", "CA"), ("Brazil", "BR")])
def test_dateline_regions(region: str, code: str) -> None:
    assert region_country(region) == code


@pytest.mark.parametrize(
    ("text", "language", "codes"),
    [
        ("Die Wahl in Polen, Russlands Krieg und Großbritannien nach dem Brexit.", "de", ["PL", "RU", "GB"]),
        ("Die Vereinigten Staaten und die USA", "de", ["US", "US"]),
        ("Rosja grozi: Polska, w Polsce, Wielkiej Brytanii i Stanów Zjednoczonych.", "pl",
         ["RU", "PL", "PL", "GB", "US"]),
        ("Niemal wszyscy, także Dominik, byli za.", "pl", []),
        ("за сборную Германии и России", "ru", ["DE", "RU"]),
        ("El presidente de Estados Unidos viajó a Chile, dijo Mauricio Macri.", "es", ["US", "CL"]),
        ("Francia Márquez visitó Francia.", "es", ["FR"]),
        ("Il maltempo in Italia, Francia e Gran Bretagna.", "it", ["IT", "FR", "GB"]),
        ("Anses en France, EPA aux États-Unis.", "fr", ["FR", "US"]),
        ("Korea", "de", []),
        ("The war in Ukraine", "en", []),
    ],
)  # fmt: skip
def test_country_names_in_other_languages(text: str, language: str, codes: list[str]) -> None:
    assert [code for code, _offset in text_countries(text, language)] == codes


def test_bracketed_country_in_any_language() -> None:
    assert country_in_any_language("Russland") == "RU"
    assert country_in_any_language("Rusia") == "RU"
    assert country_in_any_language("dpa/lno") is None
