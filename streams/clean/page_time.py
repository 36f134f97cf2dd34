"""When a page says its article was published and last modified, to the second where the page states it.

The page's own structured stamps come first, in this order: JSON-LD (`datePublished`, `dateModified`),
meta tags (OpenGraph `article:published_time`, microdata `itemprop`) and `<time>` elements marked as the
publication time. They carry the time of day and zone as the publisher wrote them. htmldate is the
fallback for the publication day: asked for a full timestamp it gives midnight without a zone when it
found only a day, which is kept as a day, and on some paths drops the time of a stamp it did read.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime

from htmldate import find_date
from lxml.html import HtmlElement

from streams.ingest import parse_time

_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_DAY_ONLY = "T00:00:00"
"""What htmldate writes after a date it found without a time of day (a stated time would carry a zone)."""
_DAY_CHARS = len("YYYY-MM-DD")
_PUBLISHED_META = ("article:published_time", "og:article:published_time", "datepublished", "pubdate")
_MODIFIED_META = ("article:modified_time", "og:article:modified_time", "og:updated_time", "datemodified")
_PUBLISHED_TIME = "//time[@datetime][@itemprop='datePublished' or @pubdate]"
_MODIFIED_TIME = "//time[@datetime][@itemprop='dateModified']"


def published_time(tree: HtmlElement, url: str | None) -> str | None:
    """The page's publication time as ISO 8601: a bare date when it states no time of day."""
    stated = _stated(tree, "datePublished", _PUBLISHED_META, _PUBLISHED_TIME)
    if stated:
        return stated
    found = find_date(tree, url=url, original_date=True, extensive_search=True, outputformat=_FORMAT)
    day = _iso(found.removesuffix(_DAY_ONLY)) if found else None
    return _clock_on(tree, day) if day and len(day) == _DAY_CHARS else day


def _clock_on(tree: HtmlElement, day: str) -> str:
    """The earliest unmarked `<time>` stamp on htmldate's day, which gives its time of day; else the day.

    Pages often put the publication stamp in a plain `<time datetime>`; comments and updates come later.
    """
    stamps = [stamp for value in _time_values(tree, "//time[@datetime]") if (stamp := _iso(value.strip()))]
    timed = [stamp for stamp in stamps if stamp.startswith(f"{day}T")]
    return min(timed, key=lambda stamp: parse_time(stamp) or datetime.max.replace(tzinfo=UTC), default=day)


def modified_time(tree: HtmlElement) -> str | None:
    """The page's last-modified time as ISO 8601, only where its metadata states one."""
    return _stated(tree, "dateModified", _MODIFIED_META, _MODIFIED_TIME)


def _stated(tree: HtmlElement, key: str, meta_names: tuple[str, ...], time_path: str) -> str | None:
    """The first readable stamp among the page's JSON-LD, meta tags and marked `<time>` elements."""
    for value in (*_json_ld_values(tree, key), *_meta_values(tree, meta_names), *_time_values(tree, time_path)):
        stamp = _iso(value.strip())
        if stamp:
            return stamp
    return None


def _json_ld_values(tree: HtmlElement, key: str) -> Iterator[str]:
    """Every string under `key` in the page's JSON-LD, in page order, however deeply the graph nests it."""
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            yield from _values_under(json.loads(script.text or "", strict=False), key)
        except ValueError:
            continue


def _values_under(node: object, key: str) -> Iterator[str]:
    """Strings stored under `key` anywhere in a JSON value, depth first."""
    if isinstance(node, dict):
        for name, value in node.items():
            if name == key and isinstance(value, str):
                yield value
            else:
                yield from _values_under(value, key)
    elif isinstance(node, list):
        for value in node:
            yield from _values_under(value, key)


def _meta_values(tree: HtmlElement, names: tuple[str, ...]) -> Iterator[str]:
    """Contents of meta tags (and microdata elements) whose property, name or itemprop is one of `names`."""
    for meta in tree.xpath("//meta[@content] | //*[@itemprop][@content]"):
        label = meta.get("property") or meta.get("name") or meta.get("itemprop") or ""
        if label.lower() in names:
            yield meta.get("content") or ""


def _time_values(tree: HtmlElement, path: str) -> Iterator[str]:
    """The datetime attributes of the `<time>` elements the path selects."""
    for element in tree.xpath(path):
        yield element.get("datetime") or ""


def _iso(value: str) -> str | None:
    """A stamp in ISO 8601 as the page gives it (its zone, or none), with a colon in the offset; None if unreadable."""
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        return None
    return moment.date().isoformat() if len(value) <= _DAY_CHARS else moment.isoformat()
