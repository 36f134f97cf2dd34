"""Page chrome that article extractors leave in HTML article text, recognised the same way on any site.

Extractors keep whole blocks, so a block that holds the article can still carry the headline repeated
as its first line, "Read more:" teasers with their link lists, newsletter pitches, photo credits,
rights notices, cookie-consent and comment-policy notices, a line pointing at the page's own address
and the text of pop-up cards that a site hangs on a name in the story.
Each rule here matches by wording common to news sites in several languages, never by site, and only
short lines, so a story that merely mentions a newsletter, cookies or a privacy law keeps its paragraphs.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from streams.clean.page_time import stamp_line
from streams.clean.provenance import SOURCE_LABELS
from streams.text.dateline import DATELINE_MONTHS

# The labels over a teaser or a list of them ("Read more", "Lesen Sie auch", "Lees ook"), in the languages we read.
_TEASER_LABELS = r"""(?:
        related(?:\s+(?:articles?|stories|posts?|content|coverage|reading|videos?|links|topics))?
        |read\s+(?:more|also|next)|see\s+(?:more|also)|also\s+(?:on\s+\S+|read|see)|don'?t\s+miss
        |more\s+from\s+\S*[^\s.!?](?:\s+\S*[^\s.!?]){0,3}(?=\s*$)|more\s+on\s+this\s+(?:story|topic)|most\s+(?:popular|viewed|shared)
        |continue\s+reading(?:\s+below)?|sponsored(?:\s+content)?
        |tags|topics|themen|schlagwörter|temas|sujets|argomenti|tematy|tagi|tópicos|onderwerpen
        |les\s+plus\s+lus|i\s+più\s+letti|najczęściej\s+czytane|meest\s+gelezen|mais\s+lidas|lo\s+más\s+leído
        |meistgelesen|recommended\s+(?:stories|articles|reading)|trending(?:\s+stories)?|visual\s+stories
        |popular\s+(?:now|from)(?:\s+\S+){0,3}|latest\s+on(?:\s+\S+){1,3}|promoted\s+content
        |lo\s+más\s+visto|más\s+información|archivado\s+en|ämnen|les\s+også|læs\s+(?:også|mere)|läs\s+(?:mer|också)
        |mest\s+(?:lest|læste|läst|delt)|share\s+or\s+comment\s+on\s+this\s+article|share\s+what\s+you\s+think
        |you\s+(?:may|might)\s+also\s+(?:like|enjoy)|recommended(?:\s+for\s+you)?|most\s+read|learn\s+more
        |(?:featured|recent)\s+(?:slide\s*shows|galleries|videos)|(?:trending|popular)\s+now|more\s+stories
        |advertisement|anzeige|werbung|publicidad|reklama|mehr\s+erfahren|dowiedz\s+się\s+więcej
        |lesen\s+sie\s+(?:auch|mehr|hier)|mehr\s+zum\s+thema|auch\s+interessant|siehe\s+auch
        |das\s+könnte\s+sie\s+auch\s+interessieren|weitere\s+(?:artikel|informationen|nachrichten)(?:\s+zu\w*(?:\s+\w+){1,4})?
        |lire\s+aussi|à\s+lire\s+aussi|voir\s+aussi
        |leer\s+(?:también|más)|(?:también\s+)?[lt]e\s+puede\s+interesar|lea\s+también|ver\s+también
        |noticias\s+relacionadas|artículos\s+relacionados|ähnliche\s+artikel|articles\s+similaires|articoli\s+correlati
        |leia\s+(?:também|mais)|veja\s+também|saiba\s+mais|leggi\s+anche|potrebbe\s+interessarti
        |czytaj\s+(?:też|także|więcej)|zobacz\s+(?:też|także|również|wideo)|może\s+cię\s+zainteresować
        |читайте\s+также|смотрите\s+также|по\s+теме
        |lees\s+(?:ook|meer)|bekijk\s+ook|meer\s+over\s+dit\s+onderwerp
    )"""
# A teaser label: the whole line, or a line that goes on after a colon, dash or similar.
_TEASER_LABEL = re.compile(rf"^\W*{_TEASER_LABELS}\s*(?:[:.…|»>\-–]|$)", re.IGNORECASE | re.VERBOSE)
# A label in capitals that runs straight into the teaser's headline ("À LIRE AUSSI Cahors: les vignes...").
_SHOUTED_TEASER_LABEL = re.compile(rf"^\W*{_TEASER_LABELS}\s", re.IGNORECASE | re.VERBOSE)
_NEWSLETTER = re.compile(r"\b(?:newsletters?|boletín|infolettre|in\s+your\s+inbox)\b", re.IGNORECASE)
# An affiliate disclosure: "We may earn a commission when you buy through links on our site".
_AFFILIATE = re.compile(
    r"\b(?:we|i)\s+(?:may\s+)?(?:earn|receive|get)\s+(?:a\s+)?(?:small\s+)?(?:affiliate\s+)?commission|\baffiliate\s+links?\b"
    r"|\b(?:wir\s+erhalten|erhalten\s+wir)\s+(?:eine\s+)?provision",
    re.IGNORECASE,
)
_CALL_TO_ACTION = re.compile(
    r"""^\W*(?:subscribe|sign\s+up|get\s+the\s+latest|never\s+miss|follow\s+us|get\s+unlimited\s+access
        |download\s+(?:our|the)\s+(?:\w+\s+)?app
        |already\s+a\s+subscriber|start\s+(?:your\s+)?free\s+trial|unlock\s+(?:unlimited|full)\s+access
        |check\s+(?:\w+\s+){0,2}prices\s+(?:on|at)\b
        |jetzt\s+abonnieren|abonnieren\s+sie|suscríbete|s[ií]guenos|abonnez-vous|zapisz\s+się)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A link to the site's editorial principles closing a story, its title only: "Our Standards: The Thomson Reuters Trust
