"""When an article was published, and how precisely that is known, from what the earlier stages found."""

from __future__ import annotations

from datetime import UTC, datetime

from streams.records import Article, Dateline, PublishedPrecision

_DAY = 86400
_HOUR = 3600
_MINUTE = 60


def published(article: Article, dateline: Dateline | None) -> tuple[str | None, PublishedPrecision | None]:
    """The article's time and its precision: its own stamp, else the dateline's day, else nothing."""
    stamp = article["published_at"]
    if stamp:
        if article["kind"] == "related" and "T" in stamp:  # a date written as such ("Dec 3, 2026") is a day
            return stamp, _age_precision(article["crawled_at"], stamp)
        return stamp, _stamp_precision(stamp)
    day = dateline["date"] if dateline else None
    if day and len(day) == len("YYYY-MM-DD"):
        return day, "day"
    return None, None


def _parse(stamp: str) -> datetime | None:
    """An ISO 8601 time, in UTC when it names no zone."""
    try:
        moment = datetime.fromisoformat(stamp)
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _stamp_precision(stamp: str) -> PublishedPrecision | None:
    """A page's own stamp is as precise as it is written: a bare date is a day, a clock time a minute or second."""
    moment = _parse(stamp)
    if moment is None:
        return None
    if "T" not in stamp and " " not in stamp.strip():
        return "day"
    return "second" if moment.second or moment.microsecond else "minute"


def _age_precision(crawled_at: str, stamp: str) -> PublishedPrecision | None:
    """A related item is dated by an age such as `3 hours ago`, so it is only as precise as the age's unit."""
    crawled, moment = _parse(crawled_at), _parse(stamp)
    if crawled is None or moment is None:
        return None
    seconds = round((crawled - moment).total_seconds())
    if seconds and seconds % _DAY == 0:
        return "day"
    if seconds and seconds % _HOUR == 0:
        return "hour"
    return "minute" if seconds % _MINUTE == 0 else "second"
