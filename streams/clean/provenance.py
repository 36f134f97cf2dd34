"""Who published a page and who wrote it: its outlet, publisher, registrable domain and authors.

Pages state these in several places of uneven worth. `og:site_name` is the outlet's own name for
itself, but some sites fill it with a section ("Política"), a social handle or the page title; the
JSON-LD `publisher` names the company, often with its legal form ("TAZ Verlags- und Vertriebs GmbH"),
so it is kept apart as the publisher and stands in for the outlet only where no usable site name is
stated, or where the site name is unlike the domain while the publisher is like it (Reuters' pages
give their section, "U.S.", as site name).

Trafilatura's author field mixes the publisher into the people ("Condé Nast; Molly Wood"): the JSON-LD authors
typed as persons are taken first (tidied as trafilatura tidies bylines: "By ...", several names in one), then the
author meta tags (Dublin Core's and Google Scholar's "Jong, Michiel de" turned round), then the byline in the
markup (trafilatura's places for it, the costliest search, so only when nothing before named anyone), then a
"Von ..." line opening or closing the article text. Names of the outlet or publisher, newsroom and agency words
("Redaktion", "Agencies"), placeholders such as WordPress' "admin" and single words (agency codes "dpa", "AFP",
initials, places) are dropped from each; a login ("jane.doe") is no name. Markup and text bylines are read more
strictly, as they are found by wording: each text piece of an element apart (a date beside the name is another
piece), only names of two to five capitalised words, none from comments, related links or teaser cards, and when a
page marks more than two different ones, the first after the h1 (an agency's code there, "AFP", signs the article:
then no person does).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from html import unescape
from html.entities import html5
from typing import NamedTuple
from weakref import WeakKeyDictionary

from lxml.etree import XPath
from lxml.html import HtmlElement
from tld import get_fld
from trafilatura.json_metadata import normalize_authors

from streams.text.gazetteer import country_or_state, without_accents

# What sites put between a headline and their name in page titles: "Headline | Site", "Site - Headline".
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-\u2013\u2014:\u00b7/]{1,2})\s+")
# A stated site name of this many separated parts is a menu of sections ("Autoracing | F1 | Indy").
_MENU_PARTS = 3
# A stated site name of two parts may be the name and a slogan ("Mozilla Hacks – the Web developer blog").
_NAME_AND_SLOGAN = 2
# A slogan is a phrase of at least this many words.
_SLOGAN_WORDS = 3
# Words of a site's name shorter than this ("La", "de") need not be spelt by its domain.
_NAME_WORD = 4
# A stated site name that the title contains and that makes up more than this share of it is the headline.
_TITLE_SHARE = 0.5
# A copyright line ("© SPOX 2022", "Copyright 2014") is no site name.
_COPYRIGHT = re.compile(r"\s*(?:©|\(c\)|copyright\b)", re.I)
_AUTHOR_SEPARATOR = "; "
# Bullets, dashes and separators around a byline's part ("• Anna Smith", "– Anna Smith"); an initial's full stop stays.
_LEADING_EDGE = re.compile(r"^[\W_]+")
# What content systems put in the author field when nobody was named (WordPress' "admin" user), or in place of an
# address they hide (Cloudflare's "[email protected]"), as `letters` gives it.
_PLACEHOLDER_AUTHORS = frozenset(
    {"", "admin", "administrator", "noauthor", "null", "none", "unknown", "anonymous", "emailprotected"}
)
# Words that make a byline a newsroom, desk or agency rather than a person, as `letters` gives them.
_NEWSROOM_WORDS = frozenset(
    {
        *("redaktion", "redaction", "rédaction", "redacción", "redaccion", "redazione", "redakcja", "redactie"),
        *("agencies", "agency", "agencia", "agencias", "agence", "agences", "agentur", "agenturen", "agenzia"),
        *("agencja", "staff", "newsroom", "desk", "online", "news", "presse", "press", "zeitung", "team", "media"),
        *("новости", "агентство", "редакция", "conteúdo", "conteudo", "redação", "redacao", "agência", "agências"),
    }
)
# Jobs a byline names after a person ("Ben Silverman, Games Editor", "Katrin Ahlers, Korrespondentin in Kiew"): a
# part opening or ending with one is a role, not a name.
_ROLE_WORDS = frozenset(
    {
        *("editor", "editors", "reporter", "reporters", "correspondent", "writer", "writers", "columnist"),
        *("contributor", "producer", "photographer", "analyst", "redakteur", "redakteurin", "korrespondent"),
        *("korrespondentin", "journaliste", "rédacteur", "rédactrice", "periodista", "giornalista", "redactor"),
        *("reporterin", "corresponsal", "correspondante", "correspondente", "envoyé", "envoyée", "inviato", "inviata"),
        *("korespondent", "korespondentka", "корреспондент", "обозреватель"),
    }
)
# A picture's or a text's credit ("Фото: Донат Сорокин", "Źródło: PAP"): a photographer or a source, no author.
SOURCE_LABELS = r"source|quelle|fuente|fonte|źródło|источник"
"""Labels naming a text's source ("Źródło: PAP"), which credit an agency or outlet, not an author."""
_CREDIT = re.compile(
    rf"(?:photos?|fotos?|фото|bild|zdjęcie|zdjęcia|image|imagen|{SOURCE_LABELS})\s*:|fot\.\s", re.IGNORECASE
)
_TAG_BYLINE_OPENING = re.compile(r"^(?:by|par|por|door|przez)\s+", re.IGNORECASE)
"""The byline words a tag's author may keep that no name begins with ("Di", "Von" do: "Di Wu", "Von Thadden")."""
# Labels pages put where a byline goes ("Last Updated", "Reviewed", a generator's "Rfcmarkup Version").
_LABEL_WORDS = frozenset({"edited", "updated", "version", "reviewed", "sponsored"})
# The words that open a byline ("By", "Von", "Par", "Por", "Di", "Door", "Przez", "Escribe"; "Ein Kommentar von")
# or label it ("Autor:").
_BYLINE_OPENING = re.compile(
    r"^(?:(?:(?:ein|eine|an?|une?|una?)\s+)?(?:kommentar|analyse|gastbeitrag|kolumne|commentary|analysis|column"
    r"|commentaire|chronique|análisis|analisi|commento|columna|coluna)\s+(?:von|by|par|de|por|di)\s"
    r"|(?:(?:written\s+|posted\s+)?by|von|par|por|di|door|przez|escribe|escrito\s+por|scritto\s+da|écrit\s+par"
    r"|geschrieben\s+von)\s*:?\s"
    r"|(?:auteur|autor|author|autore|auteurs|autorzy|text|texte|texto|testo|tekst|текст|автор)\s*:)\s*",
    re.I,
)
# Dutch "en" (and) joins names only in a byline opened in Dutch ("Door Jelle Van Damme en Sofie Claeys"): elsewhere it
# is "in" ("Por Ana Ruiz en Madrid").
_DUTCH_BYLINE = re.compile(r"^\s*door\s", re.IGNORECASE)
_DUTCH_JOIN = re.compile(r"\s+en\s+")
# The words that join the names of a byline, where trafilatura splits at "and"/"und", commas and slashes only.
# The one-letter joins ("y", "e", "i") only in lower case: in capitals they are initials ("Sarah E Needleman").
_NAME_JOINS = re.compile(
    r"\s+(?:(?i:im Gespräch mit|in conversation with|and|und|mit|with|et|oraz)|y|e|i)\s+|\s*[|,;/&·•]\s*"
)
# A person's name in a byline found by wording: two to five words, each capitalised but for particles
# ("de", "van", "da"), no digits.
_NAME_WORDS = (2, 5)
_ADDRESS = re.compile(r"\(?\s*(?:https?://|www\.)[^\s)]*\s*\)?", re.IGNORECASE)
"""A web address in a byline ("Bradley M. Kuhn (http://ebb.org/bkuhn/)"), which names nobody."""
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_MC_NAME = 3
"""Letters a name opening with "Mc" has at least ("McCoy"; "MC" alone is initials)."""
_NAME_PARTICLES = frozenset(
    {"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "la", "le", "dos", "das"}
)
"""The particles inside people's names ("Jean-Paul de la Fontaine", "Ludwig van Beethoven")."""
_SHORT_LOWER_WORD = re.compile(r"^[a-zà-ÿ]{1,3}$")
"""A lower-case word of up to three letters, which a name found by wording may hold inside it as a particle."""
# A byline line of the article text: at most this many lines from its start (headline, time, lead) or end,
# and this many words.
_TEXT_BYLINE_LINES = 5
_TEXT_BYLINE_WORDS = 16
_CREDIT_LINES = 2
"""Closing lines looked at for a wire credit ("Reporting by ...", then "Our Standards: ...")."""
_UNDER_HEADLINE = 8
"""Text pieces after the headline looked at for a byline the extracted text left out."""
_STANDING_BYLINE = re.compile(
    r"^(?P<label>By|BY|[Bb]y:|Words by|Text by|Par|PAR|Por|POR|Di|DI|Von|VON|Door|DOOR|Przez|PRZEZ|Af|AF|Av|AV"
    r"|(?:Autor|Autorin|Auteur|Autore|Author|Texto|Tekst)\s*:)\s+(?P<names>[^.;:!?\d]{4,80}?)\s*$"
)
"""A line that is only a byline, a capitalised "By" (or its word in another language we read, "Par", "Door",
"Autor:") and names, no sentence mark or figure in it."""
_NOT_IN_NAMES = frozenset({"the", "our", "any", "all", "of", "only", "for", "in", "at", "on", "a", "an", "to", "staff"})
"""Words a person's name never holds, as a headline opening with "By" does ("By The Sea", "By Our Foreign Staff")."""
_ROLE_AFTER_WORDS = 4
_FOR_OUTLET = re.compile(r"\s+(?:for|FOR)\s+(?:the|THE)\s+.*$")
"""The outlet a byline's people wrote for, after them ("By RACHEL HOLT FOR THE DAILY BUGLE")."""
"""Most words of a role written after a byline's people and a comma ("Chief Political Correspondent")."""
_WIRE_AFTER_NAMES = re.compile(
    r"(?:\s*[,|/–—-]\s*|\s+)(?:The\s+)?(?:Associated Press|AP|Reuters|AFP|Agence France-Presse|Bloomberg(?: News)?"
    r"|UPI|dpa|EFE|ANSA|CNN|BBC(?: News)?|Staff(?: Writer| Reporter)?)\s*$"
)
"""A wire service or desk named after a byline's people ("By REBECCA SANTANA Associated Press")."""
_CJK_AUTHOR_LABEL = re.compile(r"(?:作者|记者|記者|撰文)\s*[:：]\s*([^\s　|/，,;；（）()]{2,12})")
# A credit closing the article text: "... im Parlament. (Christian P. Stadtfeld) +++".
_CLOSING_CREDIT = re.compile(r"\(([^()]{3,60})\)\W*$")
_PAGINATION = re.compile(r"(?:page|seite|p[áa]gina|strona|pagina)\s+\d+(?:\s+(?:of|von|de|di|z|van)\s+\d+)?", re.I)
# The reporters of a wire story's closing credit: "(Reporting by Jane Doe and John Roe; Editing by Max Poe)"; its web
# pages leave out the brackets, but not the editors' part, which tells the credit from a sentence ("Reporting by the
# BBC has since confirmed ...").
_REPORTING_CREDIT = re.compile(
    r"^\((?:additional\s+)?(?:reporting|reported|writing|written)\s+by\s+([^;()]{3,120})", re.I
)
_UNBRACKETED_CREDIT = re.compile(
    r"^(?:additional\s+)?(?:reporting|writing)\s+by\s+([^;()]{3,120});\s*(?:additional\s+)?"
    r"(?:editing|edited|writing|reporting|compiled|graphics?)\s+by\b",
    re.I,
)
_OTHER_CREDITS = re.compile(r",?\s*\b(?:editing|edited|writing|written|compiled|graphics?)\s+by\b", re.I)
"""Where a credit's reporters end and its editors begin, after a comma ("…, editing by Max Poe")."""
_CREDIT_PARTS = re.compile(r"\s*,\s*(?:and\s+)?|\s+and\s+")
"""What separates a credit's reporters ("Jane Doe, John Roe and Ana Ruiz")."""
_MORE_REPORTING = re.compile(r",?\s*\bwith\s+(?:additional\s+)?reporting\s+by\b", re.I)
"""More reporters credited within the line ("…, with reporting by Herb Lash and Megan Davies")."""
_REPORTED_FROM = re.compile(r"\s+(?i:in|from)\s+[A-Z][^,;]*?(?=\s+and\s+|\s*,|\s*$)")
"""Where a credited reporter wrote from ("Jane Doe in Paris"): capitalised words up to the next name or the end."""
_SCRIPT_WRAPPER = re.compile(r"\s*(?://\s*)?(?:<!\[CDATA\[|<!--)(?P<json>.*?)(?://\s*)?(?:\]\]>|-->)\s*$", re.S)
# A marked element with more text than this is no byline (an author's biography, a teaser).
_MAX_BYLINE_CHARS = 120
# More distinct bylines than this marked in the markup belong to teasers of other articles.
_MAX_MARKED_BYLINES = 2
# A marked byline that is an agency's code alone, in capitals or lower case ("AFP", "dpa", "ANSA"): it names nobody.
_AGENCY_CODE = re.compile(r"^(?:[A-Z]{2,6}|[a-z]{2,6})$")
# Where the markup marks a byline, best first: trafilatura's places for it (its `AUTHOR_XPATHS`, with its
# regular expressions written as plain `contains`, which libxml2 tests without calling back into Python), then
# test ids ("prism-byline") and classes naming the author in German, Spanish,
# Portuguese or Polish ("autor", "autorenzeile"), or the signature in Italian or Spanish ("field--name-field-firma").
_BYLINE_TESTS = (
    "self::*[self::a or self::address or self::div or self::link or self::p or self::span or self::strong]"
    "[@rel='author' or @id='author' or @class='author' or @itemprop='author name' or @data-testid='AuthorCard'"
    " or @data-testid='AuthorURL' or contains(@class, 'authorname') or contains(@class, 'author-name')"
    " or contains(@class, 'AuthorName') or contains(@class, 'authorName')] | self::author",
    "self::*[self::a or self::div or self::h3 or self::h4 or self::p or self::span]"
    "[@class='byline' or @class='username' or @class='byl' or @class='BBL' or contains(@itemprop, 'author')"
    " or contains(@id, 'author') or contains(@id, 'zuozhe') or contains(@id, 'bianji')"
    " or contains(@id, 'xiaobian') or contains(@class, 'author') or contains(@class, 'channel-name')"
    " or contains(@class, 'zuozhe') or contains(@class, 'bianji') or contains(@class, 'xiaobian')"
    " or contains(@class, 'submitted-by') or contains(@class, 'posted-by') or contains(@class, 'journalist-name')"
    " or contains(@class, 'createdby')]",
    "self::*[contains(@data-component, 'Byline') or contains(@itemprop, 'author') or contains(@id, 'author')"
    " or contains(@id, 'Author') or contains(@class, 'author') or contains(@class, 'Author')"
    " or contains(@class, 'screenname') or contains(@class, 'writer') or contains(@class, 'byline')"
    " or contains(@class, 'Byline')]",
    "self::*[contains(@data-testid, 'byline') or contains(@data-testid, 'Byline') or contains(@data-testid, 'author')"
    " or contains(@class, 'autor') or contains(@class, 'auteur') or contains(@class, 'firma')]",
)
_BYLINE_PLACES = tuple(XPath(test) for test in _BYLINE_TESTS)
_BYLINE_ATTRIBUTES = tuple(sorted(set(re.findall(r"@([\w-]+)", " ".join(_BYLINE_TESTS)))))
_BYLINE_WORDS = re.compile(
    "|".join(sorted({re.escape(word) for word in re.findall(r"'([^']*)'", " ".join(_BYLINE_TESTS))}))
)
_BYLINE_CANDIDATES = XPath(f".//*[{' or '.join(f'@{name}' for name in _BYLINE_ATTRIBUTES)}] | .//author")
"""Elements with an attribute a byline test reads, and <author>: `_marked_byline` keeps those whose attributes hold a
word a test looks for (`_BYLINE_WORDS`), and runs the tests on them alone. libxml2 reads a page's elements once
for them, where each test read them all again: 1.6 ms a page for the four tests instead of 6.1 on the
ScrapingHub pages."""
_META_TAGS = XPath("//*[@content][self::meta or @itemprop]")
_METAS: WeakKeyDictionary[HtmlElement, list[tuple[str, str]]] = WeakKeyDictionary()
"""Each page's meta tags as (lower-case label, content), while its tree lives."""
# The parts of a page whose bylines are not the article's: trafilatura's `AUTHOR_DISCARD_XPATHS` (comments,
# sidebars, quotes, times, figures ...), its classes and ids tested on the tags it tests them on (a page's
# body often has classes such as "category-news"), and any element whose class or id says comment or related.
_LEFT_OUT_CLASS = re.compile(
    r"^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram|article-(?:share|support)"
    r"|print|category|meta-date|meta-reviewer"
)
_LEFT_OUT_ID = re.compile(r"^comments|comment-?list|ProductReviews")
_SECTION_TAGS = frozenset({"a", "div", "section", "span"})
_LEFT_OUT_TAGS = frozenset({"time", "figure"})
_OTHER_CONTENT = re.compile(
    "comment|related|imageDescription|image-description|image-caption|photo-caption|photo-credit"
)
"""Class or id words of another's text: a comment, a related story, a photo's caption and its credit."""
# Author meta tags of analytics and content systems that trafilatura does not read ("cXenseParse:author").
_AUTHOR_META = re.compile(r"[:.\-_]author$", re.I)
# Meta tags whose convention writes a name surname first ("Jong, Michiel de"): Dublin Core and Google Scholar's.
_CATALOGUE_AUTHOR_METAS = ("dc.creator", "citation_author")
# A name written surname first: one word, a comma, then the given names or initials ("Kooman, F.").
_SURNAME_FIRST = re.compile(r"^\s*(?P<surname>[^\W\d_][\w'\-]*)\s*,\s*(?P<given>[^\W\d_][\w.'\- ]{0,40}?)\s*$")
# App banner tags name the app's maker ("smartbanner:author"), not the article's.
_APP_BANNER = "smartbanner"
# A name join opening a text, a markup tag, and how much markup after a name is read for one.
_JOIN_AFTER_NAME = re.compile(r"\s+(?:(?i:and|und|mit|with|et|oraz)|y|e|i)\s|\s*[,;/&·•]")
_TAG = re.compile(r"<[^>]*>")
_JOIN_LOOKAHEAD = 200
# A link holding a heading is a teaser card of another article.
_HEADING_IN_LINK = XPath("boolean(.//h2 | .//h3 | .//h4)")
# German umlauts and sharp s as a domain spells them.
_UMLAUT_SPELLINGS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss"})
# A site name shorter than this (as `letters` gives it) is only matched as a whole word, not within one.
_MIN_EMBEDDED_SITE = 5


class Provenance(NamedTuple):
    """Where a page comes from and who signed it; any part the page does not state is None."""

    outlet: str | None
    publisher: str | None
    domain: str | None
    author: str | None

    def names(self) -> set[str]:
        """The site's names as `letters` gives them: outlet, publisher, domain and the domain's label."""
        names = {letters(name) for name in (self.outlet, self.publisher, self.domain) if name}
        return names | {letters(self.domain.partition(".")[0])} if self.domain else names


def page_provenance(
    tree: HtmlElement,
    html: str,
    nodes: list[dict[str, object]],
    url: str | None,
    title: str | None,
    stated_site: str | None,
    stated_author: str | None,
    text: str = "",
) -> Provenance:
    """The outlet, publisher, domain and people of a page (`tree`, parsed from `html`), from its meta tags, JSON-LD
    objects (`nodes`), URL and article text."""
    by_id = {reference: node for node in nodes if isinstance(reference := node.get("@id"), str) and "name" in node}
    publisher = next(filter(None, (_publisher_name(node, by_id) for node in nodes)), None)
    domain = registrable_domain(url)
    candidates = [_meta_content(tree, "og:site_name"), publisher, _meta_content(tree, "application-name"), stated_site]
    if domain and publisher and _resembles(publisher, domain) and not _resembles(candidates[0] or "", domain):
        candidates.pop(0)
    outlet = next((name for name in (_outlet_name(c, title, domain) for c in candidates) if name), None)
    origin = Provenance(outlet, publisher, domain, None)
    site = (origin.names() | {letters(stated_site or "")}) - {""}
    own = _without_blog_posts(nodes)
    blog = len(own) < len(nodes)  # a live blog: its posts' nodes are left out
    for byline, found_by_wording in _bylines(tree, own, blog, stated_author, site, text):
        people = _people(byline, site, found_by_wording)
        if people and not found_by_wording and not blog:
            people = _with_coauthors(people, tree, html, site)
        if people:
            return origin._replace(author=_AUTHOR_SEPARATOR.join(people))
    return origin


def _with_coauthors(people: list[str], tree: HtmlElement, html: str, site: set[str]) -> list[str]:
    """The people of the byline the page shows when it names the stated people and more: JSON-LD and meta tags
    often name only the first of two reporters that the visible byline signs ("By Ana Ruiz and Tom Lee").

    The shown byline must hold nothing but its opening, names and the words joining them: a second name after
    other words ("La información es de", "View author archive") has another role, or is no name.
    """
    if not _joined_to_another(html, people[-1]):  # reading the marked bylines costs some 3 ms a page
        return people
    byline = _marked_byline(tree) or ""
    shown = _people(byline, site, strict=True)
    names = {letters(person) for person in shown}
    if not {letters(person) for person in people} < names:
        return people
    parts = (_trimmed(part) for part in _NAME_JOINS.split(_BYLINE_OPENING.sub("", byline)))
    joined = all(not part or letters(part) in names or _NAME_JOINS.fullmatch(f" {part} ") for part in parts)
    return shown if joined else people


def _joined_to_another(html: str, person: str) -> bool:
    """Whether the page writes the person's name with a joining word or mark and a capital after it, tags aside, as
    a byline with a second name does ("Ana Ruiz and Tom Lee", "Ana Ruiz</a> y <a>Tom"; not "Ana Ruiz, @anaruiz")."""
    start = html.find(person)
    while start != -1:
        end = start + len(person)
        after = _TAG.sub(" ", html[end : end + _JOIN_LOOKAHEAD])
        join = _JOIN_AFTER_NAME.match(after)
        rest = after[join.end() :].lstrip() if join else ""
        if rest[:1].isupper():
            return True
        start = html.find(person, end)
    return False


def _bylines(
    tree: HtmlElement, own: list[dict[str, object]], blog: bool, stated_author: str | None, site: set[str], text: str
) -> Iterator[tuple[str | None, bool]]:
    """The page's bylines from the best source to the costliest: JSON-LD persons (`own`: a live blog's posts left
    out), meta tags, the markup, the article text; each with whether it was found by wording (and so is read
    strictly)."""
    persons = json_ld_people(own)
    yield _json_ld_byline(persons), False
    catalogued = _catalogue_byline(tree)
    if catalogued:  # trafilatura splits "Jong, Michiel de" at its comma into two names
        yield catalogued, False
    # trafilatura's reading of the author tags turns a login into a name ("Christian Stadtfeld") and splits an
    # entity escaped twice at its ";" ("Redacci; Oacute; N"): such a reading is left out.
    logins = {letters(person) for person in persons if _is_login(person)}
    split_entity = _split_at_entity(stated_author or "")
    stated = _meta_content(tree, "author")
    unread = split_entity or letters(stated_author or "") in logins or (stated and _names_site(stated, site))
    unread = unread or blog  # trafilatura reads a live blog's posts' authors as the page's
    if stated and (_has_mark(stated) or (_ADDRESS.search(stated) and not unread)):  # trafilatura's reading cut a
        # closing vowel sign, or read a web address as names ("Ebb Org")
        yield _normalised(None, stated), False
    else:
        yield None if unread else stated_author, False
    for meta in tree.iterfind(".//meta"):
        named = meta.get("name") or meta.get("property") or ""
        if _AUTHOR_META.search(named) and not named.startswith(_APP_BANNER):
            yield _normalised(None, meta.get("content") or ""), False
    if blog:  # its own author may be written as text; its bylines in the markup and text are its posts'
        yield next(filter(None, (json_ld_author(node, site) for node in own if "liveBlogUpdate" in node)), None), False
        return
    marked = _marked_byline(tree)
    yield marked, True
    for line in _text_bylines(text):
        yield line, True
    if marked != "":  # an agency signs the article: the lines under its headline sign teasers
        yield from _bylines_under_headline(tree)


def _catalogue_byline(tree: HtmlElement) -> str | None:
    """The people of the author meta tags that write names surname first, each turned round ("Michiel de Jong"),
    `; `-separated; None unless every such tag is written that way."""
    written = [_SURNAME_FIRST.match(value) for value in meta_values(tree, _CATALOGUE_AUTHOR_METAS)]
    if not written or not all(written):
        return None
    return _AUTHOR_SEPARATOR.join(f"{name['given']} {name['surname']}" for name in written if name)


def json_ld_author(node: dict[str, object], site: set[str]) -> str | None:
    """The people a JSON-LD node names as its author (persons, or a name written as text), read by the rules of a
    page's author (no site, newsroom, placeholder or login; capitals recased), `; `-separated."""
    written = node.get("author")
    persons = [" ".join(written.split())] if isinstance(written, str) else json_ld_people([node])
    return _AUTHOR_SEPARATOR.join(_people(_json_ld_byline(persons), site, False)) or None


def _without_blog_posts(nodes: list[dict[str, object]]) -> list[dict[str, object]]:
    """The nodes other than a live blog's posts, whose authors are the posts' own rather than the page's."""
    posts: set[int] = set()
    for node in nodes:
        updates = node.get("liveBlogUpdate")
        posts.update(id(update) for update in (updates if isinstance(updates, list) else [updates]) if update)
    return [node for node in nodes if id(node) not in posts] if posts else nodes


def _json_ld_byline(persons: list[str]) -> str | None:
    """JSON-LD's persons as one byline, logins left out."""
    named: str | None = None
    for person in persons:
        named = _normalised(named, person) if not _is_login(person) else named
    return named


def _bylines_under_headline(tree: HtmlElement) -> Iterator[tuple[str, bool]]:
    """The bylines in the first lines after the page's headline that the extracted text left out: a line opening
    with "By"/"Von"/"Written by" ("Von Katrin Vogel | Stand: 14.10.2025"), read strictly, and the name after a
    Chinese or Japanese author label ("来源：华夏在线　作者：王立新"), read as written: such names have no spaces."""
    headline = next(tree.iter("h1"), None)
    if headline is None:
        return
    for piece in headline.xpath("following::text()[normalize-space()][position() <= $count]", count=_UNDER_HEADLINE):
        line = " ".join(str(piece).split())
        if _BYLINE_OPENING.match(line) and len(line.split()) <= _TEXT_BYLINE_WORDS:
            yield line, True
        elif labelled := _CJK_AUTHOR_LABEL.search(str(piece)):
            yield labelled[1], False


def _people(byline: str | None, site: set[str], strict: bool) -> list[str]:
    """The people a byline names, without the site, newsrooms, placeholders, logins, single words in a script
    with case (agency codes "dpa", "AFP", editors' initials "mh", places "London": a person signs with a full
    name) and, when read strictly, anything unlike a person's name."""
    people: list[str] = []
    byline = _ADDRESS.sub(" ", byline or "")
    if _DUTCH_BYLINE.match(byline):
        byline = _DUTCH_JOIN.sub(", ", byline)
    for joined in _NAME_JOINS.split(_BYLINE_OPENING.sub("", byline) if strict else byline):
        part = _trimmed(joined)
        if not strict and len((shown := _TAG_BYLINE_OPENING.sub("", part)).split()) > 1 and shown[:1].isupper():
            part = shown  # a tag may hold the byline as shown ("Door Frans de Vries"); "Di Wu", "Von Thadden" are names
        name = _without_site_words(" ".join(part.split()), site) if letters(part) not in site else ""
        words = [letters(word) for word in name.split()]
        if letters(name) in _PLACEHOLDER_AUTHORS or _NEWSROOM_WORDS.intersection(words) or _is_login(name):
            continue
        if words and (_ROLE_WORDS.intersection((words[0], words[-1])) or _LABEL_WORDS.intersection(words)):
            continue
        if _CREDIT.match(part):
            continue
        if len(words) == 1 and name.casefold() != name.upper():
            continue
        name = name.title() if strict and name == name.casefold() else name
        if not strict or _is_name(name):
            _add_person(people, _recased(name))
    return people


def _recased(name: str) -> str:
    """A name of two words or more written in capitals ("JANE O'NEILL") as a name is written ("Jane O'Neill"): each
    run of letters keeps its capital and lowers the rest, so initials and joined names stay ("J.R. MOEHRINGER",
    "JEAN-PAUL"). Readers and entity matching take the capitals for an acronym."""
    if not name.isupper() or len(name.split()) < _NAME_WORDS[0]:
        return name
    return _LETTER_RUN.sub(_recased_run, name)


def _recased_run(run: re.Match[str]) -> str:
    """One run of capitals as a name writes it: "NEILL" as "Neill", "MCDONALD" as "McDonald"."""
    letters_run = run[0]
    if letters_run.startswith("MC") and len(letters_run) > _MC_NAME:
        return f"Mc{letters_run[2]}{letters_run[3:].lower()}"
    return letters_run[0] + letters_run[1:].lower()


def _trimmed(part: str) -> str:
    """A byline part without punctuation at its edges; a vowel sign ending a name stays (Hindi "शर्मा", Thai "ใจดี":
    to Python's `\\w` a combining mark is no word character)."""
    part = _LEADING_EDGE.sub("", part)
    end = len(part)
    while end and not (part[end - 1].isalnum() or part[end - 1] in "._" or _is_mark(part[end - 1])):
        end -= 1
    return part[:end]


def _normalised(known: str | None, name: str) -> str | None:
    """trafilatura's reading of an author name added to those known; a name with a combining mark read as written,
    since that reading cuts a closing vowel sign ("सुनीता शर्मा" to "सुनीता शर्म")."""
    name = _ADDRESS.sub(" ", name)
    if not _has_mark(name):
        return normalize_authors(known, name)
    written = _trimmed(" ".join(name.split()))
    return f"{known}{_AUTHOR_SEPARATOR}{written}" if known and written else known or written or None


def _has_mark(text: str) -> bool:
    """Whether a text holds a combining mark."""
    return any(map(_is_mark, text))


def _is_mark(char: str) -> bool:
    """Whether a character is a combining mark (a vowel sign, an accent written apart)."""
    return unicodedata.category(char).startswith("M")


def _add_person(people: list[str], name: str) -> None:
    """Add a name unless the byline gave it already, whatever the case ("Jeffrey Gettleman", "JEFFREY GETTLEMAN")."""
    if all(letters(known) != letters(name) for known in people):
        people.append(name)


def _without_site_words(name: str, site: set[str]) -> str:
    """A name without the words that name the site, which make a role: the words before the first of them
    ("Adam Aaronson PhillyVoice Staff"), else those after a role compound holding the site's name
    ("FOCUS-Online-Experte Robin Tschöpe"); nothing when a site word opens it ("NJ Advance Media")."""
    words = name.split()
    first = next((index for index, word in enumerate(words) if _names_site(word, site)), None)
    if first is None:
        return name
    if first:
        return " ".join(words[:first])
    compound = letters(words[0]) not in site
    return " ".join(words[1:]) if compound else ""


def _names_site(text: str, site: set[str]) -> bool:
    """Whether a text names the site: one of its names, or holds a long one ("Deutsche Welle (www.dw.com)")."""
    named = letters(text)
    return named in site or any(len(name) >= _MIN_EMBEDDED_SITE and name in named for name in site)


def _is_login(name: str) -> bool:
    """Whether a stated author is a user's login ("christian.stadtfeld") rather than a written name."""
    return " " not in name and any(mark in name for mark in "._") and name == name.casefold()


def _is_name(name: str) -> bool:
    """Whether a byline part found by wording reads as a person's name: two to five words, capitalised but for
    particles inside the name, or all in one case ("giampiero maggio")."""
    words = name.split()
    low, high = _NAME_WORDS
    if not low <= len(words) <= high or any(char.isdigit() for char in name):
        return False
    if name in (name.casefold(), name.upper()):
        return True
    inner = words[1:-1]
    return all(_capitalised(word) for word in (words[0], words[-1])) and all(
        _capitalised(word) or _SHORT_LOWER_WORD.match(word) or word in _NAME_PARTICLES for word in inner
    )


def _capitalised(word: str) -> bool:
    """Whether a word of a name starts with a capital letter."""
    return word[0].isupper()


def _marked_byline(tree: HtmlElement) -> str | None:
    """The byline of the elements the markup marks as author or byline (trafilatura's places for it and test
    ids), comments and longer texts such as an author's biography left out.

    Each text piece of an element is read apart ("|"-joined), so that a date or reading time beside the
    name is a part of its own. A page marking more than two different bylines lists teasers of other
    articles beside its own: then only the first byline after the headline (the first h1) counts, and when
    that is an agency's code alone ("AFP") the byline is empty: the article names no person. The parts
    trafilatura leaves out of its search are skipped in place rather than pruned from a copy.
    """
    candidates = [
        element
        for element in _BYLINE_CANDIDATES(tree)
        if element.tag == "author" or _BYLINE_WORDS.search(" ".join(element.values()))
    ]
    for places in _BYLINE_PLACES:
        bylines: dict[tuple[str, ...], tuple[str, HtmlElement]] = {}
        agencies: list[tuple[str, HtmlElement]] = []
        for element in filter(places, candidates):
            if not _in_the_article(element):
                continue
            byline = " | ".join(piece.strip() for piece in element.itertext() if piece.strip())
            readable = len(byline) <= _MAX_BYLINE_CHARS and not _in_teaser_card(element)
            people = tuple(_people(byline, set(), strict=True)) if readable else ()
            if people and people not in bylines:
                bylines[people] = (byline, element)
            elif readable and _AGENCY_CODE.match(byline):
                agencies.append(("", element))
        if len(bylines) > _MAX_MARKED_BYLINES:  # the article's own may be an agency's: then it names nobody
            after = _first_after_headline(tree, [*bylines.values(), *agencies])
            if after is not None:
                return after
            continue  # all teasers before the headline: the article's own byline is marked another way
        if bylines:
            found = list(bylines.values())
            return " | ".join(byline for byline, _ in found) if _coauthors(found) else found[0][0]
    return None


def _coauthors(found: list[tuple[str, HtmlElement]]) -> bool:
    """Whether two marked bylines are one line's co-authors, side by side with at most a joining word between
    ("Par <span>Jeanne Favre</span> et <span>Nicolas Rey</span>"), not two articles' bylines."""
    if len(found) != _MAX_MARKED_BYLINES:
        return False
    (_, first), (_, second) = found
    between = (first.tail or "").strip().casefold()
    return first.getnext() is second and (not between or bool(_NAME_JOINS.fullmatch(f" {between} ")))


def _in_the_article(element: HtmlElement) -> bool:
    """Whether an element is outside the parts of the page whose bylines are not the article's."""
    for part in (element, *element.iterancestors()):
        kind, name = part.get("class", ""), part.get("id", "")
        if part.tag in _LEFT_OUT_TAGS or "Figure" in part.get("data-component", ""):
            return False
        if _OTHER_CONTENT.search(kind) or _OTHER_CONTENT.search(name):
            return False
        if part.tag in _SECTION_TAGS and (
            kind in ("title", "date") or _LEFT_OUT_CLASS.search(kind) or _LEFT_OUT_ID.search(name)
        ):
            return False
    return True


def _in_teaser_card(element: HtmlElement) -> bool:
    """Whether an element sits in a link that also holds a heading: a teaser card of another article."""
    return any(_HEADING_IN_LINK(link) for link in element.iterancestors("a"))


def _first_after_headline(page: HtmlElement, bylines: list[tuple[str, HtmlElement]]) -> str | None:
    """The first of the bylines whose element follows the page's first h1, if it has one."""
    headline = next(page.iter("h1"), None)
    if headline is None:
        return None
    order = {element: index for index, element in enumerate(page.iter())}
    after = [(order[element], byline) for byline, element in bylines if order[element] > order[headline]]
    return min(after)[1] if after else None


def _split_at_entity(reading: str) -> bool:
    """Whether a byline reading was cut at an entity's ";" ("Redacci; Oacute; N Diario"): an entity's name
    between two parts, in the mixed case trafilatura gives it, not a wire credit such as "Jane Doe; AP"."""
    parts = reading.split(_AUTHOR_SEPARATOR)
    return any(f"{part.casefold()};" in html5 and not part.isupper() for part in parts[1:-1])


def _text_bylines(text: str) -> Iterator[str]:
    """The byline lines opening or closing the article text ("Von Cosima Künzel", "Por Agencia EFE"), then a
    credit closing it: a wire credit's reporters ("(Reporting by Jane Doe in Paris; Editing by Max Poe)", also
    without brackets, in either of the last two lines, as a page may close on a link after it), or a name in
    brackets."""
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    ends = lines if len(lines) <= 2 * _TEXT_BYLINE_LINES else lines[:_TEXT_BYLINE_LINES] + lines[-_TEXT_BYLINE_LINES:]
    for line in ends:
        if _BYLINE_OPENING.match(line) and len(line.split()) <= _TEXT_BYLINE_WORDS:
            yield line
    if reporters := next(filter(None, map(_credit_reporters, reversed(lines[-_CREDIT_LINES:]))), None):
        yield reporters
    elif lines and (closing := _CLOSING_CREDIT.search(lines[-1])):
        yield closing[1]


def text_author(text: str) -> str | None:
    """The reporters a plain text's closing wire credit names (also wrapped over its last two lines), as the author
    field writes them; a line opening with "by" in plain text is as often a wrapped sentence ("by Federal Home Loan
    Mortgage Corp ...")."""
    lines = text.rstrip().split("\n")
    last = lines[-1].strip()
    if (
        ")" in last and "(" not in last and len(lines) > 1
    ):  # wrapped at a fixed width: "...; Editing by Alison" / "Williams)"
        last = f"{lines[-2].strip()} {last}"
    reporters = _credit_reporters(last)
    people = _people(reporters, set(), strict=True) if reporters else []
    return _AUTHOR_SEPARATOR.join(people) or None


def _credit_reporters(line: str) -> str | None:
    """The reporters a wire story's closing credit names, without its editors or where each reported from ("(Reporting
    by Jane Doe in Paris and John Roe in Rome; Editing by Max Poe)" gives "Jane Doe, John Roe"); a country or US state
    named after one's place is taken for a second place (a city there, which only the split stage's index knows, is
    not)."""
    credit = _REPORTING_CREDIT.match(line) or _UNBRACKETED_CREDIT.match(line)
    if credit is None:
        return None
    reporters = _REPORTED_FROM.sub("", _MORE_REPORTING.sub(",", _OTHER_CREDITS.split(credit[1])[0]))
    # a second place of one reporter's ("Jane Doe in Washington and New York") is no reporter
    return ", ".join(part for part in _CREDIT_PARTS.split(reporters) if part and not country_or_state(part))


def byline_line_people(line: str) -> str | None:
    """The people a byline line standing alone names ("By Jane Doe", "BY REBECCA SANTANA Associated Press", "By Ana
    Ruiz and Tom Lee, Reuters", "By Helen Marsh, Science correspondent", "Door Pieter de Vries en Sanne Jansen"), as
    the author field writes them: a short line opening with "By" (or its word in another language) whose names are
    capitalised words of a name (lower-case only the particles of names, "de", "van"), a wire service or a role after
    them left out; None for any other line ("by Federal Home Loan Mortgage Corp." wrapped from a sentence above, "By
    Order Of The Court", "By Jane Doe in Kyiv")."""
    opened = _STANDING_BYLINE.match(line.strip())
    if opened is None:
        return None
    names = _FOR_OUTLET.sub("", _WIRE_AFTER_NAMES.sub("", opened["names"]))
    if opened["label"].casefold() == "door":
        names = _DUTCH_JOIN.sub(", ", names)
    named, comma, role = names.rpartition(",")
    if (
        comma
        and len(role.split()) <= _ROLE_AFTER_WORDS
        and role.split()[-1:]
        and role.split()[-1].casefold() in _ROLE_WORDS
    ):
        names = named  # the people's role after them ("By Helen Marsh, Science correspondent")
    words = [word for word in _NAME_JOINS.split(names) for word in word.split()]
    if not words or any(word.casefold() in _NOT_IN_NAMES or not (word[:1].isupper() or word in _NAME_PARTICLES)
                        for word in words):  # fmt: skip
        return None
    people = _people(names, set(), strict=True)
    return _AUTHOR_SEPARATOR.join(people) if people and all(len(person.split()) <= 4 for person in people) else None


def registrable_domain(url: str | None) -> str | None:
    """The domain a registrant holds under a public suffix ("bbc.co.uk" for "www.bbc.co.uk/news").

    `tld` reads the public suffix list bundled with it and fetches nothing while that file is there.
    """
    if not url:
        return None
    domain = get_fld(url, fail_silently=True, fix_protocol=not url.startswith(("http://", "https://")))
    return domain if isinstance(domain, str) else None


def json_ld_nodes(tree: HtmlElement) -> Iterator[dict[str, object]]:
    """Every object of the page's JSON-LD, however deeply graphs and lists nest it, also when the script hides
    it from old browsers in a CDATA section or a comment."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        text = script.text or ""
        if wrapped := _SCRIPT_WRAPPER.match(text):
            text = wrapped["json"]
        try:
            yield from _objects(json.loads(text, strict=False))
        except (ValueError, RecursionError):  # not JSON, or nested deeper than Python's recursion limit
            continue


def letters(text: str) -> str:
    """Compare names by their letters and digits only, so "ZDNet.de" matches the host "zdnet.de"."""
    return "".join(char for char in text.casefold() if char.isalnum())


def _objects(node: object) -> Iterator[dict[str, object]]:
    """The JSON objects within a parsed JSON value, outermost first."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from _objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from _objects(value)


def meta_values(tree: HtmlElement, names: tuple[str, ...]) -> Iterator[str]:
    """Contents of meta tags (and microdata elements) whose property (else name, else itemprop) is one of `names`
    (lower-case), in page order.

    A page's tags are read once, at the first call: its metadata is read once its tree is final, and a page was
    asked five times or more, each time reading all its elements."""
    metas = _METAS.get(tree)
    if metas is None:
        metas = _METAS[tree] = [
            (
                (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").lower(),
                meta.get("content") or "",
            )
            for meta in _META_TAGS(tree)
        ]
    return (content for label, content in metas if label in names)


def _meta_content(tree: HtmlElement, name: str) -> str | None:
    """The first non-empty content of a meta tag with this property (else name, else itemprop), spaces normalised."""
    return next((content for value in meta_values(tree, (name,)) if (content := " ".join(value.split()))), None)


def _outlet_name(candidate: str | None, title: str | None, domain: str | None) -> str | None:
    """A stated site name as an outlet's name: without the page title in it or a slogan after the name the domain
    spells ("BioBioChile - La Red de Prensa Más Grande de Chile"), never a handle, URL, copyright line, menu or
    page number ("Page 2 of 3", a `<title>` segment of a paginated article)."""
    if not candidate or candidate.startswith("@") or "://" in candidate or _COPYRIGHT.match(candidate):
        return None
    bounds = [0, *(edge for match in TITLE_SEPARATOR.finditer(candidate) for edge in match.span()), len(candidate)]
    parts = [candidate[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
    titled = letters(title or "")
    kept = [
        part for part in parts if (not titled or letters(part) != titled) and not _PAGINATION.fullmatch(part.strip())
    ]
    named = letters(candidate)
    if len(kept) >= _MENU_PARTS or not kept or (named in titled and len(named) > _TITLE_SHARE * len(titled)):
        return None
    if len(kept) == len(parts) == _NAME_AND_SLOGAN and domain and spells_domain(parts[0], domain):
        return parts[0] if _is_slogan(parts[1]) else candidate
    return candidate if len(kept) == len(parts) else " ".join(kept)


def _is_slogan(part: str) -> bool:
    """Whether a part of a site name is a phrase rather than a name: three words or more, one in lower case."""
    words = part.split()
    return len(words) >= _SLOGAN_WORDS and any(word[0].islower() for word in words)


def _resembles(name: str, domain: str) -> bool:
    """Whether a name and the domain's label contain one another ("SPIEGEL ONLINE" and spiegel.de, "Libération"
    and liberation.fr)."""
    named, label = without_accents(letters(name)), letters(domain.partition(".")[0])
    return bool(named) and (label in named or named in label)


def spells_domain(name: str, domain: str) -> bool:
    """Whether a site's name is what its domain's label spells, in any order and short of joining words: each part
    of the label is in the name ("Kasseler Morgenblatt" on morgenblatt-kassel.de), or each longer word of the
    name is in the label ("La Crónica de Levante" on cronicalevante.es, "Portal Bałtycki" on portalbaltycki.pl); German
    umlauts also as domains write them ("Dreiflüsse-Bote" on dreifluesse-bote.de)."""
    label = letters(domain.partition(".")[0])
    for form in _spellings(name):
        words = [word for word in (without_accents(letters(word)) for word in form.split()) if len(word) >= _NAME_WORD]
        if words and all(word in label for word in words):
            return True
    return spells_label(name, domain)


def spells_label(name: str, domain: str) -> bool:
    """Whether a name holds each part of its domain's label ("Die Tagespost" on die-tagespost.de, "NOS" on nos.nl),
    German umlauts also as domains write them ("Dreiflüsse-Bote" on dreifluesse-bote.de)."""
    parts = [letters(part) for part in domain.partition(".")[0].split("-") if letters(part)]
    named = [without_accents(letters(form)) for form in _spellings(name)]
    return bool(parts) and any(all(part in form for part in parts) for form in named)


def _spellings(name: str) -> set[str]:
    """A name in lower case, and with its German umlauts as domains write them ("ü" as "ue")."""
    return {name.casefold(), name.casefold().translate(_UMLAUT_SPELLINGS)}


def _publisher_name(node: dict[str, object], by_id: dict[str, dict[str, object]]) -> str | None:
    """The name of the publisher a JSON-LD object states, also where it refers to another object of the page's
    graph by its `@id` (`"publisher": {"@id": "https://example.de/#organization"}`)."""
    publisher = node.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    if isinstance(publisher, dict) and "name" not in publisher and isinstance(reference := publisher.get("@id"), str):
        publisher = by_id.get(reference, publisher)
    name = publisher.get("name") if isinstance(publisher, dict) else publisher
    return " ".join(name.split()) or None if isinstance(name, str) else None


def json_ld_people(nodes: list[dict[str, object]]) -> list[str]:
    """The names of the persons JSON-LD states as authors, in order and each once."""
    people: list[str] = []
    for node in nodes:
        authors = node.get("author")
        for author in authors if isinstance(authors, list) else [authors]:
            name = author.get("name") if isinstance(author, dict) and _is_person(author) else None
            name = " ".join(unescape(name).split()) if isinstance(name, str) else ""
            if name and name not in people:
                people.append(name)
    return people


def _is_person(node: dict[str, object]) -> bool:
    """Whether a JSON-LD author is a person: typed as one, or untyped (organisations are typed)."""
    kind = node.get("@type")
    kinds = set(kind) if isinstance(kind, list) else {kind}
    return "Person" in kinds or kind is None