# Principles." (not "Editorial standards: The ombudsman found the column breached them.").
_STANDARDS_LINK = re.compile(
    r"^(?:our|editorial)\s+standards\s*:\s*(?:the\s+)?[\w.'’&\s-]{0,60}\b(?:principles|policy|guidelines|code)\.?\s*$",
    re.IGNORECASE,
)
# A form's button text left at the end of a pitch: "... never miss our top stories Free Sign Up".
_BUTTON_AT_END = re.compile(r"\b(?:sign\s+up|subscribe|abonnieren|suscr[ií]bete|s'abonner)\W*$", re.IGNORECASE)
# Contact lines ("Email the writer at ...", "Have a tip? ... reached at ...") name an address, which
# pages served through a CDN may show as "[email protected]".
_EMAIL_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b|\[email\s+protected\]", re.IGNORECASE)
_CREDIT = re.compile(
    r"^\s*\[?(?:©|ⓒ|\(c\)|copyright\b|photo:|credit:|foto:|fot\.|bild:|image:|picture:|사진\s*(?:=|제공)"
    r"|(?:photo(?:graphy|graphs|s)?|pictures?|images?)\s+by\s"
    rf"|(?:{SOURCE_LABELS})\s*:\s*\S+(?:\s\S+){{0,3}}$)",
    re.IGNORECASE,
)
# A short credit naming who holds a picture's rights, without a sentence's full stop: "Buchtitel-Copyright liegt bei
# Präsident Erdogan", "Bildrechte liegen bei der Agentur", "Image copyright belongs to the artist".
_RIGHTS_HOLDER = re.compile(
    r"""(?:copyright|urheberrechte?|bildrechte|fotorechte|rechte)\s+(?:lieg(?:t|en)\s+bei|(?:belongs?|lies)\s+(?:to|with)
        |appartient\s+à|pertenece\s+a)\b[^.!?]*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A line that is only a web address: right after a dropped credit, rights line or pitch, the address it names.
_BARE_ADDRESS = re.compile(r"^\W*(?:https?://|www\.)\S+\W*$", re.IGNORECASE)
# A caption ends with its credit: "... in Taipei on December 29. Photo: AP", "(Foto: Jane Doe/Reuters)",
# "... in Olympia, Washington. (AP Photo/Ted S. Warren)", "Mikaela Shiffrin. © AFP / Jeff Pachoud".
_CAPTION_CREDIT = re.compile(
    r"""(?:(?:\(|\b)(?:photo|foto|fot\.|credit|bild|image|picture)s?\s*:\s*[^.:]{1,80}\)?\.?
        |\((?:[\w.]+\s){1,3}(?:photo|foto)s?\s*/[^()]{1,60}\)
        |[©ⓒ][^©ⓒ.]{1,60})\s*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A caption ending in its photographer and agency in brackets: "... in Madrid, Spain. (Manu Fernandez/AP)".
_BRACKETED_CREDIT = re.compile(
    r"\((?:[A-Z][\w.'-]{0,30}\s){0,3}[A-Z][\w.'-]{0,30}\s?/\s?[A-Z][\w.'-]{0,30}(?:\s[A-Z][\w.'-]{0,30}){0,2}\)\s*$"
)
# How long the story takes to read: "5 min read", "Tempo de leitura: 1 minuto", "Lesezeit: ca. 3 Minuten".
_READING_TIME = re.compile(
    r"""^\W*(?:\d+\s*(?:min(?:ute)?s?|minutos?)\.?\s+(?:read|lesezeit|de\s+leitura|de\s+lectura|de\s+lecture)
        |(?:reading\s+time|lesezeit|lesedauer|tempo\s+de\s+leitura|tiempo\s+de\s+lectura|temps\s+de\s+lecture
        |czas\s+czytania)\s*:?\s*(?:ca\.\s*)?\d+\s*\w*)\W*$""",
    re.IGNORECASE | re.VERBOSE,
)
# A rights notice anywhere in a short line ("Copyright 2023 ... All rights reserved. This material may not ...").
_RIGHTS = re.compile(
    r"""all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados
        |tutti\s+i\s+diritti\s+riservati|wszelkie\s+prawa\s+zastrzeżone|direitos\s+reservados
        |저작권자|무단\s*전재|재배포\s*금지|無断転載|版权所有""",
    re.IGNORECASE | re.VERBOSE,
)
# A teaser cut off with a link to the rest ("... was delivered... more"), or a link to click.
_LINK_OUT = re.compile(
    r"""(?:\.\.\.|…)\s*(?:read\s+)?(?:more|mehr|plus|más|mais|więcej)\W*$
        |\b(?:click|tap)\s+(?:here|to\s+tweet)\b|\bhier\s+klicken\b|\bcliquez\s+ici\b|\bhaga\s+clic\s+aquí\b|\bclique\s+aqui\b
        |\bkliknij\s+tutaj\b|\bfollow\s+(?:us|him|her|them|me)\s+on\s+(?:twitter|x|facebook|instagram|linkedin|tiktok|threads)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A share button's text left glued to the end of a paragraph ("... much less stress.Click To Tweet").
_SHARE_BUTTON_AT_END = re.compile(r"(?<=[.!?\"”])\s*(?:click\s+to\s+tweet|tweet\s+this)\W*$", re.IGNORECASE)
_SHARE_BUTTON_TAIL = 30
# A pop-up card hung on a name: the name, then the card's own spelling of it glued on, the person's
# titles and headlines, and a "MORE" link: "Kristi NoemKristi Lynn NoemSouth Dakota governor ... MORE (R)".
_CARD_LINK = "MORE"
_NAME_WORD = r"[A-Z][a-z'.]*(?:-[A-Z]?[a-z'.]+)*"
_POP_UP_CARD = re.compile(
    rf"\b(?P<name>(?P<first>[A-Z][a-z]+)(?:\s{_NAME_WORD}){{0,2}}\s{_NAME_WORD}[a-z])(?P=first)\b[^\n]{{0,1500}}?\b{_CARD_LINK}\b"
)
# Notices of the site about its cookies and privacy policy, in its own voice ("Wir verwenden Cookies und
# Analysetools", "nutzen wir Cookies", "this website uses cookies", "Мы используем файлы cookie", "Weitere Infos
# findest Du in unserer Datenschutzerklärung") or asking the reader about cookies ("Bitte löschen den Verlauf und
# deine Cookies"); a story about cookies or privacy law names them in the third person.
_SITE_USES_COOKIES = re.compile(
    r"""(?:\bwe(?:\s+and\s+our\s+(?:partners|vendors))?\s+(?:use|utili[sz]e|set|store)
        |\bwir\s+(?:verwenden|nutzen|benutzen|setzen|speichern)|\b(?:verwenden|nutzen|benutzen|setzen|speichern)\s+wir
        |\butilisons|\b(?:usamos|utilizamos|empleamos)|\b(?:usiamo|utilizziamo)|\b(?:używamy|wykorzystujemy|stosujemy)
        |\b(?:wij|we)\s+gebruiken|\bgebruiken\s+(?:wij|we)
        |\b(?:this|our)\s+(?:web\s?)?site\s+uses|\b(?:diese|unsere)\s+(?:web|internet)?(?:seite|site)\s+(?:verwendet|nutzt|benutzt)
        |\b(?:ce|notre)\s+site\s+utilise|\b(?:este|nuestro|nosso)\s+(?:sitio|site)(?:\s+web)?\s+(?:usa|utiliza)
        |\bquesto\s+sito\s+(?:usa|utilizza)|\b(?:ta|nasza)\s+strona\s+(?:używa|wykorzystuje|stosuje)
        |\b(?:deze|onze)\s+(?:web)?site\s+gebruikt|\bмы\s+(?:используем|применяем)|\b(?:наш|этот)\s+сайт\s+использует
        |\b(?:please|bitte|veuillez|por\s+favor|per\s+favore|proszę|gelieve))\b[^.!?]{0,60}?\b(?:cookies?|ciasteczk\w*|куки)\b""",
    re.IGNORECASE | re.VERBOSE,
)
_OWN_PRIVACY_POLICY = re.compile(
    r"""\bour\s+(?:privacy|cookie)\s+(?:policy|notice|statement|settings)
        |\bunser(?:e|er|en|em)?\s+(?:datenschutz|cookie-?)(?:erklärung|bestimmungen|hinweise?n?|richtlinien?|einstellungen)
        |\bnotre\s+(?:politique|charte)\s+(?:de|relative\s+aux)\s+(?:confidentialité|cookies)
        |\bnuestr[ao]\s+(?:política|aviso)\s+de\s+(?:privacidad|cookies)|\bnossa\s+política\s+de\s+(?:privacidade|cookies)
        |\bnostra\s+(?:informativa\s+(?:sulla\s+)?(?:privacy|cookie)|(?:privacy|cookie)\s+policy)
        |\bnasz(?:a|ej|ą)\s+polityk[aęi]\s+(?:prywatności|cookies)|\bons\s+(?:privacy|cookie)beleid|\bonze\s+(?:privacy|cookie)verklaring""",
    re.IGNORECASE | re.VERBOSE,
)
# A consent notice asks for the reader's consent, in the reader's own possessive ("Sie können Ihre Einwilligung
# jederzeit widerrufen", "you can withdraw your consent", "retirer votre consentement"): a story speaks of others'.
_YOUR_CONSENT = re.compile(
    r"""\b(?:your|ihre?[nr]?|deine?[nr]?|votre|vos|su|sus|tu|il\s+tuo|la\s+tua|(?:o\s+)?seu|(?:a\s+)?sua|twoją|twojej
        |swoją|uw|je)\s+(?:consent|einwilligung|zustimmung|consentement|consentimiento|consenso|consentimento|zgod[ęay]
        |toestemming)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Comment-policy notices: readers' comments are not the editors' opinion ("Kommentare von Lesern stellen
# keinesfalls die Meinung der Redaktion dar!"), and the site or its editors reserve the right to delete them.
_COMMENTS = re.compile(
    r"\b(?:comments?|posts|kommentare?|beiträge|commentaires?|comentarios?|commenti|comentários|komentarz\w*|reacties)\b",
    re.IGNORECASE,
)
_COMMENT_WIDGET = re.compile(
    r"""(?:comments?|kommentare?|commentaires?|comentarios?|commenti|comentários|komentar[a-z]*|reacties)\s*\(\d+\)
        |(?:leave|post|add|write)\s+a\s+comment|(?:join|view)\s+the\s+(?:discussion|conversation)
        |be\s+the\s+first\s+to\s+comment|sei\s+der\s+erste,?\s+der\s+kommentiert|soyez\s+le\s+premier\s+à\s+commenter
        |kommentar\s+(?:schreiben|verfassen)|laisser\s+un\s+commentaire|deja\s+(?:un|tu)\s+comentario
        |lascia\s+un\s+commento|ostavite\s+komentar|napisz\s+komentarz|\d+\s+(?:comments?|kommentare)""",
    re.IGNORECASE | re.VERBOSE,
)
# The editors, also as the end of a compound ("LAOLA1-Redaktion", "Onlineredaktion").
_EDITORS = r"(?:\b(?:editors?|editorial|rédaction|redacción|redazione|redação|redactie)\b|redaktion\b|\bredakcj\w+)"
_NOT_THE_EDITORS_VIEW = re.compile(
    rf"""\b(?:not|nicht|keinesfalls|keineswegs|ne|n'|no|non|nie|niet)\b[^.!?]{{0,40}}
        \b(?:opinions?|views?|meinung|ansicht|opinión|opinione|opinião|opinii|mening)\b[^.!?]{{0,40}}
        (?:{_EDITORS}|\b(?:this|the)\s+(?:web)?site\b|\bpublisher\b)""",
    re.IGNORECASE | re.VERBOSE,
)
_DELETE = re.compile(
    r"\b(?:delet|remov|lösch|entfern|supprim|elimin|borr|cancell|rimuov|usun|usuw|verwijder)\w*", re.IGNORECASE
)
_RESERVES_THE_RIGHT = re.compile(
    rf"""\breserves?\s+the\s+right|\bbehält\s+sich\b|\bbehalten\s+(?:uns|sich)\b|\bréserv\w*\s+le\s+droit
        |\breserv\w*\s+(?:el|o)\s+direito|\breserv\w*\s+el\s+derecho|\briserv\w*\s+il\s+diritto
        |\bzastrzega\w*\s+sobie\s+prawo|\bbehoud\w*\s+(?:zich|ons)\s+het\s+recht
        |{_EDITORS}[^.!?]{{0,120}}\b(?:may|can|will|kann|können|darf|wird|peut|puede|può|pode|może|kan)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# Word stems every notice above holds, looked for first: the patterns are too slow to run on every line.
_NOTICE_STEMS = (
    *("cookie", "ciasteczk", "куки", "privacy", "datenschutz", "confidentialit", "privacidad", "prywatno"),
    *("consent", "einwilligung", "zustimmung", "consenso", "zgod", "toestemming"),
    *("comment", "comentar", "comentár", "kommentar", "komentarz", "beiträge", "posts", "reacties"),
)
# A line that quotes is someone speaking in the story, not the site's notice; but a notice may quote the label of a
# link or button in it ("über den Link „Privatsphäre“ am Seitenende"), a word or three.
_QUOTE_MARK = re.compile(r"[\"“”„«»]")
_QUOTED_LABEL = re.compile(r"[\"“„«»][^\s\"“”„«»]+(?:\s[^\s\"“”„«»]+){0,2}[\"“”«»]")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")
# A web address in a line; a short line holding the page's own ("Publikacja dostępna na stronie: https://…")
# points the reader at the page they are reading.
_ADDRESS = re.compile(r"(?:https?://|www\.)[^\s<>\"\[\]]+", re.IGNORECASE)
_LIST_ITEM = "- "
_MAX_LABEL_WORDS = 20
_MAX_PLAIN_CREDIT_WORDS = 5
_PHOTO_BY = re.compile(r"^\s*(?:photo(?:graphy|graphs|s)?|pictures?|images?)\s+by\s", re.IGNORECASE)
_SIGN_UP_CUE = re.compile(
    r"\b(?:sign\s+up|subscribe|in\s+your\s+inbox|get\s+(?:our|the))\b|\b(?:abonnieren|abonner|suscr[ií]b|iscriviti|zapisz)",
    re.IGNORECASE,
)
_COOKIE_USE = re.compile(
    r"\b(?:we|this\s+(?:site|website))\s+uses?\s+cookies\b|\b(?:utilizamos|usamos)\s+cookies\b"
    r"|\bwir\s+verwenden\s+cookies\b|\bnous\s+utilisons\s+des\s+cookies\b"
    r"|\bvi\s+(?:bruger|använder|bruker)\s+(?:cookies|kakor|informasjonskapsler)\b|\bbruker\s+informasjonskapsler\b",
    re.IGNORECASE,
)
"""A consent banner's sentence: the site saying it uses cookies (not a recipe's "we use brown butter for these
cookies")."""
_HASHTAGS = re.compile(r"#\w+(?:\s+#\w+)*")
_MAX_KICKER_WORDS = 8
_MAX_LINES_OVER_HEADLINE = 8
"""Most lines of teasers a page's text may open with before its repeated headline."""
_BYLINE_AFTER_STAMP = re.compile(r"\s(?:By|Par|Von|Por|Di|Door|Przez)\s")
_MAX_BYLINE_WORDS = 10
"""Most words of a byline after a stamp: a name or two, a place, a role ("Hélène Garnier (Cahors, correspondante)")."""
_MAX_STAMP_CHARS = 60
_MIN_STAMP_DIGITS = 4
"""A year's or a day and clock's worth of digits: "1." and "102" number a list item or a chapter."""
_STAMP_WORDS = re.compile(
    "|".join(sorted((re.escape(month) for month in DATELINE_MONTHS), key=len, reverse=True))
    + r"|\b(?:[ap]\.?m\.?|uhr|h|utc|gmt|bst|cet|cest|est|edt|cst|cdt|pst|pdt|ct|et|pt)\b|[\d年月日時时分秒]",
)
"""What a time stamp is made of besides punctuation: month names, clock and zone words, digits, CJK date marks."""
_STAMP_MARKS = " \t.,:;/|-–—()[]·"
_MAX_PLACE_WORDS = 3
_AFTER_PLACE = (" ", ",", "(", "/")
_MAX_PITCH_WORDS = 40
_MAX_CREDIT_WORDS = 15
# A longer line goes as a notice only when its first sentence is one: the notice with its terms run on.
_MAX_NOTICE_WORDS = 100


def _is_time_stamp(line: str) -> bool:
    """Whether a line only says when ("2025年7月16日 18時20分", "08.04.2015 12:46", "March 11, 2024, 4:05 p.m. CT"):
    four digits or more, month names, clock and zone words, nothing else."""
    if sum(char.isdigit() for char in line) < _MIN_STAMP_DIGITS or len(line) > _MAX_STAMP_CHARS:
        return False
    return not _STAMP_WORDS.sub("", line.casefold()).strip(_STAMP_MARKS)


def _is_kicker(line: str) -> bool:
    """Whether a line is the kicker set over a headline ("Bahnverkehr", "Interview"): a few words, no sentence."""
    return 0 < len(line.split()) <= _MAX_KICKER_WORDS and not line.rstrip().endswith((".", "!", "?", ":"))


def _headline_end(lines: list[str], title: str) -> int:
    """How many opening lines repeat the headline: the headline, with a kicker over it or after a list of teasers
    ("- Remont wiaduktu. Od poniedziałku objazdy 1 godz. temu"); none when the headline is not among them."""
    for index, line in enumerate(lines[:_MAX_LINES_OVER_HEADLINE]):
        if _same(line, title):
            before = lines[:index]
            teasers = all(line.startswith(_LIST_ITEM) for line in before)
            return index + 1 if teasers or (index == 1 and _is_kicker(before[0])) else 0
    return 0


def _is_stamp_and_byline(line: str) -> bool:
    """Whether a line only says when the story came out and who wrote it ("Publié le 04 mars 2025 à 06h30, modifié
    à 11h02 Par Hélène Garnier (Cahors, correspondante)"): a stamp line, then a byline opening with a capital."""
    found = _BYLINE_AFTER_STAMP.search(line)
    if found is None:
        return False
    stamp, byline = line[: found.start()], line[found.end() :]
    return len(byline.split()) <= _MAX_BYLINE_WORDS and stamp_line(stamp.rstrip(" ,;|·-")) is not None


def strip_leftover_chrome(text: str, title: str | None, url: str | None = None) -> str:
    """Drop the repeated headline (with a kicker over it), teaser labels with their link lists, pitches, captions,
    credits and notices."""
    lines = (_POP_UP_CARD.sub(r"\g<name>", text) if _CARD_LINK in text else text).split("\n")
    lines = lines[_headline_end(lines, title) :] if title else lines
    if len(lines) > 1 and (_is_time_stamp(lines[0]) or _is_stamp_and_byline(lines[0])):
        lines = lines[1:]
    lines = [line for line, after in zip(lines, [*lines[1:], ""], strict=False) if not _opens_dateline(line, after)]
    own_address = _address_key(url) if url else None
    kept: list[str] = []
    in_teaser_list = after_credit = False
    for line in map(_without_share_button, lines):
        words = len(line.split())
        if words <= _MAX_LABEL_WORDS and _TEASER_LABEL.match(line):
            in_teaser_list = True
            continue
        shouted = _SHOUTED_TEASER_LABEL.match(line) if words <= _MAX_LABEL_WORDS else None
        if shouted and shouted[0].strip().isupper():
            continue
        if in_teaser_list and (line.startswith(_LIST_ITEM) or not line.strip()):
            continue
        in_teaser_list = False
        if len(line.strip()) == 1 or _HASHTAGS.fullmatch(line.strip()):  # a glyph or stray mark; a line of hashtags
            continue
        blank_again = not words and (not kept or not kept[-1])
        if (
            _is_pitch_or_credit(line, words)
            or _is_comment_widget(line)
            or _is_notice(line, words)
            or (own_address and words <= _MAX_CREDIT_WORDS and _names_address(line, own_address))
            or (after_credit and _BARE_ADDRESS.match(line))
        ):
            after_credit = True
            continue
        after_credit = False
        if not blank_again:
            kept.append(line)
    return "\n".join(kept).strip("\n")


def teaser_label(line: str) -> bool:
    """Whether a line is a teaser list's label ("Read more:", "Most read", "Les plus lus"), a teaser after it or not."""
    return len(line.split()) <= _MAX_LABEL_WORDS and bool(_TEASER_LABEL.match(line))


def bare_teaser_label(line: str) -> bool:
    """Whether a line is a teaser list's label and nothing else ("Most read", "Read more:"): a list of its own lines
    follows it."""
    found = _TEASER_LABEL.match(line)
    return found is not None and not line[found.end() :].strip()


def plain_pitch(line: str) -> bool:
    """A pitch a plain page's story ends with, worded as no story's sentence is: a call to action opening the line
    ("Sign up for ...", "Download our app ..."), a newsletter or inbox named with a sign-up cue, a consent banner's
    sentence, a comment prompt, a line of hashtags, or a short photo credit ("Photography by Mhairi Grant")."""
    words = len(line.split())
    if words > _MAX_PITCH_WORDS:
        return False
    credit = words <= _MAX_PLAIN_CREDIT_WORDS and bool(_PHOTO_BY.match(line))
    cued = bool(_NEWSLETTER.search(line)) and bool(_SIGN_UP_CUE.search(line))
    return (
        bool(_CALL_TO_ACTION.match(line))
        or bool(_COOKIE_USE.search(line))
        or cued
        or _is_comment_widget(line)
        or credit
        or _HASHTAGS.fullmatch(line.strip()) is not None
    )


def _opens_dateline(line: str, after: str) -> bool:
    """Whether a line is only the place in capitals that opens the dateline after it ("MUMBAI" over "MUMBAI
    (Reuters) - ..."), as pages that set the place apart beside the time stamp give it."""
    place = line.strip()
    return (
        0 < len(place.split()) <= _MAX_PLACE_WORDS
        and place.isupper()
        and after.startswith(place)
        and after[len(place) : len(place) + 1] in _AFTER_PLACE
    )


def _is_comment_widget(line: str) -> bool:
    """Whether a line is the head of a comment section or its prompt ("Komentari (12)", "Leave a comment")."""
    return bool(_COMMENT_WIDGET.fullmatch(line.strip()))


def _is_pitch_or_credit(line: str, words: int) -> bool:
    """A short pitch (newsletter, follow-us, contact), link out, photo caption, rights credit or reading time."""
    if words > _MAX_PITCH_WORDS:
        return False
    pitch = (
        _NEWSLETTER.search(line)
        or _CALL_TO_ACTION.match(line)
        or _BUTTON_AT_END.search(line)
        or _AFFILIATE.search(line)
        or _STANDARDS_LINK.match(line)
    )
    if pitch or _LINK_OUT.search(line) or _EMAIL_ADDRESS.search(line):
        return True
    if _CAPTION_CREDIT.search(line) or _BRACKETED_CREDIT.search(line) or _RIGHTS.search(line):
        return True
    if _READING_TIME.match(line):
        return True
    return words <= _MAX_CREDIT_WORDS and bool(_CREDIT.match(line) or _RIGHTS_HOLDER.search(line))


def _is_notice(line: str, words: int) -> bool:
    """A cookie, privacy-policy or comment-policy notice: a short line holding one, or a longer one opening with it."""
    if words > _MAX_NOTICE_WORDS or _QUOTE_MARK.search(_QUOTED_LABEL.sub("", line)):
        return False
    lowered = line.casefold()
    if not any(stem in lowered for stem in _NOTICE_STEMS):
        return False
    sentences = _SENTENCE_END.split(line)
    return any(map(_is_notice_sentence, sentences if words <= _MAX_PITCH_WORDS else sentences[:1]))


def _is_notice_sentence(sentence: str) -> bool:
    """Whether a sentence is the site speaking of its cookies, its privacy policy or its readers' comments."""
    if _SITE_USES_COOKIES.search(sentence) or _OWN_PRIVACY_POLICY.search(sentence) or _YOUR_CONSENT.search(sentence):
        return True
    if not _COMMENTS.search(sentence):
        return False
    reserved = _DELETE.search(sentence) and _RESERVES_THE_RIGHT.search(sentence)
    return bool(reserved or _NOT_THE_EDITORS_VIEW.search(sentence))


def _names_address(line: str, own: tuple[str, str]) -> bool:
    """Whether a line names the page's own web address, whatever its scheme, "www." and trailing slash."""
    return any(_address_key(address) == own for address in _ADDRESS.findall(line))


def _address_key(address: str) -> tuple[str, str] | None:
    """A page address's host without "www." and its path without a trailing slash; None for a site's front page
    (a story may name its site) and for an address that does not parse."""
    try:
        parts = urlsplit(address if "://" in address else f"http://{address}")
    except ValueError:
        return None
    path = parts.path.rstrip("/.,;:)")
    return ((parts.hostname or "").removeprefix("www."), path) if path else None


def _without_share_button(line: str) -> str:
    """The line without a share button's text glued to its end; only its tail is searched, for speed."""
    button = _SHARE_BUTTON_AT_END.search(line, max(0, len(line) - _SHARE_BUTTON_TAIL))
    return line[: button.start()] if button else line


def _same(line: str, title: str) -> bool:
    """Whether a line is the headline, ignoring case and spacing."""
    return " ".join(line.split()).casefold() == " ".join(title.split()).casefold()
