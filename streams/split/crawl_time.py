"""When a page was crawled, if its producer did not say: no earlier than the page's own latest stamp.

Without a `crawled-at` header the only other clock is when the file reached `news.raw`, which may be
months after the crawl (a file dropped from an archive). Every absolute time the page states (its
publication and modification stamps, live-blog entry times, datelines that give a year) happened
before the crawl, so the latest of them is the nearest known crawl time; relative ages ("9 minutes
ago") and datelines without a year then resolve against it instead of against the drop.
"""

from __future__ import annotations

from datetime import datetime

from streams.ingest import parse_time
from streams.records import Document
from streams.split.liveblog import stamp_times
from streams.text.dateline import parse_dateline

_FULL_DAY = len("YYYY-MM-DD")


def with_page_crawl_time(doc: Document) -> Document:
    """The document with its crawl time set to the page's latest stamp, when only the ingest time was known."""
    if doc.get("crawled_at_source", "header") != "ingest":
        return doc
    ingested = parse_time(doc["crawled_at"])
    latest = _latest_stamp(doc)
    if ingested is None or latest is None or latest >= ingested:
        return doc
    return Document(**{**doc, "crawled_at": latest.isoformat(), "crawled_at_source": "page"})


def _latest_stamp(doc: Document) -> datetime | None:
    """The latest absolute time the page states, wherever in its metadata or text."""
    stamps = [doc["published_at"], doc.get("modified_at"), *stamp_times(doc["text"])]
    for line in doc["text"].split("\n"):
        dateline = parse_dateline(line, None)
        if dateline and dateline["date"] and len(dateline["date"]) == _FULL_DAY:
            stamps.append(dateline["date"])
    moments = [moment for stamp in stamps if stamp and (moment := parse_time(stamp))]
    return max(moments, default=None)
