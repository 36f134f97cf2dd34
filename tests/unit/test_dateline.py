"""Dateline parsing on the wire-service openings newswire meets, and on bodies that have none."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from streams.records import Dateline
from streams.text.dateline import parse_dateline
from streams.text.gazetteer import place_country

CRAWLED = "2025-06-23T07:00:00+00:00"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "SEOUL, May 27 (Reuters) - North Korea's minister of state security, Ri Chang Dae, left Pyongyang.",
            Dateline(raw="SEOUL, May 27 (Reuters) -", city="Seoul", country="KR", date="2025-05-27", agency="Reuters"),
        ),
        (
            "WASHINGTON (AP) — President Joe Biden said on Tuesday that talks would resume.",
            Dateline(raw="WASHINGTON (AP) —", city="Washington", country="US", date=None, agency="AP"),
        ),
        (
            "PARIS, June 3 (AFP) - French lawmakers voted on Tuesday to approve the budget.",
            Dateline(raw="PARIS, June 3 (AFP) -", city="Paris", country="FR", date="2025-06-03", agency="AFP"),
        ),
        (
            "OTTAWA -- Canada's central bank held its key interest rate steady.",
            Dateline(raw="OTTAWA --", city="Ottawa", country="CA", date=None, agency=None),
        ),
        (
            "NEW YORK, March 3 - Stocks rose in early trading.",
            Dateline(raw="NEW YORK, March 3 -", city="New York", country="US", date="2025-03-03", agency=None),
        ),
        (
            "AMSTERDAM, 2 March - Dutch imports of fats rose.",
            Dateline(raw="AMSTERDAM, 2 March -", city="Amsterdam", country="NL", date="2025-03-02", agency=None),
        ),
        (
            "STAMFORD, Conn., March 2 - Xerox Corp said it would buy back shares.",
            Dateline(raw="STAMFORD, Conn., March 2 -", city="Stamford", country="US", date="2025-03-02", agency=None),
        ),
        (
            "DAR ES SALAAM, Feb 26 - Tanzania's coffee board said.",
            Dateline(raw="DAR ES SALAAM, Feb 26 -", city="Dar es Salaam", country="TZ", date="2025-02-26", agency=None),
        ),
        (
            "LONDON, June 3, 2024 (Reuters) - Britain's economy grew.",
            Dateline(
                raw="LONDON, June 3, 2024 (Reuters) -", city="London", country="GB", date="2024-06-03", agency="Reuters"
            ),
        ),
        (
            "\n  BERLIN (dpa) - Die Bundesregierung hat am Montag beschlossen.",
            Dateline(raw="BERLIN (dpa) -", city="Berlin", country="DE", date=None, agency="dpa"),
        ),
    ],
)
def test_dateline_forms(body: str, expected: Dateline) -> None:
    assert parse_dateline(body, CRAWLED) == expected


@pytest.mark.parametrize(
    ("day", "crawled_at", "expected"),
    [
        ("Dec 30", "2025-01-02T09:00:00+00:00", "2024-12-30"),
        ("June 24", "2025-06-23T22:00:00+00:00", "2025-06-24"),
        ("Feb 29", "2025-03-05T09:00:00Z", "2024-02-29"),
        ("May 27", None, "05-27"),
        ("May 27", "not a timestamp", "05-27"),
        ("Feb 31", CRAWLED, None),
    ],
)
def test_year_comes_from_the_crawl_and_is_never_in_the_future(
    day: str, crawled_at: str | None, expected: str | None
) -> None:
    dateline = parse_dateline(f"TOKYO, {day} (Reuters) - Japan's exports rose.", crawled_at)
    assert dateline is not None
    assert dateline["date"] == expected


@pytest.mark.parametrize(
    "body",
    [
        "North Korea's minister of state security left Pyongyang on Monday.",
        "The authoritarian ruler made the comment during talks in Pyongyang.",
        "BREAKING - Markets fall sharply after the announcement.",
        "Wilcox/Gibbs - said it agreed to be acquired.",
        "Kim Jong-un said - in a speech - that ties would grow.",
        "",
    ],
)
def test_body_without_a_dateline_gives_none(body: str) -> None:
    assert parse_dateline(body, CRAWLED) is None


def test_reuters_datelines_parse(corpus: Path) -> None:
    sgm = (corpus / "reuters21578" / "reut2-000.sgm").read_text(encoding="latin-1")
    openings = re.findall(r"<DATELINE>([^<]*)</DATELINE><BODY>([^<]{0,80})", sgm)
    parsed = [parse_dateline(dateline + body, "1987-03-31T00:00:00") for dateline, body in openings]
    found = [dateline for dateline in parsed if dateline is not None]
    assert len(openings) > 900
    assert len(found) / len(openings) > 0.99
    assert sum(dateline["country"] is not None for dateline in found) / len(found) > 0.9
    assert Dateline(raw="NEW YORK, March 2 -", city="New York", country="US", date="1987-03-02", agency=None) in found
    assert Dateline(raw="PEKING, March 2 -", city="Peking", country="CN", date="1987-03-02", agency=None) in found


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        (
            "Hamburg (dpa/lno) – Trotz eines Gespräches zwischen AfD-Mitbegründer Bernd Lucke und dem AStA.",
            Dateline(raw="Hamburg (dpa/lno) –", city="Hamburg", country="DE", date=None, agency="dpa/lno"),
        ),
        (
            "Sieben Menschen sterben bei Brand in Russland\nRostow (Russland) - Bei einem Brand sind Kinder gestorben.",
            Dateline(raw="Rostow (Russland) -", city="Rostow", country="RU", date=None, agency=None),
        ),
        (
            "MADRID, 3 mar (EFE).- El Gobierno aprobó este martes el proyecto de ley.",
            Dateline(raw="MADRID, 3 mar (EFE).-", city="Madrid", country="ES", date="2025-03-03", agency="EFE"),
        ),
        (
            "PARIS, 3 mars 2025 (AFP) - Le gouvernement a présenté son budget.",
            Dateline(raw="PARIS, 3 mars 2025 (AFP) -", city="Paris", country="FR", date="2025-03-03", agency="AFP"),
        ),
        (
            "BRUXELLES, 4 déc (Belga) - Le gouvernement fédéral a approuvé le budget.",
            Dateline(
                raw="BRUXELLES, 4 déc (Belga) -", city="Bruxelles", country="BE", date="2024-12-04", agency="Belga"
            ),
        ),
        (
            "Washington.- El senador republicano Rick Scott calificó el martes al presidente.",
            Dateline(raw="Washington.-", city="Washington", country="US", date=None, agency=None),
        ),
        (
            "Düsseldorf -\nTierschützer laufen seit Monaten Sturm.",
            Dateline(raw="Düsseldorf -", city="Düsseldorf", country="DE", date=None, agency=None),
        ),
        (
            "BERLIN, 3. März (Reuters) - Die Bundesregierung will die Ausgaben erhöhen.",
            Dateline(
                raw="BERLIN, 3. März (Reuters) -", city="Berlin", country="DE", date="2025-03-03", agency="Reuters"
            ),
        ),
        (
            "Frankfurt/Main (dpa) - Für einen Roman über die alte Bundesrepublik erhält er den Preis.",
            Dateline(raw="Frankfurt/Main (dpa) -", city="Frankfurt/Main", country="DE", date=None, agency="dpa"),
        ),
        (
            "(AGI) - Bari, 14 lug - Il traghetto per Durazzo è partito in ritardo.",
            Dateline(raw="(AGI) - Bari, 14 lug -", city="Bari", country="IT", date="2024-07-14", agency="AGI"),
        ),
        (
            "Владивосток. 5 августа. INTERFAX.RU - Первые туристы из Китая прибыли.",
            Dateline(raw="Владивосток. 5 августа. INTERFAX.RU -", city="Владивосток", country="RU", date="2024-08-05",
                     agency="INTERFAX.RU"),
        ),
        (
            "ROMA, 12 GEN (ANSA) - Il governo ha approvato il decreto.",
            Dateline(raw="ROMA, 12 GEN (ANSA) -", city="Roma", country="IT", date="2025-01-12", agency="ANSA"),
        ),
        (
            "(ANSA) - NAPOLI, 3 MAG - La Regione ha stanziato i fondi.",
            Dateline(raw="(ANSA) - NAPOLI, 3 MAG -", city="Napoli", country="IT", date="2025-05-03", agency="ANSA"),
        ),
        (
            "Guadalajara (México), 5 jun (EFE).- El estadio abrirá en mayo.",
            Dateline(raw="Guadalajara (México), 5 jun (EFE).-", city="Guadalajara", country="MX", date="2025-06-05",
                     agency="EFE"),
        ),
        (
            "ROMA, 12 MAG - (ANSA) - Il governo ha approvato il decreto.",
            Dateline(raw="ROMA, 12 MAG - (ANSA) -", city="Roma", country="IT", date="2025-05-12", agency="ANSA"),
        ),
        # Belga's "le" before the day, and EFE's full stop before an en dash (probe 16).
        (
            "Bruxelles, le 3 mars (Belga) – La SNCB a annoncé des travaux.",
            Dateline(raw="Bruxelles, le 3 mars (Belga) –", city="Bruxelles", country="BE", date="2025-03-03",
                     agency="Belga"),
        ),
        (
            "MENDOZA.– Más de 2.000 camiones esperaban en el paso.",
            Dateline(raw="MENDOZA.–", city="Mendoza", country="AR", date=None, agency=None),
        ),
        (
            "LISBOA, 4 out (Lusa) - O Governo aprovou hoje o Orçamento.",
            Dateline(raw="LISBOA, 4 out (Lusa) -", city="Lisboa", country="PT", date="2024-10-04", agency="Lusa"),
        ),
        (
            "МОСКВА, 5 мар — РИА Новости. Президент подписал закон.",
            Dateline(raw="МОСКВА, 5 мар — РИА Новости.", city="Москва", country="RU", date="2025-03-05",
                     agency="РИА Новости"),
        ),
        (
            "МОСКВА, 10 июня. /ТАСС/. Министерство сообщило.",
            Dateline(raw="МОСКВА, 10 июня. /ТАСС/.", city="Москва", country="RU", date="2025-06-10", agency="ТАСС"),
        ),
        (
            "Genève (AFP) - Les négociations ont repris.",
            Dateline(raw="Genève (AFP) -", city="Genève", country="CH", date=None, agency="AFP"),
        ),
        (
            "DEN HAAG (ANP) - Het kabinet heeft besloten.",
            Dateline(raw="DEN HAAG (ANP) -", city="Den Haag", country="NL", date=None, agency="ANP"),
        ),
        (
            "VALENCIA, 14 mar (EFE).- La Generalitat ha aprobado el plan.",
            Dateline(raw="VALENCIA, 14 mar (EFE).-", city="Valencia", country="ES", date="2025-03-14", agency="EFE"),
        ),
        (
            "LAGOS (Lusa) - O Presidente nigeriano falou hoje.",
            Dateline(raw="LAGOS (Lusa) -", city="Lagos", country="NG", date=None, agency="Lusa"),
        ),
        (
            "MIDDELBURG (ANP) - De gemeente heeft besloten.",
            Dateline(raw="MIDDELBURG (ANP) -", city="Middelburg", country="NL", date=None, agency="ANP"),
        ),
        (
            "Kijów (PAP) - Prezydent Ukrainy podpisał ustawę.",
            Dateline(raw="Kijów (PAP) -", city="Kijów", country="UA", date=None, agency="PAP"),
        ),
    ],
)  # fmt: skip
def test_other_languages_dateline_forms(body: str, expected: Dateline) -> None:
    assert parse_dateline(body, CRAWLED, local_styles=True) == expected


@pytest.mark.parametrize(
    ("body", "city", "country"),
    [
        ("Wien – Der Wiener Gemeinderat hat am Montag den Ausbau beschlossen.", "Wien", "AT"),
        ("Indianapolis – Several thousand teachers surrounded the Statehouse on Tuesday.", "Indianapolis", "US"),
        ("Dekalb, Ill. — Mike Glass threw for three touchdowns on Tuesday night.", "Dekalb", "US"),
    ],
)
def test_a_known_town_before_a_dash_in_running_text_case_is_a_dateline(body: str, city: str, country: str) -> None:
    # A local paper's dateline names no agency and writes its town as a name (probe 14, three shared pages).
    dateline = parse_dateline(body, CRAWLED, local_styles=True)
    assert dateline is not None
    assert (dateline["city"], dateline["country"]) == (city, country)
    assert parse_dateline("Anwohner – so die Stadt – sind verärgert.", CRAWLED, local_styles=True) is None


def test_an_abbreviation_keeps_its_full_stop_before_a_dash() -> None:
    # Review: EFE's full stop comes off "MENDOZA.–", an abbreviation's stays.
    dateline = parse_dateline("WASHINGTON D.C. — The Senate voted on Tuesday.", CRAWLED, local_styles=True)
    assert dateline is not None
    assert (dateline["city"], dateline["country"]) == ("Washington D.C.", "US")


@pytest.mark.parametrize(
    ("body", "city", "country"),
    [
        ("HYDERABAD: The heatwave gripping south India intensified on Monday.", "Hyderabad", "IN"),
        ("SINGAPORE: The central bank left its policy settings unchanged on Friday.", "Singapore", "SG"),
        ("NEW DELHI: The government cut fuel taxes on Tuesday.", "New Delhi", "IN"),
    ],
)
def test_a_city_in_capitals_before_a_colon_is_a_dateline(body: str, city: str, country: str) -> None:
    # The style of South Asian and Singapore papers (probe 15).
    dateline = parse_dateline(body, CRAWLED, local_styles=True)
    assert dateline is not None
    assert (dateline["city"], dateline["country"]) == (city, country)
    assert parse_dateline(body, CRAWLED) is None, "not a wire form"
    note = parse_dateline(f"{body}\nMore on this later.\nEDITOR'S NOTE: An earlier version misspelt a name.", CRAWLED,
                          local_styles=True)  # fmt: skip
    assert note is not None, "one label further down makes no transcript"


@pytest.mark.parametrize(
    "body",
    [
        "UPDATE: The minister resigned on Monday.",
        "CHINA: The central bank cut rates.",
        "POLICE: The suspect fled on foot.",  # a town in Poland, too small for this form
        "MOBILE: Apple unveiled three phones.",  # a US city, where papers write no such dateline
        "HYDERABAD: the heat goes on.",
        # Transcripts' speakers: the first one again, or two others.
        "KARACHI: We will win this seat.\nBLITZER: Thank you.\nCOOPER: And now the weather.",
        "LAHORE: We will win this seat.\nAnd more.\nLAHORE: Thank you.",
    ],
)
def test_a_label_or_a_speaker_before_a_colon_is_no_dateline(body: str) -> None:
    assert parse_dateline(body, CRAWLED, local_styles=True) is None


@pytest.mark.parametrize(
    ("body", "city", "country", "day"),
    [
        ("MADRID. Los domingos por la mañana, la avenida será de peatones.", "Madrid", "ES", None),
        ("WIEN. Der Plan steht. Ab Juni wird der Platz umgebaut.", "Wien", "AT", None),
        ("НОВОСИБИРСК, 2 октября. Аэропорт Толмачёво откроет новые направления.", "Новосибирск", "RU", "10-02"),
        ("DÜBENDORF, 3. März. Die Gemeinde baut den Hangar um.", "Dübendorf", "CH", "03-03"),
    ],
)
def test_a_full_stop_after_a_capital_or_a_town_and_its_date_closes_a_dateline(
    body: str, city: str, country: str, day: str | None
) -> None:
    # Regional papers' form (probe 17): Spanish, Austrian, Russian.
    dateline = parse_dateline(body, CRAWLED, local_styles=True)
    assert dateline is not None
    assert (dateline["city"], dateline["country"]) == (city, country)
    assert (dateline["date"] or "")[5:] == (day or "")
    assert parse_dateline(body, CRAWLED) is None, "not a wire form"


@pytest.mark.parametrize(
    "body",
    [
        "Finally. The minister resigned on Monday.",
        "Dübendorf. Die Gemeinde baut den Hangar um.",  # a small town needs its date for this form
        # Review: a city's name as a one-word first sentence, a name several cities share.
        "Essen. Wer sich gesund ernähren will, kocht selbst.",
        "Split. The band announced on Monday that it would tour again.",
        "Wien. Jahrzehntelang galt der Platz als einer der unwirtlichsten Orte.",
        "VALENCIA. El Consell aprobó ayer el decreto de ayudas.",
        "San Juan, 24 de junio. Las hogueras ardieron toda la noche.",
        "Paris. the end of an era.",  # no sentence follows
        "Monday, March 3. The plan was approved.",
    ],
)
def test_a_word_a_city_or_a_small_town_before_a_full_stop_is_no_dateline(body: str) -> None:
    assert parse_dateline(body, CRAWLED, local_styles=True) is None


def test_a_dateline_names_small_towns_that_running_text_does_not() -> None:
    # From a Swiss paper's story on the trafilatura news set: Dübendorf has about 20,000 people, below the size
    # from which a city named in running text counts, but alone on its line before a dash it is a place.
    body = "Dübendorf -\nAbheben wird sie nicht so schnell, doch den Hangar hat sie schon einmal verlassen."
    dateline = parse_dateline(body, CRAWLED, local_styles=True)
    assert dateline is not None
    assert dateline["country"] == "CH"
    assert place_country("Dübendorf") is None


@pytest.mark.parametrize(
    "body",
    [
        "Sieben Menschen sterben bei Brand in Russland\nRostow (Russland) - Bei einem Brand sind Kinder gestorben.",
        "Washington.- El senador republicano Rick Scott calificó el martes al presidente.",
        "Düsseldorf -\nTierschützer laufen seit Monaten Sturm.",
        "Trump - the man who would be king - spoke on Tuesday.",
    ],
)
def test_wire_forms_alone_leave_local_styles_out(body: str) -> None:
    assert parse_dateline(body, CRAWLED) is None


@pytest.mark.parametrize(
    "body",
    [
        "(CNN) — Joe Biden — the president, spoke on Monday.",
        "(Updated) - Prices rose - again on Tuesday.",
        "The vaccine - Sputnik V - was approved in March.",
        "Nadal, set 3 — Federer won the tie-break.",
        "Smith, out 12 — the Australian was caught at slip.",
        "Visit us at /about/. Then sign up.",
        "Porto, 3 dez - jogadores saíram do campo.",
        "Paris, 14 juillet 1789 — la Bastille est prise.",
        # A town's name opening a sentence that goes on in lower case or sets an aside between dashes.
        "Jackson – the singer who changed pop – died on Tuesday.",
        "Split – the band announced a reunion tour.",
        "Mercedes – der Autobauer – meldet einen Gewinnrückgang.",
    ],
)
def test_openings_that_only_look_like_the_local_forms_are_no_datelines(body: str) -> None:
    # Review: the agency-first and agency-after forms and months that are also words ("set", "out") read these.
    assert parse_dateline(body, CRAWLED, local_styles=True) is None
