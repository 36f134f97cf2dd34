"""Who published a page and who wrote it: its outlet, publisher, registrable domain and authors.

Pages state these in several places of uneven worth. `og:site_name` is the outlet's own name for
itself, but some sites fill it with a section ("Política"), a social handle or the page title; the
JSON-LD `publisher` names the company, often with its legal form ("TAZ Verlags- und Vertriebs GmbH"),
so it is kept apart as the publisher and stands in for the outlet only where no usable site name is
stated, or where the site name is unlike the domain while the publisher is like it (Reuters' pages
give their section, "U.S.", as site name).

Trafilatura's author field mixes the publisher into the people ("Condé Nast; Molly Wood"): the JSON-LD
authors typed as persons are taken first (tidied as trafilatura tidies bylines: "By ...", several
names in one), then the author meta tags, then the byline in the markup (trafilatura's search, costly
as it copies the page, so only when nothing before named anyone). Names of the outlet or publisher,
and placeholders such as WordPress' "admin", are dropped from each.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html import unescape
from typing import NamedTuple

from lxml.html import HtmlElement
from tld import get_fld
from trafilatura.json_metadata import normalize_authors
from trafilatura.metadata import extract_author

# What sites put between a headline and their name in page titles: "Headline | Site", "Site - Headline".
TITLE_SEPARATOR = re.compile(r"\s+(?:[|\-\u2013\u2014:\u00b7/]{1,2})\s+")
# A stated site name of this many separated parts is a menu of sections ("Autoracing | F1 | Indy").
_MENU_PARTS = 3
# A stated site name that the title contains and that makes up more than this share of it is the headline.
_TITLE_SHARE = 0.5
# A copyright line ("© SPOX 2022", "Copyright 2014") is no site name.
_COPYRIGHT = re.compile(r"\s*(?:©|\(c\)|copyright\b)", re.I)
_AUTHOR_SEPARATOR = "; "
# What content systems put in the author field when nobody was named (WordPress' "admin" user), as `letters` gives it.
_PLACEHOLDER_AUTHORS = frozenset({"", "admin", "administrator", "noauthor", "null", "none", "unknown", "anonymous"})


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
    tree: HtmlElement, url: str | None, title: str | None, stated_site: str | None, stated_author: str | None
) -> Provenance:
    """The outlet, publisher, domain and people of a page, from its meta tags, JSON-LD and URL."""
    nodes = list(json_ld_nodes(tree))
    publisher = next(filter(None, map(_publisher_name, nodes)), None)
    domain = registrable_domain(url)
    candidates = [_meta_content(tree, "og:site_name"), publisher, _meta_content(tree, "application-name"), stated_site]
    if domain and publisher and _resembles(publisher, domain) and not _resembles(candidates[0] or "", domain):
        candidates.pop(0)
    outlet = next((name for name in (_outlet_name(c, title) for c in candidates) if name), None)
    origin = Provenance(outlet, publisher, domain, None)
    not_people = origin.names() | {letters(stated_site or "")} | _PLACEHOLDER_AUTHORS
    for byline in _bylines(tree, nodes, stated_author):
        people = [name for name in (byline or "").split(_AUTHOR_SEPARATOR) if letters(name) not in not_people]
        if people:
            return origin._replace(author=_AUTHOR_SEPARATOR.join(people))
    return origin


def _bylines(tree: HtmlElement, nodes: list[dict[str, object]], stated_author: str | None) -> Iterator[str | None]:
    """The page's bylines from the best source to the costliest: JSON-LD persons, meta tags, the markup."""
    named: str | None = None
    for person in _json_ld_people(nodes):
        named = normalize_authors(named, person)
    yield named
    yield stated_author
    yield extract_author(tree)


def registrable_domain(url: str | None) -> str | None:
    """The domain a registrant holds under a public suffix ("bbc.co.uk" for "www.bbc.co.uk/news").

    `tld` reads the public suffix list bundled with it and fetches nothing while that file is there.
    """
    if not url:
        return None
    domain = get_fld(url, fail_silently=True, fix_protocol=not url.startswith(("http://", "https://")))
    return domain if isinstance(domain, str) else None


def json_ld_nodes(tree: HtmlElement) -> Iterator[dict[str, object]]:
    """Every object of the page's JSON-LD, however deeply graphs and lists nest it."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            yield from _objects(json.loads(script.text or "", strict=False))
        except ValueError:
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


def _meta_content(tree: HtmlElement, name: str) -> str | None:
    """The content of the first meta tag with this property or name."""
    for meta in tree.iterfind(".//meta"):
        if name in (meta.get("property"), meta.get("name")):
            content = " ".join((meta.get("content") or "").split())
            return content or None
    return None


def _outlet_name(candidate: str | None, title: str | None) -> str | None:
    """A stated site name as an outlet's name: without the page title in it, never a handle, URL, copyright
    line or menu."""
    if not candidate or candidate.startswith("@") or "://" in candidate or _COPYRIGHT.match(candidate):
        return None
    bounds = [0, *(edge for match in TITLE_SEPARATOR.finditer(candidate) for edge in match.span()), len(candidate)]
    parts = [candidate[bounds[i] : bounds[i + 1]] for i in range(0, len(bounds), 2)]
    titled = letters(title or "")
    kept = [part for part in parts if not titled or letters(part) != titled]
    named = letters(candidate)
    if len(kept) >= _MENU_PARTS or not kept or (named in titled and len(named) > _TITLE_SHARE * len(titled)):
        return None
    return candidate if len(kept) == len(parts) else " ".join(kept)


def _resembles(name: str, domain: str) -> bool:
    """Whether a name and the domain's label contain one another ("SPIEGEL ONLINE" and spiegel.de)."""
    named, label = letters(name), letters(domain.partition(".")[0])
    return bool(named) and (label in named or named in label)


def _publisher_name(node: dict[str, object]) -> str | None:
    """The name of the publisher a JSON-LD object states."""
    publisher = node.get("publisher")
    if isinstance(publisher, list):
        publisher = publisher[0] if publisher else None
    name = publisher.get("name") if isinstance(publisher, dict) else publisher
    return " ".join(name.split()) or None if isinstance(name, str) else None


def _json_ld_people(nodes: list[dict[str, object]]) -> list[str]:
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
