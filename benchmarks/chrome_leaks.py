"""Page furniture left in extracted bodies, found by patterns kept apart from the cleaner's own rules.

A leak is a line of an extracted body holding text that matches a furniture pattern (copyright lines,
photo credits, "read more" labels, newsletter and follow-us pitches, "available at <address>" lines,
pop-up cards, and sentences of cookie-consent notices and comment-policy disclaimers, which count in
lines of any length) where the matched text is not in the gold: not in the gold body on the ScrapingHub
pages; on trafilatura's news pages, which have only snippets, not in any snippet that must appear. So on
the news pages the count is an upper bound: furniture-like wording in the story outside every gold
snippet counts as a leak too.
The patterns are written here, not imported from `streams/clean/leftovers.py`, so that the figure
checks the cleaner rather than repeats it; line patterns only look at short lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Lines of this many words or fewer are read as furniture lines; longer ones only for inline furniture.
_SHORT_LINE_WORDS = 30
_FURNITURE_LINES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # Copyright and rights lines.
        r"©|\(c\)\s*\d{4}|\bcopyright\b|all\s+rights\s+reserved|alle\s+rechte\s+vorbehalten"
        r"|tous\s+droits\s+réservés|todos\s+los\s+derechos\s+reservados|direitos\s+reservados"
        r"|저작권|무단\s*전재|재배포\s*금지|無断転載|版权所有",
        # Photo and image credits.
        r"^\W*(?:photo|foto|photograph|image|picture|bild|fot|credit|source\s+image)s?\s*(?::|by\b)"
        r"|\((?:AP|AFP|EPA|Reuters|dpa)\s+(?:photo|foto)\b|\bphoto\s+credit|\bgetty\s+images\W*$|사진\s*=|사진\s*제공",
        # "Read more" labels and teasers.
        r"^\W*(?:read\s+(?:more|also|next)|see\s+also|more\s*:|related\s*:|lesen\s+sie\s+(?:auch|mehr)"
        r"|mehr\s+zum\s+thema|lire\s+(?:aussi|plus)|leer\s+más|leia\s+também|czytaj\s+(?:też|także|więcej)"
        r"|관련\s*기사|더\s*보기)\b|(?:\.\.\.|…)\s*more\W*$|(?-i:\bMORE)\W*$|\bclick\s+(?:here|to\s+tweet)\b",
        # Newsletter and subscription pitches.
        r"\bnewsletters?\b|\bsubscribe\b|\bsign\s+up\b|\babonnieren\b|\babonnez\b|\bsuscr[ií]b|구독",
        # Share and follow buttons.
        r"^\W*(?:share|teilen|partager|compartir)\b(?:\s+(?:this|on|via)\b.*)?\W*$"
        r"|\bfollow\s+(?:us|him|her|them|@\w+)\s+on\b|\bfolgen\s+sie\s+uns\b|\bsuivez-nous\b",
        # The text said to be available at a web address that ends the line ("Publikacja dostępna na stronie: https://…").
        r"\b(?:available|dostępn[aey]|disponible|disponibile|disponível|verfügbar|abrufbar|beschikbaar)\b"
        r"[^:/]{0,30}:?\s*(?:https?://|www\.)\S+\W*$",
    )
)
# A sentence of a consent or comment-policy notice: the site speaking of its cookies and privacy policy, asking the
# reader about cookies, or disclaiming and reserving the right to delete its readers' comments.
_COOKIE = r"(?:cookies?\b|ciasteczk|plik\w*\s+cookie)"
_COMMENTS = r"\b(?:comments?|posts|kommentare|commentaires|comentarios|commenti|komentarzy)\b"
_DELETE = r"\b(?:delet|remov|lösch|entfern|supprim|elimin|borr|cancell|usun|usuw)\w*"
_NOTICE_SENTENCES = tuple(
    re.compile(pattern, re.IGNORECASE)
    for pattern in (
        # The site's own voice on cookies: "we use", "this website uses", in eight languages.
        rf"\bwe(?:\s+and\s+our\s+partners)?\s+use\s+{_COOKIE}|\b(?:this|our)\s+(?:web)?site\s+uses\s+{_COOKIE}"
        rf"|\bwir\s+(?:verwenden|nutzen|setzen)\s+{_COOKIE}|\b(?:verwenden|nutzen|setzen)\s+wir\b[^.!?]{{0,20}}{_COOKIE}"
        rf"|\bdiese\s+(?:web|internet)?(?:seite|site)\s+(?:verwendet|nutzt)\s+{_COOKIE}"
        rf"|\bnous\s+utilisons\s+(?:des\s+)?{_COOKIE}|\bce\s+site\s+utilise\s+(?:des\s+)?{_COOKIE}"
        rf"|\b(?:usamos|utilizamos)\s+(?:las\s+|os\s+)?{_COOKIE}|\beste\s+(?:sitio|site)(?:\s+web)?\s+(?:usa|utiliza)\s+{_COOKIE}"
        rf"|\b(?:usiamo|utilizziamo)\s+(?:i\s+)?{_COOKIE}|\bquesto\s+sito\s+(?:usa|utilizza)\s+(?:i\s+)?{_COOKIE}"
        rf"|\b(?:używamy|wykorzystujemy|stosujemy)\s+{_COOKIE}|\bta\s+strona\s+(?:używa|wykorzystuje)\s+{_COOKIE}"
        rf"|\b(?:wij|we)\s+gebruiken\s+{_COOKIE}|\bdeze\s+(?:web)?site\s+gebruikt\s+{_COOKIE}",
        # The site's own privacy or cookie policy.
        r"\bour\s+(?:privacy|cookie)\s+(?:policy|notice|statement)|\bunserer?\s+datenschutz(?:erklärung|bestimmungen|hinweis)"
        r"|\bnotre\s+politique\s+de\s+(?:confidentialité|cookies)|\bnuestra\s+política\s+de\s+(?:privacidad|cookies)"
        r"|\bnostra\s+(?:informativa|politica)\s+(?:sulla\s+)?(?:privacy|cookie)|\bnossa\s+política\s+de\s+(?:privacidade|cookies)"
        r"|\bnaszej\s+polityce\s+(?:prywatności|cookies)|\bons\s+(?:privacy|cookie)beleid|\bonze\s+(?:privacy|cookie)verklaring",
        # A request to the reader about cookies ("Bitte löschen den Verlauf und deine Cookies").
        rf"\b(?:please|bitte|veuillez|por\s+favor|per\s+favore|proszę)\b[^.!?]{{0,60}}{_COOKIE}",
        # Readers' comments are not the editors' opinion.
        r"\b(?:comments?|kommentare?|commentaires?|comentarios?|commenti|komentarze?)\b[^.!?]{0,80}"
        r"\b(?:opinions?|views?|meinung|opinión|opinione|opinii|mening)\b[^.!?]{0,30}"
        r"(?:editors?\b|editorial\b|redaktion\b|rédaction\b|redacción\b|redazione\b|redakcji\b|redactie\b)",
        # The right to delete readers' comments and posts, reserved by the site or its editors.
        r"(?:\breserve\s+the\s+right|\bbehält\s+sich\b[^.!?]{0,30}\bvor\b|\bbehalten\s+uns\b[^.!?]{0,30}\bvor\b"
        r"|\bse\s+réserve\s+le\s+droit|\breservamos\s+el\s+derecho|\briserva\s+il\s+diritto|\bzastrzega\s+sobie\s+prawo"
        rf"|\bredaktion\b|\beditors\b)[^.!?]{{0,80}}(?:{_COMMENTS}[^.!?]{{0,40}}{_DELETE}|{_DELETE}[^.!?]{{0,40}}{_COMMENTS})",
    )
)
_SENTENCE = re.compile(r"[^.!?]+(?:[.!?…]+|$)")
# A pop-up card: a name glued to a second spelling of itself ("Kristi NoemKristi Lynn Noem...").
_POP_UP_CARD = re.compile(r"\b([A-Z][a-z]+)\s[A-Z][\w'-]*[a-z]\1\b")
_TOKEN = re.compile(r"\w+")


def furniture(line: str) -> list[str]:
    """The texts in a line that match a furniture pattern: the whole short line, an inline card or a notice sentence."""
    found = [match.group(0) for match in _POP_UP_CARD.finditer(line)]
    found += [
        sentence.group(0).strip()
        for sentence in _SENTENCE.finditer(line)
        if any(pattern.search(sentence.group(0)) for pattern in _NOTICE_SENTENCES)
    ]
    if len(line.split()) <= _SHORT_LINE_WORDS and any(pattern.search(line) for pattern in _FURNITURE_LINES):
        found.append(line)
    return found


def leaks(text: str, gold: Iterable[str]) -> list[str]:
    """The lines of an extracted body holding furniture that none of the gold texts holds."""
    golds = [_tokens(piece) for piece in gold]
    return [
        line
        for line in text.split("\n")
        if any(not any(_tokens(match) in piece for piece in golds) for match in furniture(line))
    ]


def _tokens(text: str) -> str:
    """A text's word tokens, casefolded and space-joined with a space at each end, for token-wise containment."""
    return f" {' '.join(_TOKEN.findall(text.casefold()))} "
