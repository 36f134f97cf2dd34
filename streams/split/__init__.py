"""The split stage: a cleaned document becomes its articles (lead, related items, live-blog entries, run-ons)."""

from streams.split.stage import split

__all__ = ["split"]
