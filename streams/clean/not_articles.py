"""Files that decode as text but hold no article: data (JSON, CSV/TSV tables), licences, too little to read, and
pages that are a site's notice instead of its article (an error page, a sign-in form, a cookie consent wall).

Every check reads a bounded opening of the text, so its cost does not grow with the file. None of them
fires on any article of the shared corpus (ScrapingHub and trafilatura news pages, the topic set, all
Reuters-21578 stories of the first file): tests/test_not_articles.py runs them all through `clean`.
"""

from __future__ import annotations

import csv
import io
import json
import re
from itertools import islice

from streams.clean.section_front import MIN_TEASERS
from streams.errors import RejectedInput

MIN_ARTICLE_CHARS = 20
"""Letters and digits the shortest article has: a headline. Reuters' shortest story, a bare headline, has 30."""

_DATA_SNIFF_CHARS = 65536
_TABLE_SNIFF_LINES = 10
_MIN_TABLE_ROWS = 3
_MAX_TABLE_ROWS = 200
_MAX_CELL_WORDS = 1
"""A table's cells are mostly one word or number; prose split at its commas gives clauses of several words."""
_TRUNCATION_SLACK = 8
"""How far before the cut a JSON parse may fail and still be a cut-off token ("tru", "-1.5e")."""
_LICENCE_SNIFF_CHARS = 4000
_TABLE_DELIMITERS = ",;\t|"
_JSON_START = re.compile(r"\s*[\[{]")
_LETTER = re.compile(r"[^\W\d_]")
_LETTER_OR_DIGIT = re.compile(r"[^\W_]")


# Each licence by sentences only its text has (its grant, preamble or disclaimer), never by its name
# alone, which news about software mentions. Written casefolded; any punctuation may separate the words.
_LICENCES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("MIT", ("permission is hereby granted free of charge to any person obtaining a copy",)),
    ("Boost", ("permission is hereby granted free of charge to any person or organization obtaining a copy",)),
    ("MIT-style", ("the software is provided as is without warranty of any kind",)),
    ("ISC", ("distribute this software for any purpose with or without fee is hereby granted",)),
    (
        "BSD",
        (
            "redistribution and use in source and binary forms with or without modification are permitted",
            "this software is provided by the copyright holders and contributors as is",
        ),
    ),
    (
        "Apache",
        (
            "terms and conditions for use reproduction and distribution",
            "you may not use this file except in compliance with the license",
        ),
    ),
    (
        "GNU",
        (
            "everyone is permitted to copy and distribute verbatim copies of this license document",
            "is free software you can redistribute it and or modify it under the terms of the gnu",
        ),
    ),
    (
        "Creative Commons",
        (
            "creative commons corporation (?:creative commons )?is not a law firm",
            "provided under the terms of this creative commons public license",
            "you are free to share copy and redistribute the material in any medium or format",
            "the laws of most jurisdictions throughout the world automatically confer exclusive copyright",
        ),
    ),
    (
        "Mozilla",
        (
            "this source code form is subject to the terms of the mozilla public license",
            "means each individual or legal entity that creates contributes to the creation of",
            "means distribution or otherwise making the covered code available to a third party",
        ),
    ),
    ("Python", ("this license agreement is between the python software foundation",)),
    ("Artistic", ("the intent of this document is to state the conditions under which a package may be copied",)),
    ("Eclipse", ("the accompanying program is provided under the terms of this eclipse public license",)),
    ("Unlicense", ("this is free and unencumbered software released into the public domain",)),
)


MAX_NOTICE_WORDS = 250
"""Most words a page may hold and still be taken for a notice: a short story beside a sign-in box is still a story."""
_ERROR_TITLE = re.compile(
    r"""(?:error\W*)?404(?:\W*(?:error|not\s+found|page\s+not\s+found))?|(?:error\W*)?(?:page|file)\s+not\s+found
        |sorry,?\s+(?:we|this\s+page)\s+(?:couldn.t|can.t|could\s+not|cannot|does\s+not|doesn.t)\s+(?:find|exist)\b.*
        |seite\s+nicht\s+gefunden|page\s+(?:non\s+)?introuvable|p[áa]gina\s+no\s+encontrada|pagina\s+non\s+trovata
        |p[áa]gina\s+n[ãa]o\s+encontrada|nie\s+znaleziono\s+strony|pagina\s+niet\s+gevonden|страница\s+не\s+найдена""",
    re.IGNORECASE | re.VERBOSE,
)
"""Headlines of a page saying the address leads nowhere ("Page not found", "404", "Seite nicht gefunden")."""
_PASSWORD_FIELD = re.compile(r"""<input\b[^>]*\btype\s*=\s*["']?password\b""", re.IGNORECASE)
_SIGN_IN_TITLE = re.compile(
    r"""(?:sign|log)\s*(?:in|on)(?:\s+to\s+(?:your\s+account|continue))?|login|my\s+account|anmelden|einloggen
        |se\s+connecter|connexion|iniciar\s+sesi[óo]n|accedi|entrar|zaloguj\s+się|inloggen|войти|вход""",
    re.IGNORECASE | re.VERBOSE,
)
"""Headlines of a sign-in form: a password field alone is no sign, as article pages carry a login box."""
_CONSENT_WALL = re.compile(
    r"""store\s+and/or\s+access\s+information\s+on\s+a\s+device|informationen\s+auf\s+einem\s+gerät\s+speichern
        |stocker\s+et/ou\s+accéder\s+à\s+des\s+informations|almacenar\s+(?:la\s+)?información\s+en\s+un\s+dispositivo
        |archiviare\s+e/o\s+accedere\s+a\s+informazioni|informatie\s+op\s+een\s+apparaat\s+opslaan
        |przechowywanie\s+informacji\s+na\s+urządzeniu""",
    re.IGNORECASE | re.VERBOSE,
)
"""The first purpose of the IAB's consent framework, as every consent wall built on it words it."""


