"""IPTC Media Topics (top level) of an English article, from cue-word lexicons written per topic.

Each lexicon lists words and two-word phrases that a story on that topic tends to use, written from what
the IPTC scope note of the topic covers. Words are compared as Snowball stems, so `elections`, `elected`
and `election` meet on one cue. A cue's evidence grows with the log of its weighted mentions (a title
mention weighs more than one deep in the body), so one repeated word cannot outvote a spread of cues.
"""

from __future__ import annotations

import functools
import math
import re
from collections import defaultdict
from collections.abc import Iterable

import Stemmer

from streams.records import Subject

MEDIA_TOPICS: dict[str, str] = {
    "medtop:01000000": "arts, culture, entertainment and media",
    "medtop:02000000": "crime, law and justice",
    "medtop:03000000": "disaster, accident and emergency incident",
    "medtop:04000000": "economy, business and finance",
    "medtop:05000000": "education",
    "medtop:06000000": "environment",
    "medtop:07000000": "health",
    "medtop:08000000": "human interest",
    "medtop:09000000": "labour",
    "medtop:10000000": "lifestyle and leisure",
    "medtop:11000000": "politics",
    "medtop:12000000": "religion",
    "medtop:13000000": "science and technology",
    "medtop:14000000": "society",
    "medtop:15000000": "sport",
    "medtop:16000000": "conflict, war and peace",
    "medtop:17000000": "weather",
}
"""The 17 top-level IPTC Media Topics, by their `medtop:` code."""

CUES: dict[str, str] = {
    "medtop:01000000": """
        film movie cinema actor actress film_director hollywood bollywood oscar award festival screenplay
        music song album singer songwriter band concert rapper musician orchestra opera ballet theatre theater
        musical art artist museum exhibition gallery painting painter sculpture book novel novelist
        writer literature poetry poet tv_series television_series episode sitcom netflix streaming hbo disney
        celebrity comedian comedy drama documentary video_game playstation xbox nintendo anime comic
        journalism podcast entertainment culture cultural heritage box_office red_carpet grammy emmy sequel
        trailer studio showbiz fame""",
    "medtop:02000000": """
        police policeman arrest court judge trial jury verdict sentence prison jail prisoner prosecutor
        prosecution charge indictment indict lawsuit sue lawyer attorney defendant plaintiff murder homicide
        robbery theft fraud corruption bribery bribe smuggling trafficking cartel gang crime criminal suspect
        investigation investigator detective fbi convict acquit appeal supreme_court ruling law_enforcement
        gunman stabbing assault rape kidnapping extradition custody bail parole scam money_laundering
        illegal offence offense felony misdemeanor testimony witness guilty plead justice_department
        manslaughter molest harass harassment abduct abduction thief burglary vandalism accused""",
    "medtop:03000000": """
        earthquake quake tsunami flood flooding hurricane typhoon cyclone tornado wildfire blaze firefighter
        crash plane_crash collision derail accident disaster emergency rescue rescuer evacuate evacuation
        survivor death_toll injured collapse landslide avalanche famine volcano eruption shipwreck capsize
        sank aftershock debris rubble emergency_services casualty missing""",
    "medtop:04000000": """
        economy economic economist inflation gdp recession market stock share investor investment bank banking
        central_bank interest_rate bond yield currency dollar euro yen oil crude opec trade tariff export
        import deficit surplus budget tax revenue profit loss earnings quarter quarterly sale company firm
        corporate ceo chief_executive merger acquisition takeover acquire deal billion price consumer retail
        retailer industry industrial manufacturing manufacturer factory production output supply demand
        commodity gold wheat grain tonne barrel debt loan credit mortgage fund ipo nasdaq dow_jones wall_street
        stock_exchange dividend bankruptcy finance financial fiscal monetary imf world_bank wto subsidy
        shareholder valuation startup venture business businesses brand customer exporter importer pct dlrs
        mln crop harvest cocoa coffee sugar copper steel automaker airline""",
    "medtop:05000000": """
        school student teacher university college campus education educational exam curriculum pupil
        classroom tuition degree graduate academic professor scholarship kindergarten literacy headteacher
        principal semester enrolment enrollment""",
    "medtop:06000000": """
        climate_change climate global_warming emission carbon greenhouse pollution polluted environmental
        environment deforestation biodiversity wildlife endangered conservation renewable solar wind_power
        recycling plastic ocean coral glacier sustainability sustainable ecosystem forest fossil_fuel
        net_zero habitat extinction conservationist""",
    "medtop:07000000": """
        health healthcare hospital patient doctor nurse disease virus infection outbreak pandemic epidemic
        vaccine vaccination covid coronavirus flu influenza cancer tumour tumor diabetes medicine medical
        treatment therapy clinical_trial surgery surgeon mental_health obesity symptom diagnosis diagnose
        public_health measles ebola malaria hiv pharmaceutical drugmaker clinic illness dementia alzheimer
        stroke heart_attack nutrition""",
    "medtop:08000000": """
        anniversary birthday wedding pet dog cat zoo oldest centenarian lottery royal_family prince princess
        heartwarming reunion""",
    "medtop:09000000": """
        worker union trade_union strike wage salary pay_rise minimum_wage employment unemployment jobless
        job job_cuts layoff lay_off employer employee labour labor pension retirement workforce hiring
        walkout payroll""",
    "medtop:10000000": """
        travel tourism tourist holiday vacation hotel restaurant food recipe cooking chef fashion style beauty
        wellness fitness diet hobby gardening shopping wine beer dating cruise destination luxury lifestyle""",
    "medtop:11000000": """
        election vote voter ballot parliament parliamentary senate senator congress congressman lawmaker
        legislator legislation president presidential prime_minister minister ministry government cabinet
        governor mayor party opposition coalition campaign candidate democrat republican conservative
        referendum diplomat diplomacy diplomatic embassy ambassador sanction summit foreign_minister
        foreign_policy regime kremlin white_house downing_street politician political politics constitution
        constitutional impeachment veto treaty bilateral nato united_nations european_union brexit
        sovereignty dissident authoritarian dictator monarchy premier chancellor legislative poll incumbent
        inauguration administration state_department lobby talks""",
    "medtop:12000000": """
        church religion religious pope vatican bishop priest mosque imam muslim islam christian catholic
        protestant jewish judaism synagogue rabbi hindu buddhist temple faith worship prayer pilgrimage
        ramadan easter christmas clergy theology""",
    "medtop:13000000": """
        technology tech software hardware app smartphone iphone android computer computing internet online
        website digital artificial_intelligence ai algorithm data chip semiconductor processor cyber
        cyberattack hacker cybersecurity gadget device robot robotics electric_vehicle battery telecom 5g
        broadband social_media platform user browser cloud blockchain cryptocurrency bitcoin satellite space
        nasa spacecraft astronaut orbit planet mars moon telescope galaxy universe physics physicist chemistry
        biology genetic gene dna scientist research researcher study laboratory experiment discovery fossil
        dinosaur evolution quantum particle neuroscience journal engineer innovation google apple microsoft
        amazon meta openai chatbot""",
    "medtop:14000000": """
        protest protester demonstration demonstrator rally immigration immigrant migrant refugee asylum
        poverty homeless homelessness inequality discrimination racism racial gender feminism lgbt gay
        transgender same_sex family children welfare social_security civil_rights human_rights activist
        community population census demographic citizen charity volunteer elderly youth society social""",
    "medtop:15000000": """
        sport football soccer basketball baseball tennis golf cricket rugby hockey boxing cycling athletics
        olympics olympic world_cup championship champion league tournament match season team player coach
        club goal scored striker midfielder defender goalkeeper quarterback nba nfl nhl fifa uefa
        premier_league grand_slam medal racing formula_one grand_prix marathon stadium transfer victory
        defeat final semi_final quarter_final playoff innings wicket penalty referee athlete sprint swimmer
        esports fixture squad""",
    "medtop:16000000": """
        war wartime military army troop soldier missile drone airstrike air_strike bombing bomb shelling
        artillery offensive invasion invade ceasefire truce peace_talks peace_deal militant insurgent rebel
        terrorist terrorism attack combat frontline front_line weapon arms nuclear_weapon warship navy naval
        air_force defence defense hostage occupation annexation armed guerrilla jihadist isis hamas
        hezbollah taliban battalion brigade commander security_forces conflict clash genocide displaced
        siege sniper explosive rocket tank fighter_jet""",
    "medtop:17000000": """
        weather forecast forecaster temperature heatwave heat_wave rain rainfall snow snowfall storm wind
        cold_snap frost sunny meteorological met_office celsius fahrenheit humidity monsoon thunderstorm""",
}
"""Cue words per topic (`_` joins a two-word phrase), stemmed when the lexicon is loaded.

Arts and media leaves out the words hard news uses to say where a report came from ("state media", "told the
newspaper", "the broadcaster", "the author of the report", "the director of the FBI") and those whose stem is a
word of another topic ("gaming" -> "game", "premiere" -> "premier", "series" of matches)."""

