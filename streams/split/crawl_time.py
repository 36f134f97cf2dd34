"""When a page was crawled, if its producer did not say: no earlier than the page's own latest stamp.

Without a `crawled-at` header the only other clock is when the file reached `news.raw`, which may be
months after the crawl (a file dropped from an archive). Every absolute time the page states (its
publication and modification stamps, live-blog entry times, datelines that give a year, related items' days)
happened before the crawl, so the latest of them is the nearest known crawl time; relative ages ("9 minutes
ago") and datelines without a year then resolve against it instead of against the drop.
"""

from __future__ import annotations

import re
from datetime import datetime

from streams.ingest import parse_time
from streams.records import Document
from streams.split.item_age import stated_day
from streams.split.liveblog import stamp_times
from streams.text.dateline import DATELINE_CHARS, parse_dateline

_FULL_DAY = len("YYYY-MM-DD")
_OUTLET_ECHO = ("-", "–", "—")
"""How the line under an item's age starts: "- Outlet"."""
_YEAR = re.compile(r"\b\d{4}\b")
"""Only a dateline that gives its year is an absolute stamp: lines without a year are not tried."""


def with_page_crawl_time(doc: Document) -> Document:
    """The document with its crawl time set to the page's latest stamp, when only the ingest time was known."""
    if doc.get("crawled_at_source", "header") != "ingest":
        return doc
    ingested = parse_time(doc["crawled_at"])
    latest = _latest_stamp(doc, ingested) if ingested else None
    if latest is None:
        return doc
    return Document(**{**doc, "crawled_at": latest.isoformat(), "crawled_at_source": "page"})


def _latest_stamp(doc: Document, ingested: datetime) -> datetime | None:
    """The latest absolute time the page states before the ingest time (a later one is a misread or a typo): its
    publication and modification, its live-blog posts, stamps, datelines with a year and related items' days (a date
    over an item's "- outlet" line) in its text."""
    posted = [post["published_at"] for post in doc.get("posts", [])]
    stamps = [doc["published_at"], doc.get("modified_at"), *posted, *stamp_times(doc["text"])]
    lines = doc["text"].split("\n")
    for line, after in zip(lines, [*lines[1:], ""], strict=True):
        opening = line[:DATELINE_CHARS]
        dateline = parse_dateline(opening, None) if _YEAR.search(opening) else None
        if dateline and dateline["date"] and len(dateline["date"]) == _FULL_DAY:
            stamps.append(dateline["date"])
        elif after.startswith(_OUTLET_ECHO) and (day := stated_day(line)) is not None:
            stamps.append(day.isoformat())
    moments = [moment for stamp in stamps if stamp and (moment := parse_time(stamp))]
    return max((moment for moment in moments if moment < ingested), default=None)