def _wording(phrases: tuple[str, ...]) -> str:
    """A pattern for any of a licence's phrases, its words separated by any punctuation or line breaks."""
    return "|".join(r"\W+".join(phrase.split()) for phrase in phrases)


# One pass over the opening finds any of them; the group that matched names the licence.
_LICENCE_WORDING = re.compile(
    r"\b(?:"
    + "|".join(f"(?P<licence{index}>{_wording(phrases)})" for index, (_, phrases) in enumerate(_LICENCES))
    + ")"
)


def reject_json(text: str) -> None:
    """Refuse JSON whatever its declared type: APIs serve it as text/html too, and it is never prose."""
    if _is_json(text):
        raise RejectedInput("not an article: JSON data")


def reject_table(text: str) -> None:
    """Refuse a delimited table given as plain text, which would otherwise be tagged as if it were prose."""
    if _is_table(text):
        raise RejectedInput("not an article: CSV/TSV table")


def reject_unreadable(text: str) -> None:
    """Refuse cleaned text without words, too short to be a story, or that is a licence's text."""
    if not _LETTER.search(text):
        raise RejectedInput("not an article: no words, only digits, punctuation or symbols")
    if not has_enough_text(text):
        count = len(_LETTER_OR_DIGIT.findall(text))
        raise RejectedInput(f"too short: fewer than {MIN_ARTICLE_CHARS} letters and digits ({count})")
    licence = _LICENCE_WORDING.search(text[:_LICENCE_SNIFF_CHARS].casefold())
    if licence is not None and licence.lastgroup is not None:
        name = _LICENCES[int(licence.lastgroup.removeprefix("licence"))][0]
        raise RejectedInput(f"not an article: {name} licence text")


def reject_notice_page(html: str, title: str | None, text: str) -> None:
    """Refuse a short page that is the site's notice rather than an article: its error page, a sign-in form (a
    password field), a cookie consent wall. Pages with more text than a notice holds are never refused."""
    if len(text.split()) > MAX_NOTICE_WORDS:
        return
    if title and _ERROR_TITLE.fullmatch(title.strip(" .!")):
        raise RejectedInput("not an article: an error page (page not found); check the address it was crawled from")
    if title and _SIGN_IN_TITLE.fullmatch(title.strip(" .!")) and _PASSWORD_FIELD.search(html):
        raise RejectedInput("not an article: a sign-in page; crawl the article with the site's login or cookies")
    if _CONSENT_WALL.search(text):
        raise RejectedInput("not an article: a cookie consent wall; crawl the page with consent given")


def reject_section_front(teasers: int) -> None:
    """Refuse a section front: its text is other stories' teasers, each of which has its own page to send."""
    if teasers >= MIN_TEASERS:
        raise RejectedInput(
            f"not an article: a section front, its text is the teasers of {teasers} stories; send their own pages"
        )


def has_enough_text(text: str) -> bool:
    """Whether the text holds at least a headline's worth of letters and digits."""
    return sum(1 for _ in islice(_LETTER_OR_DIGIT.finditer(text), MIN_ARTICLE_CHARS)) == MIN_ARTICLE_CHARS


def _is_json(text: str) -> bool:
    """Whether the text is a JSON document or JSON lines, judged on its opening alone.

    An opening that parses, or fails only where it was cut off, is JSON; prose that starts with a
    bracket ("[Reuters] ...", "[1] ...") fails at once or leaves words after the value.
    """
    start = _JSON_START.match(text)
    if start is None:
        return False
    at = start.end() - 1
    head = text[at : at + _DATA_SNIFF_CHARS]
    cut = len(text) - at > len(head)
    try:
        value, end = json.JSONDecoder().raw_decode(head)
    except json.JSONDecodeError as error:
        return cut and (error.pos >= len(head) - _TRUNCATION_SLACK or error.msg.startswith("Unterminated string"))
    rest = head[end:].lstrip()
    return not rest or (isinstance(value, dict) and rest.startswith("{"))


def _is_table(text: str) -> bool:
    """Whether the text opens with rows of cells, the same number in every row.

    Tabs never separate words inside a line of prose (indenting one leaves its first cell empty), so
    tab-separated rows are a table whatever their cells hold; commas, semicolons and bars do, so their
    cells must be mostly one word or number. Only the delimiter is sniffed: the sniffer takes
    apostrophes in prose for a quote character, and tables quote with double quotes.
    """
    head = text[:_DATA_SNIFF_CHARS]
    if len(text) > len(head):
        head = head[: head.rfind("\n") + 1]
    sample = "".join(islice(io.StringIO(head), _TABLE_SNIFF_LINES))
    first, _, rest = sample.partition("\n")
    if not any(delimiter in first and delimiter in rest for delimiter in _TABLE_DELIMITERS):
        return False
    try:
        delimiter = csv.Sniffer().sniff(sample, delimiters=_TABLE_DELIMITERS).delimiter
        rows = [row for row in islice(csv.reader(io.StringIO(head), delimiter=delimiter), _MAX_TABLE_ROWS) if row]
    except csv.Error:
        return False
    if len(rows) < _MIN_TABLE_ROWS or len({len(row) for row in rows}) != 1 or len(rows[0]) < 2:
        return False
    if delimiter == "\t" and all(row[0] for row in rows):
        return True
    words = sorted(len(cell.split()) for row in rows for cell in row)
    return words[len(words) // 2] <= _MAX_CELL_WORDS