PHRASE_WEIGHT = 2.0
"""A two-word cue is more specific than a single word, so it counts double."""

MIN_SHARE = 0.1
"""Topics after the first with less than this share of the evidence are not reported."""

MAX_TOPICS = 5
_WORD = re.compile(r"[^\W\d_]+")


@functools.cache
def _stemmer() -> Stemmer.Stemmer:
    """One English Snowball stemmer per process, with its own word cache."""
    return Stemmer.Stemmer("english")


@functools.cache
def lexicon() -> dict[str, dict[str, float]]:
    """Stemmed cue -> {topic code: weight}, built once per process from CUES."""
    stem = _stemmer().stemWord
    cues: dict[str, dict[str, float]] = defaultdict(dict)
    for code, words in CUES.items():
        for cue in words.split():
            parts = cue.split("_")
            key = " ".join(stem(part) for part in parts)
            cues[key][code] = PHRASE_WEIGHT if len(parts) > 1 else 1.0
    return dict(cues)


def rank(passages: Iterable[tuple[str, float]]) -> list[Subject]:
    """Topics of a text given as (passage, weight) pairs, such as headline and body, best first, scores summing to 1."""
    cues = lexicon()
    mentions: dict[str, float] = defaultdict(float)
    for passage, weight in passages:
        words = _WORD.findall(passage.lower())
        stem = dict(zip(set(words), _stemmer().stemWords(list(set(words))), strict=True))
        previous = ""
        for word in words:
            current = stem[word]
            if current in cues:
                mentions[current] += weight
            if (pair := f"{previous} {current}") in cues:
                mentions[pair] += weight
            previous = current
    evidence: dict[str, float] = defaultdict(float)
    for key, weight in mentions.items():
        for code, cue_weight in cues[key].items():
            evidence[code] += cue_weight * math.log1p(weight)
    total = sum(evidence.values())
    if not total:
        return []
    ranked = sorted(evidence.items(), key=lambda item: -item[1])[:MAX_TOPICS]
    return [
        Subject(code=code, label=MEDIA_TOPICS[code], score=round(value / total, 4))
        for place, (code, value) in enumerate(ranked)
        if not place or value / total >= MIN_SHARE
    ]
