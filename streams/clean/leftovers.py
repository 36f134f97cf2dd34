"""Page chrome that article extractors leave in HTML article text, recognised the same way on any site.

Extractors keep whole blocks, so a block that holds the article can still carry the headline repeated
as its first line, "Read more:" teasers with their link lists, newsletter pitches and photo credits.
Each rule here matches by wording common to news sites in several languages, never by site, and only
short lines, so a story that merely mentions a newsletter keeps its paragraphs.
"""

from __future__ import annotations

import re

# A teaser label: the whole line, or a line that goes on after a colon, dash or similar.
_TEASER_LABEL = re.compile(
    r"""^\W*(?:
        related(?:\s+(?:articles?|stories|posts?|content|coverage|reading))?
        |read\s+(?:more|also|next)|see\s+(?:more|also)|also\s+(?:on\s+\S+|read|see)|don'?t\s+miss
        |you\s+may\s+also\s+like|recommended(?:\s+for\s+you)?|most\s+read|learn\s+more
        |advertisement|anzeige|werbung|publicidad|reklama|mehr\s+erfahren|dowiedz\s+się\s+więcej
        |lesen\s+sie\s+(?:auch|mehr)|mehr\s+zum\s+thema|auch\s+interessant
        |das\s+könnte\s+sie\s+auch\s+interessieren|weitere\s+(?:artikel|informationen|nachrichten)(?:\s+zu\w*\s+\w+)?
        |lire\s+aussi|à\s+lire\s+aussi|voir\s+aussi
        |leer\s+(?:también|más)|le\s+puede\s+interesar|lea\s+también|ver\s+también
        |leia\s+(?:também|mais)|veja\s+também|leggi\s+anche
        |czytaj\s+(?:też|także|więcej)|zobacz\s+(?:też|także|również)
    )\s*(?:[:.…|»>\-–]|$)""",
    re.IGNORECASE | re.VERBOSE,
)
_NEWSLETTER = re.compile(r"\b(?:newsletters?|boletín|infolettre)\b", re.IGNORECASE)
_CALL_TO_ACTION = re.compile(
    r"""^\W*(?:subscribe|sign\s+up|get\s+the\s+latest|never\s+miss|follow\s+us
        |jetzt\s+abonnieren|abonnieren\s+sie|suscríbete|s[ií]guenos|abonnez-vous|zapisz\s+się)\b""",
    re.IGNORECASE | re.VERBOSE,
)
# A form's button text left at the end of a pitch: "... never miss our top stories Free Sign Up".
_BUTTON_AT_END = re.compile(r"\b(?:sign\s+up|subscribe|abonnieren|suscr[ií]bete|s'abonner)\W*$", re.IGNORECASE)
# Contact lines ("Email the writer at ...", "Have a tip? ... reached at ...") name an address.
_EMAIL_ADDRESS = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.]+\b")
_CREDIT = re.compile(r"^\s*(?:©|\(c\)|copyright\b|photo:|credit:|foto:|fot\.|bild:|image:|picture:)", re.IGNORECASE)
# A caption ends with its credit: "... in Taipei on December 29. Photo: AP", "(Foto: Jane Doe/Reuters)".
_CAPTION_CREDIT = re.compile(
    r"(?:\(|\b)(?:photo|foto|fot\.|credit|bild|image|picture)s?\s*:\s*[^.:]{1,80}\)?\.?\s*$", re.IGNORECASE
)
_LIST_ITEM = "- "
_MAX_LABEL_WORDS = 20
_MAX_PITCH_WORDS = 40
_MAX_CREDIT_WORDS = 15


def strip_leftover_chrome(text: str, title: str | None) -> str:
    """Drop the repeated headline, teaser labels with their link lists, pitches, captions and credits."""
    lines = text.split("\n")
    if title and lines and _same(lines[0], title):
        lines = lines[1:]
    kept: list[str] = []
    in_teaser_list = False
    for line in lines:
        words = len(line.split())
        if words <= _MAX_LABEL_WORDS and _TEASER_LABEL.match(line):
            in_teaser_list = True
            continue
        if in_teaser_list and (line.startswith(_LIST_ITEM) or not line.strip()):
            continue
        in_teaser_list = False
        blank_again = not words and (not kept or not kept[-1])
        if not blank_again and not _is_pitch_or_credit(line, words):
            kept.append(line)
    return "\n".join(kept).strip("\n")


def _is_pitch_or_credit(line: str, words: int) -> bool:
    """A short newsletter, follow-us or contact pitch, a photo caption, or a copyright credit."""
    if words > _MAX_PITCH_WORDS:
        return False
    pitch = _NEWSLETTER.search(line) or _CALL_TO_ACTION.match(line) or _BUTTON_AT_END.search(line)
    if pitch or _EMAIL_ADDRESS.search(line) or _CAPTION_CREDIT.search(line):
        return True
    return words <= _MAX_CREDIT_WORDS and bool(_CREDIT.match(line))


def _same(line: str, title: str) -> bool:
    """Whether a line is the headline, ignoring case and spacing."""
    return " ".join(line.split()).casefold() == " ".join(title.split()).casefold()
